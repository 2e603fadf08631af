package store

import (
	"fmt"

	"certibloc/internal/certif"
)

// BulkJuryMember is an active jury member loaded in bulk (national-scale
// demo), with their availability.
type BulkJuryMember struct {
	certif.JuryMember // ID is set by Bulk.JuryMembers
	Available         []certif.HalfDay
}

// JuryMembers adds active members and their availability in multi-row
// inserts, each member checked as the office's form checks it and traced.
func (b *Bulk) JuryMembers(list []BulkJuryMember) error {
	now := stamp(b.tx.s.now())
	rows := make([][]any, len(list))
	for i := range list {
		m := &list[i].JuryMember
		m.Status = certif.MemberActive
		normalizeJuryMember(m)
		if err := m.Validate(); err != nil {
			return fmt.Errorf("membre de jury %s : %w", m.Name(), err)
		}
		rows[i] = append(juryMemberRow(*m), now)
	}
	ids, err := b.tx.insertIDs("jury_members", append(append([]string{}, juryMemberColumns...), "created_at"), rows)
	if err != nil {
		return err
	}
	var halves, audits [][]any
	for i, id := range ids {
		list[i].ID = id
		for _, h := range list[i].Available {
			halves = append(halves, []any{id, h.Day, string(h.Half)})
		}
		audits = append(audits, b.tx.auditRow(now, list[i].EmployerID, certif.AuditEvent{Entity: "jury_member", EntityKey: idKey(id), Action: "create",
			After: list[i].Name() + ", " + certif.MemberActive.Label()}))
	}
	if err := b.tx.insertRows("jury_availability", []string{"member_id", "day", "half"}, halves); err != nil {
		return err
	}
	return b.tx.insertRows("audit_events", auditColumns, audits)
}
