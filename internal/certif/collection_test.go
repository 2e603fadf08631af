package certif

import (
	"slices"
	"strings"
	"testing"
	"time"
)

var (
	gc   = Qualification{Code: "GC", Route: RouteCollectionTable, Branches: []string{"famille", "recouvrement", "retraite"}}
	june = []Month{MustMonth("2026-06"), MustMonth("2026-07")}
)

func TestR5_TheCollectionTableConcernsGCAndCOSOfFamilleRecouvrementRetraiteNotRepeating(t *testing.T) {
	reg := Registration{Qualification: "GC"}
	cases := []struct {
		name   string
		q      Qualification
		branch string
		reg    Registration
		want   bool
	}{
		{"GC d'une CAF", gc, "famille", reg, true},
		{"GC d'une Urssaf", gc, "recouvrement", reg, true},
		{"GC d'une Carsat", gc, "retraite", reg, true},
		{"GC d'une CPAM (branche Maladie)", gc, "maladie", reg, false},
		{"GC par le programme Startech de la Maladie", gc, "maladie", Registration{Qualification: "GC", Programme: "STARTECH"}, false},
		{"redoublant", gc, "famille", Registration{Qualification: "GC", Repeating: true}, false},
		{"inscription supprimée", gc, "famille", Registration{Qualification: "GC", Deleted: true}, false},
	}
	for _, c := range cases {
		if got := InCollection(c.q, c.branch, c.reg); got != c.want {
			t.Errorf("%s : %v, attendu %v", c.name, got, c.want)
		}
	}
}

func TestR5_OnlyTheAttemptsOfTheCampaignMonthsWaitingForTheirJury(t *testing.T) {
	reg := Registration{Attempts: []BlockAttempt{
		{Block: 1, Period: MustMonth("2026-06"), Status: AttemptRegistered},
		{Block: 2, Period: MustMonth("2026-09"), Status: AttemptRegistered},
		{Block: 3, Period: MustMonth("2026-07"), Status: AttemptValidated},
		{Block: 4, Period: MustMonth("2026-07"), Status: AttemptScheduled},
	}}
	var got []int
	for _, a := range CollectionAttempts(reg, june) {
		got = append(got, a.Block)
	}
	if !slices.Equal(got, []int{1, 4}) {
		t.Errorf("blocs de la campagne : %v, attendu [1 4]", got)
	}
}

func TestR5_StatusOfAReturnAndTheJuryBlock(t *testing.T) {
	deadline := MustDate("2026-02-27")
	sent := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	before, after := MustDate("2026-02-20"), MustDate("2026-03-02")
	cases := []struct {
		name    string
		r       CollectionReturn
		today   Date
		want    CollectionStatus
		blocked bool
	}{
		{"non envoyé", CollectionReturn{}, after, CollectionNotSent, false},
		{"en attente", CollectionReturn{SentAt: sent}, before, CollectionPending, false},
		{"en attente le jour même", CollectionReturn{SentAt: sent}, deadline, CollectionPending, false},
		{"manquant", CollectionReturn{SentAt: sent}, after, CollectionMissing, true},
		{"retourné à temps", CollectionReturn{SentAt: sent, ReturnedOn: deadline}, after, CollectionReturned, false},
		{"retourné en retard", CollectionReturn{SentAt: sent, ReturnedOn: after, Late: true}, after, CollectionLate, true},
		{"retard levé", CollectionReturn{SentAt: sent, ReturnedOn: after, Late: true, LiftReason: "accord"}, after, CollectionLate, false},
		{"néant", CollectionReturn{Nil: true}, after, CollectionNil, false},
	}
	for _, c := range cases {
		c.r.Deadline = deadline
		if got := c.r.Status(c.today); got != c.want {
			t.Errorf("%s : statut %s, attendu %s", c.name, got, c.want)
		}
		if got := c.r.Blocked(c.today); got != c.blocked {
			t.Errorf("%s : bloqué %v, attendu %v", c.name, got, c.blocked)
		}
	}
	if !ReturnIsLate(deadline, deadline.AddDays(1)) || ReturnIsLate(deadline, deadline) {
		t.Error("le retour du jour de la date limite est à temps, celui du lendemain en retard")
	}
}

func TestR5_ALateReturnMakesTheJuryNonOrganisableUntilLifted(t *testing.T) {
	r := CollectionReturn{Campaign: MustMonth("2026-06"), Deadline: MustDate("2026-02-27"), ExamMonths: june, EmployerID: 7,
		SentAt: time.Now(), ReturnedOn: MustDate("2026-03-03"), Late: true}
	today := MustDate("2026-03-10")
	h, ok := r.Hold(today, []string{"GC", "COS"})
	if !ok {
		t.Fatal("pas de blocage après un retour en retard")
	}
	a := BlockAttempt{Block: 1, Period: MustMonth("2026-06"), Status: AttemptRegistered}
	reg := Registration{EmployerID: 7, Qualification: "COS"}
	e := AttemptEligibility(a, reg, nil, h)
	if e.Eligible || !strings.Contains(strings.Join(e.Reasons, " "), "Jury non organisable : tableau de recueil de la campagne de juin 2026 retourné le 03/03/2026, après la date limite du 27/02/2026") {
		t.Errorf("éligibilité : %+v", e)
	}
	for name, other := range map[string]struct {
		a   BlockAttempt
		reg Registration
	}{
		"autre employeur":  {a, Registration{EmployerID: 8, Qualification: "COS"}},
		"autre CQP":        {a, Registration{EmployerID: 7, Qualification: "MOSS"}},
		"redoublant":       {a, Registration{EmployerID: 7, Qualification: "COS", Repeating: true}},
		"autre campagne":   {BlockAttempt{Period: MustMonth("2026-09"), Status: AttemptRegistered}, reg},
		"bloc déjà validé": {BlockAttempt{Period: MustMonth("2026-06"), Status: AttemptValidated}, reg},
	} {
		if h.Covers(other.a, other.reg) {
			t.Errorf("%s : couvert par le blocage", name)
		}
	}
	r.LiftReason = "Retard dû à une panne de messagerie"
	if _, ok := r.Hold(today, []string{"GC", "COS"}); ok {
		t.Error("blocage levé mais toujours actif")
	}
	if e := AttemptEligibility(a, reg, nil); !e.Eligible {
		t.Errorf("sans blocage : %+v", e)
	}
	missing := CollectionReturn{Campaign: MustMonth("2026-06"), Deadline: MustDate("2026-02-27"), SentAt: time.Now()}
	if h, ok := missing.Hold(today, nil); !ok || !strings.Contains(h.Reason, "aucun tableau de recueil retourné") {
		t.Errorf("tableau manquant après la date limite : %+v %v", h, ok)
	}
}

func TestR5_RemindersAtD30D7D1(t *testing.T) {
	deadline := MustDate("2026-02-27")
	cases := []struct {
		today string
		want  string
	}{
		{"2026-01-27", ""}, {"2026-01-28", "D-30"}, {"2026-02-19", "D-30"}, {"2026-02-20", "D-7"},
		{"2026-02-25", "D-7"}, {"2026-02-26", "D-1"}, {"2026-02-27", "D-1"}, {"2026-02-28", ""},
	}
	for _, c := range cases {
		s, ok := DueReminder(deadline, MustDate(c.today))
		if got := s.Name; got != c.want || ok != (c.want != "") {
			t.Errorf("le %s : rappel %q (%v), attendu %q", c.today, got, ok, c.want)
		}
	}
}

// collectionReg is a COS registration of blocks 1 and 3 for June 2026 and
// block 4 for September.
func collectionReg() Registration {
	return Registration{ID: 12, EmployerID: 7, Qualification: "COS", Specialty: "Famille", Attempts: []BlockAttempt{
		{Block: 1, Period: MustMonth("2026-06"), Status: AttemptRegistered},
		{Block: 3, Period: MustMonth("2026-07"), Status: AttemptRegistered},
		{Block: 4, Period: MustMonth("2026-09"), Status: AttemptRegistered},
	}}
}

func entry(blocks ...int) CollectionEntry {
	return CollectionEntry{Line: 5, RegistrationID: 12, Blocks: blocks, ReceptionHours: "8 h 30 – 16 h 30", PhoneHours: "9 h – 12 h"}
}

func TestR5_BlocksToEvaluateAreRegisteredBlocksOfTheCampaign(t *testing.T) {
	today := MustDate("2026-02-10")
	ch, err := PlanCollectionEntry(entry(1, 3), collectionReg(), june, RoleEmployer, today)
	if err != nil || ch.ChangesRegistration() || !slices.Equal(ch.Evaluated, []int{1, 3}) {
		t.Errorf("tous les blocs inscrits : %+v %v", ch, err)
	}
	ch, err = PlanCollectionEntry(entry(3), collectionReg(), june, RoleEmployer, today)
	if err != nil || !slices.Equal(ch.Withdrawn, []int{1}) {
		t.Errorf("bloc 1 non évalué : %+v %v", ch, err)
	}
	if d := ch.Describe(collectionReg()); len(d) != 1 || !strings.HasPrefix(d[0], "Bloc 1 retiré") {
		t.Errorf("description : %q", d)
	}
	for blocks, want := range map[string]string{
		"4": "le bloc 4 n'est pas inscrit pour cette campagne (blocs inscrits : 1, 3) : inscrivez-le d'abord sur la plateforme",
		"":  "indiquez au moins un bloc à évaluer parmi les blocs inscrits (1, 3)",
	} {
		var bs []int
		if blocks != "" {
			bs = []int{4}
		}
		_, err := PlanCollectionEntry(entry(bs...), collectionReg(), june, RoleEmployer, today)
		if got := ErrorFields(err)["blocks"]; !strings.HasPrefix(got, want) {
			t.Errorf("blocs %q : %q, attendu %q", blocks, got, want)
		}
	}
	scheduled := collectionReg()
	scheduled.Attempts[0].Status = AttemptScheduled
	if _, err := PlanCollectionEntry(entry(3), scheduled, june, RoleEmployer, today); !strings.Contains(ErrorFields(err)["blocks"], "jury professionnel planifié") {
		t.Errorf("bloc planifié retiré : %v", err)
	}
}

func TestR18_OpeningHoursOfReceptionAndPhonePlatformAreRequired(t *testing.T) {
	e := entry(1, 3)
	e.ReceptionHours, e.PhoneHours = "", " "
	_, err := PlanCollectionEntry(e, collectionReg(), june, RoleEmployer, MustDate("2026-02-10"))
	f := ErrorFields(err)
	if !strings.Contains(f["reception_hours"], "observation en situation réelle") || !strings.Contains(f["phone_hours"], "observation en situation réelle") {
		t.Errorf("horaires manquants : %v", f)
	}
	e.ReceptionHours, e.PhoneHours = strings.Repeat("x", MaxHoursLength+1), "9 h – 12 h"
	if _, err := PlanCollectionEntry(e, collectionReg(), june, RoleEmployer, MustDate("2026-02-10")); ErrorFields(err)["reception_hours"] == "" {
		t.Error("horaires trop longs acceptés")
	}
}

func TestR18_SpecialtyAndAdjustmentsChangeTheRegistration(t *testing.T) {
	today := MustDate("2026-02-10")
	e := entry(1, 3)
	e.Specialty, e.Adjustments = "Recouvrement", "Salle accessible"
	ch, err := PlanCollectionEntry(e, collectionReg(), june, RoleEmployer, today)
	if err != nil || !ch.SpecialtyChanged || !ch.AdjustmentsChanged || !ch.Disability || ch.Adjustments != "Salle accessible" {
		t.Fatalf("spécialité et aménagements : %+v %v", ch, err)
	}
	withAdj := collectionReg()
	withAdj.Disability, withAdj.Adjustments = true, "Tiers temps"
	e = entry(1, 3)
	ch, _ = PlanCollectionEntry(e, withAdj, june, RoleEmployer, today)
	if ch.AdjustmentsChanged || ch.Adjustments != "Tiers temps" {
		t.Errorf("cellule vide : les aménagements restent : %+v", ch)
	}
	e.Adjustments = "Aucun"
	ch, _ = PlanCollectionEntry(e, withAdj, june, RoleEmployer, today)
	if !ch.AdjustmentsChanged || ch.Adjustments != "" {
		t.Errorf("« aucun » efface les aménagements : %+v", ch)
	}
}

func TestR5_AReturnAfterTheChangeDeadlineCannotChangeTheRegistration(t *testing.T) {
	// R20: June 2026 blocks change until 01/03/2026 (R6 deadline).
	e := entry(3)
	if _, err := PlanCollectionEntry(e, collectionReg(), june, RoleEmployer, MustDate("2026-03-05")); !strings.Contains(ErrorFields(err)[""], "seule l'équipe des examens peut encore modifier ou supprimer cette inscription") {
		t.Errorf("retrait après la date limite de modification : %v", err)
	}
	if _, err := PlanCollectionEntry(e, collectionReg(), june, RoleOffice, MustDate("2026-03-05")); err != nil {
		t.Errorf("l'équipe des examens peut encore retirer : %v", err)
	}
	if _, err := PlanCollectionEntry(entry(1, 3), collectionReg(), june, RoleEmployer, MustDate("2026-03-05")); err != nil {
		t.Errorf("un retour tardif sans changement d'inscription est accepté : %v", err)
	}
}
