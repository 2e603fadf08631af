package storetest

import (
	"context"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// ConvenedSession saves a remote session of qualification on the morning
// of day, the members holding the three seats (in the order of
// certif.JuryRoles), one slot per attempt from 9 h, and convenes it: the
// attempts must be registered and in no other session.
func ConvenedSession(t testing.TB, st *store.Store, by store.Caller, qualification string, day certif.Date, members [3]int64, attempts ...int64) certif.JurySession {
	t.Helper()
	ctx := context.Background()
	ss := certif.JurySession{Qualification: qualification, HalfDay: certif.HalfDay{Day: day, Half: certif.Morning}, Mode: certif.ModeRemote,
		RemoteTool: certif.ToolTeams, Link: "https://teams.example.test/jury", Locked: true}
	for i, role := range certif.JuryRoles {
		ss.Members[i] = certif.SessionMember{Role: role, MemberID: members[i]}
	}
	for i, a := range attempts {
		ss.Slots = append(ss.Slots, certif.Slot{AttemptID: a, Start: certif.ClockTime(9*60 + 60*i), Minutes: 60})
	}
	snap, err := st.PlanningSnapshot(ctx, day, day, by.Today)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SavePlan(ctx, by, snap, []certif.JurySession{ss}, nil); err != nil {
		t.Fatal(err)
	}
	list, err := st.JurySessions(ctx, store.SessionFilter{Scope: store.All, From: day, To: day, Statuses: []certif.SessionStatus{certif.SessionDraft}})
	if err != nil || len(list) == 0 {
		t.Fatalf("séance enregistrée introuvable : %v", err)
	}
	draft := list[len(list)-1]
	convened, err := st.MoveSessionStatus(ctx, by, draft.ID, draft.Version, certif.SessionConvened, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	return convened
}
