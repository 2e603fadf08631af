package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/certif"
)

type referentialData struct {
	Qualifications []certif.Qualification
	Branches       []certif.Branch
	BranchNames    map[string]string
}

type qualificationForm struct {
	Qualification certif.Qualification
	New           bool
	Branches      []certif.Branch
	Routes        []certif.IntakeRoute
	Modalities    []certif.Modality
	Rows          []certif.Block // blocks plus one empty row to add a block
}

func (s *Server) branchNames(r *http.Request) ([]certif.Branch, map[string]string, error) {
	branches, err := s.st.Branches(r.Context())
	names := map[string]string{}
	for _, b := range branches {
		names[b.Code] = b.Name
	}
	return branches, names, err
}

func (s *Server) referentialPage(w http.ResponseWriter, r *http.Request) error {
	quals, err := s.st.Qualifications(r.Context(), !principal(r).Is(certif.RoleOffice))
	if err != nil {
		return err
	}
	branches, names, err := s.branchNames(r)
	if err != nil {
		return err
	}
	return s.show(w, r, "referential.html", "Référentiel des certifications", referentialData{quals, branches, names})
}

func (s *Server) qualificationPage(w http.ResponseWriter, r *http.Request) error {
	q, err := s.st.Qualification(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	_, names, err := s.branchNames(r)
	if err != nil {
		return err
	}
	return s.show(w, r, "qualification.html", q.Code+" – "+q.Title, struct {
		Q           certif.Qualification
		BranchNames map[string]string
	}{q, names})
}

func (s *Server) qualificationForm(r *http.Request, q certif.Qualification, isNew bool) (qualificationForm, error) {
	branches, err := s.st.Branches(r.Context())
	rows := append(append([]certif.Block(nil), q.Blocks...), certif.Block{Number: len(q.Blocks) + 1})
	return qualificationForm{Qualification: q, New: isNew, Branches: branches, Routes: certif.IntakeRoutes,
		Modalities: certif.Modalities, Rows: rows}, err
}

func (s *Server) newQualificationForm(w http.ResponseWriter, r *http.Request) error {
	f, err := s.qualificationForm(r, certif.Qualification{Active: true, BlockCountConfirmed: true, Route: certif.RouteTrainingPlanning}, true)
	if err != nil {
		return err
	}
	return s.show(w, r, "qualification_form.html", "Nouvelle certification", f)
}

func (s *Server) editQualificationForm(w http.ResponseWriter, r *http.Request) error {
	q, err := s.st.Qualification(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	f, err := s.qualificationForm(r, q, false)
	if err != nil {
		return err
	}
	return s.show(w, r, "qualification_form.html", "Modifier "+q.Code, f)
}

func (s *Server) createQualification(w http.ResponseWriter, r *http.Request) error {
	q := parseQualification(r, strings.ToUpper(strings.TrimSpace(r.PostFormValue("code"))))
	if _, err := s.st.Qualification(r.Context(), q.Code); err == nil {
		return s.qualificationFailed(w, r, q, true, &certif.Error{Code: certif.EConflict, Message: "Cette certification existe déjà.",
			Fields: map[string]string{"code": "Le code " + q.Code + " est déjà utilisé."}})
	}
	return s.saveQualification(w, r, q, true)
}

func (s *Server) updateQualification(w http.ResponseWriter, r *http.Request) error {
	old, err := s.st.Qualification(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	return s.saveQualification(w, r, parseQualification(r, old.Code), false)
}

func (s *Server) saveQualification(w http.ResponseWriter, r *http.Request, q certif.Qualification, isNew bool) error {
	if err := s.st.SaveQualification(r.Context(), actor(r), q); err != nil {
		return s.qualificationFailed(w, r, q, isNew, err)
	}
	return s.redirect(w, r, "/referentiel/"+q.Code, "Certification "+q.Code+" enregistrée.")
}

func (s *Server) qualificationFailed(w http.ResponseWriter, r *http.Request, q certif.Qualification, isNew bool, err error) error {
	f, ferr := s.qualificationForm(r, q, isNew)
	if ferr != nil {
		return ferr
	}
	return s.showInvalid(w, r, "qualification_form.html", "Certification "+q.Code, f, err)
}

// parseQualification reads the qualification form. Block rows are numbered by
// position; a row whose title and code are empty, or marked for removal, is dropped.
func parseQualification(r *http.Request, code string) certif.Qualification {
	f := r.PostForm
	level, _ := strconv.Atoi(strings.TrimSpace(f.Get("level")))
	q := certif.Qualification{
		Code: code, Title: strings.TrimSpace(f.Get("title")), RNCP: strings.ToUpper(strings.TrimSpace(f.Get("rncp"))), Level: level,
		Route: certif.IntakeRoute(f.Get("route")), Branches: f["branches"],
		JuryTrainingMandatory: f.Get("jury_training_mandatory") == "on", EmployerNotifiesOffice: f.Get("employer_notifies_office") == "on",
		BlockCountConfirmed: f.Get("block_count_confirmed") == "on", Active: f.Get("active") == "on",
	}
	rows, _ := strconv.Atoi(f.Get("rows"))
	for i := 1; i <= rows && i <= 30; i++ {
		p := fmt.Sprintf("block%d_", i)
		title, bcode := strings.TrimSpace(f.Get(p+"title")), strings.ToUpper(strings.TrimSpace(f.Get(p+"code")))
		if (title == "" && bcode == "") || f.Get(p+"remove") == "on" {
			continue
		}
		b := certif.Block{Number: len(q.Blocks) + 1, Title: title, Code: bcode, Placeholder: f.Get(p+"placeholder") == "on"}
		for _, m := range f[p+"modalities"] {
			b.Modalities = append(b.Modalities, certif.Modality(m))
		}
		q.Blocks = append(q.Blocks, b)
	}
	return q
}

func (s *Server) saveBranch(w http.ResponseWriter, r *http.Request) error {
	branches, err := s.st.Branches(r.Context())
	if err != nil {
		return err
	}
	for i, b := range branches {
		if b.Code != r.PathValue("code") {
			continue
		}
		b.RemoteTool = strings.TrimSpace(r.PostFormValue("remote_tool"))
		if err := s.st.SaveBranch(r.Context(), actor(r), b, i+1); err != nil {
			quals, qerr := s.st.Qualifications(r.Context(), false)
			if qerr != nil {
				return qerr
			}
			_, names, _ := s.branchNames(r)
			return s.showInvalid(w, r, "referential.html", "Référentiel des certifications", referentialData{quals, branches, names}, err)
		}
		return s.redirect(w, r, "/referentiel", "Branche "+b.Name+" : outil des jurys à distance enregistré.")
	}
	return certif.Errorf(certif.ENotFound, "Branche introuvable.")
}
