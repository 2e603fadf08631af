package store

import (
	"database/sql"
	"fmt"
	"maps"
	"reflect"
	"slices"

	"certibloc/internal/certif"
)

// importSnapshot is what the database holds that the lines of a registration
// file need, read in a few batched queries (never line by line): the
// employer's candidates of the same identities, what they have for each CQP,
// their live registrations and the registration windows.
type importSnapshot struct {
	candidates map[string]int64 // identity key → the employer's first live candidate of that identity
	candidateAttempts
	live    map[liveRegistration]bool
	windows certif.Windows
}

// candidateAttempts is what candidates have, by CQP: validated blocks,
// blocks waiting for a jury, and the last attempt number of each block.
type candidateAttempts struct {
	has  map[candidateQual]certif.CandidateBlocks
	last map[attemptKey]int
}

func newCandidateAttempts() candidateAttempts {
	return candidateAttempts{has: map[candidateQual]certif.CandidateBlocks{}, last: map[attemptKey]int{}}
}

type candidateQual struct {
	candidate int64
	qual      string
}

// liveRegistration identifies a registration a line repeats: same candidate,
// CQP and "certifiable à partir du" date.
type liveRegistration struct {
	candidate int64
	qual      string
	from      certif.Date
}

// readImportSnapshot reads, through q (the store's readers or a transaction),
// what the identity keys of employerID's file need.
func readImportSnapshot(q querier, employerID int64, keys []string) (*importSnapshot, error) {
	snap := &importSnapshot{candidates: map[string]int64{}, candidateAttempts: newCandidateAttempts(), live: map[liveRegistration]bool{}}
	known, err := readIdentities(q, employerID, keys)
	if err != nil {
		return nil, err
	}
	for k, id := range known {
		snap.candidates[k.key] = id
	}
	ids := slices.Sorted(maps.Values(snap.candidates))
	if err := chunks(ids, snap.readAttempts(q)); err != nil {
		return nil, err
	}
	if err := chunks(ids, snap.readLive(q)); err != nil {
		return nil, err
	}
	rows, err := q(windowSelect + ` ORDER BY opens_on, id`)
	snap.windows, err = collect(rows, err, scanWindow)
	return snap, err
}

// employerIdentity is a candidate's identity key at an employer.
type employerIdentity struct {
	employer int64
	key      string
}

// readIdentities finds the live candidates of the identity keys, at
// employerID only or, when 0, at any employer: the first one of each
// identity at each employer.
func readIdentities(q querier, employerID int64, keys []string) (map[employerIdentity]int64, error) {
	found := map[employerIdentity]int64{}
	err := chunks(keys, func(part []string) error {
		query, args := `SELECT id, employer_id, identity_key FROM candidates WHERE deleted_at IS NULL AND identity_key IN `+inList(len(part)), anys(part)
		if employerID != 0 {
			query, args = query+` AND employer_id = ?`, append(args, employerID)
		}
		rows, err := q(query+` ORDER BY id`, args...)
		type match struct {
			id int64
			employerIdentity
		}
		list, err := collect(rows, err, func(r *sql.Rows) (match, error) {
			var m match
			return m, r.Scan(&m.id, &m.employer, &m.key)
		})
		for _, m := range list {
			if _, seen := found[m.employerIdentity]; !seen {
				found[m.employerIdentity] = m.id
			}
		}
		return err
	})
	return found, err
}

// readAttempts reads the block attempts of candidates (ids, by chunks).
func (snap *candidateAttempts) readAttempts(q querier) func(ids []int64) error {
	return func(ids []int64) error {
		rows, err := q(`SELECT candidate_id, qualification_code, block_number, attempt, status, COALESCE(decided_on, ''), COALESCE(registration_id, 0)
			FROM block_attempts WHERE candidate_id IN `+inList(len(ids))+` ORDER BY id`, anys(ids)...)
		type row struct {
			k       attemptKey
			attempt int
			status  certif.AttemptStatus
			decided string
			reg     int64
		}
		list, err := collect(rows, err, func(r *sql.Rows) (row, error) {
			var x row
			err := r.Scan(&x.k.candidate, &x.k.qual, &x.k.block, &x.attempt, &x.status, &x.decided, &x.reg)
			return x, err
		})
		for _, x := range list {
			snap.last[x.k] = max(snap.last[x.k], x.attempt)
			has := snap.blocks(candidateQual{x.k.candidate, x.k.qual})
			switch {
			case x.status == certif.AttemptValidated:
				has.Validated[x.k.block], _ = certif.ParseDate(x.decided)
			case x.status.InProgress():
				has.InProgress[x.k.block] = x.reg
			}
		}
		return err
	}
}

// readLive reads the live registrations of candidates.
func (snap *importSnapshot) readLive(q querier) func(ids []int64) error {
	return func(ids []int64) error {
		rows, err := q(`SELECT candidate_id, qualification_code, certifiable_from FROM registrations
			WHERE deleted_at IS NULL AND candidate_id IN `+inList(len(ids)), anys(ids)...)
		list, err := collect(rows, err, func(r *sql.Rows) (liveRegistration, error) {
			var l liveRegistration
			return l, r.Scan(&l.candidate, &l.qual, dateCol{&l.from})
		})
		for _, l := range list {
			snap.live[l] = true
		}
		return err
	}
}

// blocks is what the candidate has for a CQP, created empty when nothing.
func (snap *candidateAttempts) blocks(k candidateQual) certif.CandidateBlocks {
	has, ok := snap.has[k]
	if !ok {
		has = certif.CandidateBlocks{Validated: map[int]certif.Date{}, InProgress: map[int]int64{}}
		snap.has[k] = has
	}
	return has
}

// importStep is what committing does for one accepted line.
type importStep struct {
	line      int
	candidate certif.Candidate // ID < 0: a candidate the file creates (-line of its first line)
	created   bool             // this line creates the candidate
	qual      certif.Qualification
	request   certif.RegistrationRequest
	plan      certif.Plan // zero when the line repeats a live registration
	attempts  []int       // attempt number of each of plan.Attempts
	unchanged bool        // repeats a live registration: nothing to do
}

// importPlan is a registration file checked against a snapshot: the report
// and, when no line is refused, the steps its commit takes.
type importPlan struct {
	report ImportReport
	steps  []importStep
}

// planImport checks every line against the snapshot, as if the lines before it
// were already recorded (a candidate the file creates, a block it presents),
// without changing the snapshot: the checks of a commit compare it with the
// database again, in the write transaction.
func planImport(by Caller, e certif.Employer, lines []ImportLine, cat catalogue, cal certif.Schedule, snap *importSnapshot, advance func()) importPlan {
	var p importPlan
	created := map[string]int64{}
	pending := map[candidateQual]map[int]int64{}
	last := map[attemptKey]int{}
	live := map[liveRegistration]bool{}
	for _, l := range lines {
		step, err := planLine(by, e, l, cat, func(c certif.Candidate) (int64, bool) {
			key := identityKey(c)
			if id, ok := snap.candidates[key]; ok {
				return id, false
			}
			if id, ok := created[key]; ok {
				return id, false
			}
			created[key] = -int64(l.Line)
			return created[key], true
		}, func(k candidateQual) certif.CandidateBlocks {
			has := snap.has[k]
			out := certif.CandidateBlocks{Validated: maps.Clone(has.Validated), InProgress: maps.Clone(has.InProgress)}
			if out.Validated == nil {
				out.Validated = map[int]certif.Date{}
			}
			if out.InProgress == nil {
				out.InProgress = map[int]int64{}
			}
			maps.Copy(out.InProgress, pending[k])
			return out
		}, func(r liveRegistration) bool { return snap.live[r] || live[r] }, snap.windows, cal)
		res := ImportResult{Line: l.Line, Candidate: step.candidate.PrintedName()}
		switch {
		case err != nil || l.Unread:
			res.Fields = certif.ErrorFields(err)
			if res.Fields == nil {
				res.Fields = map[string]string{}
			}
			p.report.Refused++
		default:
			res.Action = "Candidat déjà connu"
			if step.created {
				res.Action = "Nouveau candidat"
				p.report.NewCandidates++
			}
			if step.unchanged {
				p.report.Unchanged++
				res.Action += ", déjà inscrit : rien à faire"
			} else {
				p.report.NewRegistrations++
				res.Action += fmt.Sprintf(", inscription %s blocs %s (%s)", step.qual.Code, blockList(step.plan.Blocks), periodList(step.plan))
				k := candidateQual{step.candidate.ID, step.qual.Code}
				if pending[k] == nil {
					pending[k] = map[int]int64{}
				}
				for _, a := range step.plan.Attempts {
					ak := attemptKey{step.candidate.ID, step.qual.Code, a.Block}
					if last[ak] == 0 {
						last[ak] = snap.last[ak]
					}
					last[ak]++
					step.attempts = append(step.attempts, last[ak])
					pending[k][a.Block] = -int64(l.Line)
				}
				live[liveRegistration{step.candidate.ID, step.qual.Code, step.request.CertifiableFrom}] = true
			}
			p.steps = append(p.steps, step)
		}
		p.report.Results = append(p.report.Results, res)
		advance()
	}
	return p
}

// planLine checks one line: its candidate (known, or created by the file) and
// its registration through the rules of the form.
func planLine(by Caller, e certif.Employer, l ImportLine, cat catalogue,
	candidateID func(certif.Candidate) (int64, bool), has func(candidateQual) certif.CandidateBlocks,
	isLive func(liveRegistration) bool, windows certif.Windows, cal certif.Schedule) (importStep, error) {
	step := importStep{line: l.Line, candidate: l.Candidate, request: l.Request}
	var v certif.Validation
	q, prog, err := cat.resolve(l.Request.Qualification, l.Request.Programme)
	known := err == nil
	if known {
		step.qual, step.request.Qualification, step.request.Programme = q, q.Code, prog.CodeOrNone()
	}
	v.AddError(err)
	c := &step.candidate
	c.EmployerCode, c.EmployerID = e.Code, e.ID
	normalizeCandidate(c)
	identity := c.Validate(by.Today)
	v.AddError(identity)
	if identity == nil {
		c.ID, step.created = candidateID(*c)
	}
	if !known {
		return step, v.Err()
	}
	ov := certif.Override{ByOffice: by.Role == certif.RoleOffice, Reason: by.Reason, Windows: windows}
	// a file registers within the employer's branch only: the office registers
	// outside it by the form, where its reason is traced
	_, outsideBranch := certif.CheckBranch(q, prog, e.Branch, certif.Override{})
	v.AddError(outsideBranch)
	if identity == nil && isLive(liveRegistration{c.ID, q.Code, l.Request.CertifiableFrom}) {
		step.unchanged = true
		return step, v.Err()
	}
	// A candidate refused for their identity is checked as one with no
	// block: the registration's own errors are listed with the identity's.
	plan, err := certif.PlanRegistration(step.request, q, has(candidateQual{c.ID, q.Code}), cal, by.Today, ov)
	step.plan = plan
	v.AddError(err)
	return step, v.Err()
}

// sameSnapshot reports whether the database still holds what a plan was made on.
func sameSnapshot(a, b *importSnapshot) bool {
	return reflect.DeepEqual(a, b)
}

// insertNewCandidates inserts the candidates a file creates (each with its
// pseudo id, -line), sets their new ids, and returns the pseudo ids' new ids
// and the audit rows of the creations, for the file's other steps.
func (tx *Tx) insertNewCandidates(now string, created []*certif.Candidate) (map[int64]int64, [][]any, error) {
	rows := make([][]any, len(created))
	for i, c := range created {
		rows[i] = candidateRow(*c, now)
	}
	ids, err := tx.insertIDs("candidates", candidateColumns, rows)
	if err != nil {
		return nil, nil, err
	}
	real := map[int64]int64{}
	audits := make([][]any, len(ids))
	for i, id := range ids {
		c := created[i]
		real[c.ID], c.ID = id, id
		audits[i] = tx.auditRow(now, c.EmployerID, candidateCreated(*c))
	}
	return real, audits, nil
}

// fileIdentityKey is the identity key of a candidate as a file gives it,
// normalised as the checks normalise it (the file's lines stay as read).
func fileIdentityKey(c certif.Candidate) string {
	c.FirstNames = slices.Clone(c.FirstNames)
	normalizeCandidate(&c)
	return identityKey(c)
}

// applyImport writes the steps of a checked file in batches: the new
// candidates, the registrations, their block attempts, the audit events, and
// the end of the employer's "néant" for the periods it now presents (R17).
func (tx *Tx) applyImport(by Caller, e certif.Employer, steps []importStep) error {
	now := stamp(tx.s.now())
	var created []*certif.Candidate
	for i := range steps {
		if steps[i].created {
			created = append(created, &steps[i].candidate)
		}
	}
	real, audits, err := tx.insertNewCandidates(now, created)
	if err != nil {
		return err
	}
	var regRows [][]any
	var regSteps []*importStep
	for i := range steps {
		st := &steps[i]
		if id, ok := real[st.candidate.ID]; ok {
			st.candidate.ID = id
		}
		if st.unchanged {
			continue
		}
		regRows = append(regRows, registrationRow(by, st.candidate, st.qual, st.request, st.plan, now))
		regSteps = append(regSteps, st)
	}
	regIDs, err := tx.insertIDs("registrations", registrationColumns, regRows)
	if err != nil {
		return err
	}
	var attempts [][]any
	periods := map[string]bool{}
	for j, id := range regIDs {
		st := regSteps[j]
		for k, a := range st.plan.Attempts {
			attempts = append(attempts, []any{id, st.candidate.ID, st.qual.Code, a.Block, st.attempts[k], a.CertifiableFrom, a.Period.String(),
				string(certif.AttemptRegistered), nil, now, now})
			periods[a.Period.String()] = true
		}
		for _, ev := range registrationEvents(id, st.candidate.ID, st.qual, st.request.Programme, st.plan, by.Reason) {
			audits = append(audits, tx.auditRow(now, e.ID, ev))
		}
	}
	if err := tx.insertRows("block_attempts", attemptColumns, attempts); err != nil {
		return err
	}
	if err := tx.insertRows("audit_events", auditColumns, audits); err != nil {
		return err
	}
	return tx.lapseNilDeclarationsOf(e.ID, slices.Sorted(maps.Keys(periods)))
}
