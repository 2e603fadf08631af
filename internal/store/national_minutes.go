package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"certibloc/internal/certif"
)

// MinutesDraft is what a national jury's minutes are rendered from: its
// decisions (by CQP, employer and candidate) and its composition, with the
// digest of both that SignNationalMinutes checks again.
type MinutesDraft struct {
	JuryDay   certif.Date
	Decisions []NationalDecisionRow
	Seats     []certif.NationalSeat
	Digest    string
}

// NationalMinutesDraft reads the decisions and composition of a national jury
// for its minutes; it writes nothing.
func (s *Store) NationalMinutesDraft(ctx context.Context, juryDay certif.Date) (MinutesDraft, error) {
	return readMinutesDraft(s.reader(ctx), juryDay)
}

func readMinutesDraft(q querier, juryDay certif.Date) (MinutesDraft, error) {
	d := MinutesDraft{JuryDay: juryDay}
	var err error
	if d.Decisions, err = readNationalDecisions(q, juryDay, All); err != nil {
		return d, err
	}
	if d.Seats, err = readNationalSeats(q, juryDay); err != nil {
		return d, err
	}
	d.Digest = minutesDigest(d.Decisions, d.Seats)
	return d, nil
}

// minutesDigest is the SHA-256 of what the minutes print of the decisions
// and of the composition, in their order.
func minutesDigest(decisions []NationalDecisionRow, seats []certif.NationalSeat) string {
	h := sha256.New()
	for _, d := range decisions {
		fmt.Fprintf(h, "%d\x1f%s\x1f%s\x1f%q\x1f%q\x1f%s\x1f%s\x1f%d\x1e", d.AttemptID, d.Decision, d.Proposal, d.Reason, d.CandidateName,
			d.EmployerCode, d.Qualification, d.Block)
	}
	for _, x := range seats {
		fmt.Fprintf(h, "%q\x1f%s\x1f%s\x1f%t\x1f%t\x1e", x.Name, x.Sex, x.Side, x.President, x.Sat)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// SignedMinutes is the state of a national jury's signed minutes.
type SignedMinutes struct {
	JuryDay   certif.Date
	SHA256    string // of the signed PDF, hex
	Decisions int    // how many it records
	SignedBy  string
	SignedAt  time.Time
}

// SignNationalMinutes keeps the signed minutes of a national jury, once, in
// one short transaction: the decisions and the composition must be those
// they were rendered from (digest, MinutesDraft.Digest), refused otherwise
// (EStale); they must record decisions of a jury that sat
// (certif.CheckMinutes). From then on the jury's decisions are final. Traced.
func (s *Store) SignNationalMinutes(ctx context.Context, by Caller, juryDay certif.Date, digest string, pdf []byte) (SignedMinutes, error) {
	m := SignedMinutes{JuryDay: juryDay, SignedBy: by.Actor.Email}
	sum := sha256.Sum256(pdf)
	m.SHA256 = hex.EncodeToString(sum[:])
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		if signed, _, err := minutesSigned(tx.queryRow, juryDay); err != nil || signed {
			return cmpErr(err, certif.Errorf(certif.EConflict, "Le procès-verbal du jury national du %s est déjà signé.", juryDay.French()))
		}
		now, err := readMinutesDraft(tx.query, juryDay)
		if err != nil {
			return err
		}
		if err := certif.CheckMinutes(juryDay, len(now.Decisions), now.Seats); err != nil {
			return err
		}
		if now.Digest != digest {
			return certif.Errorf(certif.EStale, "Les décisions ou la composition du jury national du %s ont changé pendant la préparation du procès-verbal : rien n'est signé ; signez de nouveau.", juryDay.French())
		}
		m.Decisions, m.SignedAt = len(now.Decisions), s.now().UTC()
		if _, err := tx.exec(`INSERT INTO national_minutes (jury_day, pdf, sha256, decisions, digest, signed_by, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			juryDay, pdf, m.SHA256, m.Decisions, digest, m.SignedBy, stamp(m.SignedAt)); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "national_jury", EntityKey: juryDay.String(), Action: "update", Field: "minutes",
			After: "procès-verbal signé (" + certif.Count(m.Decisions, "décision", "décisions") + ", SHA-256 " + m.SHA256 + ")"})
	})
	return m, err
}

// minutesSigned reports whether a national jury's minutes are signed, and how many decisions they record.
func minutesSigned(row rowQuerier, juryDay certif.Date) (bool, int, error) {
	var n int
	err := row(`SELECT decisions FROM national_minutes WHERE jury_day = ?`, juryDay).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return false, 0, nil
	}
	return err == nil, n, err
}

// refuseSigned refuses a change to a national jury whose minutes are signed.
func (tx *Tx) refuseSigned(juryDay certif.Date) error {
	signed, _, err := minutesSigned(tx.queryRow, juryDay)
	if err != nil || !signed {
		return err
	}
	return certif.MinutesFinal(juryDay)
}

// checkProclamation applies the proclamation's rule (certif.CheckProclamation):
// signed minutes recording the decisions to publish, and the proclamation
// day come.
func checkProclamation(row rowQuerier, juryDay, today certif.Date, decisions int) error {
	signed, recorded, err := minutesSigned(row, juryDay)
	if err != nil {
		return err
	}
	var on certif.Date
	if err := row(`SELECT proclaim_on FROM national_juries WHERE day = ?`, juryDay).Scan(dateCol{&on}); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if err := certif.CheckProclamation(juryDay, certif.ProclamationDay(juryDay, on), today, signed); err != nil {
		return err
	}
	if recorded != decisions {
		return certif.Errorf(certif.EConflict, "Le procès-verbal du jury national du %s consigne %s, %d sont à proclamer : rien n'est proclamé.",
			juryDay.French(), certif.Count(recorded, "décision", "décisions"), decisions)
	}
	return nil
}

// NationalMinutes lists the signed minutes by jury day (without their PDF).
func (s *Store) NationalMinutes(ctx context.Context) (map[certif.Date]SignedMinutes, error) {
	rows, err := s.query(ctx, `SELECT jury_day, sha256, decisions, signed_by, signed_at FROM national_minutes`)
	list, err := collect(rows, err, scanSignedMinutes)
	out := make(map[certif.Date]SignedMinutes, len(list))
	for _, m := range list {
		out[m.JuryDay] = m
	}
	return out, err
}

func scanSignedMinutes(r *sql.Rows) (SignedMinutes, error) {
	var m SignedMinutes
	var at sql.NullString
	err := r.Scan(dateCol{&m.JuryDay}, &m.SHA256, &m.Decisions, &m.SignedBy, &at)
	m.SignedAt = parseStamp(at)
	return m, err
}

// NationalMinutesPDF reads the signed minutes of a national jury, not found
// while they are not signed.
func (s *Store) NationalMinutesPDF(ctx context.Context, juryDay certif.Date) ([]byte, SignedMinutes, error) {
	m := SignedMinutes{JuryDay: juryDay}
	var pdf []byte
	var at sql.NullString
	err := s.queryRow(ctx, `SELECT pdf, sha256, decisions, signed_by, signed_at FROM national_minutes WHERE jury_day = ?`, juryDay).
		Scan(&pdf, &m.SHA256, &m.Decisions, &m.SignedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, m, notFound("Le procès-verbal du jury national du %s n'est pas encore signé.", juryDay.French())
	}
	m.SignedAt = parseStamp(at)
	return pdf, m, err
}

// NationalDecisionCounts counts the decisions of every national jury in the
// scope, in one query.
func (s *Store) NationalDecisionCounts(ctx context.Context, sc Scope) (map[certif.Date]int, error) {
	where, args := sc.registrationRows()
	rows, err := s.query(ctx, `SELECT d.jury_day, COUNT(*) FROM national_decisions d JOIN block_attempts a ON a.id = d.attempt_id
		JOIN registrations r ON r.id = a.registration_id JOIN candidates c ON c.id = a.candidate_id JOIN employers em ON em.id = r.employer_id
		WHERE 1 = 1`+where+` GROUP BY d.jury_day`, args...)
	type count struct {
		day certif.Date
		n   int
	}
	list, err := collect(rows, err, func(r *sql.Rows) (count, error) {
		var c count
		return c, r.Scan(dateCol{&c.day}, &c.n)
	})
	out := make(map[certif.Date]int, len(list))
	for _, c := range list {
		out[c.day] = c.n
	}
	return out, err
}

// SetProclamationDay configures the day a national jury's results are
// proclaimed (R10; the office or the certifier): never before the jury
// (certif.CheckProclamationDay), not once they are proclaimed. Traced.
func (s *Store) SetProclamationDay(ctx context.Context, by Caller, juryDay, on certif.Date) error {
	if err := certif.CheckProclamationDay(juryDay, on); err != nil {
		return err
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		var old certif.Date
		err := tx.queryRow(`SELECT proclaim_on FROM national_juries WHERE day = ?`, juryDay).Scan(dateCol{&old})
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Aucun jury national le %s.", juryDay.French())
		}
		if err != nil {
			return err
		}
		if done, err := proclaimed(tx.queryRow, juryDay); err != nil || done {
			return cmpErr(err, certif.Errorf(certif.EConflict, "Les résultats du jury national du %s sont déjà proclamés.", juryDay.French()))
		}
		before := certif.ProclamationDay(juryDay, old)
		if before == on {
			return nil
		}
		if _, err := tx.exec(`UPDATE national_juries SET proclaim_on = ? WHERE day = ?`, on, juryDay); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "national_jury", EntityKey: juryDay.String(), Action: "update", Field: "proclamation_date",
			Before: before.String(), After: on.String()})
	})
}
