package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// TestR14_ANationalFundProposesAndMobilisesItsBranch: through the pages, the
// CNAF proposes a member of its branch (an employer of another branch is
// refused), the office accepts it; the CNAF asks the members of its branch for
// their availability (never a member outside it), the mail names it, it sees
// its request and who answered; the CNAM reaches neither; no candidate's page.
func TestR14_ANationalFundProposesAndMobilisesItsBranch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.addUser("fundB", store.NewUser{Email: "jurys@cnam.test", Role: certif.RoleNationalFund, BranchCode: "maladie"})
	fund, fundB, office := e.as("national_fund"), e.as("fundB"), e.as("office")
	page := body(t, fund.get("/membres-jury/nouveau"))
	if !strings.Contains(page, "Proposer un membre de jury") || !strings.Contains(page, `value="CAF69"`) || strings.Contains(page, `value="CPAM33"`) ||
		strings.Contains(page, `value="certifier_rep"`) || !strings.Contains(page, "Aucun : il est de la CNAF") {
		t.Errorf("formulaire de la CNAF\n%.4000s", page)
	}
	form := url.Values{"first_name": {"Sophie"}, "last_name": {"Marchand"}, "email": {"sophie.marchand@cnaf.test"}, "roles": {"branch_rep"}, "employer": {"CPAM33"}}
	if res := fund.post("/membres-jury", form); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body(t, res), "un employeur de la branche de la CNAF") {
		t.Errorf("proposition d'un agent d'une CPAM : %d", res.StatusCode)
	}
	form.Set("employer", "")
	res := fund.post("/membres-jury", form)
	member := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(member, "/membres-jury/") {
		t.Fatalf("proposition : %d %.1500s", res.StatusCode, body(t, res))
	}
	if page := body(t, fund.get(member)); !strings.Contains(page, "Proposé, en attente") || !strings.Contains(page, "<dt>Proposé par</dt><dd>CNAF</dd>") {
		t.Errorf("fiche proposée par la CNAF\n%.3000s", page)
	}
	if res := fundB.get(member); res.StatusCode != http.StatusNotFound {
		t.Errorf("la CNAM ouvre la proposition de la CNAF : %d", res.StatusCode)
	}
	if res := office.post(member+"/decision", url.Values{"decision": {"accept"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("acceptation : %d", res.StatusCode)
	}
	id := strings.TrimPrefix(member, "/membres-jury/")
	page = body(t, fund.get("/demandes-disponibilites"))
	if !strings.Contains(page, "Sophie MARCHAND") || strings.Contains(page, "LEFÈVRE") {
		t.Errorf("membres que la CNAF peut solliciter\n%.3000s", page)
	}
	ask := url.Values{"from": {"01/12/2026"}, "to": {"31/12/2026"}, "answer_by": {"30/11/2026"}, "message": {"Jurys GC de décembre"},
		"members": {strconv.FormatInt(e.users["jury"].JuryMemberID, 10)}}
	if res := fund.post("/demandes-disponibilites", ask); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("la CNAF sollicite un membre hors de sa branche : %d", res.StatusCode)
	}
	ask.Set("members", id)
	res = fund.post("/demandes-disponibilites", ask)
	request := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(request, "/demandes-disponibilites/") {
		t.Fatalf("demande : %d %.1500s", res.StatusCode, body(t, res))
	}
	if text := e.onlyMail(t, "availability_request").Text; !strings.Contains(text, "la CNAF mobilise les membres de jury de sa branche") || !strings.Contains(text, "Message de la CNAF") {
		t.Errorf("courriel de la demande :\n%s", text)
	}
	if page := body(t, fund.get(request)); !strings.Contains(page, "Sophie MARCHAND") || !strings.Contains(page, "0 membre a répondu sur 1") {
		t.Errorf("la CNAF suit sa demande\n%.2000s", page)
	}
	if res := fundB.get(request); res.StatusCode != http.StatusNotFound {
		t.Errorf("la CNAM ouvre la demande de la CNAF : %d", res.StatusCode)
	}
	if page := body(t, office.get("/demandes-disponibilites")); !strings.Contains(page, "<td>CNAF</td>") {
		t.Errorf("l'équipe des examens voit qui a envoyé la demande\n%.2000s", page)
	}
	if page := body(t, fund.get("/")); !strings.Contains(page, "Caisse nationale des allocations familiales") || !strings.Contains(page, "1 membre actif") {
		t.Errorf("accueil de la CNAF\n%.3000s", page)
	}
	if res := fund.get("/candidats"); res.StatusCode != http.StatusForbidden {
		t.Errorf("la CNAF ouvre les candidats : %d", res.StatusCode)
	}
}

// TestTheOfficeInvitesANationalFund: the office creates the account of a
// branch's national fund, which needs its branch; the invitation names it.
func TestTheOfficeInvitesANationalFund(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	office := e.as("office")
	if page := body(t, office.get("/comptes/invitations")); !strings.Contains(page, `<option value="recouvrement">Urssaf Caisse nationale</option>`) {
		t.Errorf("choix de la caisse nationale\n%.3000s", page)
	}
	form := url.Values{"email": {"jurys@urssaf.test"}, "name": {"Urssaf Caisse nationale — jurys"}, "role": {"national_fund"}}
	if res := office.post("/comptes/invitations", form); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("caisse nationale sans branche : %d", res.StatusCode)
	}
	form.Set("branch", "recouvrement")
	if res := office.post("/comptes/invitations", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("invitation : %d %.1500s", res.StatusCode, body(t, res))
	}
	u, _, err := e.st.UserByEmail(context.Background(), "jurys@urssaf.test")
	if err != nil || u.Role != certif.RoleNationalFund || u.BranchCode != "recouvrement" {
		t.Fatalf("compte : %+v %v", u, err)
	}
	if text := e.onlyMail(t, "invitation").Text; !strings.Contains(text, "Caisse nationale (Urssaf Caisse nationale)") {
		t.Errorf("invitation :\n%s", text)
	}
	if page := body(t, office.get("/comptes")); !strings.Contains(page, "Caisse nationale (Urssaf Caisse nationale)") {
		t.Errorf("liste des comptes\n%.3000s", page)
	}
}

// onlyMail is the one mail of a kind in the outbox, with its content.
func (e *env) onlyMail(t *testing.T, kind string) store.OutboxMail {
	t.Helper()
	list, _, err := e.st.OutboxMails(context.Background(), store.OutboxFilter{Kind: kind})
	if err != nil || len(list) != 1 {
		t.Fatalf("courriels %s : %+v %v", kind, list, err)
	}
	m, err := e.st.OutboxMailByID(context.Background(), list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
