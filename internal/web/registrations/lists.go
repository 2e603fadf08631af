package registrations

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/intake"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type registrationsData struct {
	Rows           []store.RegistrationRow
	Pager          kit.Pager
	Filter         store.RegistrationFilter
	PeriodText     string
	Qualifications []certif.Qualification
	Branches       []certif.Branch
	Employers      []certif.Employer
	Statuses       []certif.AttemptStatus
	Contracts      []certif.Contract
	AllScope       bool
	ExportXLSX     string // the whole view (every page), same filters
	ExportCSV      string
}

// registrationFilter reads the list filters from the query string.
func registrationFilter(r *http.Request) (store.RegistrationFilter, error) {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	f := store.RegistrationFilter{Scope: kit.Scope(r), Qualification: q.Get("cqp"), Branch: q.Get("branche"), Status: certif.AttemptStatus(q.Get("statut")),
		Contract: certif.Contract(q.Get("contrat")), Disability: q.Get("handicap"), Search: q.Get("q"), Sort: q.Get("tri"),
		Deleted: q.Get("supprimees") == "oui", Page: page, PerPage: kit.PerPage}
	if f.Scope == store.All {
		f.Employer = q.Get("employeur")
	}
	if raw := strings.TrimSpace(q.Get("periode")); raw != "" {
		m, err := certif.ParseMonth(raw)
		if err != nil {
			return f, &certif.Error{Code: certif.EInvalid, Message: "Période invalide.", Fields: map[string]string{"periode": "Période : format AAAA-MM attendu."}}
		}
		f.Period = m
	}
	return f, nil
}

// registrationsPage lists registrations with filters, and exports the current
// view (every page of it) to XLSX or CSV.
func (s *Area) registrationsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	f, ferr := registrationFilter(r)
	d := registrationsData{Filter: f, PeriodText: r.URL.Query().Get("periode"), Statuses: certif.AttemptStatuses, Contracts: certif.Contracts, AllScope: f.Scope == store.All}
	var err error
	if d.Qualifications, err = s.Store.Qualifications(ctx, false); err != nil {
		return err
	}
	if d.Branches, err = s.Store.Branches(ctx); err != nil {
		return err
	}
	if d.AllScope {
		if d.Employers, err = s.Store.Employers(ctx); err != nil {
			return err
		}
	}
	if ferr != nil {
		return s.ShowInvalid(w, r, "registrations.html", "Inscriptions", d, ferr)
	}
	if format := r.URL.Query().Get("format"); format != "" {
		return s.exportRegistrations(w, r, f, format)
	}
	rows, total, err := s.Store.Registrations(ctx, f)
	if err != nil {
		return err
	}
	if f.Disability != "" { // the filter itself reads the disability box (R15)
		if err := s.revealRows(r, rows); err != nil {
			return err
		}
	}
	d.Rows, d.Pager = rows, kit.NewPager(r, total, kit.PerPage)
	d.ExportXLSX, d.ExportCSV = kit.ViewLink(r, "page", "", "format", "xlsx"), kit.ViewLink(r, "page", "", "format", "csv")
	return s.Show(w, r, "registrations.html", "Inscriptions", d)
}

// revealRows gives the rows of a list their health data, for those who may see it (R15, logged).
func (s *Area) revealRows(r *http.Request, rows []store.RegistrationRow) error {
	regs := make([]certif.Registration, len(rows))
	for i, x := range rows {
		regs[i] = x.Registration
	}
	if err := s.Store.RevealHealth(r.Context(), kit.Viewer(r), regs); err != nil {
		return err
	}
	for i := range rows {
		rows[i].Registration = regs[i]
	}
	return nil
}

var exportHeaders = []string{"N° inscription", "Nom de naissance", "Nom d'usage", "Prénoms", "Date de naissance", "Identité imprimée",
	"Employeur", "Branche", "CQP", "Parcours", "Blocs", "Certifiable à partir du", "Périodes", "Statuts", "Contrat", "Redoublant",
	"Spécialité", "Situation de handicap", "Aménagements", "Inscrit le", "Dérogation au délai de 3 mois"}

// exportRegistrations writes the whole filtered view (R15: the health columns
// are included for the roles allowed on this page, and each read is traced).
func (s *Area) exportRegistrations(w http.ResponseWriter, r *http.Request, f store.RegistrationFilter, format string) error {
	if format != "csv" && format != "xlsx" {
		return &certif.Error{Code: certif.EBadRequest, Message: "Format d'export inconnu : csv ou xlsx.", Fields: map[string]string{"format": "csv ou xlsx"}}
	}
	f.Unlimited = true
	rows, _, err := s.Store.Registrations(r.Context(), f)
	if err != nil {
		return err
	}
	if err := s.revealRows(r, rows); err != nil {
		return err
	}
	_, branchNames, err := s.BranchNames(r)
	if err != nil {
		return err
	}
	table := make([][]string, len(rows))
	for i, x := range rows {
		var periods, statuses []string
		for _, a := range x.Attempts {
			periods = append(periods, fmt.Sprintf("bloc %d : %s", a.Block, a.Period.French()))
			statuses = append(statuses, fmt.Sprintf("bloc %d : %s", a.Block, a.Status.Label()))
		}
		table[i] = []string{strconv.FormatInt(x.ID, 10), x.Candidate.BirthName, x.Candidate.UsageName, strings.Join(x.Candidate.FirstNames, " "),
			x.Candidate.BirthDate.French(), x.Candidate.PrintedName(), x.EmployerName, branchName(branchNames, x.Branch), x.Qualification, x.Path.Label(), kit.BlocksText(x.Blocks),
			x.CertifiableFrom.French(), strings.Join(periods, " ; "), strings.Join(statuses, " ; "), x.Contract.Label(), yesNo(x.Repeating),
			x.Specialty, yesNo(x.Disability), x.Adjustments, x.RegisteredOn.French(), x.LateReason}
	}
	name := "inscriptions-" + s.Clock.Today().String()
	var body []byte
	if format == "csv" {
		body = intake.WriteCSV(exportHeaders, table)
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	} else {
		if body, err = intake.WriteXLSX("Inscriptions", exportHeaders, table); err != nil {
			return err
		}
		w.Header().Set("Content-Type", kit.XLSXType)
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, name, format))
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(body)
	return err
}

// branchName is a branch's French name ("Recouvrement"), its code when the
// referential does not name it.
func branchName(names map[string]string, code string) string {
	if n := names[code]; n != "" {
		return n
	}
	return code
}

func yesNo(b bool) string {
	if b {
		return "oui"
	}
	return "non"
}

type nilData struct {
	Declarations []certif.NilDeclaration
	Periods      []certif.Month
	IsEmployer   bool
}

func (s *Area) nilData(r *http.Request) (nilData, error) {
	decls, err := s.Store.NilDeclarations(r.Context(), kit.Scope(r))
	if err != nil {
		return nilData{}, err
	}
	cal, err := s.Store.Calendar(r.Context())
	if err != nil {
		return nilData{}, err
	}
	d := nilData{Declarations: decls, IsEmployer: kit.Principal(r).Is(certif.RoleEmployer)}
	m := s.Clock.Today().MonthOf()
	for range 18 {
		if cal.IsExamMonth(m) {
			d.Periods = append(d.Periods, m)
		}
		m = m.Add(1)
	}
	return d, nil
}

func (s *Area) nilPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.nilData(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "nil.html", "Déclarations « néant »", d)
}

func (s *Area) declareNil(w http.ResponseWriter, r *http.Request) error {
	period, err := certif.ParseMonth(r.PostFormValue("period"))
	if err != nil {
		err = &certif.Error{Code: certif.EInvalid, Message: "Période invalide.", Fields: map[string]string{"period": "Choisissez une période (AAAA-MM)."}}
	} else {
		_, err = s.Store.DeclareNil(r.Context(), s.Caller(r), kit.Principal(r).User.EmployerCode, period)
	}
	if err != nil {
		d, derr := s.nilData(r)
		if derr != nil {
			return derr
		}
		return s.ShowInvalid(w, r, "nil.html", "Déclarations « néant »", d, err)
	}
	return s.Redirect(w, r, "/neant", fmt.Sprintf("Déclaration « néant » enregistrée pour %s : elle tombera d'elle-même si vous inscrivez ensuite un candidat pour cette période.", period.French()))
}
