package store_test

import (
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// regFixture is a seeded store with two employers and one candidate each.
type regFixture struct {
	st         *store.Store
	caf, cpam  certif.Employer
	lea, marc  certif.Candidate
	hr, office store.Caller
}

func newRegFixture(t *testing.T, st *store.Store) regFixture {
	t.Helper()
	seeded(t, st)
	today := certif.MustDate("2026-05-15")
	f := regFixture{st: st}
	var err error
	if f.caf, err = st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CAF69", Name: "CAF du Rhône", Type: "CAF", Branch: "famille"}); err != nil {
		t.Fatal(err)
	}
	if f.cpam, err = st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CPAM33", Name: "CPAM de la Gironde", Type: "CPAM", Branch: "maladie"}); err != nil {
		t.Fatal(err)
	}
	f.lea, err = st.CreateCandidate(ctx, store.PlatformOn(today), certif.Candidate{EmployerCode: "CAF69", BirthName: "Durand", UsageName: "Martin", FirstNames: []string{"Léa"},
		Sex: "F", BirthDate: certif.MustDate("1991-02-03"), BirthINSEE: "69123"})
	if err != nil {
		t.Fatal(err)
	}
	f.marc, err = st.CreateCandidate(ctx, store.PlatformOn(today), certif.Candidate{EmployerCode: "CPAM33", BirthName: "Petit", FirstNames: []string{"Marc"},
		Sex: "M", BirthDate: certif.MustDate("1985-09-30"), BirthINSEE: "33063"})
	if err != nil {
		t.Fatal(err)
	}
	f.hr = store.Caller{Actor: store.Actor{Email: "rh@caf69.test"}, Role: certif.RoleEmployer, Scope: store.Scope{EmployerID: f.caf.ID}, Today: today}
	f.office = store.Caller{Actor: store.Actor{Email: "office@test.fr"}, Role: certif.RoleOffice, Scope: store.All, Today: today}
	return f
}

func cosPartial(blocks ...int) certif.RegistrationRequest {
	return certif.RegistrationRequest{Qualification: "COS", Path: certif.PathPartial, Blocks: blocks,
		CertifiableFrom: certif.MustDate("2026-10-05"), Contract: certif.ContractCDI, Specialty: "Accueil allocataires"}
}

func TestRegistrations(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newRegFixture(t, st)
		t.Run("R3_TwoOfFourBlocksThenTheOthers", f.testTwoOfFour)
		t.Run("R6_LateRefusedOfficeOverrides", f.testLate)
		t.Run("R20_ChangeDeleteHistory", f.testChangeAndHistory)
		t.Run("R17_NilDeclarationLapses", f.testNil)
		t.Run("R15_HealthReadsAreLogged", f.testHealthRead)
		t.Run("ScopeHidesOtherEmployers", f.testScope)
		t.Run("ListFiltersAndSearch", f.testList)
		t.Run("DuplicatesMergeAndTransfer", f.testMerge)
	})
}

func (f regFixture) testTwoOfFour(t *testing.T) {
	g, err := f.st.CreateRegistration(ctx, f.hr, f.lea.ID, cosPartial(1, 3))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Attempts) != 2 || g.Attempts[0].Block != 1 || g.Attempts[1].Block != 3 || g.Attempts[0].Period.String() != "2026-10" || g.Attempts[0].Attempt != 1 {
		t.Fatalf("tentatives : %+v", g.Attempts)
	}
	_, err = f.st.CreateRegistration(ctx, f.hr, f.lea.ID, cosPartial(3, 4))
	if !strings.Contains(certif.ErrorFields(err)["blocks"], "Le bloc 3 est déjà inscrit") {
		t.Errorf("bloc inscrit deux fois : %v", err)
	}
	if err := f.st.RecordPriorValidation(ctx, f.office, f.lea.ID, "COS", 2, certif.MustDate("2025-12-17"), "PV du jury du 17/12/2025"); err != nil {
		t.Fatal(err)
	}
	complete := cosPartial()
	complete.Path = certif.PathComplete
	g2, err := f.st.CreateRegistration(ctx, f.hr, f.lea.ID, complete)
	if err == nil || !strings.Contains(certif.ErrorFields(err)["blocks"], "déjà inscrit") {
		t.Errorf("parcours complet avec blocs déjà inscrits : %+v %v", g2, err)
	}
	_, err = f.st.CreateRegistration(ctx, f.hr, f.lea.ID, cosPartial(2))
	if !strings.Contains(certif.ErrorFields(err)["blocks"], "Le bloc 2 est déjà validé (le 17/12/2025)") {
		t.Errorf("bloc validé représenté : %v", err)
	}
	g4, err := f.st.CreateRegistration(ctx, f.hr, f.lea.ID, cosPartial(4))
	if err != nil || g4.Attempts[0].Block != 4 {
		t.Errorf("bloc restant : %+v %v", g4, err)
	}
	validated, err := f.st.ValidatedBlocks(ctx, f.lea.ID)
	if err != nil || len(validated) != 1 || !validated[0].FromHistory {
		t.Errorf("blocs validés : %+v %v", validated, err)
	}
}

func (f regFixture) testLate(t *testing.T) {
	req := certif.RegistrationRequest{Qualification: "CA", Path: certif.PathComplete, CertifiableFrom: certif.MustDate("2026-07-01"), Contract: certif.ContractCDD}
	_, err := f.st.CreateRegistration(ctx, f.hr, f.lea.ID, req)
	if !strings.Contains(certif.ErrorMessage(err), "Première période possible aujourd'hui : septembre 2026") {
		t.Fatalf("R6 : %v", err)
	}
	office := f.office
	_, err = f.st.CreateRegistration(ctx, office, f.lea.ID, req)
	if certif.ErrorFields(err)["late_reason"] == "" {
		t.Fatalf("dérogation sans motif : %v", err)
	}
	office.Reason = "Contrat signé tardivement"
	g, err := f.st.CreateRegistration(ctx, office, f.lea.ID, req)
	if err != nil || g.LateReason != "Contrat signé tardivement" {
		t.Fatalf("dérogation : %+v %v", g, err)
	}
	events, _ := f.st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{CandidateID: f.lea.ID})
	found := false
	for _, e := range events {
		found = found || (e.Action == "late_override" && e.Reason == "Contrat signé tardivement" && e.UserEmail == "office@test.fr")
	}
	if !found {
		t.Errorf("dérogation non tracée : %+v", events)
	}
	_, err = f.st.CreateRegistration(ctx, store.Caller{Actor: store.System, Role: certif.RoleCertifier, Scope: store.All, Today: f.hr.Today}, f.lea.ID, req)
	if certif.ErrorCode(err) != certif.EForbidden {
		t.Errorf("le certificateur n'inscrit pas : %v", err)
	}
}

func (f regFixture) testChangeAndHistory(t *testing.T) {
	req := certif.RegistrationRequest{Qualification: "MOSS", Path: certif.PathPartial, Blocks: []int{1}, CertifiableFrom: certif.MustDate("2026-11-02"), Contract: certif.ContractCDI}
	g, err := f.st.CreateRegistration(ctx, f.hr, f.marc.ID, req)
	if certif.ErrorCode(err) != certif.ENotFound {
		t.Fatalf("un employeur inscrit le candidat d'un autre : %v", err)
	}
	g, err = f.st.CreateRegistration(ctx, f.office, f.marc.ID, req)
	if err != nil {
		t.Fatal(err)
	}
	hrB := store.Caller{Actor: store.Actor{Email: "rh@cpam33.test"}, Role: certif.RoleEmployer, Scope: store.Scope{EmployerID: f.cpam.ID}, Today: f.hr.Today}
	req.Blocks = []int{1, 2}
	req.BlockDates = map[int]certif.Date{2: certif.MustDate("2026-12-01")}
	g, err = f.st.UpdateRegistration(ctx, hrB, g.ID, req)
	if err != nil || len(g.Attempts) != 2 || g.Attempts[1].Period.String() != "2026-12" {
		t.Fatalf("modification : %+v %v", g, err)
	}
	late := hrB
	late.Today = certif.MustDate("2026-08-02") // after 01/08, the deadline of November
	if _, err := f.st.UpdateRegistration(ctx, late, g.ID, req); certif.ErrorCode(err) != certif.EForbidden {
		t.Errorf("R20 : modification tardive de l'employeur : %v", err)
	}
	if err := f.st.DeleteRegistration(ctx, late.Because("erreur"), g.ID, 0); certif.ErrorCode(err) != certif.EForbidden {
		t.Errorf("R20 : suppression tardive de l'employeur : %v", err)
	}
	officeLate := f.office
	officeLate.Today = late.Today
	if err := f.st.DeleteRegistration(ctx, officeLate.Because("le candidat a quitté l'organisme"), g.ID, 0); err != nil {
		t.Fatalf("suppression par l'équipe des examens : %v", err)
	}
	g, err = f.st.Registration(ctx, g.ID, store.All)
	if err != nil || !g.Deleted || g.Attempts[0].Status != certif.AttemptWithdrawn {
		t.Errorf("suppression douce : %+v %v", g, err)
	}
	events, _ := f.st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{CandidateID: f.marc.ID})
	got := map[string]certif.AuditEvent{}
	for _, e := range events {
		got[e.Action+"/"+e.Field] = e
	}
	if e := got["update/blocks"]; e.Before != "1" || e.After != "1, 2" || e.UserEmail != "rh@cpam33.test" {
		t.Errorf("changement de blocs non tracé : %+v", events)
	}
	if e := got["delete/"]; e.Reason != "le candidat a quitté l'organisme" || e.UserEmail != "office@test.fr" {
		t.Errorf("suppression non tracée : %+v", e)
	}
	if _, err := f.st.UpdateCandidate(ctx, hrB, f.marc.ID, certif.Candidate{BirthName: "Petit", UsageName: "Petit-Roux", FirstNames: []string{"Marc"},
		Sex: "M", BirthDate: certif.MustDate("1985-09-30"), BirthINSEE: "33063"}); err != nil {
		t.Fatal(err)
	}
	events, _ = f.st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{CandidateID: f.marc.ID})
	if events[0].Field != "usage_name" || events[0].After != "Petit-Roux" {
		t.Errorf("changement d'identité non tracé : %+v", events[0])
	}
}

func (f regFixture) testNil(t *testing.T) {
	if _, err := f.st.DeclareNil(ctx, f.hr, "CAF69", certif.MustMonth("2027-01")); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.DeclareNil(ctx, f.hr, "CAF69", certif.MustMonth("2027-01")); certif.ErrorCode(err) != certif.EConflict {
		t.Errorf("néant déclaré deux fois : %v", err)
	}
	if _, err := f.st.DeclareNil(ctx, f.hr, "CAF69", certif.MustMonth("2026-10")); certif.ErrorFields(err)["period"] == "" {
		t.Errorf("néant alors que des candidats sont inscrits : %v", err)
	}
	req := certif.RegistrationRequest{Qualification: "GC", Path: certif.PathComplete, CertifiableFrom: certif.MustDate("2027-01-10"), Contract: certif.ContractCDI}
	if _, err := f.st.CreateRegistration(ctx, f.hr, f.lea.ID, req); err != nil {
		t.Fatal(err)
	}
	decls, err := f.st.NilDeclarations(ctx, store.Scope{EmployerID: f.caf.ID})
	if err != nil || len(decls) != 1 || !decls[0].Lapsed {
		t.Errorf("le néant doit tomber quand l'employeur inscrit quelqu'un : %+v %v", decls, err)
	}
	if other, _ := f.st.NilDeclarations(ctx, store.Scope{EmployerID: f.cpam.ID}); len(other) != 0 {
		t.Errorf("néant d'un autre employeur visible : %+v", other)
	}
}

// testHealthRead: registration reads carry no health data (R15); only
// RevealHealth gives it, to those who may see it, and logs the read.
func (f regFixture) testHealthRead(t *testing.T) {
	req := certif.RegistrationRequest{Qualification: "MOSS", Path: certif.PathPartial, Blocks: []int{1}, CertifiableFrom: certif.MustDate("2026-12-01"),
		Contract: certif.ContractCDI, Disability: true, Adjustments: "Tiers temps"}
	g, err := f.st.CreateRegistration(ctx, f.hr, f.lea.ID, req)
	if err != nil || g.Disability || g.Adjustments != "" {
		t.Fatalf("une lecture ordinaire ne doit pas porter les données de santé : %+v %v", g, err)
	}
	regs := []certif.Registration{g}
	office := store.Viewer{Actor: f.office.Actor, Role: certif.RoleOffice, Scope: store.All, Where: "page"}
	if err := f.st.RevealHealth(ctx, office, regs); err != nil {
		t.Fatal(err)
	}
	if !regs[0].Disability || regs[0].Adjustments != "Tiers temps" {
		t.Errorf("l'équipe des examens doit voir les aménagements : %+v", regs[0])
	}
	events, _ := f.st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "registration", EntityKey: strconv.FormatInt(g.ID, 10)})
	if len(events) == 0 || events[0].Action != "health_read" || events[0].UserEmail != "office@test.fr" || events[0].Field != "page" {
		t.Errorf("lecture des données de santé non tracée : %+v", events)
	}
	other := []certif.Registration{g}
	otherHR := store.Viewer{Actor: store.Actor{Email: "rh@cpam33.test"}, Role: certif.RoleEmployer, Scope: store.Scope{EmployerID: f.cpam.ID}}
	if err := f.st.RevealHealth(ctx, otherHR, other); err != nil || other[0].Disability || other[0].Adjustments != "" {
		t.Errorf("un autre employeur ne doit pas voir les données de santé : %+v %v", other[0], err)
	}
}

func (f regFixture) testScope(t *testing.T) {
	hrB := store.Scope{EmployerID: f.cpam.ID}
	regs, err := f.st.CandidateRegistrations(ctx, f.lea.ID, hrB)
	if err != nil || len(regs) != 0 {
		t.Errorf("inscriptions d'un autre employeur visibles : %d %v", len(regs), err)
	}
	all, _ := f.st.CandidateRegistrations(ctx, f.lea.ID, store.All)
	if len(all) == 0 {
		t.Fatal("aucune inscription")
	}
	if _, err := f.st.Registration(ctx, all[0].ID, hrB); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("inscription d'un autre employeur lisible : %v", err)
	}
	if err := f.st.DeleteRegistration(ctx, store.Caller{Role: certif.RoleEmployer, Scope: hrB, Today: f.hr.Today}, all[0].ID, 0); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("inscription d'un autre employeur supprimable : %v", err)
	}
}

func (f regFixture) testList(t *testing.T) {
	rows, total, err := f.st.Registrations(ctx, store.RegistrationFilter{Scope: store.All, Search: "MARTIN lea"})
	if err != nil || total == 0 || rows[0].Candidate.ID != f.lea.ID {
		t.Fatalf("recherche : %d %v", total, err)
	}
	if _, n, _ := f.st.Registrations(ctx, store.RegistrationFilter{Scope: store.All, Search: "léà"}); n != total {
		t.Errorf("recherche insensible aux accents : %d au lieu de %d", n, total)
	}
	_, n, _ := f.st.Registrations(ctx, store.RegistrationFilter{Scope: store.All, Qualification: "COS", Period: certif.MustMonth("2026-10"), Status: certif.AttemptRegistered})
	if n != 2 {
		t.Errorf("filtre CQP + période + statut : %d, attendu 2", n)
	}
	if _, n, _ := f.st.Registrations(ctx, store.RegistrationFilter{Scope: store.All, Disability: "yes"}); n != 1 {
		t.Errorf("filtre handicap : %d", n)
	}
	if _, n, _ := f.st.Registrations(ctx, store.RegistrationFilter{Scope: store.Scope{EmployerID: f.cpam.ID}}); n != 0 {
		t.Errorf("liste d'un employeur avec les inscriptions d'un autre : %d", n)
	}
	if _, n, _ := f.st.Registrations(ctx, store.RegistrationFilter{Scope: store.All, Deleted: true}); n != 1 {
		t.Errorf("inscriptions supprimées : %d", n)
	}
	page2, total, _ := f.st.Registrations(ctx, store.RegistrationFilter{Scope: store.All, Page: 2, PerPage: 2, Sort: "recent"})
	if len(page2) != min(2, total-2) {
		t.Errorf("pagination : %d lignes en page 2 sur %d", len(page2), total)
	}
}

func (f regFixture) testMerge(t *testing.T) {
	twin, err := f.st.CreateCandidate(ctx, store.PlatformOn(f.hr.Today), certif.Candidate{EmployerCode: "CPAM33", BirthName: "DURAND", FirstNames: []string{"Lea"},
		Sex: "F", BirthDate: certif.MustDate("1991-02-03"), BirthINSEE: "69123"})
	if err != nil {
		t.Fatal(err)
	}
	groups, err := f.st.Duplicates(ctx)
	if err != nil || len(groups) != 1 || len(groups[0].Candidates) != 2 {
		t.Fatalf("doublons : %+v %v", groups, err)
	}
	req := certif.RegistrationRequest{Qualification: "CA", Path: certif.PathComplete, CertifiableFrom: certif.MustDate("2027-03-01"), Contract: certif.ContractCDI}
	if _, err := f.st.CreateRegistration(ctx, f.office, twin.ID, req); !strings.Contains(certif.ErrorMessage(err), "n'est pas ouvert aux organismes de la branche Maladie") {
		t.Errorf("CQP Contrôleur allocataires pour un candidat d'une CPAM, sans motif : %v", err)
	}
	withAdjustments := req
	withAdjustments.Adjustments = "tiers temps"
	for _, check := range []func() error{
		func() error { _, err := f.st.CreateRegistration(ctx, f.office, twin.ID, withAdjustments); return err },
		func() error { return f.st.CheckRegistration(ctx, f.office, twin.ID, withAdjustments) },
	} {
		if fields := certif.ErrorFields(check()); fields["late_reason"] == "" || fields["adjustments"] == "" {
			t.Errorf("hors branche et aménagements sans handicap : les deux refus à la fois attendus, %v", fields)
		}
	}
	if err := f.st.CheckRegistration(ctx, f.office.Because("reprise du dossier de myCertif"), twin.ID, req); err != nil {
		t.Errorf("vérification d'une inscription valable : %v", err)
	}
	if _, err := f.st.CreateRegistration(ctx, f.office.Because("reprise du dossier de myCertif"), twin.ID, req); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.MergeCandidates(ctx, f.office.Because("même personne"), f.lea.ID, twin.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.Candidate(ctx, twin.ID, store.All); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("le doublon fusionné doit disparaître : %v", err)
	}
	regs, _ := f.st.CandidateRegistrations(ctx, f.lea.ID, store.All)
	found := false
	for _, g := range regs {
		found = found || g.Qualification == "CA"
	}
	if !found {
		t.Error("les inscriptions du doublon doivent passer au candidat conservé")
	}
	if _, err := f.st.TransferCandidate(ctx, f.office.Because("mutation"), f.lea.ID, "CPAM33"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.Candidate(ctx, f.lea.ID, f.hr.Scope); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("l'ancien employeur voit encore le candidat : %v", err)
	}
	validated, _ := f.st.ValidatedBlocks(ctx, f.lea.ID)
	if len(validated) != 1 {
		t.Errorf("les blocs validés suivent le candidat : %+v", validated)
	}
}
