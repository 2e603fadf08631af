package campaign

import (
	"context"
	"slices"

	"certibloc/internal/calendar"
	"certibloc/internal/intake"
	"certibloc/internal/store"
)

// LaunchReport says what a launch did, by employer code.
type LaunchReport struct {
	Sent      []string // employers sent their table now
	Already   []string // employers sent their table before: left as they were
	NoAddress []string // employers sent no mail for want of an HR address (the table is in their space)
}

// Launch starts a campaign for every employer it concerns (R5), in one
// action: each employer with registrations for the campaign's months gets its
// collection table, kept for its space and mailed to its HR addresses with the
// table attached, all in one transaction. Employers already sent their table
// are left as they were, so launching again only reaches the employers that
// registered candidates since. baseURL makes the link of the mails ("" for
// none).
func Launch(ctx context.Context, st *store.Store, by store.Caller, cp calendar.CollectionCampaign, baseURL string) (LaunchReport, error) {
	var rep LaunchReport
	tables, err := Tables(ctx, st, cp, "")
	if err != nil {
		return rep, err
	}
	var out []store.CollectionTable
	for _, t := range tables {
		content, err := intake.CollectionTableXLSX(t.Table)
		if err != nil {
			return rep, err
		}
		m, err := tableMail(cp, t, content, baseURL)
		if err != nil {
			return rep, err
		}
		out = append(out, store.CollectionTable{EmployerID: t.Employer.ID, Filename: Filename(cp.Name, t.Employer.Code), Content: content,
			Rows: len(t.Table.Lines), Mail: m})
	}
	sent, err := st.LaunchCollection(ctx, by, cp.Name, out)
	if err != nil {
		return rep, err
	}
	for _, t := range tables {
		switch {
		case !slices.Contains(sent, t.Employer.ID):
			rep.Already = append(rep.Already, t.Employer.Code)
		case len(t.Employer.HREmails) == 0:
			rep.Sent = append(rep.Sent, t.Employer.Code)
			rep.NoAddress = append(rep.NoAddress, t.Employer.Code)
		default:
			rep.Sent = append(rep.Sent, t.Employer.Code)
		}
	}
	return rep, nil
}
