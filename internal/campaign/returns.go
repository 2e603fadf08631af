package campaign

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/intake"
	"certibloc/internal/store"
)

// Report is the outcome of a returned table, as the preview page and
// `certibloc recueil import --format json` show it.
type Report struct {
	store.CollectionReport
	Filename    string   `json:"file"`
	Warnings    []string `json:"warnings"`
	Lines       []Line   `json:"rows"`
	FileRefused bool     `json:"file_refused"`
	Message     string   `json:"message,omitempty"` // why the file is refused, in French
}

// Line is one row of a returned table: what it changes, or its errors, each
// naming the row and the column.
type Line struct {
	Line           int      `json:"line"`
	RegistrationID int64    `json:"registration_id"`
	Candidate      string   `json:"candidate"`
	Qualification  string   `json:"qualification,omitempty"`
	Changes        []string `json:"changes"`
	Errors         []string `json:"errors"`
}

// Return reads a returned collection table and applies it for an employer,
// all or nothing (store.ReturnCollection); with commit false it only reports
// what would change. The campaign is the one the file names when cp is nil,
// and a file of another campaign is refused otherwise. A blank opening hour
// is taken from the site the row names (R18). A refused file gives an
// EInvalid error and a report naming each row and column in error.
func Return(ctx context.Context, st *store.Store, by store.Caller, cp *calendar.CollectionCampaign, employerCode, filename string, data []byte, commit bool, uploadID int64) (Report, error) {
	rep := Report{Filename: filename}
	sheet, err := intake.ReadCollectionTable(filename, data)
	if err != nil {
		return rep.refuse(err)
	}
	rep.Warnings = sheet.Warnings
	if len(sheet.Rows) == 0 {
		return rep.refuse(certif.Errorf(certif.EInvalid, "Le tableau ne contient aucune ligne : si vous ne présentez personne dans la campagne, déclarez « néant »."))
	}
	if cp == nil {
		c, err := st.Campaign(ctx, sheet.Rows[0].Collection.Campaign)
		if err != nil {
			return rep.refuse(certif.Errorf(certif.EInvalid, "Campagne du tableau inconnue (colonne « Campagne », ligne %d) : indiquez la campagne.", sheet.Rows[0].Line))
		}
		cp = &c
	}
	sites, err := employerSites(ctx, st, employerCode)
	if err != nil {
		return rep, err
	}
	entries, unread := entriesOf(sheet, cp.Name, sites)
	stored, err := st.ReturnCollection(ctx, by, *cp, employerCode, entries, commit && len(unread) == 0, store.ReturnedFile{Name: filename, Content: data, UploadID: uploadID})
	rep.CollectionReport = stored
	rep.Lines = lines(stored, unread)
	if err != nil && certif.ErrorCode(err) != certif.EInvalid {
		return rep, err
	}
	if err != nil || len(unread) > 0 {
		rep.CollectionReport.Refused += len(unread)
		return rep.refuse(certif.Refused("Tableau", rep.CollectionReport.Refused))
	}
	return rep, nil
}

// refuse marks the report refused with the French message of err.
func (rep Report) refuse(err error) (Report, error) {
	rep.FileRefused, rep.Message = true, certif.ErrorMessage(err)
	return rep, err
}

// employerSites returns the sites of an employer, by folded name.
func employerSites(ctx context.Context, st *store.Store, code string) (map[string]store.EmployerSite, error) {
	e, err := st.EmployerByCode(ctx, code)
	if err != nil {
		return nil, err
	}
	list, err := st.EmployerSites(ctx, e.ID)
	out := map[string]store.EmployerSite{}
	for _, s := range list {
		out[certif.SearchKey(s.Name)] = s
	}
	return out, err
}

// entriesOf keeps the rows that could be read as entries, with the hours of
// their site where a cell is blank, and returns the others as refused lines.
func entriesOf(sheet *intake.Sheet, campaign certif.Month, sites map[string]store.EmployerSite) ([]certif.CollectionEntry, []Line) {
	var entries []certif.CollectionEntry
	var unread []Line
	for _, row := range sheet.Rows {
		e := row.Collection.Entry
		errs := row.Errors
		switch {
		case e.RegistrationID == 0 && !slices.ContainsFunc(errs, func(c intake.CellError) bool { return c.Column == column("registration_id") }):
			errs = append(errs, intake.CellError{Column: column("registration_id"), Message: "numéro d'inscription manquant : un candidat s'ajoute en l'inscrivant sur la plateforme, puis en téléchargeant de nouveau le tableau"})
		case row.Collection.Campaign != campaign:
			errs = append(errs, intake.CellError{Column: column("campaign"), Message: fmt.Sprintf("ligne de la campagne %s, alors que le tableau déposé est celui de la campagne %s", row.Collection.Campaign, campaign)})
		}
		if len(errs) > 0 {
			row.Errors = errs
			unread = append(unread, Line{Line: row.Line, RegistrationID: e.RegistrationID, Errors: row.Messages()})
			continue
		}
		if site, ok := sites[certif.SearchKey(e.Site)]; ok {
			e.ReceptionHours = orElse(e.ReceptionHours, site.ReceptionHours)
			e.PhoneHours = orElse(e.PhoneHours, site.PhoneHours)
		}
		entries = append(entries, e)
	}
	return entries, unread
}

// orElse returns v, or fallback when v is blank.
func orElse(v, fallback string) string {
	if strings.TrimSpace(v) == "" {
		return fallback
	}
	return v
}

// column names the column of a field of the collection table.
func column(field string) string { return intake.CollectionColumnForField(field) }

// lines merges the rows that could not be read with the store's results,
// naming the column of each error ("Ligne 4, colonne « Blocs à évaluer » : …").
func lines(rep store.CollectionReport, unread []Line) []Line {
	out := append([]Line(nil), unread...)
	for _, res := range rep.Results {
		l := Line{Line: res.Line, RegistrationID: res.RegistrationID, Candidate: res.Candidate, Qualification: res.Qualification, Changes: res.Changes}
		for field, msg := range res.Fields {
			l.Errors = append(l.Errors, intake.CellError{Column: column(field), Message: strings.TrimRight(msg, ". ")}.Text(res.Line))
		}
		sort.Strings(l.Errors)
		if l.Errors != nil {
			l.Changes = nil
		}
		out = append(out, l)
	}
	for i := range out {
		if out[i].Changes == nil {
			out[i].Changes = []string{}
		}
		if out[i].Errors == nil {
			out[i].Errors = []string{}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}
