package minutes

import (
	"context"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// Archive draws up the minutes of the national jury of juryDay from the
// store, signs them and has the store keep them, as the certifier by does
// (store.SignNationalMinutes): everything is read, rendered and signed
// outside any transaction, then one short transaction checks that the
// decisions and the composition did not move meanwhile and keeps the signed
// PDF. The web page and the demo both sign through it.
func Archive(ctx context.Context, st *store.Store, signer *Signer, by store.Caller, juryDay certif.Date) (store.SignedMinutes, error) {
	draft, err := st.NationalMinutesDraft(ctx, juryDay)
	if err != nil {
		return store.SignedMinutes{}, err
	}
	if err := certif.CheckMinutes(juryDay, len(draft.Decisions), draft.Seats); err != nil {
		return store.SignedMinutes{}, err
	}
	m, err := compose(ctx, st, draft)
	if err != nil {
		return store.SignedMinutes{}, err
	}
	m.At = st.Now()
	doc, err := Render(m)
	if err != nil {
		return store.SignedMinutes{}, err
	}
	signed, err := signer.Sign(doc, m.Title(), m.At)
	if err != nil {
		return store.SignedMinutes{}, err
	}
	return st.SignNationalMinutes(ctx, by, juryDay, draft.Digest, signed)
}

// compose turns a jury's draft into its minutes: the CQPs' and blocks'
// official titles, the employers' names, the jury's hours.
func compose(ctx context.Context, st *store.Store, d store.MinutesDraft) (Minutes, error) {
	m := Minutes{JuryDay: d.JuryDay, Seats: d.Seats, Lines: make([]Line, len(d.Decisions))}
	cal, err := st.Calendar(ctx)
	if err != nil {
		return m, err
	}
	for _, j := range cal.Juries(d.JuryDay.Year()) {
		if j.Date == d.JuryDay {
			m.Start, m.End = j.Start, j.End
		}
	}
	quals, err := st.Qualifications(ctx, false)
	if err != nil {
		return m, err
	}
	qual := map[string]certif.Qualification{}
	for _, q := range quals {
		qual[q.Code] = q
	}
	employers, err := st.Employers(ctx)
	if err != nil {
		return m, err
	}
	employer := map[string]string{}
	for _, e := range employers {
		employer[e.Code] = e.Name
	}
	for i, x := range d.Decisions {
		q := qual[x.Qualification]
		l := Line{Qualification: q.Title, Employer: employer[x.EmployerCode], Candidate: x.CandidateName, Block: x.Block,
			Proposal: x.Proposal, Decision: x.Decision, Reason: x.Reason}
		if l.Qualification == "" {
			l.Qualification = x.Qualification
		}
		if l.Employer == "" {
			l.Employer = x.EmployerCode
		}
		if b, ok := q.Block(x.Block); ok {
			l.BlockTitle = b.ShownTitle()
		}
		m.Lines[i] = l
	}
	return m, nil
}
