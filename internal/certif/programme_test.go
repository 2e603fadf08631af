package certif

import (
	"strings"
	"testing"
	"time"
)

// The Maladie programmes (REFERENTIAL.md): a programme leads to a CQP once the
// exam office confirms which; its trainees are registered to that CQP.
func programmesFixture() ([]Qualification, []Programme) {
	quals := []Qualification{
		{Code: "GC", Title: "Gestionnaire conseil de la Sécurité sociale", Branches: []string{"famille", "recouvrement", "retraite"}, Route: RouteCollectionTable, Active: true},
		{Code: "DAM", Title: "Délégué de l'assurance maladie", Branches: []string{"maladie"}, Route: RouteCensus, Active: true},
	}
	progs := []Programme{
		{Code: "GCAM", Branch: "maladie", Qualification: "GC", Route: RouteCensus, ConfirmedAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)},
		{Code: "SMPRO", Branch: "maladie", Qualification: "GC", Route: RouteCensus},
		{Code: "DNS", Branch: "maladie", Route: RouteCensus},
	}
	return quals, progs
}

func TestProgramme_ResolvesToItsConfirmedCQP(t *testing.T) {
	_, progs := programmesFixture()
	qual, p, err := ResolveProgramme("gcam", "", progs)
	if err != nil || qual != "GC" || p == nil || p.Code != "GCAM" {
		t.Fatalf("GCAM : %q %v %v", qual, p, err)
	}
	if qual, p, err := ResolveProgramme("GC", "GCAM", progs); err != nil || qual != "GC" || p.Code != "GCAM" {
		t.Errorf("GC par le programme GCAM : %q %v %v", qual, p, err)
	}
	if qual, p, err := ResolveProgramme("DAM", "", progs); err != nil || qual != "DAM" || p != nil {
		t.Errorf("DAM, sans programme : %q %v %v", qual, p, err)
	}
	if _, _, err := ResolveProgramme("DAM", "GCAM", progs); !strings.Contains(ErrorFields(err)["qualification"], "mène au CQP GC, pas au CQP DAM") {
		t.Errorf("DAM par le programme GCAM : %v", err)
	}
	for _, code := range []string{"SMPRO", "DNS"} {
		_, _, err := ResolveProgramme(code, "", progs)
		if !strings.Contains(ErrorFields(err)["qualification"], "attend que l'équipe des examens confirme le CQP") {
			t.Errorf("%s, correspondance non confirmée : %v", code, err)
		}
	}
	if _, _, err := ResolveProgramme("GC", "XYZ", progs); ErrorFields(err)["programme"] == "" {
		t.Errorf("programme inconnu : %v", err)
	}
}

func TestProgramme_OffersAnEmployerItsBranchsCQPsAndProgrammes(t *testing.T) {
	quals, progs := programmesFixture()
	codes := func(branch string) string {
		var out []string
		for _, o := range OffersFor(branch, quals, progs) {
			out = append(out, o.Code())
		}
		return strings.Join(out, " ")
	}
	if got := codes("maladie"); got != "DAM GCAM" {
		t.Errorf("offres d'une CPAM : %q (GC par son programme confirmé seulement)", got)
	}
	if got := codes("famille"); got != "GC" {
		t.Errorf("offres d'une CAF : %q", got)
	}
	if got := codes(""); got != "GC DAM GCAM" {
		t.Errorf("offres de l'équipe des examens : %q", got)
	}
}

// TestBranch_AProgrammeOpensItsCQPToItsBranch: a CPAM registers to GC through
// GCAM, confirmed, but not directly nor through a programme to confirm; a CAF
// cannot use a Maladie programme.
func TestBranch_AProgrammeOpensItsCQPToItsBranch(t *testing.T) {
	quals, progs := programmesFixture()
	gc, gcam, smpro := quals[0], &progs[0], &progs[1]
	if outside, err := CheckBranch(gc, gcam, "maladie", Override{}); outside || err != nil {
		t.Errorf("GC par GCAM pour une CPAM : %v %v", outside, err)
	}
	if _, err := CheckBranch(gc, nil, "maladie", Override{}); err == nil {
		t.Error("GC sans programme pour une CPAM : accepté")
	}
	if _, err := CheckBranch(gc, smpro, "maladie", Override{}); err == nil {
		t.Error("GC par un programme à confirmer : accepté")
	}
	if _, err := CheckBranch(gc, gcam, "famille", Override{ByOffice: true, Reason: "x"}); !strings.Contains(ErrorMessage(err), "celui de la branche Maladie") {
		t.Errorf("programme Maladie pour une CAF : %v", err)
	}
}

func TestProgramme_Validate(t *testing.T) {
	quals, _ := programmesFixture()
	branches := []Branch{{Code: "maladie", Name: "Maladie"}}
	ok := Programme{Code: "GCAM", Branch: "maladie", Qualification: "GC", Route: RouteCensus}
	if err := ok.Validate(quals, branches); err != nil {
		t.Fatal(err)
	}
	bad := Programme{Code: "DAM", Branch: "x", Qualification: "ZZ", Route: "y"}
	f := ErrorFields(bad.Validate(quals, branches))
	for _, field := range []string{"code", "branch", "qualification", "route"} {
		if f[field] == "" {
			t.Errorf("champ %s non signalé : %v", field, f)
		}
	}
	unknown := Programme{Code: "DNS", Branch: "maladie", Route: RouteCensus, ConfirmedAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}
	if ErrorFields(unknown.Validate(quals, branches))["qualification"] == "" {
		t.Error("confirmation sans CQP acceptée")
	}
}
