package certif

import (
	"strings"
	"testing"
)

// TestBranch_AQualificationIsOfferedToTheBranchesItServes: a CAF (Famille)
// cannot register to DAM (Maladie only) — the office can, with a reason —
// and registers to GC (Famille, Recouvrement, Retraite) freely.
func TestBranch_AQualificationIsOfferedToTheBranchesItServes(t *testing.T) {
	dam := Qualification{Code: "DAM", Title: "Délégué de l'assurance maladie", Branches: []string{"maladie"}}
	gc := Qualification{Code: "GC", Title: "Gestionnaire conseil de la Sécurité sociale", Branches: []string{"famille", "recouvrement", "retraite"}}
	if !dam.OpenTo("maladie") || dam.OpenTo("famille") || !gc.OpenTo("famille") || gc.OpenTo("maladie") {
		t.Fatal("OpenTo ne suit pas les branches du CQP")
	}
	outside, err := CheckBranch(dam, nil, "famille", Override{})
	if !outside || ErrorCode(err) != EInvalid || !strings.Contains(ErrorMessage(err), "Le CQP Délégué de l'assurance maladie n'est pas ouvert aux organismes de la branche Famille.") {
		t.Errorf("employeur de la branche Famille inscrit au DAM : %v %v", outside, err)
	}
	if _, err := CheckBranch(dam, nil, "famille", Override{ByOffice: true}); !strings.Contains(ErrorMessage(err), "indiquez le motif") || ErrorFields(err)["late_reason"] == "" {
		t.Errorf("équipe des examens sans motif : %v", err)
	}
	if outside, err := CheckBranch(dam, nil, "famille", Override{ByOffice: true, Reason: "Mobilité vers la CPAM en cours"}); !outside || err != nil {
		t.Errorf("équipe des examens avec motif : %v %v", outside, err)
	}
	if outside, err := CheckBranch(gc, nil, "famille", Override{}); outside || err != nil {
		t.Errorf("GC pour une CAF : %v %v", outside, err)
	}
}
