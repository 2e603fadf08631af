package referential

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

type referentialData struct {
	Qualifications []certif.Qualification
	Branches       []certif.Branch
	BranchNames    map[string]string
	RNCP           registrations
	Programmes     []certif.Programme
}

type qualificationForm struct {
	Qualification certif.Qualification
	New           bool
	Branches      []certif.Branch
	Routes        []certif.IntakeRoute
	Modalities    []certif.Modality
	Rows          []certif.Block // blocks plus one empty row to add a block
}

func (s *Area) referentialPage(w http.ResponseWriter, r *http.Request) error {
	quals, err := s.Store.Qualifications(r.Context(), !kit.Principal(r).Is(certif.RoleOffice))
	if err != nil {
		return err
	}
	d, err := s.referentialData(r, quals)
	if err != nil {
		return err
	}
	return s.Show(w, r, "referential.html", "Référentiel des certifications", d)
}

// referentialData is the list page's: the qualifications, the branches and
// the RNCP registrations.
func (s *Area) referentialData(r *http.Request, quals []certif.Qualification) (referentialData, error) {
	branches, names, err := s.BranchNames(r)
	if err != nil {
		return referentialData{}, err
	}
	regs, err := s.registrations(r)
	if err != nil {
		return referentialData{}, err
	}
	progs, err := s.Store.Programmes(r.Context())
	return referentialData{quals, branches, names, regs, progs}, err
}

// showReferential shows the list page again with the error of a change made on it.
func (s *Area) showReferential(w http.ResponseWriter, r *http.Request, failed error) error {
	quals, err := s.Store.Qualifications(r.Context(), false)
	if err != nil {
		return err
	}
	d, err := s.referentialData(r, quals)
	if err != nil {
		return err
	}
	return s.ShowInvalid(w, r, "referential.html", "Référentiel des certifications", d, failed)
}

func (s *Area) qualificationPage(w http.ResponseWriter, r *http.Request) error {
	q, err := s.Store.Qualification(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	_, names, err := s.BranchNames(r)
	if err != nil {
		return err
	}
	regs, err := s.registrations(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "qualification.html", q.Code+" – "+q.Title, struct {
		Q           certif.Qualification
		BranchNames map[string]string
		RNCP        registrations
	}{q, names, regs})
}

func (s *Area) qualificationForm(r *http.Request, q certif.Qualification, isNew bool) (qualificationForm, error) {
	branches, err := s.Store.Branches(r.Context())
	rows := append(append([]certif.Block(nil), q.Blocks...), certif.Block{Number: len(q.Blocks) + 1})
	return qualificationForm{Qualification: q, New: isNew, Branches: branches, Routes: certif.IntakeRoutes,
		Modalities: certif.Modalities, Rows: rows}, err
}

func (s *Area) newQualificationForm(w http.ResponseWriter, r *http.Request) error {
	f, err := s.qualificationForm(r, certif.Qualification{Active: true, BlockCountConfirmed: true, Route: certif.RouteTrainingPlanning}, true)
	if err != nil {
		return err
	}
	return s.Show(w, r, "qualification_form.html", "Nouvelle certification", f)
}

func (s *Area) editQualificationForm(w http.ResponseWriter, r *http.Request) error {
	q, err := s.Store.Qualification(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	f, err := s.qualificationForm(r, q, false)
	if err != nil {
		return err
	}
	return s.Show(w, r, "qualification_form.html", "Modifier "+q.Code, f)
}

func (s *Area) createQualification(w http.ResponseWriter, r *http.Request) error {
	q := parseQualification(r, strings.ToUpper(strings.TrimSpace(r.PostFormValue("code"))))
	if _, err := s.Store.Qualification(r.Context(), q.Code); err == nil {
		return s.qualificationFailed(w, r, q, true, &certif.Error{Code: certif.EConflict, Message: "Cette certification existe déjà.",
			Fields: map[string]string{"code": "Le code " + q.Code + " est déjà utilisé."}})
	}
	return s.saveQualification(w, r, q, true)
}

func (s *Area) updateQualification(w http.ResponseWriter, r *http.Request) error {
	old, err := s.Store.Qualification(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	return s.saveQualification(w, r, parseQualification(r, old.Code), false)
}

func (s *Area) saveQualification(w http.ResponseWriter, r *http.Request, q certif.Qualification, isNew bool) error {
	if err := s.Store.SaveQualification(r.Context(), s.Caller(r), q); err != nil {
		return s.qualificationFailed(w, r, q, isNew, err)
	}
	return s.Redirect(w, r, "/referentiel/"+q.Code, "Certification "+q.Code+" enregistrée.")
}

func (s *Area) qualificationFailed(w http.ResponseWriter, r *http.Request, q certif.Qualification, isNew bool, err error) error {
	f, ferr := s.qualificationForm(r, q, isNew)
	if ferr != nil {
		return ferr
	}
	return s.ShowInvalid(w, r, "qualification_form.html", "Certification "+q.Code, f, err)
}

// parseQualification reads the qualification form. Block rows are numbered by
// position; a block stays with an empty title (not known yet); the row to add
// a block is dropped while its title and code are empty, a row marked for
// removal is dropped.
func parseQualification(r *http.Request, code string) certif.Qualification {
	f := r.PostForm
	level, _ := strconv.Atoi(strings.TrimSpace(f.Get("level")))
	q := certif.Qualification{
		Code: code, Title: strings.TrimSpace(f.Get("title")), RNCP: strings.ToUpper(strings.TrimSpace(f.Get("rncp"))), Level: level,
		Route: certif.IntakeRoute(f.Get("route")), Branches: f["branches"],
		JuryTrainingMandatory: f.Get("jury_training_mandatory") == "on", EmployerNotifiesOffice: f.Get("employer_notifies_office") == "on",
		BlockCountConfirmed: f.Get("block_count_confirmed") == "on", Active: f.Get("active") == "on",
		NSF: codeList(f.Get("nsf")), Formacodes: codeList(f.Get("formacodes")),
		Certifiers: lines(f.Get("certifiers")), Regulated: f.Get("regulated") == "on", OffRNCP: f.Get("off_rncp") == "on",
	}
	rows, _ := strconv.Atoi(f.Get("rows"))
	for i := 1; i <= rows && i <= 30; i++ {
		p := fmt.Sprintf("block%d_", i)
		title, bcode := strings.TrimSpace(f.Get(p+"title")), strings.ToUpper(strings.TrimSpace(f.Get(p+"code")))
		if (title == "" && bcode == "" && f.Get(p+"kept") == "") || f.Get(p+"remove") == "on" {
			continue
		}
		minutes, _ := strconv.Atoi(strings.TrimSpace(f.Get(p + "minutes")))
		b := certif.Block{Number: len(q.Blocks) + 1, Title: title, Code: bcode, Placeholder: f.Get(p+"placeholder") == "on", Minutes: minutes}
		for _, m := range f[p+"modalities"] {
			b.Modalities = append(b.Modalities, certif.Modality(m))
		}
		q.Blocks = append(q.Blocks, b)
	}
	return q
}

func (s *Area) saveBranch(w http.ResponseWriter, r *http.Request) error {
	branches, err := s.Store.Branches(r.Context())
	if err != nil {
		return err
	}
	for i, b := range branches {
		if b.Code != r.PathValue("code") {
			continue
		}
		b.RemoteTool, b.RemoteLink = strings.TrimSpace(r.PostFormValue("remote_tool")), r.PostFormValue("remote_link")
		if err := s.Store.SaveBranch(r.Context(), s.Caller(r), b, i+1); err != nil {
			return s.showReferential(w, r, err)
		}
		return s.Redirect(w, r, "/referentiel", "Branche "+b.Name+" : outil et salle des jurys à distance enregistrés.")
	}
	return certif.Errorf(certif.ENotFound, "Branche introuvable.")
}

// codeList reads codes separated by commas or spaces, lower case: "313T, 300" → [313t 300].
func codeList(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) })
}

// lines reads a text area, one value a line, empty lines left out.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
