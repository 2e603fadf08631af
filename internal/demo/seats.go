package demo

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/store"
)

// seating seats the juries of the demo's past sessions from its pool by the
// rules the planner applies (R14, constraints 2 and 3 of docs/planner.md): a
// member may take the seat (certif.JuryMember.MaySit: active, holding the
// role, trained when the CQP requires it, expert of the CQP), is of none of
// the candidates' employers, represents their branch in the branch seat, and
// sits in one session a half-day. Among those who may, it seats the one who
// sat least so far, the first of the pool on a tie: the history spreads over
// the pool, the same on every load.
type seating struct {
	pool  []certif.JuryMember // by id
	quals map[string]certif.Qualification
	busy  map[int64]map[certif.HalfDay]bool // half-days each member already sits
	load  map[int64]int                     // sessions each member sits
}

// newSeating reads the pool and the sessions already recorded.
func (l *loader) newSeating(ctx context.Context) (*seating, error) {
	pool, err := l.st.JuryMembers(ctx, store.JuryMemberFilter{Scope: store.All, Status: certif.MemberActive})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(pool, func(a, b certif.JuryMember) int { return cmp.Compare(a.ID, b.ID) })
	quals, err := l.st.Qualifications(ctx, false)
	if err != nil {
		return nil, err
	}
	s := &seating{pool: pool, quals: map[string]certif.Qualification{}, busy: map[int64]map[certif.HalfDay]bool{}, load: map[int64]int{}}
	for _, q := range quals {
		s.quals[q.Code] = q
	}
	live, err := l.st.JurySessions(ctx, store.SessionFilter{Scope: store.All,
		Statuses: []certif.SessionStatus{certif.SessionDraft, certif.SessionConvened, certif.SessionHeld, certif.SessionClosed}})
	if err != nil {
		return nil, err
	}
	for _, ss := range live {
		s.sit(ss.HalfDay, ss.Members)
	}
	return s, nil
}

// sit records a jury seated on a half-day.
func (s *seating) sit(hd certif.HalfDay, members [3]certif.SessionMember) {
	for _, m := range members {
		if s.busy[m.MemberID] == nil {
			s.busy[m.MemberID] = map[certif.HalfDay]bool{}
		}
		s.busy[m.MemberID][hd] = true
		s.load[m.MemberID]++
	}
}

// mayTake says why member m may not take seat role in a session of qual on
// hd whose candidates come from employers (all of branch), "" when m may.
func (s *seating) mayTake(m certif.JuryMember, role certif.JuryRole, qual string, hd certif.HalfDay, branch string, employers []int64) string {
	if ok, why := m.MaySit(role, s.quals[qual], hd.Day); !ok {
		return why
	}
	switch {
	case m.EmployerID != 0 && slices.Contains(employers, m.EmployerID):
		return fmt.Sprintf("%s vient de l'employeur d'un candidat.", m.Name())
	case role == certif.JuryBranchRep && m.Branch != branch:
		return fmt.Sprintf("%s ne représente pas la branche %s.", m.Name(), branch)
	case s.busy[m.ID][hd]:
		return fmt.Sprintf("%s siège déjà le %s.", m.Name(), hd.French())
	}
	return ""
}

// jury seats the three members of a session of qual on hd whose candidates
// come from employers (all of branch); ok is false when the pool has no one
// for a seat.
func (s *seating) jury(qual string, hd certif.HalfDay, branch string, employers []int64) (out [3]certif.SessionMember, ok bool) {
	var chosen []int64
	for i, role := range certif.JuryRoles {
		var best *certif.JuryMember
		for k, m := range s.pool {
			if slices.Contains(chosen, m.ID) || s.mayTake(m, role, qual, hd, branch, employers) != "" {
				continue
			}
			if best == nil || s.load[m.ID] < s.load[best.ID] {
				best = &s.pool[k]
			}
		}
		if best == nil {
			return out, false
		}
		chosen = append(chosen, best.ID)
		out[i] = certif.SessionMember{Role: role, MemberID: best.ID, Name: best.Name(), Email: best.Email}
	}
	s.sit(hd, out)
	return out, true
}

// check says why a jury chosen by hand breaks the rules, nil when it holds,
// and records it seated.
func (s *seating) check(qual string, hd certif.HalfDay, branch string, employers []int64, members [3]certif.SessionMember) error {
	for i, seat := range members {
		k := slices.IndexFunc(s.pool, func(m certif.JuryMember) bool { return m.ID == seat.MemberID })
		if k < 0 {
			return fmt.Errorf("membre n° %d absent du vivier actif", seat.MemberID)
		}
		if why := s.mayTake(s.pool[k], certif.JuryRoles[i], qual, hd, branch, employers); why != "" {
			return fmt.Errorf("jury du CQP %s le %s : %s", qual, hd.French(), why)
		}
	}
	s.sit(hd, members)
	return nil
}

// sessionEnd is when a session's last slot ends, Paris time.
func sessionEnd(ss certif.JurySession) time.Time {
	end := ss.HalfDay.Day.Time()
	for _, sl := range ss.Slots {
		if t := clock.ParisAt(ss.HalfDay.Day, sl.End()); t.After(end) {
			end = t
		}
	}
	return end
}
