package employers

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// employerTypes lists the known kinds of organismes, sorted (form suggestions).
func employerTypes() []string {
	var out []string
	for t := range certif.EmployerTypes {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// splitEmails reads HR addresses typed one per line, or separated by commas,
// semicolons or spaces.
func splitEmails(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == '\n' || r == '\r' || r == ',' || r == ';' || r == ' ' || r == '\t'
	})
}

// ---- Office and certifier pages ----

type branchCount struct {
	Code, Name string
	Count      int
}

type employersView struct {
	Employers   []store.EmployerSummary
	Branches    []certif.Branch
	BranchNames map[string]string
	Branch      string
	Query       string
	Total       int
	ByBranch    []branchCount
	CanEdit     bool
}

// Filtered reports whether a filter narrows the list.
func (v employersView) Filtered() bool { return v.Branch != "" || v.Query != "" }

func (s *Area) employersPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	v := employersView{Branch: q.Get("branche"), Query: strings.TrimSpace(q.Get("q")), CanEdit: kit.Principal(r).Is(certif.RoleOffice)}
	var err error
	if v.Branches, v.BranchNames, err = s.BranchNames(r); err != nil {
		return err
	}
	if _, ok := v.BranchNames[v.Branch]; !ok {
		v.Branch = ""
	}
	all, err := s.Store.EmployerList(ctx, store.EmployerFilter{})
	if err != nil {
		return err
	}
	v.Total, v.Employers = len(all), all
	for _, b := range v.Branches {
		n := 0
		for _, e := range all {
			if e.Branch == b.Code {
				n++
			}
		}
		v.ByBranch = append(v.ByBranch, branchCount{b.Code, b.Name, n})
	}
	if v.Filtered() {
		if v.Employers, err = s.Store.EmployerList(ctx, store.EmployerFilter{Branch: v.Branch, Query: v.Query}); err != nil {
			return err
		}
	}
	return s.Show(w, r, "employers.html", "Employeurs", v)
}

// employerView is what the detail page and the employer's own page show.
type employerView struct {
	Employer   certif.Employer
	BranchName string
	Sites      []store.EmployerSite
	Users      []*certif.User
	History    []certif.AuditLine // in French, as the journal shows it
	CanEdit    bool
	// The employer's own page only
	Emails      string             // HR addresses in the contacts form
	Site        store.EmployerSite // the site being added or edited
	EditingSite bool
}

// MissingHours counts the sites whose reception or phone hours are missing (R18).
func (v employerView) MissingHours() int {
	n := 0
	for _, site := range v.Sites {
		if !site.HasHours() {
			n++
		}
	}
	return n
}

func (s *Area) employerView(r *http.Request, e certif.Employer) (employerView, error) {
	v := employerView{Employer: e, BranchName: e.Branch, Emails: strings.Join(e.HREmails, "\n")}
	_, names, err := s.BranchNames(r)
	if err != nil {
		return v, err
	}
	if n, ok := names[e.Branch]; ok {
		v.BranchName = n
	}
	v.Sites, err = s.Store.EmployerSites(r.Context(), e.ID)
	return v, err
}

func (s *Area) employerPage(w http.ResponseWriter, r *http.Request) error {
	e, err := s.VisibleEmployer(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	v, err := s.employerView(r, e)
	if err != nil {
		return err
	}
	v.CanEdit = kit.Principal(r).Is(certif.RoleOffice)
	if v.Users, err = s.Store.EmployerUsers(r.Context(), e.ID); err != nil {
		return err
	}
	history, err := s.Store.AuditEvents(r.Context(), kit.Viewer(r), store.AuditFilter{Entity: "employer", EntityKey: e.Code, Limit: 50})
	if err != nil {
		return err
	}
	v.History = s.ReadAudits(history)
	return s.Show(w, r, "employer.html", e.Code+" – "+e.Name, v)
}

type employerFormView struct {
	Employer certif.Employer
	New      bool
	Branches []certif.Branch
	Types    []string
	Emails   string
}

func (s *Area) employerFormView(r *http.Request, e certif.Employer, isNew bool, emails string) (employerFormView, error) {
	branches, err := s.Store.Branches(r.Context())
	return employerFormView{Employer: e, New: isNew, Branches: branches, Types: employerTypes(), Emails: emails}, err
}

func (s *Area) newEmployerForm(w http.ResponseWriter, r *http.Request) error {
	f, err := s.employerFormView(r, certif.Employer{}, true, "")
	if err != nil {
		return err
	}
	return s.Show(w, r, "employer_form.html", "Nouvel employeur", f)
}

func (s *Area) editEmployerForm(w http.ResponseWriter, r *http.Request) error {
	e, err := s.VisibleEmployer(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	f, err := s.employerFormView(r, e, false, strings.Join(e.HREmails, "\n"))
	if err != nil {
		return err
	}
	return s.Show(w, r, "employer_form.html", "Modifier "+e.Code, f)
}

// parseEmployerForm reads the office's employer form.
func parseEmployerForm(r *http.Request, code string) certif.Employer {
	f := r.PostForm
	return certif.Employer{Code: code, Name: strings.TrimSpace(f.Get("name")), Type: strings.TrimSpace(f.Get("type")),
		Branch: f.Get("branch"), Region: strings.TrimSpace(f.Get("region")), HREmails: splitEmails(f.Get("hr_emails"))}
}

func (s *Area) createEmployer(w http.ResponseWriter, r *http.Request) error {
	e := parseEmployerForm(r, strings.ToUpper(strings.TrimSpace(r.PostFormValue("code"))))
	created, err := s.Store.CreateEmployer(r.Context(), s.Caller(r), e)
	if err != nil {
		return s.employerFormFailed(w, r, e, true, err)
	}
	return s.Redirect(w, r, "/employeurs/"+created.Code, "Employeur "+created.Code+" créé.")
}

func (s *Area) updateEmployer(w http.ResponseWriter, r *http.Request) error {
	old, err := s.VisibleEmployer(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	e := parseEmployerForm(r, old.Code)
	if _, err := s.Store.UpdateEmployer(r.Context(), s.Caller(r), old.Code, e); err != nil {
		return s.employerFormFailed(w, r, e, false, err)
	}
	return s.Redirect(w, r, "/employeurs/"+old.Code, "Employeur "+old.Code+" enregistré.")
}

func (s *Area) employerFormFailed(w http.ResponseWriter, r *http.Request, e certif.Employer, isNew bool, err error) error {
	f, ferr := s.employerFormView(r, e, isNew, r.PostFormValue("hr_emails"))
	if ferr != nil {
		return ferr
	}
	title := "Nouvel employeur"
	if !isNew {
		title = "Modifier " + e.Code
	}
	return s.ShowInvalid(w, r, "employer_form.html", title, f, err)
}

// ---- The employer's own space ----

func (s *Area) ownEmployerView(r *http.Request) (employerView, error) {
	e, err := s.OwnEmployer(r)
	if err != nil {
		return employerView{}, err
	}
	return s.employerView(r, e)
}

func (s *Area) ownEmployerPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.ownEmployerView(r)
	if err != nil {
		return err
	}
	if raw := r.URL.Query().Get("site"); raw != "" {
		id, _ := strconv.ParseInt(raw, 10, 64)
		i := slices.IndexFunc(v.Sites, func(site store.EmployerSite) bool { return site.ID == id })
		if i < 0 {
			return certif.Errorf(certif.ENotFound, "Site introuvable.")
		}
		v.Site, v.EditingSite = v.Sites[i], true
	}
	return s.Show(w, r, "employer_own.html", "Mon organisme", v)
}

func (s *Area) saveOwnContacts(w http.ResponseWriter, r *http.Request) error {
	v, err := s.ownEmployerView(r)
	if err != nil {
		return err
	}
	raw := r.PostFormValue("hr_emails")
	if err := s.Store.SetEmployerContacts(r.Context(), s.Caller(r), v.Employer.ID, splitEmails(raw)); err != nil {
		v.Emails = raw
		return s.ShowInvalid(w, r, "employer_own.html", "Mon organisme", v, err)
	}
	return s.Redirect(w, r, "/mon-organisme", "Adresses RH enregistrées : les convocations et les résultats y seront envoyés.")
}

func (s *Area) saveOwnSite(w http.ResponseWriter, r *http.Request) error {
	v, err := s.ownEmployerView(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	site := store.EmployerSite{Name: f.Get("name"), Address: f.Get("address"), ReceptionHours: f.Get("reception_hours"), PhoneHours: f.Get("phone_hours")}
	if raw := strings.TrimSpace(f.Get("id")); raw != "" && raw != "0" {
		if site.ID, err = strconv.ParseInt(raw, 10, 64); err != nil || site.ID < 0 {
			return certif.Errorf(certif.EBadRequest, "Identifiant de site invalide.")
		}
	}
	saved, err := s.Store.SaveEmployerSite(r.Context(), s.Caller(r), v.Employer.ID, site)
	if certif.ErrorCode(err) == certif.EInvalid {
		v.Site, v.EditingSite = site, site.ID != 0
		return s.ShowInvalid(w, r, "employer_own.html", "Mon organisme", v, err)
	}
	if err != nil {
		return err
	}
	msg := "Site « " + saved.Name + " » ajouté."
	if site.ID != 0 {
		msg = "Site « " + saved.Name + " » enregistré."
	}
	if !saved.HasHours() {
		msg += " Pensez à indiquer les horaires de l'accueil et de la plateforme téléphonique."
	}
	return s.Redirect(w, r, "/mon-organisme#sites", msg)
}

func (s *Area) deleteOwnSite(w http.ResponseWriter, r *http.Request) error {
	e, err := s.OwnEmployer(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return certif.Errorf(certif.ENotFound, "Site introuvable.")
	}
	if err := s.Store.DeleteEmployerSite(r.Context(), s.Caller(r), e.ID, id); err != nil {
		return err
	}
	return s.Redirect(w, r, "/mon-organisme#sites", "Site supprimé.")
}

// ---- API ----

// apiEmployer is the JSON form of an employer.
type apiEmployer struct {
	Code     string               `json:"code"`
	Name     string               `json:"name"`
	Type     string               `json:"type"`
	Branch   string               `json:"branch"`
	Region   string               `json:"region"`
	HREmails []string             `json:"hr_emails"`
	Sites    []store.EmployerSite `json:"sites"`
}

func newAPIEmployer(e certif.Employer, sites []store.EmployerSite) apiEmployer {
	out := apiEmployer{Code: e.Code, Name: e.Name, Type: e.Type, Branch: e.Branch, Region: e.Region, HREmails: e.HREmails, Sites: sites}
	if out.HREmails == nil {
		out.HREmails = []string{}
	}
	if out.Sites == nil {
		out.Sites = []store.EmployerSite{}
	}
	return out
}

func (s *Area) apiEmployers(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := kit.Principal(r)
	q := r.URL.Query()
	f := store.EmployerFilter{Branch: q.Get("branch"), Query: q.Get("q")}
	if !p.Role().SeesAllEmployers() {
		if p.User == nil || p.User.EmployerCode == "" {
			return kit.WriteJSON(w, http.StatusOK, []apiEmployer{})
		}
		f.Code = p.User.EmployerCode
	}
	list, err := s.Store.EmployerList(ctx, f)
	if err != nil {
		return err
	}
	out := make([]apiEmployer, 0, len(list))
	if len(list) == 0 {
		return kit.WriteJSON(w, http.StatusOK, out)
	}
	if len(list) == 1 {
		sites, err := s.Store.EmployerSites(ctx, list[0].ID)
		if err != nil {
			return err
		}
		return kit.WriteJSON(w, http.StatusOK, append(out, newAPIEmployer(list[0].Employer, sites)))
	}
	sites, err := s.Store.AllEmployerSites(ctx)
	if err != nil {
		return err
	}
	for _, e := range list {
		out = append(out, newAPIEmployer(e.Employer, sites[e.ID]))
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}

func (s *Area) apiEmployerJSON(w http.ResponseWriter, r *http.Request, status int, e certif.Employer) error {
	sites, err := s.Store.EmployerSites(r.Context(), e.ID)
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, status, newAPIEmployer(e, sites))
}

func (s *Area) apiEmployer(w http.ResponseWriter, r *http.Request) error {
	e, err := s.VisibleEmployer(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	return s.apiEmployerJSON(w, r, http.StatusOK, e)
}

// employerJSONFields are the fields an employer's JSON body may carry.
var employerJSONFields = []string{"code", "name", "type", "branch", "region", "hr_emails"}

// readEmployerJSON reads a JSON object into its raw fields. A body that is not
// a JSON object is a bad request; unknown fields and values of the wrong type
// are reported per field (422).
func readEmployerJSON(w http.ResponseWriter, r *http.Request) (map[string]json.RawMessage, error) {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<16))
	if err != nil {
		return nil, certif.Errorf(certif.EBadRequest, "Corps de la requête illisible ou trop long (64 Kio au plus).")
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, certif.Errorf(certif.EBadRequest, "Corps JSON manquant : un objet est attendu, par exemple {\"name\":\"CAF du Rhône\"}.")
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		return nil, certif.Errorf(certif.EBadRequest, "Corps JSON illisible : un objet est attendu.")
	}
	var v certif.Validation
	for k, val := range fields {
		switch {
		case k == "sites":
			v.Add(k, "Les sites et leurs horaires se gèrent depuis la page « Mon organisme » de l'employeur ; ils ne se modifient pas par cette route.")
		case !slices.Contains(employerJSONFields, k):
			v.Add(k, "Champ inconnu : les champs possibles sont "+strings.Join(employerJSONFields, ", ")+".")
		case k == "hr_emails":
			var list []string
			if json.Unmarshal(val, &list) != nil {
				v.Add(k, "Liste d'adresses électroniques attendue, par exemple [\"rh@caf69.fr\"].")
			}
		default:
			var str string
			if json.Unmarshal(val, &str) != nil {
				v.Add(k, "Texte attendu.")
			}
		}
	}
	return fields, v.Err()
}

// employerFromJSON applies the fields present in a body to an employer.
func employerFromJSON(e certif.Employer, fields map[string]json.RawMessage) certif.Employer {
	str := func(k string, dst *string) {
		if raw, ok := fields[k]; ok {
			_ = json.Unmarshal(raw, dst)
		}
	}
	str("code", &e.Code)
	str("name", &e.Name)
	str("type", &e.Type)
	str("branch", &e.Branch)
	str("region", &e.Region)
	if raw, ok := fields["hr_emails"]; ok {
		e.HREmails = nil
		_ = json.Unmarshal(raw, &e.HREmails)
	}
	return e
}

func (s *Area) apiCreateEmployer(w http.ResponseWriter, r *http.Request) error {
	fields, err := readEmployerJSON(w, r)
	if err != nil {
		return err
	}
	created, err := s.Store.CreateEmployer(r.Context(), s.Caller(r), employerFromJSON(certif.Employer{}, fields))
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/employers/"+created.Code)
	return s.apiEmployerJSON(w, r, http.StatusCreated, created)
}

// apiPatchEmployer changes the fields present in the body. The office may change
// every field but the code; an employer's HR only the HR addresses of its own
// employer (other fields sent unchanged are accepted, so a GET body can be sent
// back).
func (s *Area) apiPatchEmployer(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	old, err := s.VisibleEmployer(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	fields, err := readEmployerJSON(w, r)
	if err != nil {
		return err
	}
	e := employerFromJSON(old, fields)
	if _, ok := fields["code"]; ok && strings.ToUpper(strings.TrimSpace(e.Code)) != old.Code {
		return &certif.Error{Code: certif.EInvalid, Message: "Le code d'un employeur ne peut pas être modifié.",
			Fields: map[string]string{"code": "Le code " + old.Code + " est définitif : créez un autre employeur si besoin."}}
	}
	if !kit.Principal(r).Role().SeesAllEmployers() {
		forbidden := map[string]string{}
		for _, f := range []struct {
			name     string
			old, new string
		}{{"name", old.Name, e.Name}, {"type", old.Type, e.Type}, {"branch", old.Branch, e.Branch}, {"region", old.Region, e.Region}} {
			if f.old != f.new {
				forbidden[f.name] = "Seule l'équipe des examens modifie ce champ."
			}
		}
		if len(forbidden) > 0 {
			return &certif.Error{Code: certif.EForbidden, Fields: forbidden,
				Message: "Un employeur ne modifie que ses adresses RH (hr_emails) ; le nom, le type, la branche et la région sont tenus par l'équipe des examens."}
		}
		if _, ok := fields["hr_emails"]; ok {
			if err := s.Store.SetEmployerContacts(ctx, s.Caller(r), old.ID, e.HREmails); err != nil {
				return err
			}
		}
	} else if _, err := s.Store.UpdateEmployer(ctx, s.Caller(r), old.Code, e); err != nil {
		return err
	}
	updated, err := s.Store.EmployerByCode(ctx, old.Code)
	if err != nil {
		return err
	}
	return s.apiEmployerJSON(w, r, http.StatusOK, updated)
}
