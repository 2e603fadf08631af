package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// heldJury sat about a fortnight ago (timeline.held) on COS block 3 of two
// candidates of the Famille branch whose employers returned the tables of
// that month's campaign on time, observed
// at each employer, in the morning and in the afternoon: Claire Vasseur
// (certifier), Nadia Benali (expert, CAF33) and Marc Vidal (CNAF). The
// morning's proposal is confirmed by the three (the session is closed, the
// attempt evaluated); the afternoon's waits for its third confirmation.
var heldJury = [3]string{"claire.vasseur", "nadia.benali", "marc.vidal"}

// heldEmployers are the employers of the candidates that jury examined,
// registered for COS block 3 in its month: of the Famille branch, with a
// site, neither of them the expert's (CAF33).
var heldEmployers = []string{"CAF75", "CAF44"}

// heldRegistrations registers the first candidate of each held employer for
// COS block 3, certifiable from the first day of the month of the juries
// held a fortnight ago: as the office did a week before it launched that
// month's campaign, or before the registration deadline of that month (R6).
func (l *loader) heldRegistrations(ctx context.Context) error {
	month := l.tl.held.MonthOf()
	day := certif.RegistrationDeadline(month).AddDays(-7)
	if launch := l.tl.launch(l.tl.running).AddDays(-7); launch.Before(day) {
		day = launch
	}
	if !day.After(l.origin()) {
		day = l.origin().AddDays(1)
	}
	by := l.caller()
	if by.Today = day; !certif.RegistrationOnTime(month, day) {
		by = by.Because(takeover)
	}
	return l.on(day, func() error {
		for _, code := range heldEmployers {
			i := slices.IndexFunc(candidates, func(c candidate) bool { return c.employer == code })
			id := l.cands[candidates[i].key()]
			regs, err := l.st.CandidateRegistrations(ctx, id, store.All)
			if err != nil {
				return err
			}
			if slices.ContainsFunc(regs, func(g certif.Registration) bool { return hasBlock(g, "COS", 3) }) {
				continue // registered before (interrupted load)
			}
			req := certif.RegistrationRequest{Qualification: "COS", Path: certif.PathPartial, Blocks: []int{3}, Contract: certif.ContractCDI,
				CertifiableFrom: month.First(), Specialty: "Accueil physique et téléphonique"}
			if _, err := l.st.CreateRegistration(ctx, by, id, req); err != nil {
				return fmt.Errorf("inscription de %s au bloc 3 du CQP COS : %w", candidates[i].name(), err)
			}
		}
		return nil
	})
}

// hasBlock reports whether a registration presents block n of qualification qual.
func hasBlock(g certif.Registration, qual string, n int) bool {
	return g.Qualification == qual && slices.ContainsFunc(g.Attempts, func(a certif.BlockAttempt) bool { return a.Block == n })
}

// heldSession records those past sessions, before the month to come is planned.
func (l *loader) heldSession(ctx context.Context) error {
	if !l.timed {
		return nil
	}
	day := l.tl.held
	snap, err := l.st.PlanningSnapshot(ctx, day, day, day.AddDays(-1))
	if err != nil {
		return err
	}
	var members [3]int64
	for i, who := range heldJury {
		members[i] = l.jury[who+"@"+Domain]
		if members[i] == 0 {
			return nil // an older demo database: no such member
		}
	}
	seats, err := l.newSeating(ctx)
	if err != nil {
		return err
	}
	var sessions []certif.JurySession
	for _, a := range snap.Attempts {
		e := snap.Employers[a.Registration.EmployerID]
		if a.Attempt.Qualification != "COS" || e.Branch != "famille" || e.Code == "CAF33" || len(e.Sites) == 0 || held(snap.Holds, a) || len(sessions) == 2 {
			continue
		}
		ss := certif.JurySession{Qualification: "COS", HalfDay: certif.HalfDay{Day: day, Half: []certif.Half{certif.Morning, certif.Afternoon}[len(sessions)]},
			Mode: certif.ModeEmployer, Locked: true, EmployerID: e.ID, EmployerCode: e.Code, SiteID: e.Sites[0].ID,
			Slots: []certif.Slot{{AttemptID: a.Attempt.ID, Start: []string{"09:30", "14:00"}[len(sessions)], Minutes: 60}}}
		for i, role := range certif.JuryRoles {
			ss.Members[i] = certif.SessionMember{Role: role, MemberID: members[i]}
		}
		if err := seats.check("COS", ss.HalfDay, e.Branch, []int64{e.ID}, ss.Members); err != nil {
			return fmt.Errorf("séances tenues du %s : %w", day.French(), err)
		}
		sessions = append(sessions, ss)
	}
	if len(sessions) == 0 {
		return nil
	}
	list, err := l.planAndConvene(ctx, day, snap, sessions)
	if err != nil {
		return fmt.Errorf("séances tenues du %s : %w", day.French(), err)
	}
	for i, saved := range list {
		// evaluated and confirmed as the session ends: the first by its
		// three members, the second waiting for its third
		confirmers := 3
		if i > 0 {
			confirmers = 2
		}
		if err := l.at(sessionEnd(saved).Add(5*time.Minute), func() error {
			for _, sl := range saved.Slots {
				if err := l.evaluate(ctx, day, members, sl, certif.ProposalFavourable, heldComment, confirmers); err != nil {
					return fmt.Errorf("évaluation de %s : %w", sl.CandidateName, err)
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// held reports whether an R5 block keeps the attempt from its jury.
func held(holds []certif.CollectionHold, a store.PlanningAttempt) bool {
	for _, h := range holds {
		if h.Covers(a.Attempt, a.Registration) {
			return true
		}
	}
	return false
}

// heldComment is the expert's comment of the jury held a fortnight ago.
const heldComment = "Observation en situation réelle concluante : accueil et orientation maîtrisés, réponses exactes et reformulées."

// evaluate records the expert's evaluation of a slot with its proposal
// and comment (criteria acquired, but the first two for an unfavourable
// proposal, none for an absence), and the first confirmers members'
// confirmations (the three, or fewer for a session waiting for the last).
func (l *loader) evaluate(ctx context.Context, day certif.Date, members [3]int64, sl certif.Slot, p certif.Proposal, comment string, confirmers int) error {
	as := func(member int64) store.Caller {
		return store.Caller{Actor: actor, Role: certif.RoleJury, Scope: store.Scope{JuryMemberID: member}, Today: day}
	}
	sheet, err := l.st.EvaluationSheet(ctx, sl.ID, store.Scope{JuryMemberID: members[1]})
	if err != nil {
		return err
	}
	ev := sheet.Evaluation
	ev.Presence, ev.Proposal, ev.Comment = certif.PresencePresent, p, comment
	if p == certif.ProposalAbsent {
		ev.Presence = certif.PresenceAbsent
	}
	for i := range ev.Results {
		switch {
		case p == certif.ProposalAbsent:
			ev.Results[i].Result = ""
		case p == certif.ProposalUnfavourable && i < 2:
			ev.Results[i].Result = certif.NotAcquired
		default:
			ev.Results[i].Result = certif.Acquired
		}
	}
	saved, err := l.st.SaveEvaluation(ctx, as(members[1]), sl.ID, ev, ev.Version)
	if err != nil {
		return err
	}
	for _, m := range members[:confirmers] {
		if _, err := l.st.ConfirmEvaluation(ctx, as(m), sl.ID, saved.Version); err != nil {
			return err
		}
	}
	return nil
}

// planAndConvene records the sessions of a past day as the office did:
// planned and convened three weeks before; it returns them convened.
func (l *loader) planAndConvene(ctx context.Context, day certif.Date, snap store.PlanningSnapshot, sessions []certif.JurySession) ([]certif.JurySession, error) {
	var list []certif.JurySession
	err := l.on(day.AddDays(-21), func() error {
		if _, err := l.st.SavePlan(ctx, l.caller(), snap, sessions, nil); err != nil {
			return err
		}
		planned, err := l.st.JurySessions(ctx, store.SessionFilter{Scope: store.All, From: day, To: day, Statuses: []certif.SessionStatus{certif.SessionDraft}})
		for _, saved := range planned {
			if err != nil {
				break
			}
			saved, err = l.st.MoveSessionStatus(ctx, l.caller(), saved.ID, saved.Version, certif.SessionConvened, "", nil)
			list = append(list, saved)
		}
		return err
	})
	return list, err
}
