package mail

import "certibloc/internal/certif"

// ResultData fills the "result" mail (R10): a candidate's results of a
// national jury, sent when they are proclaimed.
type ResultData struct {
	Candidate     string
	Jury          certif.Date
	Lines         []ResultLine
	SpaceLink     string
	Qualification string // "" unless the whole CQP is obtained with these results
}

// ResultLine is one block decided.
type ResultLine struct {
	Qualification string
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
