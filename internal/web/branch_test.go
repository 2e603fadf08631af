package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/store"
)

// TestBranch_AnEmployerIsOfferedTheQualificationsOfItsBranch: a CAF's form
// offers GC, not DAM (Maladie only), and a DAM registration posted anyway is
// refused in French; the office registers it with a reason, traced.
func TestBranch_AnEmployerIsOfferedTheQualificationsOfItsBranch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cand := e.newCandidateForTest(t, "CAF69", "Lefèvre")
	path := "/candidats/" + strconv.FormatInt(cand.ID, 10)
	hr, office := e.as("employer"), e.as("office")
	form := body(t, hr.get(path+"/inscriptions/nouvelle"))
	if !strings.Contains(form, `<option value="GC">`) || strings.Contains(form, `<option value="DAM">`) {
		t.Errorf("CQP proposés à une CAF :\n%.2000s", form)
	}
	if page := body(t, office.get(path+"/inscriptions/nouvelle")); !strings.Contains(page, `<option value="DAM">`) {
		t.Error("l'équipe des examens voit tous les CQP")
	}
	dam := url.Values{"qualification": {"DAM"}, "path": {"complete"}, "certifiable_from": {"2027-06-07"}, "contract": {"cdi"}}
	expectPage(t, hr.post(path+"/inscriptions", dam), http.StatusUnprocessableEntity,
		"Le CQP Délégué de l'assurance maladie n'est pas ouvert aux organismes de la branche Famille.")
	expectPage(t, office.post(path+"/inscriptions", dam), http.StatusUnprocessableEntity, "indiquez le motif de la dérogation")
	dam.Set("late_reason", "Mutation vers la CPAM du Rhône au 1er mars")
	if res := office.post(path+"/inscriptions", dam); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("inscription hors branche avec motif : %d\n%.1000s", res.StatusCode, body(t, res))
	}
	events, err := e.st.AuditEvents(t.Context(), store.SystemViewer("test"), store.AuditFilter{CandidateID: cand.ID})
	traced := false
	for _, ev := range events {
		traced = traced || ev.Action == "branch_override" && ev.Reason == "Mutation vers la CPAM du Rhône au 1er mars"
	}
	if err != nil || !traced {
		t.Errorf("dérogation de branche non tracée : %+v %v", events, err)
	}
}

// TestBranch_ARefusalForTheBranchNamesTheFormsOtherErrors: a registration
// refused because its CQP is not open to the employer's branch names, in the
// same answer, every other error of the form, what the form could not read
// (a malformed date) and what the rules say (health adjustments without a
// disability); the CQP's message, whose field is hidden on the form, is in
// the summary as text, each message once.
func TestBranch_ARefusalForTheBranchNamesTheFormsOtherErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cand := e.newCandidateForTest(t, "CAF69", "Lefèvre")
	path := "/candidats/" + strconv.FormatInt(cand.ID, 10) + "/inscriptions"
	adjustments := "Les aménagements ne se demandent que pour une personne en situation de handicap : cochez la case ou videz le champ."
	for _, tc := range []struct {
		name, who, date string
		want            []string
	}{
		{"date lisible", "employer", "2027-06-07", []string{"Le CQP Délégué de l'assurance maladie n'est pas ouvert aux organismes de la branche Famille.",
			"<li>Choisissez un CQP ouvert à la branche Famille.</li>", adjustments}},
		{"date illisible", "employer", "2027-13-07", []string{"Le CQP Délégué de l'assurance maladie n'est pas ouvert aux organismes de la branche Famille.",
			"<li>Choisissez un CQP ouvert à la branche Famille.</li>", adjustments, "date invalide"}},
		{"équipe des examens", "office", "2027-13-07", []string{"Pour inscrire malgré tout, indiquez le motif de la dérogation.",
			"Motif de l'inscription hors de la branche de l'employeur.", adjustments, "date invalide"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			form := url.Values{"qualification": {"DAM"}, "path": {"complete"}, "certifiable_from": {tc.date}, "contract": {"cdi"}, "adjustments": {"rampe d'accès"}}
			page := expectPage(t, e.as(tc.who).post(path, form), http.StatusUnprocessableEntity, tc.want...)
			for _, msg := range tc.want {
				if n := strings.Count(page, msg); n != 1 {
					t.Errorf("%q %d fois sur la page", msg, n)
				}
			}
			if strings.Contains(page, `href="#qualification"`) {
				t.Error("le résumé renvoie au champ caché du CQP")
			}
		})
	}
	if regs, _ := e.st.CandidateRegistrations(t.Context(), cand.ID, store.All); len(regs) != 0 {
		t.Errorf("inscriptions enregistrées : %+v", regs)
	}
}

// TestBranch_AnEmployersMenuShowsTheIntakeOfItsBranch: a CAF's menu has the
// collection tables (GC, COS) and no Maladie census; a CPAM's the census and
// no collection table; both have the training plannings (MOSS is open to
// every branch); the office has all three.
func TestBranch_AnEmployersMenuShowsTheIntakeOfItsBranch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	menu := func(who string) string {
		page := body(t, e.as(who).get("/"))
		start, end := strings.Index(page, "<nav"), strings.Index(page, "</nav>")
		if start < 0 || end < start {
			t.Fatalf("%s : page sans menu", who)
		}
		return page[start:end]
	}
	for _, tc := range []struct {
		who        string
		has, lacks []string
	}{
		{"employer", []string{`href="/recueil"`, `href="/plannings"`}, []string{`href="/pre-inscriptions"`}},
		{"employerB", []string{`href="/pre-inscriptions"`, `href="/plannings"`}, []string{`href="/recueil"`}},
		{"office", []string{`href="/recueil"`, `href="/pre-inscriptions"`, `href="/plannings"`}, nil},
	} {
		m := menu(tc.who)
		for _, h := range tc.has {
			if !strings.Contains(m, h) {
				t.Errorf("menu de %s sans %s", tc.who, h)
			}
		}
		for _, h := range tc.lacks {
			if strings.Contains(m, h) {
				t.Errorf("menu de %s avec %s", tc.who, h)
			}
		}
	}
}
