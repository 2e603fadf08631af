package web_test

import (
	"context"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/ics"
	"certibloc/internal/juries"
	"certibloc/internal/store"
)

// convenedSession seats the fixture's jury member (Paul, expert) with a
// certifier's and a branch representative in a remote session of 15/06/2027
// holding the first block of registration regID, and convenes it; it returns
// the session, the slot and the attempt.
func convenedSession(t *testing.T, e *env, regID int64) (sessionID, slotID, attemptID int64) {
	t.Helper()
	ctx := context.Background()
	reg, err := e.st.Registration(ctx, regID, store.All)
	if err != nil {
		t.Fatal(err)
	}
	attemptID = reg.Attempts[0].ID
	seats := [3]certif.SessionMember{{Role: certif.JuryCertifierRep}, {Role: certif.JuryExpert, MemberID: e.users["jury"].JuryMemberID}, {Role: certif.JuryBranchRep}}
	for i, m := range []certif.JuryMember{
		{FirstName: "Claire", LastName: "Roux", Email: "claire.roux@ucanss.test", Roles: []certif.JuryRole{certif.JuryCertifierRep}, Organisation: "Certificateur"},
		{FirstName: "Marc", LastName: "Vidal", Email: "marc.vidal@cnaf.test", Roles: []certif.JuryRole{certif.JuryBranchRep}, Branch: "famille", Organisation: "CNAF"},
	} {
		saved, err := e.st.CreateJuryMember(ctx, store.Platform(), m)
		if err != nil {
			t.Fatal(err)
		}
		seats[i*2].MemberID = saved.ID
	}
	day := certif.MustDate("2027-06-15")
	ss := certif.JurySession{Qualification: reg.Qualification, HalfDay: certif.HalfDay{Day: day, Half: certif.Morning}, Mode: certif.ModeRemote,
		RemoteTool: certif.ToolTeams, Link: "https://teams.microsoft.com/l/meetup-join/certibloc-test", Members: seats,
		Slots: []certif.Slot{{AttemptID: attemptID, Start: "09:00", Minutes: 60}}}
	run, err := e.st.SavePlan(ctx, store.Platform(), store.PlanningSnapshot{From: day, To: day}, []certif.JurySession{ss}, nil)
	if err != nil || run.Sessions != 1 {
		t.Fatalf("séance : %+v %v", run, err)
	}
	list, err := e.st.JurySessions(ctx, store.SessionFilter{Scope: store.All, From: day, To: day})
	if err != nil || len(list) != 1 {
		t.Fatalf("séances : %v %v", list, err)
	}
	c := juries.Convener{Store: e.st, Clock: clock.Fixed(certif.MustDate("2026-11-23")), BaseURL: "http://localhost", Organizer: ics.Person{Name: "Institut 4.10", Email: "examens@institut410.test"}}
	convened, err := c.Convene(ctx, store.Platform(), list[0].ID, list[0].Version)
	if err != nil {
		t.Fatal(err)
	}
	return convened.ID, convened.Slots[0].ID, attemptID
}
