package store_test

import (
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/census"
	"certibloc/internal/certif"
	"certibloc/internal/mail"
	"certibloc/internal/progress"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// censusFixture is a seeded store with three Maladie employers: CPAM33 with
// an HR address and a known candidate, CPAM75 with an account but no HR
// address, CPAM13 with neither.
type censusFixture struct {
	st                 *store.Store
	cpam33, cpam75     certif.Employer
	marc               certif.Candidate
	office, hr33, hr75 store.Caller
	today              certif.Date
	notified           map[string]int // mails composed, by employer
	notifier           store.CensusNotifier
}

func newCensusFixture(t *testing.T, st *store.Store) *censusFixture {
	t.Helper()
	seeded(t, st)
	f := &censusFixture{st: st, today: certif.MustDate("2026-05-15"), notified: map[string]int{}}
	var err error
	if f.cpam33, err = st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CPAM33", Name: "CPAM de la Gironde", Type: "CPAM", Branch: "maladie", HREmails: []string{"rh@cpam33.test"}}); err != nil {
		t.Fatal(err)
	}
	if f.cpam75, err = st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CPAM75", Name: "CPAM de Paris", Type: "CPAM", Branch: "maladie"}); err != nil {
		t.Fatal(err)
	}
	if _, err = st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CPAM13", Name: "CPAM des Bouches-du-Rhône", Type: "CPAM", Branch: "maladie"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "compte@cpam75.test", Role: certif.RoleEmployer, EmployerCode: "CPAM75", PasswordHash: "h"}); err != nil {
		t.Fatal(err)
	}
	f.marc, err = st.CreateCandidate(ctx, store.PlatformOn(f.today), certif.Candidate{EmployerCode: "CPAM33", BirthName: "Petit", FirstNames: []string{"Marc"},
		Sex: "M", BirthDate: certif.MustDate("1985-09-30"), BirthINSEE: "33063"})
	if err != nil {
		t.Fatal(err)
	}
	f.office = store.Caller{Actor: store.Actor{Email: "office@test.fr"}, Role: certif.RoleOffice, Scope: store.All, Today: f.today}
	f.hr33 = store.Caller{Actor: store.Actor{Email: "rh@cpam33.test"}, Role: certif.RoleEmployer, Scope: store.Scope{EmployerID: f.cpam33.ID}, Today: f.today}
	f.hr75 = store.Caller{Actor: store.Actor{Email: "compte@cpam75.test"}, Role: certif.RoleEmployer, Scope: store.Scope{EmployerID: f.cpam75.ID}, Today: f.today}
	f.notifier = func(e certif.Employer, entries []census.PreRegistration) (store.Mail, error) {
		f.notified[e.Code]++
		return mail.Compose("census", census.CensusMailOf(e, entries, "http://certibloc.test"))
	}
	for code, qual := range map[string]string{"GCAM": "GC", "CSAM": "COS"} {
		f.confirmProgramme(t, code, qual)
	}
	return f
}

// confirmProgramme is the office confirming the CQP a programme leads to.
func (f *censusFixture) confirmProgramme(t *testing.T, code, qual string) {
	t.Helper()
	p, err := f.st.Programme(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	p.Qualification = qual
	if err := f.st.SaveProgramme(ctx, f.office, p, true); err != nil {
		t.Fatal(err)
	}
}

func trainee(employer, birthName, first, birth string) certif.Candidate {
	return certif.Candidate{EmployerCode: employer, BirthName: birthName, FirstNames: []string{first}, Sex: "F", BirthDate: certif.MustDate(birth), BirthINSEE: "33063"}
}

// censusLines is a census file: Marc (known to CPAM33), Léa (new at CPAM33,
// in the programme GCAM, which leads to GC), Anne (new at CPAM75, blocks 1 and 3 of DAM, a path that
// ends too soon for the 3-month rule).
func censusLines() []store.CensusLine {
	marc := trainee("cpam33", "PETIT", "Marc", "1985-09-30")
	marc.Sex = "M"
	return []store.CensusLine{
		{Line: 2, Candidate: marc, Path: census.Line{Qualification: "DAM", PathStart: certif.MustDate("2026-01-05"), PathEnd: certif.MustDate("2026-10-30")}},
		{Line: 3, Candidate: trainee("CPAM33", "Durand", "Léa", "1991-02-03"), Path: census.Line{Qualification: "GCAM", PathStart: certif.MustDate("2026-02-02"), PathEnd: certif.MustDate("2026-12-18")}},
		{Line: 4, Candidate: trainee("CPAM75", "Roux", "Anne", "1980-01-01"), Contract: certif.ContractCDD,
			Path: census.Line{Qualification: "DAM", Blocks: []int{1, 3}, PathStart: certif.MustDate("2026-01-05"), PathEnd: certif.MustDate("2026-07-10")}},
	}
}

func (f *censusFixture) importCensus(t *testing.T, lines []store.CensusLine, commit bool) (store.CensusReport, error) {
	t.Helper()
	id, err := f.st.SaveCensusUpload(ctx, f.office, "recensement.csv", []byte("fichier"), len(lines))
	if err != nil {
		t.Fatal(err)
	}
	return f.st.ImportCensus(ctx, f.office, lines, commit, id, f.notifier)
}

func (f *censusFixture) counts(t *testing.T) (candidates, preRegistrations, mails int) {
	t.Helper()
	candidates, err := f.st.CountCandidates(ctx, store.All)
	if err != nil {
		t.Fatal(err)
	}
	_, preRegistrations, err = f.st.PreRegistrations(ctx, store.PreRegistrationFilter{Scope: store.All})
	if err != nil {
		t.Fatal(err)
	}
	_, mails, err = f.st.OutboxMails(ctx, store.OutboxFilter{Kind: "census"})
	if err != nil {
		t.Fatal(err)
	}
	return candidates, preRegistrations, mails
}

func TestR4_Census(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newCensusFixture(t, st)
		t.Run("PreviewKeepsNothing", f.testPreview)
		t.Run("CommitMatchesCreatesPreRegistersAndMailsEachEmployer", f.testCommit)
		t.Run("SameFileTwiceCreatesNothing", f.testTwice)
		t.Run("RefusedFileKeepsNothing", f.testRefused)
		t.Run("PreRegistrationIsNotARegistrationR8", f.testNotARegistration)
		t.Run("EmployerConfirmsAsIs", f.testConfirm)
		t.Run("EmployerCorrectsThenConfirms", f.testCorrect)
		t.Run("LateConfirmationNeedsTheOfficeR6", f.testLate)
		t.Run("OtherEmployerFindsNothing", f.testScope)
		t.Run("BlocksAlreadyRegisteredAreSetAside", f.testAlreadyRegistered)
		t.Run("MergedCandidateTakesItsPreRegistrations", f.testMerged)
		t.Run("ProgrammeWaitsForTheOfficesConfirmation", f.testProgramme)
	})
}

func (f *censusFixture) testPreview(t *testing.T) {
	c0, p0, m0 := f.counts(t)
	id, err := f.st.SaveCensusUpload(ctx, f.office, "recensement.csv", []byte("fichier"), 3)
	if err != nil {
		t.Fatal(err)
	}
	var tr progress.Tracker
	writes := f.st.Writes()
	rep, err := f.st.ImportCensus(progress.WithTracker(ctx, &tr), f.office, censusLines(), false, id, f.notifier)
	if err != nil {
		t.Fatal(err)
	}
	if n := f.st.Writes() - writes; n != 0 {
		t.Errorf("l'aperçu lit sans prendre l'écriture : %d écriture(s)", n)
	}
	if got := tr.Snapshot(); got != (progress.Snapshot{Phase: progress.Checking, Done: 3, Total: 3}) {
		t.Errorf("avancement : %+v", got)
	}
	if rep.PreRegistrations != 3 || rep.NewCandidates != 2 || rep.KnownCandidates != 1 || rep.Refused != 0 || len(rep.Employers) != 2 {
		t.Fatalf("aperçu : %+v", rep)
	}
	if !strings.Contains(rep.Results[0].Action, "Candidat déjà connu") || !strings.Contains(rep.Results[1].Action, "Nouveau candidat") {
		t.Errorf("rapprochement : %+v", rep.Results)
	}
	if !strings.Contains(rep.Results[2].Action, "délai de 3 mois est déjà dépassé") || !strings.Contains(rep.Results[2].Action, "blocs 1, 3") {
		t.Errorf("ligne 4 : %s", rep.Results[2].Action)
	}
	if e := rep.Employers[1]; e.Code != "CPAM75" || len(e.Recipients) != 1 || e.Recipients[0] != "compte@cpam75.test" || e.MailQueued {
		t.Errorf("destinataires de CPAM75 (sans adresse RH : ses comptes) : %+v", e)
	}
	if c, p, m := f.counts(t); c != c0 || p != p0 || m != m0 || len(f.notified) != 0 {
		t.Errorf("un aperçu ne garde rien : candidats %d→%d, pré-inscriptions %d→%d, courriels %d→%d", c0, c, p0, p, m0, m)
	}
}

func (f *censusFixture) testCommit(t *testing.T) {
	c0, _, _ := f.counts(t)
	rep, err := f.importCensus(t, censusLines(), true)
	if err != nil {
		t.Fatal(err)
	}
	if rep.PreRegistrations != 3 || !rep.Employers[0].MailQueued || !rep.Employers[1].MailQueued {
		t.Fatalf("import : %+v", rep)
	}
	c, p, m := f.counts(t)
	if c != c0+2 || p != 3 || m != 2 || f.notified["CPAM33"] != 1 || f.notified["CPAM75"] != 1 {
		t.Errorf("candidats +%d, pré-inscriptions %d, courriels %d (%v) : attendu +2, 3, 2", c-c0, p, m, f.notified)
	}
	mails, _, _ := f.st.OutboxMails(ctx, store.OutboxFilter{Kind: "census", Search: "cpam33"})
	if len(mails) != 1 {
		t.Fatalf("courriel de CPAM33 : %+v", mails)
	}
	full, err := f.st.OutboxMailByID(ctx, mails[0].ID)
	if err != nil || !strings.Contains(full.Text, "PETIT Marc") || !strings.Contains(full.Text, "DURAND Léa") || strings.Contains(full.Text, "ROUX") || full.EmployerID != f.cpam33.ID {
		t.Errorf("le courriel de CPAM33 liste ses deux stagiaires et eux seuls : %+v %v", full, err)
	}
	list, n, err := f.st.PreRegistrations(ctx, store.PreRegistrationFilter{Scope: f.hr33.Scope, Status: census.Pending})
	if err != nil || n != 2 || list[0].Candidate != "PETIT Marc, né le 30/09/1985" || list[0].CandidateID != f.marc.ID || list[0].ConfirmBy.String() != "2026-07-01" {
		t.Errorf("pré-inscriptions de CPAM33 : %d %+v %v", n, list, err)
	}
	uploads, _ := f.st.CensusUploads(ctx, 10)
	if len(uploads) != 1 || !strings.Contains(uploads[0].Summary, "3 pré-inscriptions pour 2 employeurs") {
		t.Errorf("historique des imports : %+v", uploads)
	}
}

func (f *censusFixture) testTwice(t *testing.T) {
	c0, p0, m0 := f.counts(t)
	rep, err := f.importCensus(t, censusLines(), true)
	if err != nil {
		t.Fatal(err)
	}
	if rep.PreRegistrations != 0 || rep.Unchanged != 3 || rep.NewCandidates != 0 || len(rep.Employers) != 0 {
		t.Errorf("deuxième import : %+v", rep)
	}
	if !strings.Contains(rep.Results[0].Action, "déjà recensé (à confirmer par l'employeur)") {
		t.Errorf("action : %s", rep.Results[0].Action)
	}
	if c, p, m := f.counts(t); c != c0 || p != p0 || m != m0 {
		t.Errorf("le même fichier deux fois ne crée rien : %d/%d/%d → %d/%d/%d", c0, p0, m0, c, p, m)
	}
}

func (f *censusFixture) testRefused(t *testing.T) {
	c0, p0, m0 := f.counts(t)
	lines := censusLines()
	lines = append(lines,
		store.CensusLine{Line: 5, Candidate: trainee("CPAM33", "Neuve", "Nina", "1990-01-01"), Path: census.Line{Qualification: "DAM", PathStart: certif.MustDate("2026-03-01"), PathEnd: certif.MustDate("2026-11-30")}},
		store.CensusLine{Line: 6, Candidate: trainee("CPAM99", "Blanc", "Jean", "1990-01-01"), Path: census.Line{Qualification: "COS", PathStart: certif.MustDate("2026-03-01"), PathEnd: certif.MustDate("2026-11-30")}},
		store.CensusLine{Line: 7, Candidate: trainee("CPAM33", "Vert", "Zoé", "1990-01-01"), Path: census.Line{Qualification: "GCAM", Blocks: []int{4}, PathStart: certif.MustDate("2026-03-01"), PathEnd: certif.MustDate("2026-02-01")}},
	)
	rep, err := f.importCensus(t, lines, true)
	if certif.ErrorCode(err) != certif.EInvalid || rep.Refused != 2 {
		t.Fatalf("fichier en erreur : %v %+v", err, rep)
	}
	fields := rep.Results[4].Fields
	if !strings.Contains(fields["employer"], "CPAM99") || !strings.Contains(fields["qualification"], "ne relève pas du recensement") {
		t.Errorf("ligne 6 : %v", fields)
	}
	if fields := rep.Results[5].Fields; !strings.Contains(fields["blocks"], "pas de bloc 4") || !strings.Contains(fields["certifiable_from"], "avant de commencer") {
		t.Errorf("ligne 7 : %v", fields)
	}
	if c, p, m := f.counts(t); c != c0 || p != p0 || m != m0 {
		t.Errorf("un fichier refusé ne garde rien : %d/%d/%d → %d/%d/%d", c0, p0, m0, c, p, m)
	}
	if _, err := f.st.ImportCensus(ctx, f.hr33, lines[:1], true, 1, f.notifier); certif.ErrorCode(err) != certif.EForbidden {
		t.Errorf("un employeur n'importe pas le recensement : %v", err)
	}
}

func (f *censusFixture) preRegistration(t *testing.T, sc store.Scope, name string) census.PreRegistration {
	t.Helper()
	list, _, err := f.st.PreRegistrations(ctx, store.PreRegistrationFilter{Scope: sc})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		if strings.Contains(p.Candidate, name) {
			return p
		}
	}
	t.Fatalf("pas de pré-inscription pour %s", name)
	return census.PreRegistration{}
}

func (f *censusFixture) testNotARegistration(t *testing.T) {
	p := f.preRegistration(t, f.hr33.Scope, "DURAND")
	if regs, err := f.st.CandidateRegistrations(ctx, p.CandidateID, store.All); err != nil || len(regs) != 0 {
		t.Errorf("une pré-inscription ne crée ni inscription ni bloc présentable : %+v %v", regs, err)
	}
	if e := p.Eligibility(); e.Eligible || !strings.Contains(e.Reasons[0], "pas d'inscription, pas d'examen") {
		t.Errorf("R8 : %+v", e)
	}
}

func (f *censusFixture) testConfirm(t *testing.T) {
	p := f.preRegistration(t, f.hr33.Scope, "PETIT")
	confirmDay := f.hr33
	confirmDay.Today = certif.MustDate("2026-06-02")
	g, err := f.st.ConfirmPreRegistration(ctx, confirmDay, p.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if g.Qualification != "DAM" || g.Path != certif.PathComplete || len(g.Attempts) != 3 || g.Attempts[0].Period.String() != "2026-10" ||
		g.RegisteredOn.String() != "2026-06-02" || g.Contract != certif.ContractCDI {
		t.Errorf("inscription confirmée (date d'inscription = date de confirmation) : %+v", g)
	}
	got, _ := f.st.PreRegistration(ctx, p.ID, f.hr33.Scope)
	if got.Status != census.Confirmed || got.RegistrationID != g.ID || got.DecidedBy != "rh@cpam33.test" {
		t.Errorf("pré-inscription confirmée : %+v", got)
	}
	if _, err := f.st.ConfirmPreRegistration(ctx, confirmDay, p.ID, nil); certif.ErrorCode(err) != certif.EConflict {
		t.Errorf("confirmer deux fois : %v", err)
	}
	events, _ := f.st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{CandidateID: f.marc.ID})
	if !hasEvent(events, "pre_registration", "confirm") || !hasEvent(events, "pre_registration", "census") || !hasEvent(events, "registration", "create") {
		t.Errorf("historique du candidat : %+v", events)
	}
}

func idText(id int64) string { return strconv.FormatInt(id, 10) }

func hasEvent(events []certif.AuditEvent, entity, action string) bool {
	for _, e := range events {
		if e.Entity == entity && e.Action == action {
			return true
		}
	}
	return false
}

func (f *censusFixture) testCorrect(t *testing.T) {
	p := f.preRegistration(t, f.hr33.Scope, "DURAND")
	req := p.Request()
	req.Contract, req.ExamPeriod = certif.ContractPro, certif.MustMonth("2027-01")
	req.Path, req.Blocks = certif.PathPartial, []int{5}
	if _, err := f.st.ConfirmPreRegistration(ctx, f.hr33, p.ID, &req); certif.ErrorCode(err) != certif.EInvalid {
		t.Errorf("le GC n'a pas de bloc 5 : %v", err)
	}
	req.Path, req.Blocks = certif.PathComplete, nil
	g, err := f.st.ConfirmPreRegistration(ctx, f.hr33, p.ID, &req)
	if err != nil || g.Contract != certif.ContractPro || g.Attempts[0].Period.String() != "2027-01" {
		t.Fatalf("correction : %+v %v", g, err)
	}
	if g.Qualification != "GC" || g.Programme != "GCAM" || len(g.Attempts) != 3 {
		t.Errorf("inscription au GC par le programme GCAM : %+v", g)
	}
	events, _ := f.st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "pre_registration", EntityKey: idText(p.ID)})
	if !hasEvent(events, "pre_registration", "confirm_corrected") || !strings.Contains(events[0].Before, "CDI") {
		t.Errorf("correction tracée : %+v", events)
	}
}

func (f *censusFixture) testLate(t *testing.T) {
	p := f.preRegistration(t, f.hr75.Scope, "ROUX")
	if !p.Late(f.today) || p.ConfirmBy.String() != "2026-04-01" {
		t.Fatalf("pré-inscription tardive : %+v", p)
	}
	if _, err := f.st.ConfirmPreRegistration(ctx, f.hr75, p.ID, nil); !strings.Contains(certif.ErrorMessage(err), "3 mois avant.") {
		t.Errorf("l'employeur confirme hors délai : %v", err)
	}
	if err := f.st.DeclinePreRegistration(ctx, f.hr75.Because(" "), p.ID); certif.ErrorFields(err)["reason"] == "" {
		t.Errorf("écarter sans motif : %v", err)
	}
	office := f.office
	office.Reason = "Parcours prolongé, accord de l'UCANSS"
	g, err := f.st.ConfirmPreRegistration(ctx, office, p.ID, nil)
	if err != nil || g.LateReason != office.Reason || len(g.Attempts) != 2 || g.Contract != certif.ContractCDD {
		t.Errorf("l'équipe des examens confirme avec dérogation : %+v %v", g, err)
	}
}

func (f *censusFixture) testScope(t *testing.T) {
	list, n, err := f.st.PreRegistrations(ctx, store.PreRegistrationFilter{Scope: f.hr75.Scope})
	if err != nil || n != 1 || list[0].EmployerCode != "CPAM75" {
		t.Errorf("CPAM75 ne voit que la sienne : %d %+v %v", n, list, err)
	}
	p := f.preRegistration(t, store.All, "PETIT")
	if _, err := f.st.PreRegistration(ctx, p.ID, f.hr75.Scope); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("lecture par un autre employeur : %v", err)
	}
	if _, err := f.st.ConfirmPreRegistration(ctx, f.hr75, p.ID, nil); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("confirmation par un autre employeur : %v", err)
	}
	if err := f.st.DeclinePreRegistration(ctx, f.hr75.Because("pirate"), p.ID); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("refus par un autre employeur : %v", err)
	}
}

func (f *censusFixture) testAlreadyRegistered(t *testing.T) {
	// Marc is registered (DAM, confirmed above); a new census path of his
	// that starts later pre-registers nothing, and one of a validated block
	// sets it aside.
	line := censusLines()[0]
	line.Path.PathStart = certif.MustDate("2026-03-01")
	rep, err := f.importCensus(t, []store.CensusLine{line}, true)
	if err != nil || rep.Unchanged != 1 || !strings.Contains(rep.Results[0].Action, "déjà validés ou inscrits par l'employeur : rien à confirmer") {
		t.Errorf("déjà inscrit : %+v %v", rep, err)
	}
	nina := store.CensusLine{Line: 2, Candidate: trainee("CPAM33", "Neuve", "Nina", "1990-01-01"), Path: census.Line{Qualification: "DAM", PathStart: certif.MustDate("2026-03-01"), PathEnd: certif.MustDate("2026-11-30")}}
	c, err := f.st.CreateCandidate(ctx, store.PlatformOn(f.today), nina.Candidate)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.RecordPriorValidation(ctx, f.office, c.ID, "DAM", 2, certif.MustDate("2025-12-17"), "PV du 17/12/2025"); err != nil {
		t.Fatal(err)
	}
	rep, err = f.importCensus(t, []store.CensusLine{nina}, true)
	if err != nil || rep.PreRegistrations != 1 {
		t.Fatalf("bloc validé : %+v %v", rep, err)
	}
	p := f.preRegistration(t, f.hr33.Scope, "NEUVE")
	if p.CandidateID != c.ID || len(p.Blocks) != 0 {
		t.Errorf("parcours complet : les blocs restant à valider (1 et 3) : %+v", p)
	}
	if g, err := f.st.ConfirmPreRegistration(ctx, f.hr33, p.ID, nil); err != nil || len(g.Attempts) != 2 || g.Attempts[1].Block != 3 {
		t.Errorf("confirmation sans le bloc validé : %+v %v", g, err)
	}
	_, _, m0 := f.counts(t)
	unreachable := store.CensusLine{Line: 2, Candidate: trainee("CPAM13", "Sud", "Inès", "1992-04-04"), Path: census.Line{Qualification: "DAM", PathStart: certif.MustDate("2026-03-01"), PathEnd: certif.MustDate("2026-11-30")}}
	rep, err = f.importCensus(t, []store.CensusLine{unreachable}, true)
	if _, _, m := f.counts(t); err != nil || rep.PreRegistrations != 1 || m != m0 || len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "CPAM13") {
		t.Errorf("employeur sans adresse : %+v %v", rep, err)
	}
}

func (f *censusFixture) testMerged(t *testing.T) {
	rose := store.CensusLine{Line: 2, Candidate: trainee("CPAM33", "Vidal", "Rose", "1993-03-03"), Path: census.Line{Qualification: "CSAM", PathStart: certif.MustDate("2026-03-01"), PathEnd: certif.MustDate("2026-11-30")}}
	if _, err := f.importCensus(t, []store.CensusLine{rose}, true); err != nil {
		t.Fatal(err)
	}
	dropped := f.preRegistration(t, f.hr33.Scope, "VIDAL").CandidateID
	// A duplicate entered by hand, as a homonym (the office merges it).
	twin, _, err := f.st.AddCandidate(ctx, store.PlatformOn(f.today), rose.Candidate, store.CandidateEntry{Homonym: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.MergeCandidates(ctx, f.office.Because("même personne"), twin.ID, dropped); err != nil {
		t.Fatal(err)
	}
	p := f.preRegistration(t, f.hr33.Scope, "VIDAL")
	if p.CandidateID != twin.ID {
		t.Errorf("la pré-inscription suit le candidat conservé : %+v", p)
	}
	if rep, err := f.importCensus(t, []store.CensusLine{rose}, true); err != nil || rep.Unchanged != 1 || rep.NewCandidates != 0 {
		t.Errorf("après la fusion, la même ligne ne crée rien : %+v %v", rep, err)
	}
	if g, err := f.st.ConfirmPreRegistration(ctx, f.hr33, p.ID, nil); err != nil || g.CandidateID != twin.ID {
		t.Errorf("confirmation sur le candidat conservé : %+v %v", g, err)
	}
}

// testProgramme: a census line naming a programme whose CQP the office has
// not confirmed is refused with what to do; once confirmed, the trainee is
// pre-registered to that CQP through the programme.
func (f *censusFixture) testProgramme(t *testing.T) {
	ines := store.CensusLine{Line: 2, Candidate: trainee("CPAM33", "Martin", "Inès", "1994-04-04"), Path: census.Line{Qualification: "SMPRO", PathStart: certif.MustDate("2026-03-01"), PathEnd: certif.MustDate("2026-11-30")}}
	rep, err := f.importCensus(t, []store.CensusLine{ines}, true)
	if certif.ErrorCode(err) != certif.EInvalid || !strings.Contains(rep.Results[0].Fields["qualification"], "attend que l'équipe des examens confirme le CQP") {
		t.Fatalf("SMPRO à confirmer : %+v %v", rep, err)
	}
	f.confirmProgramme(t, "SMPRO", "MOSS")
	if _, err := f.importCensus(t, []store.CensusLine{ines}, true); err != nil {
		t.Fatal(err)
	}
	p := f.preRegistration(t, f.hr33.Scope, "MARTIN")
	if p.Qualification != "MOSS" || p.Programme != "SMPRO" {
		t.Errorf("pré-inscription par le programme SMPRO : %+v", p)
	}
	events, _ := f.st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "programme", EntityKey: "SMPRO"})
	if len(events) == 0 || !strings.Contains(events[0].After, "mène au CQP MOSS (correspondance confirmée)") {
		t.Errorf("confirmation tracée : %+v", events)
	}
}
