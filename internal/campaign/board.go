package campaign

import (
	"context"
	"slices"
	"strings"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// Board is where every employer concerned stands in a campaign (R5): the
// office's and the certifier's view.
type Board struct {
	Campaign calendar.CollectionCampaign
	Today    certif.Date
	Rows     []BoardRow
	Counts   []StatusCount // per status, in the order of certif.CollectionStatuses
	ToSend   int           // employers concerned whose table was not sent yet
}

// BoardRow is an employer in a campaign.
type BoardRow struct {
	certif.CollectionReturn
	Status     certif.CollectionStatus `json:"status"`
	Candidates int                     `json:"candidates"`   // registrations the campaign concerns today
	Blocked    bool                    `json:"jury_blocked"` // R5: jury non organisable
}

// StatusCount is the number of employers in a status.
type StatusCount struct {
	Status certif.CollectionStatus
	Count  int
}

// BuildBoard lists the employers of a campaign on day today: those sent a
// table (or that returned one, or declared "néant"), and those concerned by
// registrations but not sent a table yet; by employer code.
func BuildBoard(ctx context.Context, st *store.Store, cp calendar.CollectionCampaign, today certif.Date) (Board, error) {
	b := Board{Campaign: cp, Today: today}
	returns, err := st.CollectionReturns(ctx, cp, store.All)
	if err != nil {
		return b, err
	}
	regs, err := st.CollectionRegistrations(ctx, cp, "")
	if err != nil {
		return b, err
	}
	count := map[string]int{}
	for _, r := range regs {
		count[r.EmployerCode]++
	}
	for _, r := range returns {
		b.Rows = append(b.Rows, boardRow(r, count[r.EmployerCode], today))
		delete(count, r.EmployerCode)
	}
	if len(count) > 0 {
		employers, err := st.Employers(ctx)
		if err != nil {
			return b, err
		}
		for _, e := range employers {
			if n := count[e.Code]; n > 0 {
				r := certif.CollectionReturn{Campaign: cp.Name, Deadline: cp.Deadline, ExamMonths: cp.ExamMonths, EmployerID: e.ID, EmployerCode: e.Code, EmployerName: e.Name}
				b.Rows = append(b.Rows, boardRow(r, n, today))
			}
		}
	}
	slices.SortFunc(b.Rows, func(x, y BoardRow) int { return strings.Compare(x.EmployerCode, y.EmployerCode) })
	for _, s := range certif.CollectionStatuses {
		n := 0
		for _, r := range b.Rows {
			if r.Status == s {
				n++
			}
		}
		b.Counts = append(b.Counts, StatusCount{s, n})
		if s == certif.CollectionNotSent {
			b.ToSend = n
		}
	}
	return b, nil
}

func boardRow(r certif.CollectionReturn, candidates int, today certif.Date) BoardRow {
	return BoardRow{CollectionReturn: r, Status: r.Status(today), Candidates: candidates, Blocked: r.Blocked(today)}
}

// Count returns the number of employers in a status.
func (b Board) Count(s certif.CollectionStatus) int {
	for _, c := range b.Counts {
		if c.Status == s {
			return c.Count
		}
	}
	return 0
}

// EmployerRow is where one employer stands in a campaign (its own page).
func EmployerRow(ctx context.Context, st *store.Store, cp calendar.CollectionCampaign, e certif.Employer, today certif.Date) (BoardRow, error) {
	r, err := st.CollectionReturnOf(ctx, cp, e)
	if err != nil {
		return BoardRow{}, err
	}
	regs, err := st.CollectionRegistrations(ctx, cp, e.Code)
	return boardRow(r, len(regs), today), err
}
