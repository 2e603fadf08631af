package store

// Health data (R15) leaves the store through one path. Registration reads
// (Registration, CandidateRegistrations, Registrations…) return registrations
// without their disability box and adjustments; RevealHealth fills them in for
// the registrations the reader may see (certif.HealthAccessOf) and logs the read
// of those that carry health data. Audit events holding health values are
// revealed and logged the same way by AuditEvents.

import (
	"context"
	"database/sql"
	"strings"

	"certibloc/internal/certif"
)

// Viewer is who reads: the account (logged for health-data reads), its role
// and scope, and what shows the data ("Détail d'une inscription"), as the
// health-read log records it.
type Viewer struct {
	Actor Actor
	Role  certif.Role
	Scope Scope
	Where string
}

// ViewerOf returns the viewer of a logged-in user reading through where.
func ViewerOf(u *certif.User, where string) Viewer {
	if u == nil {
		return Viewer{Actor: System, Scope: Nobody, Where: where}
	}
	return Viewer{Actor: ActorOf(u), Role: u.Role, Scope: ScopeOf(u), Where: where}
}

// SystemViewer reads as the platform itself (command line, mails, demo): it
// sees everything, and its health-data reads are logged like anyone's.
func SystemViewer(where string) Viewer {
	return Viewer{Actor: System, Role: certif.RoleOffice, Scope: All, Where: where}
}

// healthAccess is what the viewer may see of a registration's health data:
// an employer is concerned by the registrations it made; a jury member, by
// those of the candidates of its sessions (none until professional juries exist).
func (v Viewer) healthAccess(registrationEmployerID int64) certif.HealthAccess {
	return certif.HealthAccessOf(v.Role, v.Scope.EmployerID > 0 && v.Scope.EmployerID == registrationEmployerID)
}

// RevealHealth fills in the health data of the registrations the viewer may
// see, and logs in one statement the read of each one that carries some.
// Registrations outside the viewer's access keep none.
func (s *Store) RevealHealth(ctx context.Context, v Viewer, regs []certif.Registration) error {
	var ids []int64
	for _, g := range regs {
		if v.healthAccess(g.EmployerID) != certif.HealthNone {
			ids = append(ids, g.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	health := map[int64]certif.Registration{}
	for start := 0; start < len(ids); start += 500 {
		rows, err := s.query(ctx, `SELECT id, disability, adjustments FROM registrations WHERE id IN (`+idList(ids[start:min(start+500, len(ids))])+`)`)
		list, err := collect(rows, err, func(r *sql.Rows) (certif.Registration, error) {
			var g certif.Registration
			return g, r.Scan(&g.ID, &g.Disability, &g.Adjustments)
		})
		if err != nil {
			return err
		}
		for _, g := range list {
			health[g.ID] = g
		}
	}
	var read []int64
	shown := make([]certif.Registration, len(regs))
	for i := range regs {
		shown[i] = regs[i]
		h, ok := health[regs[i].ID]
		if !ok {
			continue
		}
		shown[i].Disability, shown[i].Adjustments = h.Disability, h.Adjustments
		shown[i] = v.healthAccess(regs[i].EmployerID).Shown(shown[i])
		if shown[i].CarriesHealthData() {
			read = append(read, h.ID)
		}
	}
	// Shown only once the read is logged: a log that cannot be written shows nothing.
	if err := s.logHealthReads(ctx, v, read); err != nil {
		return err
	}
	copy(regs, shown)
	return nil
}

// logHealthReads traces, in one statement, that the viewer read the health
// data of these registrations (R15): who, when, and where.
func (s *Store) logHealthReads(ctx context.Context, v Viewer, registrationIDs []int64) error {
	if len(registrationIDs) == 0 {
		return nil
	}
	return s.writeLog(ctx, v.Actor, func(tx *Tx) error {
		var userID any
		if v.Actor.UserID != 0 {
			userID = v.Actor.UserID
		}
		for start := 0; start < len(registrationIDs); start += 500 {
			ids := registrationIDs[start:min(start+500, len(registrationIDs))]
			if _, err := tx.exec(`INSERT INTO audit_events (at, user_id, user_email, entity, entity_key, action, field, candidate_id, employer_id)
				SELECT ?, ?, ?, 'registration', CAST(r.id AS TEXT), 'health_read', ?, r.candidate_id, r.employer_id
				FROM registrations r WHERE r.id IN (`+idList(ids)+`) ORDER BY r.id`,
				stamp(s.now()), userID, v.Actor.Email, v.Where); err != nil {
				return err
			}
		}
		return nil
	})
}

// withoutHealth removes the health data of registrations read for a caller
// outside the store: only RevealHealth gives it.
func withoutHealth(regs []certif.Registration) {
	for i := range regs {
		regs[i] = regs[i].WithoutHealthData()
	}
}

// idList writes ids for an IN (…) clause; they are integers, never user text.
func idList(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = idKey(id)
	}
	return strings.Join(s, ",")
}
