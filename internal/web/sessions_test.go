package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/ics"
	"certibloc/internal/juries"
	"certibloc/internal/store"
)

// juryWindowEnv prepares June 2027 for planning: Léa (CAF69) registered for
// COS blocks 1 and 3 certifiable from 10/06/2027, CAF69's site with its hours,
// the national jury of 09/07/2027, and a jury — the fixture's expert Paul, a
// certifier's and a Famille representative — available in June.
func juryWindowEnv(t *testing.T, e *env) (regID int64) {
	t.Helper()
	ctx := context.Background()
	regID, _ = campaignEnv(t, e)
	caf, err := e.st.EmployerByCode(ctx, "CAF69")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.SaveEmployerSite(ctx, store.Platform(), caf.ID, store.EmployerSite{Name: "Accueil de Lyon Part-Dieu", Address: "67 boulevard Vivier-Merle, 69003 Lyon",
		ReceptionHours: "Du lundi au vendredi, 8 h 30 – 16 h 30", PhoneHours: "Du lundi au vendredi, 9 h – 12 h"}); err != nil {
		t.Fatal(err)
	}
	if err := e.st.SaveNationalJury(ctx, store.Platform(), calendar.NationalJury{Date: certif.MustDate("2027-07-09"), Start: "10:00", End: "13:00"}); err != nil {
		t.Fatal(err)
	}
	ids := []int64{e.users["jury"].JuryMemberID}
	for _, m := range []certif.JuryMember{
		{FirstName: "Claire", LastName: "Roux", Email: "claire.roux@ucanss.test", Roles: []certif.JuryRole{certif.JuryCertifierRep}, Organisation: "Certificateur"},
		{FirstName: "Marc", LastName: "Vidal", Email: "marc.vidal@cnaf.test", Roles: []certif.JuryRole{certif.JuryBranchRep}, Branch: "famille", Organisation: "CNAF"},
	} {
		saved, err := e.st.CreateJuryMember(ctx, store.Platform(), m)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, saved.ID)
	}
	from, to := certif.MustDate("2027-06-01"), certif.MustDate("2027-06-30")
	var halves []certif.HalfDay
	for _, d := range []string{"2027-06-14", "2027-06-15", "2027-06-16"} {
		halves = append(halves, certif.HalfDay{Day: certif.MustDate(d), Half: certif.Morning}, certif.HalfDay{Day: certif.MustDate(d), Half: certif.Afternoon})
	}
	for _, id := range ids {
		if err := e.st.SetAvailability(ctx, store.Platform(), id, from, to, halves); err != nil {
			t.Fatal(err)
		}
	}
	return regID
}

var sessionLink = regexp.MustCompile(`href="/seances/(\d+)"`)

// TestR13_OfficePlansConvenesAndEveryoneSeesTheirPart: the office plans
// June 2027 on "Planifier", opens the draft, convenes it; the convocation
// goes to CAF69's HR with its iCalendar file; the employer, the candidate
// and the member see it in their spaces, the other employer does not; a
// cancellation without reason is refused, naming the field.
func TestR13_OfficePlansConvenesAndEveryoneSeesTheirPart(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		regID := juryWindowEnv(t, e)
		office := e.as("office")
		if page := body(t, e.as("employer").get("/inscriptions/"+strconv.FormatInt(regID, 10))); !strings.Contains(page, "au plus tôt le 09/07/2027") {
			t.Errorf("le jury national que le bloc peut atteindre :\n%s", page)
		}
		res := office.post("/planifier", url.Values{"from": {"01/06/2027"}, "to": {"30/06/2027"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("planifier : %d %s", res.StatusCode, body(t, res))
		}
		page := body(t, office.get(res.Header.Get("Location")))
		if !strings.Contains(page, "2 candidats placés") || !strings.Contains(page, "Aucun expert métier qualifié pour le CQP GC, d&#39;un autre employeur que CAF69") {
			t.Errorf("page Planifier après le calcul :\n%s", page)
		}
		list := body(t, office.get("/seances?du=01/06/2027&au=30/06/2027&vue=membre"))
		m := sessionLink.FindStringSubmatch(list)
		if m == nil || !strings.Contains(list, "Paul LEFÈVRE") {
			t.Fatalf("liste des séances :\n%s", list)
		}
		session := "/seances/" + m[1]
		page = body(t, office.get(session))
		if !strings.Contains(page, "Léa MARTIN") || !strings.Contains(page, "En présentiel chez l&#39;employeur") || !strings.Contains(page, "09/07/2027") {
			t.Errorf("page de la séance :\n%s", page)
		}
		version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)[1]
		if res := office.post(session+"/annulation", url.Values{"version": {version}, "reason": {""}}); res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(body(t, res), "Le motif est obligatoire") {
			t.Errorf("annulation sans motif : %d", res.StatusCode)
		}
		if res := office.post(session+"/convocation", url.Values{"version": {version}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("convocation : %d %s", res.StatusCode, body(t, res))
		}
		mails, _, err := e.st.OutboxMails(context.Background(), store.OutboxFilter{Kind: "convocation"})
		if err != nil || len(mails) != 2 || mails[0].To[0] != "rh@caf69.test" {
			t.Fatalf("convocations : %+v %v", mails, err)
		}
		res = office.get("/courriels/" + strconv.FormatInt(mails[0].ID, 10) + "/piece-jointe")
		if b := body(t, res); !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") || !strings.Contains(b, "BEGIN:VCALENDAR") {
			t.Errorf("pièce jointe de la convocation dans les courriels : %s %.200s", res.Header.Get("Content-Type"), b)
		}
		for key, want := range map[string]string{"employer": "Léa MARTIN", "candidate": "Léa MARTIN"} {
			if page := body(t, e.as(key).get("/convocations")); !strings.Contains(page, want) {
				t.Errorf("%s : convocations sans %s :\n%s", key, want, page)
			}
		}
		if page := body(t, e.as("employerB").get("/convocations")); strings.Contains(page, "MARTIN") {
			t.Errorf("un autre employeur voit la convocation de Léa")
		}
		if page := body(t, e.as("employer").get("/inscriptions/"+strconv.FormatInt(regID, 10))); !strings.Contains(page, "séance du mardi 15/06/2027") && !strings.Contains(page, "(convoquée)") {
			t.Errorf("la séance du bloc sur son inscription :\n%s", page)
		}
		if page := body(t, e.as("jury").get("/mes-seances")); !strings.Contains(page, "Léa MARTIN") || !strings.Contains(page, "Convoquée") {
			t.Errorf("mes séances du membre :\n%s", page)
		}
		slot := regexp.MustCompile(`href="/convocations/(\d+)/agenda.ics"`).FindStringSubmatch(body(t, e.as("employer").get("/convocations")))
		res = e.as("employer").get("/convocations/" + slot[1] + "/agenda.ics")
		ics := body(t, res)
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") || !strings.Contains(ics, "METHOD:REQUEST") || !strings.Contains(ics, "UID:slot-"+slot[1]+"@certibloc") {
			t.Errorf("fichier d'agenda : %s\n%s", res.Header.Get("Content-Type"), ics)
		}
		if page := body(t, e.as("employer").get("/convocations/"+slot[1])); !strings.Contains(page, "pièce d&#39;identité") || !strings.Contains(page, "Accueil de Lyon Part-Dieu") {
			t.Errorf("convocation à imprimer :\n%s", page)
		}
	})
}

// TestR12_SessionsThroughTheAPI: the office plans a window through the API
// (bad input refused naming the field), convenes, and each audience reads
// the sessions and attempts its scope allows.
func TestR12_SessionsThroughTheAPI(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		juryWindowEnv(t, e)
		res := e.api("POST", "/api/v1/plans", "office", `{"from": "2027-06-30", "to": "2027-06-01"}`)
		if b := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, `"to"`) {
			t.Errorf("période à l'envers : %d %s", res.StatusCode, b)
		}
		res = e.api("POST", "/api/v1/plans", "office", `{"from": "2027-06-01", "to": "2027-06-30"}`)
		var plan struct {
			Placed   int `json:"placed"`
			Sessions []struct {
				ID      int64  `json:"id"`
				Status  string `json:"status"`
				Version int    `json:"version"`
				Slots   []struct {
					AttemptID int64 `json:"attempt_id"`
				} `json:"slots"`
			} `json:"sessions"`
			Unplaced []struct {
				Reason string `json:"reason"`
			} `json:"unplaced"`
		}
		if err := json.Unmarshal([]byte(body(t, res)), &plan); err != nil || res.StatusCode != http.StatusCreated || plan.Placed != 2 || len(plan.Sessions) != 1 || len(plan.Unplaced) != 3 {
			t.Fatalf("plan : %d %+v %v", res.StatusCode, plan, err)
		}
		ss := plan.Sessions[0]
		if res := e.api("GET", "/api/v1/sessions?from=2027-06-01&to=2027-06-30", "employer", ""); !strings.HasPrefix(body(t, res), "[]") {
			t.Errorf("un employeur voit un brouillon")
		}
		c := juries.Convener{Store: e.st, Clock: clock.Fixed(fixtureToday), BaseURL: "http://localhost", Organizer: ics.Person{Email: "examens@institut410.test"}}
		if _, err := c.Convene(context.Background(), store.Platform(), ss.ID, ss.Version); err != nil {
			t.Fatal(err)
		}
		for _, who := range []string{"office", "employer", "jury"} {
			if b := body(t, e.api("GET", "/api/v1/sessions?from=2027-06-01&to=2027-06-30", who, "")); !strings.Contains(b, "Léa MARTIN") || !strings.Contains(b, `"national_jury":"2027-07-09"`) {
				t.Errorf("%s : %s", who, b)
			}
		}
		if b := body(t, e.api("GET", "/api/v1/sessions?from=2027-06-01&to=2027-06-30", "employerB", "")); strings.Contains(b, "MARTIN") {
			t.Errorf("un autre employeur voit la séance : %s", b)
		}
		attempt := strconv.FormatInt(ss.Slots[0].AttemptID, 10)
		if b := body(t, e.api("GET", "/api/v1/attempts/"+attempt, "employer", "")); !strings.Contains(b, `"status":"scheduled"`) || !strings.Contains(b, `"session":{`) {
			t.Errorf("tentative : %s", b)
		}
		if res := e.api("GET", "/api/v1/attempts/"+attempt, "employerB", ""); res.StatusCode != http.StatusNotFound {
			t.Errorf("tentative d'un autre employeur : %d", res.StatusCode)
		}
		res = e.api("GET", "/api/v1/sessions/"+strconv.FormatInt(ss.ID, 10)+"/ics", "jury", "")
		if b := body(t, res); res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Type"), "method=REQUEST") || !strings.Contains(b, "UID:session-") {
			t.Errorf("ics : %d %s\n%s", res.StatusCode, res.Header.Get("Content-Type"), b)
		}
	})
}

// TestR15_TheCertifierDecidesTheAdjustmentsTheJurySeesOnlyWhatIsGranted:
// the employer's request lists on "Aménagements" (a logged health read);
// the office reads, only the certifier decides (a stale decision refused);
// the planner then gives the extra time, and the member's pages show the
// grant, never the request.
func TestR15_TheCertifierDecidesTheAdjustmentsTheJurySeesOnlyWhatIsGranted(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		regID := juryWindowEnv(t, e)
		ctx := context.Background()
		reg, err := e.st.Registration(ctx, regID, store.All)
		if err != nil {
			t.Fatal(err)
		}
		change := certif.RegistrationRequest{Qualification: reg.Qualification, Path: reg.Path, Blocks: []int{1, 3}, CertifiableFrom: reg.CertifiableFrom,
			Contract: reg.Contract, Specialty: reg.Specialty, Disability: true, Adjustments: "Trouble visuel : documents en gros caractères, tiers temps"}
		if _, err := e.st.UpdateRegistration(ctx, store.PlatformOn(fixtureToday).Because("Demande de l'employeur"), regID, change); err != nil {
			t.Fatal(err)
		}
		if page := body(t, e.as("certifier").get("/amenagements")); !strings.Contains(page, "Trouble visuel") || !strings.Contains(page, "à décider") {
			t.Errorf("demandes d'aménagement :\n%s", page)
		}
		path := "/inscriptions/" + strconv.FormatInt(regID, 10) + "/amenagements"
		if res := e.as("office").post(path, url.Values{"extra_minutes": {"30"}, "version": {"0"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("l'équipe des examens décide : %d", res.StatusCode)
		}
		certifier := e.as("certifier")
		if res := certifier.post(path, url.Values{"extra_minutes": {"500"}, "version": {"0"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body(t, res), "de 0 à 180 minutes") {
			t.Errorf("500 minutes : %d", res.StatusCode)
		}
		if res := certifier.post(path, url.Values{"extra_minutes": {"30"}, "adapted_test": {"on"}, "instructions": {"Sujets imprimés en corps 16"}, "version": {"0"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("décision : %d %s", res.StatusCode, body(t, res))
		}
		if res := certifier.post(path, url.Values{"extra_minutes": {"20"}, "version": {"0"}}); res.StatusCode != http.StatusPreconditionFailed {
			t.Errorf("décision périmée : %d", res.StatusCode)
		}
		if _, _, err := juries.Plan(ctx, e.st, store.PlatformOn(fixtureToday), certif.MustDate("2027-06-01"), certif.MustDate("2027-06-30"), fixtureToday); err != nil {
			t.Fatal(err)
		}
		list, err := e.st.JurySessions(ctx, store.SessionFilter{Scope: store.All, From: certif.MustDate("2027-06-01"), To: certif.MustDate("2027-06-30")})
		if err != nil || len(list) != 1 {
			t.Fatalf("séances : %v %v", list, err)
		}
		for _, sl := range list[0].Slots {
			if sl.ExtraMinutes != 30 || sl.Minutes != 90 {
				t.Errorf("le temps supplémentaire accordé allonge le créneau : %+v", sl)
			}
		}
		c := juries.Convener{Store: e.st, Clock: clock.Fixed(fixtureToday), BaseURL: "http://localhost", Organizer: ics.Person{Email: "examens@institut410.test"}}
		if _, err := c.Convene(ctx, store.Platform(), list[0].ID, list[0].Version); err != nil {
			t.Fatal(err)
		}
		page := body(t, e.as("jury").get("/mes-candidats"))
		if !strings.Contains(page, "30 minutes de temps supplémentaire, épreuve adaptée, Sujets imprimés en corps 16") || strings.Contains(page, "Trouble visuel") {
			t.Errorf("le membre voit l'accordé, jamais la demande :\n%s", page)
		}
	})
}

// TestR12_TheOfficeMovesASlotTheCheckerRefusesWhatBreaksARule: on the
// session page, a slot moved to 11:30 holds (its hour ends at 12:30, the
// morning's end); moved to 12:00 it would end after the half-day: refused
// with the checker's reason, nothing saved; a stale form is refused too.
func TestR12_TheOfficeMovesASlotTheCheckerRefusesWhatBreaksARule(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		juryWindowEnv(t, e)
		ctx := context.Background()
		if _, _, err := juries.Plan(ctx, e.st, store.PlatformOn(fixtureToday), certif.MustDate("2027-06-01"), certif.MustDate("2027-06-30"), fixtureToday); err != nil {
			t.Fatal(err)
		}
		list, err := e.st.JurySessions(ctx, store.SessionFilter{Scope: store.All, From: certif.MustDate("2027-06-01"), To: certif.MustDate("2027-06-30")})
		if err != nil || len(list) != 1 || len(list[0].Slots) != 2 || list[0].HalfDay.Half != certif.Morning {
			t.Fatalf("séance : %+v %v", list, err)
		}
		ss, last := list[0], list[0].Slots[1]
		office := e.as("office")
		move := func(start string, version int) *http.Response {
			return office.post(fmt.Sprintf("/seances/%d/creneaux/%d", ss.ID, last.ID), url.Values{"target": {strconv.FormatInt(ss.ID, 10)}, "start": {start}, "version": {strconv.Itoa(version)}})
		}
		res := move("12:00", ss.Version)
		if b := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, "enfreint les règles de composition des jurys") {
			t.Errorf("créneau débordant la demi-journée : %d\n%.3000s", res.StatusCode, b)
		}
		if res := move("11:30", ss.Version); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("créneau à 11:30 : %d %s", res.StatusCode, body(t, res))
		}
		got, err := e.st.JurySession(ctx, ss.ID, store.All)
		if err != nil || got.Slots[len(got.Slots)-1].Start != "11:30" {
			t.Errorf("créneau déplacé : %+v %v", got.Slots, err)
		}
		if res := move("10:30", ss.Version); res.StatusCode != http.StatusPreconditionFailed {
			t.Errorf("formulaire périmé : %d", res.StatusCode)
		}
	})
}

// TestR14_ANationalFundSeesHowManySitInItsBranchSessionsNotWho: a national fund
// sees its branch's sessions and how many candidates sit in each, never who
// (R14); the office sees who.
func TestR14_ANationalFundSeesHowManySitInItsBranchSessionsNotWho(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ss := e.juryOf(t, e.leaAttempt(t))
	path := fmt.Sprintf("/seances/%d", ss.ID)
	page := body(t, e.as("national_fund").get(path))
	if !strings.Contains(page, "Candidats de cette séance, que seuls leur employeur, l'équipe des examens et le jury voient : 1.") || strings.Contains(page, "Aucun candidat visible") || strings.Contains(page, "MARTIN") {
		t.Errorf("séance vue par la caisse nationale :\n%s", page)
	}
	day := ss.HalfDay.Day.French()
	list := body(t, e.as("national_fund").get("/seances?du="+day+"&au="+day))
	if !regexp.MustCompile(`(?s)href="` + path + `".*?</td>\s*<td>[^<]*</td><td>1</td>`).MatchString(list) {
		t.Errorf("liste des séances de la caisse nationale sans son candidat compté :\n%s", list)
	}
	if page := body(t, e.as("office").get(path)); !strings.Contains(page, "Léa MARTIN") || strings.Contains(page, "que seuls leur employeur") {
		t.Errorf("séance vue par l'équipe des examens :\n%s", page)
	}
	var api struct {
		Candidates int `json:"candidates"`
		Slots      []struct {
			Candidate string `json:"candidate"`
		} `json:"slots"`
	}
	// The API says how many sit beside the slots the caller sees (an employer its own).
	if err := json.Unmarshal([]byte(body(t, e.api("GET", fmt.Sprintf("/api/v1/sessions/%d", ss.ID), "employer", ""))), &api); err != nil || api.Candidates != 1 || len(api.Slots) != 1 {
		t.Errorf("séance dans l'API pour l'employeur : %+v %v", api, err)
	}
}

// TestASessionsFilterWithABadDateSaysSo: a date of the filter that cannot be
// read, or an end before the start, is named beside what was typed; the
// page still shows a period (next month).
func TestASessionsFilterWithABadDateSaysSo(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	office := e.as("office")
	res := office.get("/seances?du=31/02/2027&au=28/02/2027")
	page := body(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Du : date invalide, format JJ/MM/AAAA attendu") ||
		!strings.Contains(page, `value="31/02/2027"`) || !strings.Contains(page, `value="28/02/2027"`) {
		t.Errorf("filtre à la date impossible : %d\n%s", res.StatusCode, page)
	}
	res = office.get("/seances?du=28/02/2027&au=01/02/2027")
	if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "La fin de la période est avant son début.") {
		t.Errorf("filtre à l'envers : %d\n%s", res.StatusCode, page)
	}
	res = office.get("/planifier?du=demain")
	if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Du : date invalide") {
		t.Errorf("planifier à une date illisible : %d\n%s", res.StatusCode, page)
	}
	if res := office.get("/seances?du=01/02/2027&au=28/02/2027"); res.StatusCode != http.StatusOK {
		t.Errorf("filtre correct : %d", res.StatusCode)
	}
}
