package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"certibloc/internal/certif"
)

// BulkCandidate is a candidate loaded in bulk (demo data at national scale,
// history taken over from another platform), entered on CreatedOn.
type BulkCandidate struct {
	certif.Candidate // EmployerCode names the employer; ID is set by Bulk.Candidates
	CreatedOn        certif.Date
}

// BulkRegistration is a registration loaded in bulk with its block attempts as
// they stand: past attempts carry their decision (status and DecidedOn). The
// R6 deadline is not checked (history), and a period may precede the
// calendar, not go beyond it; the other rules are, as CreateRegistration
// applies them: the blocks belong to the qualification, a mono-bloc CQP is
// presented whole, a complete path presents every block remaining, a
// validated block is never presented again and a block waiting for a jury is
// not registered twice (R3). Attempts are numbered here, per candidate and
// block, after those already in the database.
type BulkRegistration struct {
	certif.Registration             // CandidateID, Qualification, Path, RegisteredOn, Attempts…; ID is set by Bulk.Registrations
	DeletedOn           certif.Date // soft-deleted on that day: its blocks waiting for a jury are withdrawn (R20)
	DeletedReason       string
}

// Bulk writes many rows in one transaction of BulkLoad: prepared rows go in
// multi-row INSERTs, and each candidate and registration gets the audit event
// the regular path records, dated on its creation.
type Bulk struct {
	tx        *Tx
	cal       certif.Schedule
	quals     map[string]certif.Qualification
	employers map[string]int64 // by code
	state     map[attemptKey]*blockState
}

type attemptKey struct {
	candidate int64
	qual      string
	block     int
}

// blockState is what a candidate has for one block: its last attempt number,
// whether the block is validated, and whether an attempt waits for a jury.
type blockState struct {
	last       int
	validated  bool
	inProgress bool
}

// BulkLoad runs fn in one write transaction for loading data in bulk. Keep each
// call to a few thousand rows: SQLite has a single writer, and readers go on
// between transactions.
func (s *Store) BulkLoad(ctx context.Context, by Caller, fn func(b *Bulk) error) error {
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		return fn(&Bulk{tx: tx, state: map[attemptKey]*blockState{}})
	})
}

// SetSetting writes a key of the settings table in the transaction (progress
// markers of a bulk load commit with the rows they describe).
func (b *Bulk) SetSetting(key, value string) error {
	_, err := b.tx.exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// createdStamp is the timestamp of a row created on day d (09:00 in Paris,
// roughly), or now when d is zero.
func (b *Bulk) createdStamp(d certif.Date) string {
	if d.IsZero() {
		return stamp(b.tx.s.now())
	}
	return stamp(d.Time().Add(8 * time.Hour))
}

// Candidates inserts candidates after the checks of CreateCandidate (R16) and
// sets their IDs. Search and identity keys are filled as CreateCandidate fills them.
func (b *Bulk) Candidates(list []BulkCandidate) error {
	if b.employers == nil {
		b.employers = map[string]int64{}
		rows, err := b.tx.query(`SELECT code, id FROM employers`)
		type pair struct {
			code string
			id   int64
		}
		pairs, err := collect(rows, err, func(r *sql.Rows) (pair, error) {
			var p pair
			return p, r.Scan(&p.code, &p.id)
		})
		if err != nil {
			return err
		}
		for _, p := range pairs {
			b.employers[p.code] = p.id
		}
	}
	rows := make([][]any, 0, len(list))
	for i := range list {
		c := &list[i].Candidate
		normalizeCandidate(c)
		on := list[i].CreatedOn
		if on.IsZero() {
			on = certif.DateOf(b.tx.s.now())
		}
		if err := c.Validate(on); err != nil {
			return fmt.Errorf("candidat %s : %w", c.PrintedName(), err)
		}
		id, ok := b.employers[strings.ToUpper(c.EmployerCode)]
		if !ok {
			return &certif.Error{Code: certif.EInvalid, Message: "Employeur inconnu.", Fields: map[string]string{"employer": "Aucun employeur n'a le code " + c.EmployerCode + "."}}
		}
		c.EmployerID = id
		at := b.createdStamp(list[i].CreatedOn)
		rows = append(rows, candidateRow(*c, at))
	}
	ids, err := b.tx.insertIDs("candidates", candidateColumns, rows)
	if err != nil {
		return err
	}
	audits := make([][]any, len(list))
	for i, id := range ids {
		c := &list[i].Candidate
		c.ID = id
		audits[i] = b.tx.auditRow(b.createdStamp(list[i].CreatedOn), c.EmployerID, candidateCreated(*c))
	}
	return b.tx.insertRows("audit_events", auditColumns, audits)
}

// Registrations inserts registrations with their block attempts after checking
// them (see BulkRegistration), and sets their IDs and attempt numbers. A
// candidate's registrations must come in the order they were made.
func (b *Bulk) Registrations(list []BulkRegistration) error {
	if b.quals == nil {
		quals, err := b.tx.s.Qualifications(b.tx.ctx, false)
		if err != nil {
			return err
		}
		if b.cal, err = b.tx.s.Calendar(b.tx.ctx); err != nil {
			return err
		}
		b.quals = map[string]certif.Qualification{}
		for _, q := range quals {
			b.quals[q.Code] = q
		}
	}
	if err := b.loadState(list); err != nil {
		return err
	}
	regs := make([][]any, 0, len(list))
	for i := range list {
		g := &list[i]
		q, ok := b.quals[strings.ToUpper(g.Qualification)]
		if !ok {
			return certif.Errorf(certif.EInvalid, "Inscription du candidat n° %d : certification %s inconnue.", g.CandidateID, g.Qualification)
		}
		g.Qualification = q.Code
		if err := b.check(g, q); err != nil {
			return err
		}
		at, updated, deletedAt := b.registrationStamps(g)
		regs = append(regs, []any{g.CandidateID, g.EmployerID, q.Code, nullText(g.Programme), string(g.Path), g.CertifiableFrom, string(g.Contract), g.ExamPeriod.String(), g.Repeating,
			strings.TrimSpace(g.Specialty), g.Disability, strings.TrimSpace(g.Adjustments), g.RegisteredOn, g.LateReason, at, updated,
			deletedAt, strings.TrimSpace(g.DeletedReason)})
	}
	ids, err := b.tx.insertIDs("registrations", []string{"candidate_id", "employer_id", "qualification_code", "programme_code", "path", "certifiable_from", "contract", "exam_period",
		"repeating", "specialty", "disability", "adjustments", "registered_on", "late_reason", "created_at", "updated_at", "deleted_at", "deleted_reason"}, regs)
	if err != nil {
		return err
	}
	var attempts, audits [][]any
	for i, id := range ids {
		g := &list[i]
		g.ID = id
		at, updated, deletedAt := b.registrationStamps(g)
		var periods []string
		g.Blocks = g.Blocks[:0]
		for j := range g.Attempts {
			a := &g.Attempts[j]
			a.RegistrationID, a.CandidateID, a.Qualification = id, g.CandidateID, g.Qualification
			g.Blocks = append(g.Blocks, a.Block)
			periods = append(periods, fmt.Sprintf("bloc %d : %s", a.Block, a.Period.French()))
			changed := at
			if !a.DecidedOn.IsZero() {
				changed = b.createdStamp(a.DecidedOn)
			} else if deletedAt != nil {
				changed = updated
			}
			attempts = append(attempts, []any{id, g.CandidateID, g.Qualification, a.Block, a.Attempt, a.CertifiableFrom, a.Period.String(),
				string(a.Status), a.DecidedOn, at, changed})
		}
		audits = append(audits, b.tx.auditRow(at, g.EmployerID, certif.AuditEvent{Entity: "registration", EntityKey: idKey(id), Action: "create", CandidateID: g.CandidateID,
			After: fmt.Sprintf("%s, blocs %s, %s", g.Qualification, blockList(g.Blocks), strings.Join(periods, " ; "))}))
		if deletedAt != nil {
			audits = append(audits, b.tx.auditRow(updated, g.EmployerID, certif.AuditEvent{Entity: "registration", EntityKey: idKey(id), Action: "delete", CandidateID: g.CandidateID,
				Before: fmt.Sprintf("%s, blocs %s", g.Qualification, blockList(g.Blocks)), Reason: strings.TrimSpace(g.DeletedReason)}))
		}
	}
	attemptIDs, err := b.tx.insertIDs("block_attempts", attemptColumns, attempts)
	if err != nil {
		return err
	}
	k := 0
	for i := range list {
		for j := range list[i].Attempts {
			list[i].Attempts[j].ID = attemptIDs[k]
			k++
		}
	}
	return b.tx.insertRows("audit_events", auditColumns, audits)
}

// attemptColumns are the columns of a block attempt a bulk load or an import inserts.
var attemptColumns = []string{"registration_id", "candidate_id", "qualification_code", "block_number", "attempt",
	"certifiable_from", "period", "status", "decided_on", "created_at", "updated_at"}

// registrationStamps are the creation and last-change timestamps of a bulk
// registration, and its deletion timestamp (nil: not deleted).
func (b *Bulk) registrationStamps(g *BulkRegistration) (at, updated string, deletedAt any) {
	at = b.createdStamp(g.RegisteredOn)
	if g.DeletedOn.IsZero() {
		return at, at, nil
	}
	updated = b.createdStamp(g.DeletedOn)
	return at, updated, updated
}

// check applies the rules to one registration and numbers its attempts,
// updating what the candidate has.
func (b *Bulk) check(g *BulkRegistration, q certif.Qualification) error {
	who := fmt.Sprintf("Inscription du candidat n° %d au CQP %s", g.CandidateID, q.Code)
	if g.CandidateID == 0 || g.EmployerID == 0 {
		return certif.Errorf(certif.EInvalid, "%s : candidat ou employeur manquant.", who)
	}
	if len(g.Attempts) == 0 {
		return certif.Errorf(certif.EInvalid, "%s : aucun bloc présenté.", who)
	}
	if g.RegisteredOn.IsZero() || g.CertifiableFrom.IsZero() {
		return certif.Errorf(certif.EInvalid, "%s : dates d'inscription et « certifiable à partir du » obligatoires.", who)
	}
	if !slices.Contains(certif.Contracts, g.Contract) || (!g.ExamPeriod.IsZero() && g.Contract != certif.ContractPro) {
		return certif.Errorf(certif.EInvalid, "%s : contrat %q ou période imposée invalide.", who, g.Contract)
	}
	if !g.Disability && strings.TrimSpace(g.Adjustments) != "" {
		return certif.Errorf(certif.EInvalid, "%s : aménagements sans la case handicap.", who)
	}
	switch g.Path {
	case certif.PathComplete:
	case certif.PathPartial:
		if q.MonoBlock() {
			return certif.Errorf(certif.EInvalid, "%s : le CQP est mono-bloc, le parcours est complet.", who)
		}
	default:
		return certif.Errorf(certif.EInvalid, "%s : parcours %q inconnu.", who, g.Path)
	}
	slices.SortFunc(g.Attempts, func(x, y certif.BlockAttempt) int { return x.Block - y.Block })
	presented := map[int]bool{}
	for j := range g.Attempts {
		a := &g.Attempts[j]
		if _, ok := q.Block(a.Block); !ok || presented[a.Block] {
			return certif.Errorf(certif.EInvalid, "%s : bloc %d inconnu ou présenté deux fois.", who, a.Block)
		}
		presented[a.Block] = true
		st := b.blockState(g.CandidateID, q.Code, a.Block)
		if st.validated {
			return certif.Errorf(certif.EConflict, "%s : le bloc %d est déjà validé, un bloc validé n'est jamais présenté de nouveau.", who, a.Block)
		}
		if st.inProgress {
			return certif.Errorf(certif.EConflict, "%s : le bloc %d attend déjà son jury dans une autre inscription.", who, a.Block)
		}
		if !g.DeletedOn.IsZero() && a.Status.InProgress() {
			a.Status = certif.AttemptWithdrawn
		}
		switch {
		case !slices.Contains(certif.AttemptStatuses, a.Status):
			return certif.Errorf(certif.EInvalid, "%s : statut %q inconnu pour le bloc %d.", who, a.Status, a.Block)
		case a.Status.InProgress() || a.Status == certif.AttemptWithdrawn:
			a.DecidedOn = certif.Date{}
		case a.DecidedOn.IsZero():
			return certif.Errorf(certif.EInvalid, "%s : bloc %d décidé (%s) sans date de jury national.", who, a.Block, a.Status.Label())
		}
		if a.CertifiableFrom.IsZero() {
			a.CertifiableFrom = g.CertifiableFrom
		}
		if a.Period.IsZero() {
			return certif.Errorf(certif.EInvalid, "%s : bloc %d sans période de certification.", who, a.Block)
		}
		if msg := certif.PeriodBeyondCalendar(fmt.Sprintf("Période de certification du bloc %d", a.Block), a.Period, b.cal); msg != "" {
			return certif.Errorf(certif.EInvalid, "%s : %s", who, msg)
		}
		st.last++
		a.Attempt = st.last
		st.validated = a.Status == certif.AttemptValidated
		st.inProgress = a.Status.InProgress()
	}
	if g.Path == certif.PathComplete {
		for _, bl := range q.Blocks {
			if st := b.blockState(g.CandidateID, q.Code, bl.Number); !presented[bl.Number] && !st.validated {
				return certif.Errorf(certif.EInvalid, "%s : parcours complet sans le bloc %d, qui reste à valider.", who, bl.Number)
			}
		}
	}
	return nil
}

func (b *Bulk) blockState(candidate int64, qual string, block int) *blockState {
	k := attemptKey{candidate, qual, block}
	st, ok := b.state[k]
	if !ok {
		st = &blockState{}
		b.state[k] = st
	}
	return st
}

// loadState reads the attempts the database already holds for the candidates
// of list that this Bulk has not seen yet.
func (b *Bulk) loadState(list []BulkRegistration) error {
	seen := map[int64]bool{}
	for k := range b.state {
		seen[k.candidate] = true
	}
	var ids []string
	for _, g := range list {
		if !seen[g.CandidateID] {
			seen[g.CandidateID] = true
			ids = append(ids, idKey(g.CandidateID))
		}
	}
	for start := 0; start < len(ids); start += 500 {
		rows, err := b.tx.query(`SELECT candidate_id, qualification_code, block_number, attempt, status FROM block_attempts
			WHERE candidate_id IN (` + strings.Join(ids[start:min(start+500, len(ids))], ",") + `) ORDER BY attempt`)
		type row struct {
			k       attemptKey
			attempt int
			status  string
		}
		list, err := collect(rows, err, func(r *sql.Rows) (row, error) {
			var x row
			return x, r.Scan(&x.k.candidate, &x.k.qual, &x.k.block, &x.attempt, &x.status)
		})
		if err != nil {
			return err
		}
		for _, x := range list {
			st := b.blockState(x.k.candidate, x.k.qual, x.k.block)
			st.last = max(st.last, x.attempt)
			s := certif.AttemptStatus(x.status)
			st.validated = st.validated || s == certif.AttemptValidated
			st.inProgress = st.inProgress || s.InProgress()
		}
	}
	return nil
}

// AnalyzeAfterBulkLoad refreshes the planner statistics of the tables a bulk
// load fills. PostgreSQL plans the lists with nested loops until it has
// statistics, and its autovacuum may come late or be off: ANALYZE them now.
// SQLite is left without statistics on purpose: with sqlite_stat1 its planner
// starts the joins of the lists from the employers, which measured slower at
// national scale than its default plans (docs/benchmarks.md).
func (s *Store) AnalyzeAfterBulkLoad(ctx context.Context) error {
	if s.dialect.name != postgresDialect.name {
		return nil
	}
	for _, table := range []string{"employers", "employer_contacts", "candidates", "registrations", "block_attempts", "audit_events"} {
		if _, err := s.wdb.ExecContext(ctx, "ANALYZE "+table); err != nil {
			return fmt.Errorf("statistiques de %s : %w", table, err)
		}
	}
	return nil
}
