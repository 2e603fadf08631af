package store

import (
	"database/sql"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"certibloc/internal/census"
	"certibloc/internal/certif"
)

// censusSnapshot is what the database holds that the lines of a census file
// need, read in batches: the trainees already known to their employer, their
// pre-registrations (theirs or of a candidate merged into them), what they
// have for each CQP, and who receives the mail of the employers without HR
// addresses.
type censusSnapshot struct {
	candidates map[employerIdentity]int64
	recensed   map[recensedPath]census.Status
	candidateAttempts
	accounts map[int64][]string // employer → the addresses of its active accounts
}

// recensedPath identifies a pre-registration a census line repeats: same
// candidate, CQP and path start.
type recensedPath struct {
	candidate int64
	qual      string
	start     certif.Date
}

// readCensusSnapshot reads what the lines' identities and employers need.
func readCensusSnapshot(q querier, keys []string, employers []int64) (*censusSnapshot, error) {
	snap := &censusSnapshot{recensed: map[recensedPath]census.Status{}, candidateAttempts: newCandidateAttempts(), accounts: map[int64][]string{}}
	var err error
	if snap.candidates, err = readIdentities(q, 0, keys); err != nil {
		return nil, err
	}
	ids := slices.Sorted(maps.Values(snap.candidates))
	if err := chunks(ids, snap.readAttempts(q)); err != nil {
		return nil, err
	}
	err = chunks(ids, func(part []int64) error {
		in := inList(len(part))
		rows, err := q(`SELECT CASE WHEN c.id IN `+in+` THEN c.id ELSE c.merged_into END, p.qualification_code, p.path_start, p.status
			FROM pre_registrations p JOIN candidates c ON c.id = p.candidate_id WHERE c.id IN `+in+` OR c.merged_into IN `+in+` ORDER BY p.id`,
			append(append(anys(part), anys(part)...), anys(part)...)...)
		type row struct {
			k      recensedPath
			status census.Status
		}
		list, err := collect(rows, err, func(r *sql.Rows) (row, error) {
			var x row
			return x, r.Scan(&x.k.candidate, &x.k.qual, dateCol{&x.k.start}, &x.status)
		})
		for _, x := range list {
			if _, seen := snap.recensed[x.k]; !seen {
				snap.recensed[x.k] = x.status
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	err = chunks(employers, func(part []int64) error {
		rows, err := q(`SELECT employer_id, email FROM users WHERE NOT disabled AND employer_id IN `+inList(len(part))+` ORDER BY email`, anys(part)...)
		type account struct {
			employer int64
			email    string
		}
		list, err := collect(rows, err, func(r *sql.Rows) (account, error) {
			var a account
			return a, r.Scan(&a.employer, &a.email)
		})
		for _, a := range list {
			snap.accounts[a.employer] = append(snap.accounts[a.employer], a.email)
		}
		return err
	})
	return snap, err
}

// censusStep is a pre-registration a census commit creates.
type censusStep struct {
	candidate certif.Candidate // ID < 0: a candidate the file creates (-line of its first line)
	created   bool
	pre       census.PreRegistration
	what      string // its trace
}

// censusPlan is a census file checked against a snapshot: the report and,
// when no line is refused, what its commit creates, employer by employer in
// the order of their first pre-registration.
type censusPlan struct {
	report    CensusReport
	steps     []censusStep
	employers []certif.Employer
	recipient map[int64][]string
}

// planCensus checks every census line against the snapshot, as if the lines
// before it were recorded, without changing the snapshot.
func planCensus(by Caller, lines []CensusLine, importID int64, emps map[string]certif.Employer, cat catalogue,
	cal certif.Schedule, snap *censusSnapshot, advance func()) censusPlan {
	p := censusPlan{recipient: map[int64][]string{}}
	created := map[employerIdentity]int64{}
	recensed := map[recensedPath]bool{}
	for _, l := range lines {
		res, step, ok := planCensusLine(by, l, importID, emps, cat, cal, snap, created, recensed)
		switch {
		case res.Fields != nil:
			p.report.Refused++
		case step.candidate.ID != 0 && step.created:
			p.report.NewCandidates++
		case step.candidate.ID != 0:
			p.report.KnownCandidates++
		}
		if res.Fields == nil && !ok {
			p.report.Unchanged++
		}
		if ok {
			p.report.PreRegistrations++
			if !slices.ContainsFunc(p.employers, func(e certif.Employer) bool { return e.ID == step.pre.EmployerID }) {
				p.employers = append(p.employers, emps[step.pre.EmployerCode])
			}
			p.steps = append(p.steps, step)
		} else if step.created && res.Fields == nil {
			p.steps = append(p.steps, step) // a new candidate with nothing to pre-register is still created
		}
		p.report.Results = append(p.report.Results, res)
		advance()
	}
	for _, e := range p.employers {
		to := e.HREmails
		if len(to) == 0 {
			to = snap.accounts[e.ID]
		}
		p.recipient[e.ID] = to
		sum := CensusEmployer{Code: e.Code, Name: e.Name, Recipients: to}
		for _, st := range p.steps {
			if st.pre.EmployerID == e.ID && st.pre.Qualification != "" {
				sum.PreRegistrations++
			}
		}
		if len(to) == 0 {
			p.report.Warnings = append(p.report.Warnings, fmt.Sprintf("%s (%s) n'a ni adresse RH ni compte : aucun courriel ne lui sera envoyé ; prévenez-le autrement ou ajoutez une adresse RH.", e.Name, e.Code))
		}
		p.report.Employers = append(p.report.Employers, sum)
	}
	return p
}

// planCensusLine checks one census line; ok says it pre-registers someone.
func planCensusLine(by Caller, l CensusLine, importID int64, emps map[string]certif.Employer, cat catalogue,
	cal certif.Schedule, snap *censusSnapshot, created map[employerIdentity]int64, recensed map[recensedPath]bool) (CensusResult, censusStep, bool) {
	var step censusStep
	res := CensusResult{Line: l.Line, Employer: l.Candidate.EmployerCode, Candidate: l.Candidate.PrintedName()}
	fail := func(err error) (CensusResult, censusStep, bool) {
		res.Fields = map[string]string{}
		if err != nil {
			var v certif.Validation
			v.AddError(err)
			res.Fields = certif.ErrorFields(v.Err())
		}
		return res, censusStep{}, false
	}
	var v certif.Validation
	e, ok := emps[strings.ToUpper(strings.TrimSpace(l.Candidate.EmployerCode))]
	if !ok {
		v.Add("employer", fmt.Sprintf("Employeur inconnu : %q. Utilisez le code de la liste des employeurs de certibloc.", l.Candidate.EmployerCode))
	}
	q, prog, qerr := cat.resolve(l.Path.Qualification, "")
	v.AddError(qerr)
	c := l.Candidate
	c.EmployerCode, c.EmployerID = e.Code, e.ID
	normalizeCandidate(&c)
	for field, msg := range certif.ErrorFields(c.Validate(by.Today)) {
		v.Add(field, msg)
	}
	var offer *certif.Offer
	if qerr == nil {
		offer = &certif.Offer{Qualification: q, Programme: prog}
	}
	v.AddError(census.CheckLine(l.Path, offer))
	if qerr == nil && ok {
		_, outside := certif.CheckBranch(q, prog, e.Branch, certif.Override{})
		v.AddError(outside)
	}
	if err := v.Err(); err != nil || l.Unread {
		return fail(err)
	}
	who := employerIdentity{e.ID, identityKey(c)}
	if id, known := snap.candidates[who]; known {
		c.ID = id
		res.Action = fmt.Sprintf("Candidat déjà connu (n° %d)", id)
	} else if id, earlier := created[who]; earlier {
		c.ID = id
		res.Action = fmt.Sprintf("Nouveau candidat (déjà à la ligne %d)", -id)
	} else {
		c.ID, created[who] = -int64(l.Line), -int64(l.Line)
		step.created = true
		res.Action = "Nouveau candidat"
	}
	step.candidate = c
	path := recensedPath{c.ID, q.Code, l.Path.PathStart}
	if status, done := snap.recensed[path]; done || recensed[path] {
		if !done {
			status = census.Pending
		}
		res.Action += fmt.Sprintf(", parcours %s du %s déjà recensé (%s) : rien à faire", q.Code, l.Path.PathStart.French(), strings.ToLower(status.Label()))
		return res, step, false
	}
	has := snap.has[candidateQual{c.ID, q.Code}]
	if has.Validated == nil {
		has = certif.CandidateBlocks{Validated: map[int]certif.Date{}, InProgress: map[int]int64{}}
	}
	cover := census.Cover(l.Path.Blocks, q, has)
	if cover.Nothing {
		res.Action += ", " + cover.Reason
		return res, step, false
	}
	pre := census.PreRegistration{CensusID: importID, Line: l.Line, CandidateID: c.ID, Candidate: c.PrintedName(), EmployerID: e.ID, EmployerCode: e.Code,
		Qualification: q.Code, Programme: prog.CodeOrNone(), Blocks: cover.Blocks, PathStart: l.Path.PathStart, PathEnd: l.Path.PathEnd, Contract: l.Contract, Status: census.Pending,
		ConfirmBy: census.ConfirmBy(l.Path.PathEnd, cal)}
	// The rules of the registration the employer will confirm, but R6: the
	// registration date will be the confirmation date.
	if _, err := certif.PlanRegistration(pre.Request(), q, has, cal, by.Today, certif.Override{ByOffice: true, Reason: "recensement"}); err != nil {
		return fail(err)
	}
	recensed[path] = true
	step.pre = pre
	step.what = fmt.Sprintf("%s, %s, parcours du %s au %s", certif.Via(q.Code, prog.CodeOrNone()), pre.BlocksText(), pre.PathStart.French(), pre.PathEnd.French())
	res.Action += ", pré-inscription " + step.what + ", à confirmer par l'employeur au plus tard le " + pre.ConfirmBy.French()
	if cover.Reason != "" {
		res.Action += " (" + cover.Reason + ")"
	}
	if pre.Late(by.Today) {
		res.Action += " ; attention : le délai de 3 mois est déjà dépassé, la confirmation demandera une dérogation de l'équipe des examens"
	}
	return res, step, true
}

// applyCensus writes a checked census file in batches: the new candidates,
// the pre-registrations and their trace, then one mail per employer.
func (tx *Tx) applyCensus(p *censusPlan, importID int64, notify CensusNotifier) error {
	now := stamp(tx.s.now())
	var created []*certif.Candidate
	for i := range p.steps {
		if p.steps[i].created {
			created = append(created, &p.steps[i].candidate)
		}
	}
	real, audits, err := tx.insertNewCandidates(now, created)
	if err != nil {
		return err
	}
	var preRows [][]any
	var preSteps []*censusStep
	for i := range p.steps {
		st := &p.steps[i]
		if id, ok := real[st.candidate.ID]; ok {
			st.candidate.ID = id
		}
		if st.pre.Qualification == "" {
			continue
		}
		st.pre.CandidateID = st.candidate.ID
		pr := st.pre
		preRows = append(preRows, []any{importID, pr.Line, pr.CandidateID, pr.EmployerID, pr.Qualification, nullText(pr.Programme), joinBlocks(pr.Blocks), pr.PathStart, pr.PathEnd,
			string(pr.Contract), string(census.Pending), now})
		preSteps = append(preSteps, st)
	}
	preIDs, err := tx.insertIDs("pre_registrations", []string{"census_import_id", "line", "candidate_id", "employer_id", "qualification_code", "programme_code", "blocks",
		"path_start", "path_end", "contract", "status", "created_at"}, preRows)
	if err != nil {
		return err
	}
	entries := map[int64][]census.PreRegistration{}
	for j, id := range preIDs {
		st := preSteps[j]
		st.pre.ID = id
		entries[st.pre.EmployerID] = append(entries[st.pre.EmployerID], st.pre)
		audits = append(audits, tx.auditRow(now, st.pre.EmployerID, certif.AuditEvent{Entity: "pre_registration", EntityKey: idKey(id), Action: "census",
			CandidateID: st.pre.CandidateID, After: st.what}))
	}
	if err := tx.insertRows("audit_events", auditColumns, audits); err != nil {
		return err
	}
	for i, e := range p.employers {
		to := p.recipient[e.ID]
		if len(to) == 0 {
			continue
		}
		m, err := notify(e, entries[e.ID])
		if err != nil {
			return err
		}
		m.Kind, m.DedupKey, m.To, m.EmployerID = "census", census.CensusKey(importID, e.ID), to, e.ID
		if p.report.Employers[i].MailQueued, err = tx.enqueueMail(m); err != nil {
			return err
		}
	}
	return nil
}

// sameCensusSnapshot reports whether the database still holds what a census plan was made on.
func sameCensusSnapshot(a, b *censusSnapshot) bool {
	return reflect.DeepEqual(a, b)
}
