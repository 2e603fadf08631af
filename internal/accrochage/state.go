package accrochage

import "certibloc/internal/certif"

// Status is where a certification obtained stands with the CDC.
type Status string

const (
	NotSent  Status = "not_sent" // never in a flow
	Sent     Status = "sent"     // in flow Flow, no acknowledgement yet
	Accepted Status = "accepted" // the CDC holds it (or said it already did)
	Rejected Status = "rejected" // the CDC refused it, Reason says why
)

// Label is the status in French, for the office page.
func (s Status) Label() string {
	switch s {
	case Sent:
		return "envoyé"
	case Accepted:
		return "accepté"
	case Rejected:
		return "rejeté"
	}
	return "non envoyé"
}

// State is one certification obtained and where it stands; the store keeps it.
type State struct {
	ID       string      // idTechnique
	Obtained certif.Date // for the 3-month deadline
	Status   Status
	Flow     int    // the last flow it was sent in, 0 if never
	Reason   string // the CDC's message when rejected (or accepted as already there)
}

// MarkSent returns the states after the records ids were sent in flow n.
func MarkSent(states []State, ids []string, n int) []State {
	in := map[string]bool{}
	for _, id := range ids {
		in[id] = true
	}
	out := make([]State, len(states))
	for i, s := range states {
		if in[s.ID] {
			s.Status, s.Flow, s.Reason = Sent, n, ""
		}
		out[i] = s
	}
	return out
}

// ApplyReport returns the states after the acknowledgement of flow n: a
// record of that flow is accepted or rejected as the report says. A record
// the report names but that was not sent in flow n is listed in unknown and
// left as it was (a later flow may have re-sent it).
func ApplyReport(states []State, n int, r Report) (out []State, unknown []string) {
	index := map[string]int{}
	out = make([]State, len(states))
	for i, s := range states {
		out[i] = s
		index[s.ID] = i
	}
	set := func(id string, st Status, reason string) {
		i, ok := index[id]
		if !ok || out[i].Flow != n || out[i].Status == NotSent {
			unknown = append(unknown, id)
			return
		}
		out[i].Status, out[i].Reason = st, reason
	}
	existing := map[string]string{}
	for _, e := range r.Existing {
		existing[e.ID] = e.Message
	}
	for _, id := range r.Accepted {
		set(id, Accepted, existing[id])
	}
	for _, o := range r.Rejected {
		set(o.ID, Rejected, o.Message)
	}
	return out, unknown
}

// NextFlow returns the ids to send in the next flow, in the order of states:
// every record never sent, and every rejected one the office has corrected
// since (corrected[id]). Records sent and waiting for their acknowledgement,
// and accepted ones, are not sent again.
func NextFlow(states []State, corrected map[string]bool) []string {
	var ids []string
	for _, s := range states {
		if s.Status == NotSent || s.Status == "" || (s.Status == Rejected && corrected[s.ID]) {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

// ReportingMonths is the delay to report a certification obtained to the CDC.
const ReportingMonths = 3

// Due is the last day to report a certification obtained on d: three months
// later, the day clamped to the end of a shorter month (30 November → 28 or 29
// February).
func Due(d certif.Date) certif.Date { return d.AddMonths(ReportingMonths) }

// Late returns the states not accepted by the CDC whose due date is before
// today, in the order given. A record sent but not yet acknowledged is late
// too: only the CDC's acceptance reports it.
func Late(states []State, today certif.Date) []State {
	var late []State
	for _, s := range states {
		if s.Status != Accepted && !s.Obtained.IsZero() && Due(s.Obtained).Before(today) {
			late = append(late, s)
		}
	}
	return late
}
