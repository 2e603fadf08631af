package store

import (
	"cmp"
	"database/sql"
	"maps"
	"slices"

	"certibloc/internal/certif"
)

// Results is what a proclamation publishes, as its mails are written from it.
type Results struct {
	JuryDay  certif.Date
	Decided  []NationalDecisionRow
	Parties  map[int64]SlotParty // by attempt: the candidate, the employer and its recipients
	Obtained []Obtained          // the CQPs these decisions complete
}

// ResultMails composes a proclamation's mails from its results; Proclaim
// queues them in its transaction.
type ResultMails func(Results) ([]Mail, error)

// Obtained is a CQP a candidate obtains whole at a proclamation.
type Obtained struct {
	CandidateID   int64
	Qualification string
}

// ObtainedBy lists the CQPs a candidate obtains whole with these results.
func (r Results) ObtainedBy(candidateID int64) []string {
	var quals []string
	for _, o := range r.Obtained {
		if o.CandidateID == candidateID {
			quals = append(quals, o.Qualification)
		}
	}
	return quals
}

// counted is a count by candidate and qualification.
type counted struct {
	Obtained
	n int
}

// qualificationsObtained lists the CQPs whose every block a candidate with
// a block validated by the national jury of juryDay holds with its results,
// and that no valid CQP certificate covers yet (R3: a CQP is obtained across
// national juries). The same on q before the proclamation (its validated
// attempts still evaluated, counted by their decision) as in its transaction
// (they carry their status). A fixed number of queries.
func qualificationsObtained(q querier, juryDay certif.Date, decided []NationalDecisionRow) ([]Obtained, error) {
	seen := map[Obtained]bool{}
	var candidates []int64
	for _, d := range decided {
		if o := (Obtained{d.CandidateID, d.Qualification}); d.Decision == certif.DecisionValidated && !seen[o] {
			seen[o] = true
			candidates = append(candidates, d.CandidateID)
		}
	}
	if len(seen) == 0 {
		return nil, nil
	}
	count := func(query string, args ...any) (map[Obtained]int, error) {
		rows, err := q(query, args...)
		list, err := collect(rows, err, func(r *sql.Rows) (counted, error) {
			var c counted
			return c, r.Scan(&c.CandidateID, &c.Qualification, &c.n)
		})
		out := map[Obtained]int{}
		for _, c := range list {
			out[c.Obtained] = c.n
		}
		return out, err
	}
	perQualification, err := count(`SELECT 0, qualification_code, COUNT(*) FROM blocks GROUP BY qualification_code`)
	if err != nil {
		return nil, err
	}
	validated, held := map[Obtained]int{}, map[Obtained]int{}
	err = chunks(uniqueIDs(candidates), func(part []int64) error {
		v, err := count(`SELECT a.candidate_id, a.qualification_code, COUNT(DISTINCT a.block_number) FROM block_attempts a
			WHERE (a.status = 'validated' OR a.status = 'evaluated' AND EXISTS (SELECT 1 FROM national_decisions d
				WHERE d.attempt_id = a.id AND d.jury_day = ? AND d.decision = 'validated'))
			AND a.candidate_id IN `+inList(len(part))+` GROUP BY a.candidate_id, a.qualification_code`, append([]any{juryDay}, anys(part)...)...)
		if err != nil {
			return err
		}
		h, err := count(`SELECT candidate_id, qualification_code, COUNT(*) FROM certificates
			WHERE kind = 'CQP' AND status = 'valid' AND candidate_id IN `+inList(len(part))+` GROUP BY candidate_id, qualification_code`, anys(part)...)
		maps.Copy(validated, v)
		maps.Copy(held, h)
		return err
	})
	if err != nil {
		return nil, err
	}
	var out []Obtained
	for o := range seen {
		if n := perQualification[Obtained{0, o.Qualification}]; n > 0 && validated[o] >= n && held[o] == 0 {
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b Obtained) int {
		return cmp.Or(cmp.Compare(a.CandidateID, b.CandidateID), cmp.Compare(a.Qualification, b.Qualification))
	})
	return out, nil
}
