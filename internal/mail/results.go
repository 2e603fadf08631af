package mail

import "certibloc/internal/certif"

// ResultData fills the "result" mail (R10): a candidate's results of a
// national jury, sent when they are proclaimed.
type ResultData struct {
	Candidate string
	Jury      certif.Date
	Lines     []ResultLine
	SpaceLink string
	Obtained  []string // the CQPs obtained whole with these results ("CQP Gestionnaire conseil de la Sécurité sociale")
}

// ResultLine is one block decided.
type ResultLine struct {
	Qualification string // "CQP Gestionnaire conseil de la Sécurité sociale"
	Block         int
	Decision      string // French label
}

// ResultsSummaryData fills the "results_summary" mail: the employer's
// candidates decided by a national jury.
type ResultsSummaryData struct {
	Employer  string
	Jury      certif.Date
	Lines     []ResultSummaryLine
	Validated int
	SpaceLink string
}

// ResultSummaryLine is a candidate's block in the employer's summary.
type ResultSummaryLine struct {
	Candidate     string
	Qualification string
	Block         int
	Decision      string
}
