package juries

import (
	"context"
	"fmt"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/mail"
	"certibloc/internal/store"
)

// sessionView is a session with what its mails and files print: the
// qualification's titles, each slot's candidate, employer and adjustments.
type sessionView struct {
	session certif.JurySession
	qual    certif.Qualification
	parties map[int64]store.SlotParty
}

func (c Convener) view(ctx context.Context, ss certif.JurySession) (sessionView, error) {
	v := sessionView{session: ss}
	var err error
	if v.qual, err = c.Store.Qualification(ctx, ss.Qualification); err != nil {
		return v, err
	}
	if v.session.Place, err = c.Store.PlaceOf(ctx, ss); err != nil {
		return v, err
	}
	ids := make([]int64, len(ss.Slots))
	for i, sl := range ss.Slots {
		ids[i] = sl.AttemptID
	}
	v.parties, err = c.Store.SlotParties(ctx, ids)
	return v, err
}

// location is where the session sits, as a calendar shows it.
func (v sessionView) location() string {
	if v.session.Mode == certif.ModeRemote {
		return strings.TrimSpace("À distance (" + v.session.RemoteTool.Label() + ") " + v.session.Link)
	}
	return v.session.Place
}

// span is the session's first start and last end, or its half-day's hours.
func (v sessionView) span() (string, string) {
	start, end := HalfDayHours(v.session.HalfDay.Half)
	if len(v.session.Slots) == 0 {
		return start, end
	}
	start, end = v.session.Slots[0].Start, v.session.Slots[0].End()
	for _, sl := range v.session.Slots {
		if sl.Start < start {
			start = sl.Start
		}
		if sl.End() > end {
			end = sl.End()
		}
	}
	return start, end
}

// blockLine names a block: "Bloc 2 – Accueillir et orienter", or "Bloc 2"
// while its title is not known.
func (v sessionView) blockLine(n int) string {
	b, _ := v.qual.Block(n)
	return certif.BlockLabel(n, b.ShownTitle())
}

// bring says what a candidate brings to the test of block n (R11).
func (v sessionView) bring(n int) []string {
	b, _ := v.qual.Block(n)
	return Bring(b)
}

// Bring says what a candidate brings to the test of a block, by its
// modalities (R11): convocations, their printable page and calendar files.
func Bring(b certif.Block) []string {
	out := []string{"une pièce d'identité avec photo"}
	for _, m := range b.Modalities {
		switch m {
		case certif.ModalityEvidence:
			out = append(out, "les dossiers probants (rapport de contrôle, dossier de pratiques professionnelles), s'ils n'ont pas été déposés sur la plateforme avant la séance")
		case certif.ModalityOral:
			out = append(out, "le support de la présentation orale de ses situations professionnelles")
		case certif.ModalityObservation:
			out = append(out, "rien d'autre : le jury observe le candidat en situation réelle de travail, puis s'entretient avec lui")
		}
	}
	return out
}

func (v sessionView) place() (tool, link, place string) {
	if v.session.Mode == certif.ModeRemote {
		return v.session.RemoteTool.Label(), v.session.Link, ""
	}
	return "", "", v.session.Place
}

func (v sessionView) convocationData(sl certif.Slot, n notice) mail.ConvocationData {
	p := v.parties[sl.AttemptID]
	tool, link, place := v.place()
	return mail.ConvocationData{Candidate: sl.CandidateName, Convened: certif.Agreed(p.Candidate.Sex, "convoqué", "convoquée"), Employer: p.Employer.Name,
		Qualification: v.qual.Code + " – " + v.qual.Title, Blocks: []string{v.blockLine(sl.Block)}, Day: v.session.HalfDay.Day,
		Start: certif.FrenchClock(sl.Start), End: certif.FrenchClock(sl.End()), Mode: v.session.Mode.Label(), Tool: tool, Link: link, Place: place,
		Bring: v.bring(sl.Block), Adjustment: p.Grant.Summary(), Changed: n.changed, Cancelled: n.cancelled, Reason: n.reason}
}

func (v sessionView) memberData(seat certif.SessionMember, n notice) mail.JurySessionData {
	tool, link, place := v.place()
	start, end := v.span()
	d := mail.JurySessionData{Member: seat.Name, Seat: strings.ToLower(seat.Role.Label()), Qualification: v.qual.Code + " – " + v.qual.Title,
		Day: v.session.HalfDay.Day, Start: certif.FrenchClock(start), End: certif.FrenchClock(end), Mode: v.session.Mode.Label(),
		Tool: tool, Link: link, Place: place, Changed: n.changed, Cancelled: n.cancelled, Reason: n.reason}
	for _, sl := range v.session.Slots {
		d.Candidates = append(d.Candidates, mail.JurySessionCandidate{Name: sl.CandidateName, Block: v.blockLine(sl.Block),
			Start: certif.FrenchClock(sl.Start), End: certif.FrenchClock(sl.End()), Adjustment: v.parties[sl.AttemptID].Grant.Summary()})
	}
	return d
}

// slotLines describe a convocation in a calendar entry.
func (v sessionView) slotLines(sl certif.Slot) []string {
	lines := []string{"Candidat : " + sl.CandidateName, "CQP " + v.qual.Code + " – " + v.qual.Title, v.blockLine(sl.Block),
		"Modalité : " + v.session.Mode.Label()}
	if g := v.parties[sl.AttemptID].Grant.Summary(); g != "" {
		lines = append(lines, "Aménagements accordés : "+g)
	}
	return append(lines, "À apporter : "+strings.Join(v.bring(sl.Block), " ; "))
}

// sessionLines describe a session in its members' calendar entry.
func (v sessionView) sessionLines() []string {
	lines := []string{"CQP " + v.qual.Code + " – " + v.qual.Title, "Modalité : " + v.session.Mode.Label(), "Candidats :"}
	for _, sl := range v.session.Slots {
		line := fmt.Sprintf("%s–%s %s, %s", certif.FrenchClock(sl.Start), certif.FrenchClock(sl.End()), sl.CandidateName, v.blockLine(sl.Block))
		if g := v.parties[sl.AttemptID].Grant.Summary(); g != "" {
			line += " (aménagement à respecter : " + g + ")"
		}
		lines = append(lines, line)
	}
	return lines
}
