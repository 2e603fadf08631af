package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"certibloc/internal/certif"
)

const grantSelect = `SELECT g.registration_id, g.extra_minutes, g.accessible_room, g.secretary, g.adapted_test, g.instructions,
	g.decided_by, g.decided_at, g.version FROM adjustment_grants g`

func scanGrant(r interface{ Scan(...any) error }) (certif.AdjustmentGrant, error) {
	var g certif.AdjustmentGrant
	var at string
	err := r.Scan(&g.RegistrationID, &g.ExtraMinutes, &g.AccessibleRoom, &g.Secretary, &g.AdaptedTest, &g.Instructions, &g.DecidedBy, &at, &g.Version)
	if t := parseStamp(sql.NullString{String: at, Valid: true}); !t.IsZero() {
		g.DecidedOn = certif.DateOf(t)
	}
	return g, err
}

// AdjustmentGrant returns what the certifier granted a registration (R15);
// the zero grant (Version 0) when nothing was decided yet.
func (s *Store) AdjustmentGrant(ctx context.Context, registrationID int64) (certif.AdjustmentGrant, error) {
	g, err := scanGrant(s.queryRow(ctx, grantSelect+` WHERE g.registration_id = ?`, registrationID))
	if errors.Is(err, sql.ErrNoRows) {
		return certif.AdjustmentGrant{RegistrationID: registrationID}, nil
	}
	return g, err
}

// SaveAdjustmentGrant records the certifier's decision on a registration's
// adjustments (R15, article 25): version is the one the decision was made on
// (0 for the first), a stale decision is refused; every change is traced on
// the candidate's file. The planner gives the extra time from the next run;
// a session already convened keeps its slots until the office moves them.
func (s *Store) SaveAdjustmentGrant(ctx context.Context, by Caller, g certif.AdjustmentGrant, version int) (certif.AdjustmentGrant, error) {
	g.Instructions = strings.TrimSpace(g.Instructions)
	if err := g.Validate(); err != nil {
		return g, err
	}
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		var candidateID int64
		if err := tx.queryRow(`SELECT candidate_id FROM registrations WHERE id = ? AND deleted_at IS NULL`, g.RegistrationID).Scan(&candidateID); err != nil {
			return notFound("Inscription introuvable.")
		}
		old, err := scanGrant(tx.queryRow(grantSelect+` WHERE g.registration_id = ?`, g.RegistrationID))
		exists := err == nil
		switch {
		case err != nil && !errors.Is(err, sql.ErrNoRows):
			return err
		case old.Version != version:
			return certif.Errorf(certif.EStale, "Ces aménagements ont été décidés par quelqu'un d'autre depuis que vous avez ouvert la page : rechargez-la, puis refaites votre décision.")
		}
		now := stamp(s.now())
		g.DecidedBy, g.DecidedOn, g.Version = by.Actor.Email, certif.DateOf(s.now()), version+1
		if exists {
			_, err = tx.exec(`UPDATE adjustment_grants SET extra_minutes = ?, accessible_room = ?, secretary = ?, adapted_test = ?, instructions = ?,
				decided_by = ?, decided_at = ?, version = ? WHERE registration_id = ?`,
				g.ExtraMinutes, g.AccessibleRoom, g.Secretary, g.AdaptedTest, g.Instructions, g.DecidedBy, now, g.Version, g.RegistrationID)
		} else {
			_, err = tx.exec(`INSERT INTO adjustment_grants (registration_id, extra_minutes, accessible_room, secretary, adapted_test, instructions,
				decided_by, decided_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				g.RegistrationID, g.ExtraMinutes, g.AccessibleRoom, g.Secretary, g.AdaptedTest, g.Instructions, g.DecidedBy, now, g.Version)
		}
		if err != nil {
			return err
		}
		return tx.auditCandidateChanges(candidateID, "adjustment_grant", idKey(g.RegistrationID), grantFields(old), grantFields(g), by.Reason)
	})
	return g, err
}

func grantFields(g certif.AdjustmentGrant) map[string]string {
	return map[string]string{"extra_minutes": strconv.Itoa(g.ExtraMinutes), "accessible_room": strconv.FormatBool(g.AccessibleRoom),
		"secretary": strconv.FormatBool(g.Secretary), "adapted_test": strconv.FormatBool(g.AdaptedTest), "instructions": g.Instructions}
}

// SlotParty is who a slot concerns: the candidate, the employer that
// registered them (with the addresses its mail goes to) and what was granted.
type SlotParty struct {
	Candidate  certif.Candidate
	Employer   certif.Employer
	Recipients []string
	Grant      certif.AdjustmentGrant
}

// SlotParties reads the parties of block attempts, by attempt, in batches:
// the convocations of a session.
func (s *Store) SlotParties(ctx context.Context, attemptIDs []int64) (map[int64]SlotParty, error) {
	out := map[int64]SlotParty{}
	employers, err := s.Employers(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]certif.Employer{}
	for _, e := range employers {
		byID[e.ID] = e
	}
	err = chunks(uniqueIDs(attemptIDs), func(part []int64) error {
		rows, err := s.query(ctx, `SELECT a.id, r.id, r.employer_id, a.candidate_id FROM block_attempts a JOIN registrations r ON r.id = a.registration_id
			WHERE a.id IN `+inList(len(part)), anys(part)...)
		type link struct{ attempt, registration, employer, candidate int64 }
		links, err := collect(rows, err, func(r *sql.Rows) (link, error) {
			var l link
			return l, r.Scan(&l.attempt, &l.registration, &l.employer, &l.candidate)
		})
		if err != nil {
			return err
		}
		regIDs := make([]int64, len(links))
		for i, l := range links {
			regIDs[i] = l.registration
		}
		rows, err = s.query(ctx, grantSelect+` WHERE g.registration_id IN `+inList(len(regIDs)), anys(regIDs)...)
		grants, err := collect(rows, err, func(r *sql.Rows) (certif.AdjustmentGrant, error) { return scanGrant(r) })
		if err != nil {
			return err
		}
		byReg := map[int64]certif.AdjustmentGrant{}
		for _, g := range grants {
			byReg[g.RegistrationID] = g
		}
		rows, err = s.query(ctx, candidateSelect+` AND c.id IN (SELECT candidate_id FROM block_attempts WHERE id IN `+inList(len(part))+`)`, anys(part)...)
		cands, err := collect(rows, err, scanCandidate)
		if err != nil {
			return err
		}
		candOf := map[int64]certif.Candidate{}
		for _, c := range cands {
			candOf[c.ID] = c
		}
		for _, l := range links {
			e := byID[l.employer]
			out[l.attempt] = SlotParty{Candidate: candOf[l.candidate], Employer: e, Recipients: e.HREmails, Grant: byReg[l.registration]}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, s.fillRecipients(ctx, out)
}

// fillRecipients gives the parties whose employer has no HR address the
// addresses of its active accounts, read in one query.
func (s *Store) fillRecipients(ctx context.Context, parties map[int64]SlotParty) error {
	var missing []int64
	for _, p := range parties {
		if len(p.Recipients) == 0 {
			missing = append(missing, p.Employer.ID)
		}
	}
	accounts := map[int64][]string{}
	err := chunks(uniqueIDs(missing), func(part []int64) error {
		rows, err := s.query(ctx, `SELECT employer_id, email FROM users WHERE employer_id IN `+inList(len(part))+` AND NOT disabled ORDER BY employer_id, email`, anys(part)...)
		type pair struct {
			employer int64
			email    string
		}
		pairs, err := collect(rows, err, func(r *sql.Rows) (pair, error) {
			var x pair
			return x, r.Scan(&x.employer, &x.email)
		})
		for _, x := range pairs {
			accounts[x.employer] = append(accounts[x.employer], x.email)
		}
		return err
	})
	for id, p := range parties {
		if len(p.Recipients) == 0 {
			p.Recipients = accounts[p.Employer.ID]
			parties[id] = p
		}
	}
	return err
}

// AdjustmentRequest is a registration whose employer asked for adjustments
// (R15), with the certifier's decision if there is one.
type AdjustmentRequest struct {
	Registration  certif.Registration // with its health data, read through RevealHealth
	CandidateName string
	Grant         certif.AdjustmentGrant // Version 0: not decided yet
}

// AdjustmentRequests lists the live registrations that carry a disability
// box or requested adjustments, the undecided first, for the certifier and
// the office; reading them is logged as every health-data read is.
func (s *Store) AdjustmentRequests(ctx context.Context, v Viewer) ([]AdjustmentRequest, error) {
	if v.healthAccess(0) != certif.HealthFull {
		return nil, nil
	}
	rows, err := s.query(ctx, registrationSelect+` AND r.deleted_at IS NULL AND (r.disability OR r.adjustments <> '')
		ORDER BY (SELECT COUNT(*) FROM adjustment_grants g WHERE g.registration_id = r.id), r.id DESC LIMIT 500`)
	regs, err := collect(rows, err, scanRegistration)
	if err != nil {
		return nil, err
	}
	withoutHealth(regs)
	if err := s.RevealHealth(ctx, v, regs); err != nil {
		return nil, err
	}
	ids := make([]int64, len(regs))
	for i, g := range regs {
		ids[i] = g.CandidateID
	}
	names := map[int64]string{}
	grants := map[int64]certif.AdjustmentGrant{}
	err = chunks(uniqueIDs(ids), func(part []int64) error {
		rows, err := s.query(ctx, candidateSelect+` AND c.id IN `+inList(len(part)), anys(part)...)
		cands, err := collect(rows, err, scanCandidate)
		for _, c := range cands {
			names[c.ID] = c.PrintedName()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	regIDs := make([]int64, len(regs))
	for i, g := range regs {
		regIDs[i] = g.ID
	}
	err = chunks(regIDs, func(part []int64) error {
		rows, err := s.query(ctx, grantSelect+` WHERE g.registration_id IN `+inList(len(part)), anys(part)...)
		list, err := collect(rows, err, func(r *sql.Rows) (certif.AdjustmentGrant, error) { return scanGrant(r) })
		for _, g := range list {
			grants[g.RegistrationID] = g
		}
		return err
	})
	out := make([]AdjustmentRequest, len(regs))
	for i, g := range regs {
		out[i] = AdjustmentRequest{Registration: g, CandidateName: names[g.CandidateID], Grant: grants[g.ID]}
		out[i].Grant.RegistrationID = g.ID
	}
	return out, err
}
