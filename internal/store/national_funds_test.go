package store_test

import (
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestR14_NationalFundsProposeAndMobiliseTheirBranch: a national fund's
// account belongs to a branch; it proposes members of its branch (an
// employer of the branch or none), which the office decides; it sees the
// members of its branch only, asks those for their availability and sees its
// own requests; never a candidate.
func TestR14_NationalFundsProposeAndMobiliseTheirBranch(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newRegFixture(t, st)
		if _, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "sans.branche@cnaf.test", Role: certif.RoleNationalFund, PasswordHash: "h"}); certif.ErrorFields(err)["branch"] == "" {
			t.Errorf("un compte de caisse nationale sans branche : %v", err)
		}
		u, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "jurys@cnaf.test", Role: certif.RoleNationalFund, BranchCode: "famille", PasswordHash: "h"})
		if err != nil || u.BranchCode != "famille" || u.RoleLabel() != "Caisse nationale (CNAF)" {
			t.Fatalf("compte de la CNAF : %+v %v", u, err)
		}
		if sc := store.ScopeOf(u); sc != (store.Scope{Branch: "famille"}) {
			t.Errorf("périmètre de la CNAF : %+v", sc)
		}
		cnaf := store.CallerOf(u, f.hr.Today)
		cnam := store.Caller{Actor: store.Actor{Email: "jurys@cnam.test"}, Role: certif.RoleNationalFund, Scope: store.Scope{Branch: "maladie"}, Today: f.hr.Today}
		member := func(first, last string, employer int64, roles ...certif.JuryRole) certif.JuryMember {
			return certif.JuryMember{FirstName: first, LastName: last, Email: first + "@jury.test", Roles: roles, EmployerID: employer, Qualifications: []string{"GC"}}
		}
		if _, err := st.ProposeJuryMember(ctx, cnaf, member("Marc", "Petit", f.cpam.ID, certif.JuryExpert)); certif.ErrorFields(err)["employer"] == "" {
			t.Errorf("la CNAF propose un membre d'une CPAM : %v", err)
		}
		if _, err := st.ProposeJuryMember(ctx, cnaf, member("Anne", "Roux", 0, certif.JuryCertifierRep)); certif.ErrorFields(err)["roles"] == "" {
			t.Errorf("la CNAF propose un représentant du certificateur : %v", err)
		}
		own, err := st.ProposeJuryMember(ctx, cnaf, member("Sophie", "Marchand", 0, certif.JuryBranchRep))
		if err != nil || own.Status != certif.MemberProposed || own.Branch != "famille" || own.Organisation != "CNAF" || own.ProposedByFund != "famille" || own.ProposedBy != 0 {
			t.Fatalf("proposition de la CNAF : %+v %v", own, err)
		}
		caf, err := st.ProposeJuryMember(ctx, cnaf, member("Hugo", "Garnier", f.caf.ID, certif.JuryExpert, certif.JuryBranchRep))
		if err != nil || caf.EmployerID != f.caf.ID || caf.Branch != "famille" || caf.Organisation != "" {
			t.Fatalf("proposition d'un agent de la CAF : %+v %v", caf, err)
		}
		if m, err := st.DecideJuryMember(ctx, f.office, own.ID, true, ""); err != nil || m.Status != certif.MemberActive || m.ProposedByFund != "famille" {
			t.Fatalf("acceptation : %+v %v", m, err)
		}
		maladie, err := st.CreateJuryMember(ctx, f.office, member("Luc", "Morel", f.cpam.ID, certif.JuryExpert))
		if err != nil {
			t.Fatal(err)
		}
		if list, _ := st.JuryMembers(ctx, store.JuryMemberFilter{Scope: cnaf.Scope}); len(list) != 2 {
			t.Errorf("membres de la branche Famille : %+v", list)
		}
		if _, err := st.JuryMember(ctx, maladie.ID, cnaf.Scope); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("la CNAF lit un membre de la branche Maladie : %v", err)
		}
		if _, err := st.JuryMember(ctx, own.ID, cnam.Scope); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("la CNAM lit un membre de la branche Famille : %v", err)
		}
		compose := func(m certif.JuryMember, r certif.AvailabilityRequest, reminder bool) (store.Mail, error) {
			return store.Mail{Subject: "Disponibilités demandées par " + r.Sender(), Text: m.Name()}, nil
		}
		req := certif.AvailabilityRequest{From: certif.MustDate("2026-06-01"), To: certif.MustDate("2026-06-30"), AnswerBy: certif.MustDate("2026-05-25")}
		if _, err := st.RequestAvailability(ctx, cnaf, req, []int64{own.ID, maladie.ID}, compose); certif.ErrorFields(err)["members"] == "" {
			t.Errorf("la CNAF mobilise un membre de la branche Maladie : %v", err)
		}
		jury := store.Caller{Actor: store.Actor{Email: own.Email}, Role: certif.RoleJury, Scope: store.Scope{JuryMemberID: own.ID}, Today: f.hr.Today}
		if _, err := st.RequestAvailability(ctx, jury, req, []int64{own.ID}, compose); certif.ErrorCode(err) != certif.EForbidden {
			t.Errorf("un membre de jury envoie une demande : %v", err)
		}
		r, err := st.RequestAvailability(ctx, cnaf, req, []int64{own.ID}, compose)
		if err != nil || r.Branch != "famille" || r.Members != 1 || r.SentBy() != "CNAF" {
			t.Fatalf("demande de la CNAF : %+v %v", r, err)
		}
		if _, err := st.RequestAvailability(ctx, f.office, req, []int64{maladie.ID}, compose); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			sc   store.Scope
			want int
		}{{cnaf.Scope, 1}, {cnam.Scope, 0}, {store.All, 2}, {f.hr.Scope, 0}} {
			if list, err := st.AvailabilityRequests(ctx, c.sc); err != nil || len(list) != c.want {
				t.Errorf("demandes vues par %+v : %+v %v", c.sc, list, err)
			}
		}
		if _, _, err := st.AvailabilityRequest(ctx, r.ID, cnam.Scope); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("la CNAM lit la demande de la CNAF : %v", err)
		}
		if got, asked, err := st.AvailabilityRequest(ctx, r.ID, cnaf.Scope); err != nil || got.ID != r.ID || len(asked) != 1 || asked[0].ID != own.ID {
			t.Errorf("la CNAF lit sa demande : %+v %+v %v", got, asked, err)
		}
		if n, err := st.CountCandidates(ctx, cnaf.Scope); err != nil || n != 0 {
			t.Errorf("la CNAF compte %d candidats : %v", n, err)
		}
	})
}
