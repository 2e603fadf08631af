package store

import (
	"fmt"
	"time"

	"certibloc/internal/certif"
)

// BulkHeldSession is a professional jury held and closed, loaded in bulk
// (national-scale demo, benchmarks): its three members and, for each attempt
// it examined, the final evaluation its members confirmed.
type BulkHeldSession struct {
	Qualification string
	Day           certif.Date
	Half          certif.Half
	Members       [3]int64 // certifier's representative, expert, branch representative
	Evaluations   []BulkEvaluation
}

// BulkEvaluation is the outcome of one slot of a held session.
type BulkEvaluation struct {
	AttemptID int64
	Minutes   int
	Presence  certif.Presence
	Proposal  certif.Proposal
	Comment   string
}

// HeldSessions inserts closed sessions with their members, slots, final
// evaluations and three confirmations each, and marks their attempts
// evaluated, as the regular path leaves them once the members have confirmed
// (R11); each attempt must wait for its jury. The proposals then wait for the
// national jury whose cutoff they reach.
func (b *Bulk) HeldSessions(list []BulkHeldSession) error {
	now := stamp(b.tx.s.now())
	sessions := make([][]any, len(list))
	for i, s := range list {
		if len(s.Evaluations) == 0 || s.Day.IsZero() {
			return fmt.Errorf("séance %d : un jour et au moins une évaluation sont attendus", i+1)
		}
		sessions[i] = []any{s.Qualification, s.Day, string(s.Half), "remote", "teams", "closed", true, "système", now, now}
	}
	ids, err := b.tx.insertIDs("jury_sessions", []string{"qualification_code", "day", "half", "mode", "remote_tool", "status", "locked",
		"created_by", "created_at", "updated_at"}, sessions)
	if err != nil {
		return err
	}
	roles := []string{"certifier_rep", "expert", "branch_rep"}
	var members, slots [][]any
	for i, s := range list {
		for r, m := range s.Members {
			members = append(members, []any{ids[i], roles[r], m})
		}
		start := time.Date(0, 1, 1, 9, 0, 0, 0, time.UTC)
		if s.Half == certif.Afternoon {
			start = start.Add(5 * time.Hour)
		}
		for _, e := range s.Evaluations {
			slots = append(slots, []any{ids[i], e.AttemptID, start.Format("15:04"), e.Minutes})
			start = start.Add(time.Duration(e.Minutes) * time.Minute)
		}
	}
	if err := b.tx.insertRows("jury_session_members", []string{"session_id", "role", "member_id"}, members); err != nil {
		return err
	}
	slotIDs, err := b.tx.insertIDs("jury_session_slots", []string{"session_id", "attempt_id", "starts_at", "minutes"}, slots)
	if err != nil {
		return err
	}
	var evaluations, confirmations [][]any
	attempts := make([]any, 0, len(slotIDs))
	k := 0
	for _, s := range list {
		confirmed := stamp(s.Day.Time().Add(16 * time.Hour))
		for _, e := range s.Evaluations {
			evaluations = append(evaluations, []any{slotIDs[k], e.AttemptID, string(e.Presence), string(e.Proposal), e.Comment, "final", "système", confirmed})
			for r, m := range s.Members {
				confirmations = append(confirmations, []any{slotIDs[k], roles[r], m, 1, confirmed})
			}
			attempts = append(attempts, e.AttemptID)
			k++
		}
	}
	if err := b.tx.insertRows("evaluations", []string{"slot_id", "attempt_id", "presence", "proposal", "comment", "status", "updated_by", "updated_at"}, evaluations); err != nil {
		return err
	}
	if err := b.tx.insertRows("evaluation_confirmations", []string{"slot_id", "role", "member_id", "version", "confirmed_at"}, confirmations); err != nil {
		return err
	}
	for start := 0; start < len(attempts); start += 500 {
		chunk := attempts[start:min(start+500, len(attempts))]
		res, err := b.tx.exec(`UPDATE block_attempts SET status = 'evaluated', updated_at = ? WHERE status = 'registered' AND id IN `+inList(len(chunk)),
			append([]any{now}, chunk...)...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); int(n) != len(chunk) {
			return fmt.Errorf("séances tenues : %d tentatives sur %d attendaient leur jury", n, len(chunk))
		}
	}
	return nil
}
