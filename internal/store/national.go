package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"certibloc/internal/certif"
)

// NationalCaseRow is an evaluated attempt waiting for its national jury, as
// the case list shows it.
type NationalCaseRow struct {
	certif.NationalCase
	CandidateName string
	EmployerID    int64
	EmployerCode  string
	Comment       string // the professional jury's reasoned comment
}

// NationalCases reads every attempt whose professional jury's proposal is
// final and that no national jury decided yet, in batches of one query:
// each one's session day and the day its proposal became final (the last
// confirmation, Paris time).
func (s *Store) NationalCases(ctx context.Context, sc Scope) ([]NationalCaseRow, error) {
	where, args := sc.registrationRows()
	rows, err := s.query(ctx, `SELECT a.id, a.candidate_id, a.qualification_code, a.block_number, js.day,
		(SELECT MAX(c.confirmed_at) FROM evaluation_confirmations c WHERE c.slot_id = e.slot_id), e.proposal, e.comment,
		c.first_name1, c.usage_name, c.birth_name, r.employer_id, em.code
		FROM evaluations e JOIN jury_session_slots sl ON sl.id = e.slot_id JOIN jury_sessions js ON js.id = sl.session_id
		JOIN block_attempts a ON a.id = e.attempt_id JOIN registrations r ON r.id = a.registration_id
		JOIN candidates c ON c.id = a.candidate_id JOIN employers em ON em.id = r.employer_id
		WHERE e.status = 'final' AND a.status = 'evaluated'
		AND NOT EXISTS (SELECT 1 FROM national_decisions d WHERE d.attempt_id = a.id)`+where+`
		ORDER BY a.qualification_code, em.code, c.birth_name, c.first_name1, a.block_number, a.id`, args...)
	return collect(rows, err, func(r *sql.Rows) (NationalCaseRow, error) {
		var x NationalCaseRow
		var final sql.NullString
		var proposal, first, usage, birth string
		err := r.Scan(&x.AttemptID, &x.CandidateID, &x.Qualification, &x.Block, dateCol{&x.HeldOn}, &final, &proposal, &x.Comment,
			&first, &usage, &birth, &x.EmployerID, &x.EmployerCode)
		x.Proposal, x.CandidateName = certif.Proposal(proposal), candidateListName(first, usage, birth)
		if t := parseStamp(final); !t.IsZero() {
			x.FinalOn = certif.DateOf(t)
		}
		return x, err
	})
}

// NationalDecision is a decision to record.
type NationalDecision struct {
	AttemptID int64
	Decision  certif.Decision
	Reason    string
}

// DecideNational records a national jury's decisions in one transaction: each
// attempt must still wait for a decision and be on this jury's case list
// (reach decides it), each decision follows its proposal or states why
// (certif.CheckDecision). Nothing is recorded if one is refused, nor once the
// jury's minutes are signed (certif.MinutesFinal) or its results proclaimed; the attempts keep their status until then
// (Proclaim).
func (s *Store) DecideNational(ctx context.Context, by Caller, juryDay certif.Date, decisions []NationalDecision, reach func(certif.NationalCase) bool) error {
	cases, err := s.NationalCases(ctx, All)
	if err != nil {
		return err
	}
	byID := map[int64]NationalCaseRow{}
	for _, c := range cases {
		byID[c.AttemptID] = c
	}
	var v certif.Validation
	for _, d := range decisions {
		c, ok := byID[d.AttemptID]
		field := "decision_" + idKey(d.AttemptID)
		switch {
		case !ok || !reach(c.NationalCase):
			v.Add(field, "Cette tentative n'est pas sur la liste des cas de ce jury national (déjà décidée, ou pas encore évaluée).")
		default:
			if err := certif.CheckDecision(c.NationalCase, d.Decision, d.Reason); err != nil {
				for _, msg := range certif.ErrorFields(err) {
					v.Add(field, c.CandidateName+", bloc "+strconv.Itoa(c.Block)+" : "+msg)
				}
			}
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		if done, err := proclaimed(tx.queryRow, juryDay); err != nil || done {
			return cmpErr(err, certif.Errorf(certif.EConflict, "Les résultats du jury national du %s sont proclamés : ses décisions sont définitives.", juryDay.French()))
		}
		if err := tx.refuseSigned(juryDay); err != nil {
			return err
		}
		now := stamp(s.now())
		for _, d := range decisions {
			c := byID[d.AttemptID]
			if _, err := tx.exec(`INSERT INTO national_decisions (attempt_id, jury_day, proposal, decision, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				d.AttemptID, juryDay, string(c.Proposal), string(d.Decision), strings.TrimSpace(d.Reason), by.Actor.Email, now); err != nil {
				return err
			}
			// Traced without the candidate: nobody outside the jury sees it before the proclamation.
			if err := tx.audit(certif.AuditEvent{Entity: "national_decision", EntityKey: idKey(d.AttemptID), Action: "create", Field: "decision",
				After: string(d.Decision), Reason: "jury national du " + juryDay.French() + reasonSuffix(d.Reason)}); err != nil {
				return err
			}
		}
		return nil
	})
}

// proclaimed reports whether a national jury's results are published.
func proclaimed(row rowQuerier, juryDay certif.Date) (bool, error) {
	var n int
	err := row(`SELECT COUNT(*) FROM national_proclamations WHERE jury_day = ?`, juryDay).Scan(&n)
	return n > 0, err
}

// mayProclaim refuses a proclamation of the results already published or
// that checkProclamation refuses.
func mayProclaim(row rowQuerier, juryDay, today certif.Date, decisions int) error {
	if done, err := proclaimed(row, juryDay); err != nil || done {
		return cmpErr(err, certif.Errorf(certif.EConflict, "Les résultats du jury national du %s sont déjà proclamés.", juryDay.French()))
	}
	return checkProclamation(row, juryDay, today, decisions)
}

// cmpErr is err when there is one, else the refusal.
func cmpErr(err, refusal error) error {
	if err != nil {
		return err
	}
	return refusal
}

// Proclamation is a national jury's published results.
type Proclamation struct {
	JuryDay      certif.Date
	Decisions    int
	ProclaimedBy string
	ProclaimedAt time.Time
}

// Proclamations lists the juries whose results are published, by day.
func (s *Store) Proclamations(ctx context.Context) (map[certif.Date]Proclamation, error) {
	rows, err := s.query(ctx, `SELECT jury_day, decisions, proclaimed_by, proclaimed_at FROM national_proclamations`)
	list, err := collect(rows, err, func(r *sql.Rows) (Proclamation, error) {
		var p Proclamation
		var at sql.NullString
		err := r.Scan(dateCol{&p.JuryDay}, &p.Decisions, &p.ProclaimedBy, &at)
		p.ProclaimedAt = parseStamp(at)
		return p, err
	})
	out := map[certif.Date]Proclamation{}
	for _, p := range list {
		out[p.JuryDay] = p
	}
	return out, err
}

// Proclaim publishes a national jury's results (R10), once its minutes are
// signed and from its proclamation day on (by.Today), all in one transaction:
// each decided attempt takes its status and the jury's day, traced on its
// candidate's file (the employer and the candidate see it from then on), the
// certificates issued with their PDFs (when issuer is given) and the mails
// compose writes from the results queued; a failure leaves nothing
// published. The PDFs are rendered before the transaction, on every core
// (planCertificates): the writer is held for the writes alone. Should a
// certificate issued meanwhile shift the numbers planned, the transaction
// gives way and the plan is made again (twice at most, then the PDFs that no
// longer match are rendered on download). Its undecided cases go to the
// next jury.
func (s *Store) Proclaim(ctx context.Context, by Caller, juryDay certif.Date, compose ResultMails, issuer CertificateIssuer) (Proclamation, error) {
	decided, err := s.NationalDecisions(ctx, juryDay, All)
	if err != nil {
		return Proclamation{}, err
	}
	if len(decided) == 0 {
		return Proclamation{}, certif.Errorf(certif.EInvalid, "Aucune décision à proclamer pour le jury national du %s.", juryDay.French())
	}
	results := Results{JuryDay: juryDay, Decided: decided}
	if compose != nil {
		ids := make([]int64, len(decided))
		for i, d := range decided {
			ids[i] = d.AttemptID
		}
		if results.Parties, err = s.SlotParties(ctx, ids); err != nil {
			return Proclamation{}, err
		}
	}
	const plans = 3
	for try := 1; ; try++ {
		var plan map[string]plannedCertificate
		if issuer != nil { // refused now rather than after rendering, checked again in the transaction
			if err := mayProclaim(s.rowReader(ctx), juryDay, by.Today, len(decided)); err != nil {
				return Proclamation{}, err
			}
			if plan, err = s.planCertificates(ctx, juryDay, decided, issuer); err != nil {
				return Proclamation{}, err
			}
		}
		planned(ctx)
		p, err := s.proclaim(ctx, by, results, compose, issuer, plan, try < plans)
		if !errors.Is(err, errPlanMoved) {
			return p, err
		}
	}
}

// errPlanMoved is a proclamation's transaction giving way: a certificate
// was issued since its PDFs were planned.
var errPlanMoved = errors.New("certificate numbers moved since the plan")

// proclaim is Proclaim's transaction, with the PDFs planned for its
// certificates; strict, it gives way (errPlanMoved) unless each is kept.
func (s *Store) proclaim(ctx context.Context, by Caller, results Results, compose ResultMails, issuer CertificateIssuer,
	plan map[string]plannedCertificate, strict bool) (Proclamation, error) {
	juryDay, decided := results.JuryDay, results.Decided
	p := Proclamation{JuryDay: juryDay, ProclaimedBy: by.Actor.Email}
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		if err := mayProclaim(tx.queryRow, juryDay, by.Today, len(decided)); err != nil {
			return err
		}
		now := s.now()
		for _, d := range decided {
			res, err := tx.exec(`UPDATE block_attempts SET status = ?, decided_on = ?, updated_at = ? WHERE id = ? AND status = 'evaluated'`,
				string(d.Decision.Status()), juryDay, stamp(now), d.AttemptID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return certif.Errorf(certif.EConflict, "La tentative de %s a changé depuis la délibération : rien n'est proclamé.", d.CandidateName)
			}
			if err := tx.audit(certif.AuditEvent{Entity: "block_attempt", EntityKey: idKey(d.AttemptID), Action: "update", Field: "status",
				Before: string(certif.AttemptEvaluated), After: string(d.Decision.Status()), CandidateID: d.CandidateID,
				Reason: "jury national du " + juryDay.French() + reasonSuffix(d.Reason)}); err != nil {
				return err
			}
		}
		var err error
		if results.Obtained, err = qualificationsObtained(tx.query, juryDay, decided); err != nil {
			return err
		}
		if issuer != nil {
			list := proclaimedCertificates(juryDay, decided, results.Obtained)
			numbers := make([]string, len(list))
			for i, c := range list {
				if numbers[i], err = tx.issueCertificate(c, issuer.Code); err != nil {
					return err
				}
			}
			kept, err := tx.keepCertificatePDFs(numbers, list, plan)
			if err != nil {
				return err
			}
			if strict && kept < len(list) {
				return errPlanMoved
			}
		}
		if _, err := tx.exec(`INSERT INTO national_proclamations (jury_day, decisions, proclaimed_by, proclaimed_at) VALUES (?, ?, ?, ?)`,
			juryDay, len(decided), by.Actor.Email, stamp(now)); err != nil {
			return err
		}
		p.Decisions, p.ProclaimedAt = len(decided), now
		if compose == nil {
			return nil
		}
		mails, err := compose(results)
		if err != nil {
			return err
		}
		return tx.enqueueAll(mails)
	})
	return p, err
}

// plannedKey holds, in a test's context, what runs between a proclamation's
// plan and its transaction (a certificate issued meanwhile, say).
type plannedKey struct{}

func planned(ctx context.Context) {
	if f, ok := ctx.Value(plannedKey{}).(func()); ok {
		f()
	}
}

func reasonSuffix(r string) string {
	if r = strings.TrimSpace(r); r != "" {
		return " : " + r
	}
	return ""
}

// NationalDecisionRow is a decision as the jury's page and minutes list it.
type NationalDecisionRow struct {
	NationalDecision
	Proposal      certif.Proposal
	CandidateName string
	EmployerCode  string
	Qualification string
	Block         int
	DecidedBy     string
	CandidateID   int64
}

// NationalDecisions lists the decisions of a national jury, by CQP, employer and candidate.
func (s *Store) NationalDecisions(ctx context.Context, juryDay certif.Date, sc Scope) ([]NationalDecisionRow, error) {
	return readNationalDecisions(s.reader(ctx), juryDay, sc)
}

// readNationalDecisions is NationalDecisions on q (the readers or a write transaction).
func readNationalDecisions(q querier, juryDay certif.Date, sc Scope) ([]NationalDecisionRow, error) {
	where, args := sc.registrationRows()
	rows, err := q(`SELECT d.attempt_id, d.decision, d.reason, d.proposal, c.first_name1, c.usage_name, c.birth_name, em.code,
		a.qualification_code, a.block_number, d.decided_by, a.candidate_id
		FROM national_decisions d JOIN block_attempts a ON a.id = d.attempt_id JOIN registrations r ON r.id = a.registration_id
		JOIN candidates c ON c.id = a.candidate_id JOIN employers em ON em.id = r.employer_id
		WHERE d.jury_day = ?`+where+` ORDER BY a.qualification_code, em.code, c.birth_name, c.first_name1, a.block_number`, append([]any{juryDay}, args...)...)
	return collect(rows, err, func(r *sql.Rows) (NationalDecisionRow, error) {
		var x NationalDecisionRow
		var decision, proposal, first, usage, birth string
		err := r.Scan(&x.AttemptID, &decision, &x.Reason, &proposal, &first, &usage, &birth, &x.EmployerCode, &x.Qualification, &x.Block, &x.DecidedBy, &x.CandidateID)
		x.Decision, x.Proposal, x.CandidateName = certif.Decision(decision), certif.Proposal(proposal), candidateListName(first, usage, birth)
		return x, err
	})
}

// NationalComposition reads a national jury's members, in their order.
func (s *Store) NationalComposition(ctx context.Context, juryDay certif.Date) ([]certif.NationalSeat, error) {
	return readNationalSeats(s.reader(ctx), juryDay)
}

// readNationalSeats is NationalComposition on q.
func readNationalSeats(q querier, juryDay certif.Date) ([]certif.NationalSeat, error) {
	rows, err := q(`SELECT name, sex, side, president, sat FROM national_jury_seats WHERE jury_day = ? ORDER BY position`, juryDay)
	return collect(rows, err, func(r *sql.Rows) (certif.NationalSeat, error) {
		var x certif.NationalSeat
		var side string
		err := r.Scan(&x.Name, &x.Sex, &side, &x.President, &x.Sat)
		x.Side = certif.Side(side)
		return x, err
	})
}

// SaveNationalComposition replaces a national jury's composition (the
// certifier), checked (certif.CheckComposition) and traced; refused once its
// minutes are signed.
func (s *Store) SaveNationalComposition(ctx context.Context, by Caller, juryDay certif.Date, seats []certif.NationalSeat) error {
	for i := range seats {
		seats[i].Name = strings.Join(strings.Fields(seats[i].Name), " ")
	}
	if err := certif.CheckComposition(seats); err != nil {
		return err
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		if done, err := proclaimed(tx.queryRow, juryDay); err != nil || done {
			return cmpErr(err, certif.Errorf(certif.EConflict, "Les résultats du jury national du %s sont proclamés : sa composition ne change plus.", juryDay.French()))
		}
		if err := tx.refuseSigned(juryDay); err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM national_jury_seats WHERE jury_day = ?`, juryDay); err != nil {
			return err
		}
		rows := make([][]any, len(seats))
		names := make([]string, len(seats))
		for i, x := range seats {
			rows[i] = []any{juryDay, i + 1, x.Name, x.Sex, string(x.Side), x.President, x.Sat}
			names[i] = x.Name
		}
		if err := tx.insertRows("national_jury_seats", []string{"jury_day", "position", "name", "sex", "side", "president", "sat"}, rows); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "national_jury", EntityKey: juryDay.String(), Action: "update", Field: "composition", After: strings.Join(names, ", ")})
	})
}

// ResultFilter selects published results.
type ResultFilter struct {
	Scope       Scope
	CandidateID int64
	Employer    string // employer code
}

// Result is a proclaimed decision, as the results API gives it.
type Result struct {
	AttemptID     int64           `json:"attempt_id"`
	CandidateID   int64           `json:"candidate_id"`
	Candidate     string          `json:"candidate"`
	Employer      string          `json:"employer"`
	Qualification string          `json:"qualification"`
	Block         int             `json:"block"`
	Decision      certif.Decision `json:"decision"`
	NationalJury  certif.Date     `json:"national_jury"`
}

// Results lists the decisions of proclaimed national juries only (R10), in
// the scope: an employer its registrations', a candidate their own.
func (s *Store) Results(ctx context.Context, f ResultFilter) ([]Result, error) {
	where, args := f.Scope.registrationRows()
	if f.CandidateID > 0 {
		where, args = where+` AND a.candidate_id = ?`, append(args, f.CandidateID)
	}
	if f.Employer != "" {
		where, args = where+` AND em.code = ?`, append(args, strings.ToUpper(f.Employer))
	}
	rows, err := s.query(ctx, `SELECT d.attempt_id, a.candidate_id, c.first_name1, c.usage_name, c.birth_name, em.code, a.qualification_code, a.block_number,
		d.decision, d.jury_day
		FROM national_decisions d JOIN national_proclamations p ON p.jury_day = d.jury_day JOIN block_attempts a ON a.id = d.attempt_id
		JOIN registrations r ON r.id = a.registration_id JOIN candidates c ON c.id = a.candidate_id JOIN employers em ON em.id = r.employer_id
		WHERE 1 = 1`+where+` ORDER BY d.jury_day DESC, c.birth_name, c.first_name1, a.qualification_code, a.block_number`, args...)
	return collect(rows, err, func(r *sql.Rows) (Result, error) {
		var x Result
		var first, usage, birth, decision string
		err := r.Scan(&x.AttemptID, &x.CandidateID, &first, &usage, &birth, &x.Employer, &x.Qualification, &x.Block, &decision, dateCol{&x.NationalJury})
		x.Candidate, x.Decision = candidateListName(first, usage, birth), certif.Decision(decision)
		return x, err
	})
}
