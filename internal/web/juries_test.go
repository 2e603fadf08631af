package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// TestR14_AnEmployerProposesAnExpertTheOfficeDecides: through the pages, an
// employer's HR proposes an expert, sees it waiting, another employer cannot
// reach it, the office refuses without a reason (refused, in French), then
// accepts; a stale edit of the file is refused.
func TestR14_AnEmployerProposesAnExpertTheOfficeDecides(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr, office := e.as("employer"), e.as("office")
	res := hr.post("/membres-jury", url.Values{"first_name": {"Hugo"}, "last_name": {"Garnier"}, "email": {"hugo.garnier@caf69.test"},
		"qualifications": {"GC", "COS"}, "trained_on": {"12/05/2025"}})
	member := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(member, "/membres-jury/") {
		t.Fatalf("proposition : %d %.800s", res.StatusCode, body(t, res))
	}
	if page := body(t, hr.get("/membres-jury")); !strings.Contains(page, "Hugo GARNIER") || !strings.Contains(page, "Proposé, en attente") {
		t.Errorf("l'employeur voit sa proposition\n%.2000s", page)
	}
	if res := e.as("employerB").get(member); res.StatusCode != http.StatusNotFound {
		t.Errorf("un autre employeur ouvre la proposition : %d", res.StatusCode)
	}
	if page := body(t, e.as("employerB").get("/membres-jury")); strings.Contains(page, "GARNIER") {
		t.Error("un autre employeur voit la proposition dans sa liste")
	}
	if page := body(t, office.get("/membres-jury?statut=proposed")); !strings.Contains(page, "Hugo GARNIER") || !strings.Contains(page, "Une proposition attend") {
		t.Errorf("l'équipe des examens voit la proposition\n%.2000s", page)
	}
	res = office.post(member+"/decision", url.Values{"decision": {"decline"}, "reason": {" "}})
	if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "pourquoi ce membre n&#39;est pas retenu") {
		t.Errorf("refus sans motif : %d\n%.2000s", res.StatusCode, page)
	}
	if res := office.post(member+"/decision", url.Values{"decision": {"accept"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("acceptation : %d", res.StatusCode)
	}
	page := body(t, office.get(member))
	if !strings.Contains(page, "Actif") || !strings.Contains(page, "GC, COS") && !strings.Contains(page, "COS, GC") || !strings.Contains(page, "12/05/2025") {
		t.Errorf("fiche après acceptation\n%.3000s", page)
	}
	form := url.Values{"first_name": {"Hugo"}, "last_name": {"Garnier"}, "email": {"hugo.garnier@caf69.test"}, "roles": {"expert"},
		"employer": {"CAF69"}, "qualifications": {"GC"}, "max_sessions": {"12"}, "version": {"1"}}
	if res := office.post(member, form); res.StatusCode != http.StatusConflict && res.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("modification sur une version périmée : %d\n%.1500s", res.StatusCode, body(t, res))
	}
	form.Set("version", "2")
	if res := office.post(member, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("modification : %d\n%.1500s", res.StatusCode, body(t, res))
	}
	if page := body(t, office.get(member)); !strings.Contains(page, "<dd>12</dd>") {
		t.Errorf("maximum de séances enregistré\n%.3000s", page)
	}
}

// TestR14_AJuryMemberTicksTheHalfDaysOfAMonth: a member ticks half-days and a
// whole week of a month; a public holiday and the days of another month are
// never recorded; the page shows what was saved.
func TestR14_AJuryMemberTicksTheHalfDaysOfAMonth(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	jury := e.as("jury")
	page := body(t, jury.get("/mes-disponibilites?mois=2027-03"))
	if !strings.Contains(page, "mars 2027") || !strings.Contains(page, "Pâques") || !strings.Contains(page, `value="2027-03-01:am"`) {
		t.Fatalf("grille de mars 2027\n%.3000s", page)
	}
	res := jury.post("/mes-disponibilites", url.Values{"mois": {"2027-03"}, "semaine": {"2027-03-29"},
		"demi_journee": {"2027-03-01:am", "2027-03-02:pm", "2027-03-29:am"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("enregistrement : %d %.1000s", res.StatusCode, body(t, res))
	}
	page = body(t, jury.get(res.Header.Get("Location")))
	if !strings.Contains(page, "Disponibilités de mars 2027 enregistrées : 6 demi-journées.") {
		t.Errorf("confirmation (lundi de Pâques et avril exclus)\n%.3000s", page)
	}
	for _, checked := range []string{`value="2027-03-01:am" checked`, `value="2027-03-31:pm" checked`} {
		if !strings.Contains(page, checked) {
			t.Errorf("%s absent", checked)
		}
	}
	if strings.Contains(page, `value="2027-03-01:pm" checked`) {
		t.Error("une demi-journée non cochée est enregistrée")
	}
	if res := jury.post("/mes-disponibilites", url.Values{"mois": {"mars"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("mois invalide : %d", res.StatusCode)
	}
}

// TestR14_AvailabilityThroughTheAPI: a member puts and reads their own
// half-days with their token; another member cannot; the office lists the pool.
func TestR14_AvailabilityThroughTheAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	other, err := e.st.CreateJuryMember(t.Context(), store.Platform(), certif.JuryMember{FirstName: "Inès", LastName: "Moreau", Email: "ines@jury.test",
		Roles: []certif.JuryRole{certif.JuryExpert}, Qualifications: []string{"GC"}, Organisation: "Institut 4.10"})
	if err != nil {
		t.Fatal(err)
	}
	e.addUser("juryB", store.NewUser{Email: "ines@jury.test", Role: certif.RoleJury, JuryMemberID: other.ID})
	path := "/api/v1/jury-members/" + strconv.FormatInt(e.users["jury"].JuryMemberID, 10) + "/availability"
	res := e.api("PUT", path, "jury", `{"from": "2027-03-01", "to": "2027-03-31", "half_days": ["2027-03-02:am", "2027-03-02:pm", "2027-03-01:am"]}`)
	if got := body(t, res); res.StatusCode != http.StatusOK || !strings.Contains(got, `"half_days":["2027-03-01:am","2027-03-02:am","2027-03-02:pm"]`) {
		t.Fatalf("PUT : %d %s", res.StatusCode, got)
	}
	if got := body(t, e.api("GET", path+"?from=2027-03-02&to=2027-03-02", "jury", "")); !strings.Contains(got, `"half_days":["2027-03-02:am","2027-03-02:pm"]`) {
		t.Errorf("GET : %s", got)
	}
	res = e.api("PUT", path, "jury", `{"from": "2027-03-01", "to": "2027-03-31", "half_days": ["2027-04-01:am", "demain"]}`)
	if got := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(got, "Demi-journée invalide") {
		t.Errorf("PUT invalide : %d %s", res.StatusCode, got)
	}
	if res := e.api("GET", path, "juryB", ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("un autre membre lit les disponibilités : %d", res.StatusCode)
	}
	if got := body(t, e.api("GET", "/api/v1/jury-members?status=active", "office", "")); !strings.Contains(got, `"last_name":"Lefèvre"`) {
		t.Errorf("vivier : %s", got)
	}
}

// TestR14_TheOfficeInvitesAnActiveMemberToTheirSpace: an active member gets
// a jury account through an invitation mail, once; a proposal is not invited;
// the invited member's link opens their space.
func TestR14_TheOfficeInvitesAnActiveMemberToTheirSpace(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	office := e.as("office")
	m, err := e.st.CreateJuryMember(t.Context(), store.Platform(), certif.JuryMember{FirstName: "Claire", LastName: "Vasseur", Email: "claire.vasseur@ucanss.test",
		Roles: []certif.JuryRole{certif.JuryCertifierRep}, Organisation: "UCANSS (certificateur)"})
	if err != nil {
		t.Fatal(err)
	}
	member := "/membres-jury/" + strconv.FormatInt(m.ID, 10)
	if page := body(t, office.get(member)); !strings.Contains(page, "Inviter Claire VASSEUR à son espace") {
		t.Fatalf("bouton d'invitation absent\n%.3000s", page)
	}
	if res := office.post(member+"/invitation", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("invitation : %d %.800s", res.StatusCode, body(t, res))
	}
	mails, _, err := e.st.OutboxMails(t.Context(), store.OutboxFilter{})
	var invited bool
	for _, x := range mails {
		invited = invited || slices.Contains(x.To, "claire.vasseur@ucanss.test")
	}
	if err != nil || !invited {
		t.Errorf("courriel d'invitation absent : %v", err)
	}
	u, _, err := e.st.UserByEmail(t.Context(), "claire.vasseur@ucanss.test")
	if err != nil || u.Role != certif.RoleJury || u.JuryMemberID != m.ID {
		t.Fatalf("compte créé : %+v %v", u, err)
	}
	if page := body(t, office.get(member)); !strings.Contains(page, "invitation envoyée, pas encore utilisée") {
		t.Errorf("fiche après l'invitation\n%.3000s", page)
	}
	res := office.post(member+"/invitation", nil)
	if page := body(t, office.get(res.Header.Get("Location"))); !strings.Contains(page, "a déjà un compte") {
		t.Errorf("seconde invitation\n%.2000s", page)
	}
	proposal, err := e.st.ProposeJuryMember(t.Context(), store.CallerOf(e.users["employer"], certif.MustDate("2026-11-23")), certif.JuryMember{FirstName: "Hugo",
		LastName: "Garnier", Email: "hugo@caf69.test", Roles: []certif.JuryRole{certif.JuryExpert}, Qualifications: []string{"GC"}})
	if err != nil {
		t.Fatal(err)
	}
	if res := office.post("/membres-jury/"+strconv.FormatInt(proposal.ID, 10)+"/invitation", nil); res.StatusCode != http.StatusConflict {
		t.Errorf("invitation d'une proposition : %d", res.StatusCode)
	}
}

// TestR14_TheOfficeSeesWhoAnsweredItsAvailabilityRequest: the office asks the
// members, each gets a mail linking to their availability page; once a member
// saves the month, the request shows they answered.
func TestR14_TheOfficeSeesWhoAnsweredItsAvailabilityRequest(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	office, jury := e.as("office"), e.as("jury")
	if page := body(t, office.get("/demandes-disponibilites")); !strings.Contains(page, "Paul LEFÈVRE") {
		t.Fatalf("formulaire de demande\n%.3000s", page)
	}
	res := office.post("/demandes-disponibilites", url.Values{"from": {"01/03/2027"}, "to": {"31/03/2027"}, "answer_by": {"15/02/2027"}})
	if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Cochez les membres") {
		t.Errorf("demande sans membre : %d\n%.1500s", res.StatusCode, page)
	}
	member := strconv.FormatInt(e.users["jury"].JuryMemberID, 10)
	res = office.post("/demandes-disponibilites", url.Values{"from": {"01/03/2027"}, "to": {"31/03/2027"}, "answer_by": {"15/02/2027"},
		"members": {member}, "message": {"Jurys GC et COS de mars."}})
	request := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("demande : %d %.1500s", res.StatusCode, body(t, res))
	}
	mails, _, err := e.st.OutboxMails(t.Context(), store.OutboxFilter{Kind: "availability_request"})
	if err != nil || len(mails) != 1 {
		t.Fatalf("courriels : %v %v", mails, err)
	}
	full, err := e.st.OutboxMailByID(t.Context(), mails[0].ID)
	if err != nil || !strings.Contains(full.Text, "/mes-disponibilites?mois=2027-03") || !strings.Contains(full.Text, "Jurys GC et COS de mars.") {
		t.Errorf("courriel de demande : %+v %v", full.Mail, err)
	}
	if page := body(t, office.get(request)); !strings.Contains(page, "0 membre a répondu sur 1") || !strings.Contains(page, "pas encore") {
		t.Errorf("demande avant réponse\n%.2000s", page)
	}
	if res := jury.post("/mes-disponibilites", url.Values{"mois": {"2027-03"}, "demi_journee": {"2027-03-02:am"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("réponse : %d", res.StatusCode)
	}
	if page := body(t, office.get(request)); !strings.Contains(page, "1 membre a répondu sur 1") || !strings.Contains(page, "a répondu") {
		t.Errorf("demande après réponse\n%.2000s", page)
	}
}

// TestR14_TheOfficeReadsAMembersAvailability: what the member ticked, the
// office reads on the member's month.
func TestR14_TheOfficeReadsAMembersAvailability(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if res := e.as("jury").post("/mes-disponibilites", url.Values{"mois": {"2027-03"}, "demi_journee": {"2027-03-02:am", "2027-03-03:am", "2027-03-03:pm"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("enregistrement : %d", res.StatusCode)
	}
	page := body(t, e.as("office").get("/membres-jury/"+strconv.FormatInt(e.users["jury"].JuryMemberID, 10)+"/disponibilites?mois=2027-03"))
	for _, want := range []string{"Disponibilités de Paul LEFÈVRE", "3 demi-journées disponibles", "02/03/2027<br><strong>matin</strong>", "03/03/2027<br><strong>journée</strong>", "Pâques"} {
		if !strings.Contains(page, want) {
			t.Errorf("%q absent\n%.3000s", want, page)
		}
	}
}

// TestR14_AMemberFormNamesEveryFieldInErrorAtOnce: a wrong date and a missing
// name are reported together.
func TestR14_AMemberFormNamesEveryFieldInErrorAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.as("office").post("/membres-jury", url.Values{"first_name": {"Claire"}, "email": {"claire@ucanss.test"}, "roles": {"certifier_rep"},
		"organisation": {"UCANSS"}, "max_sessions": {"12"}, "trained_on": {"31/02/2025"}})
	page := body(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Date de formation : date invalide") || !strings.Contains(page, "Nom obligatoire") {
		t.Errorf("%d\n%.3000s", res.StatusCode, page)
	}
}
