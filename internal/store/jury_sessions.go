package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"

	"certibloc/internal/certif"
)

const sessionSelect = `SELECT s.id, s.qualification_code, s.day, s.half, s.mode, s.remote_tool, s.link,
	COALESCE(s.employer_id, 0), COALESCE(e.code, ''), COALESCE(s.site_id, 0), COALESCE(s.institute_site_id, 0),
	COALESCE(es.name || ', ' || es.address, i.name || ', ' || i.address, ''), s.status, s.locked, s.sequence, s.cancel_reason, s.version
	FROM jury_sessions s LEFT JOIN employers e ON e.id = s.employer_id LEFT JOIN employer_sites es ON es.id = s.site_id
	LEFT JOIN institute_sites i ON i.id = s.institute_site_id WHERE 1 = 1`

func scanSession(r *sql.Rows) (certif.JurySession, error) {
	var s certif.JurySession
	var half, mode, tool, status string
	err := r.Scan(&s.ID, &s.Qualification, dateCol{&s.HalfDay.Day}, &half, &mode, &tool, &s.Link, &s.EmployerID, &s.EmployerCode,
		&s.SiteID, &s.InstituteID, &s.Place, &status, &s.Locked, &s.Sequence, &s.CancelReason, &s.Version)
	s.HalfDay.Half, s.Mode, s.RemoteTool, s.Status = certif.Half(half), certif.SessionMode(mode), certif.RemoteTool(tool), certif.SessionStatus(status)
	for i, role := range certif.JuryRoles {
		s.Members[i].Role = role
	}
	return s, err
}

// SessionFilter selects professional-jury sessions.
type SessionFilter struct {
	Scope         Scope
	From, To      certif.Date // days, inclusive; zero for no bound
	Statuses      []certif.SessionStatus
	MemberID      int64   // sessions where the member sits (office filter)
	EmployerID    int64   // sessions with a candidate of the employer, or hosted by it (office filter)
	Qualification string  // one CQP
	AttemptIDs    []int64 // the sessions of these block attempts (500 at most)
	Limit         int     // 0: no limit
}

// juryRows restricts sessions s to a scope: the office and the certifier
// all; a jury member those they sit in, an employer those of its candidates,
// a candidate their own, a national fund those of its branch's candidates —
// once convened: a draft is the office's.
func (sc Scope) juryRows() (string, []any) {
	const announced = ` AND s.status <> 'draft'`
	switch {
	case sc.IsAll():
		return "", nil
	case sc.JuryMemberID > 0:
		return announced + ` AND EXISTS (SELECT 1 FROM jury_session_members x WHERE x.session_id = s.id AND x.member_id = ?)`, []any{sc.JuryMemberID}
	case sc.EmployerID > 0:
		return announced + ` AND EXISTS (SELECT 1 FROM jury_session_slots x JOIN block_attempts xa ON xa.id = x.attempt_id
			JOIN registrations xr ON xr.id = xa.registration_id WHERE x.session_id = s.id AND xr.employer_id = ?)`, []any{sc.EmployerID}
	case sc.CandidateID > 0:
		return announced + ` AND EXISTS (SELECT 1 FROM jury_session_slots x JOIN block_attempts xa ON xa.id = x.attempt_id
			WHERE x.session_id = s.id AND xa.candidate_id = ?)`, []any{sc.CandidateID}
	case sc.Branch != "":
		return announced + ` AND EXISTS (SELECT 1 FROM jury_session_slots x JOIN block_attempts xa ON xa.id = x.attempt_id
			JOIN registrations xr ON xr.id = xa.registration_id JOIN employers xe ON xe.id = xr.employer_id
			WHERE x.session_id = s.id AND xe.branch_code = ?)`, []any{sc.Branch}
	}
	return seesNothing, nil
}

// slotRows restricts the slots of a session a scope sees: an employer its
// own candidates', a candidate their own, a national fund none (it sees its
// branch's sessions, never a candidate); the others every slot.
func (sc Scope) slotRows() (string, []any) {
	switch {
	case sc.Branch != "":
		return seesNothing, nil
	case sc.EmployerID > 0:
		return ` AND r.employer_id = ?`, []any{sc.EmployerID}
	case sc.CandidateID > 0:
		return ` AND a.candidate_id = ?`, []any{sc.CandidateID}
	}
	return "", nil
}

// JurySessions lists sessions by half-day, with their members and the slots
// the scope sees, in three queries whatever their number.
func (s *Store) JurySessions(ctx context.Context, f SessionFilter) ([]certif.JurySession, error) {
	where, args := f.Scope.juryRows()
	if !f.From.IsZero() {
		where, args = where+` AND s.day >= ?`, append(args, f.From)
	}
	if !f.To.IsZero() {
		where, args = where+` AND s.day <= ?`, append(args, f.To)
	}
	if len(f.Statuses) > 0 {
		where += ` AND s.status IN ` + inList(len(f.Statuses))
		for _, st := range f.Statuses {
			args = append(args, string(st))
		}
	}
	if f.MemberID > 0 {
		where, args = where+` AND EXISTS (SELECT 1 FROM jury_session_members y WHERE y.session_id = s.id AND y.member_id = ?)`, append(args, f.MemberID)
	}
	if f.EmployerID > 0 {
		where, args = where+` AND (s.employer_id = ? OR EXISTS (SELECT 1 FROM jury_session_slots y JOIN block_attempts ya ON ya.id = y.attempt_id
			JOIN registrations yr ON yr.id = ya.registration_id WHERE y.session_id = s.id AND yr.employer_id = ?))`, append(args, f.EmployerID, f.EmployerID)
	}
	if f.Qualification != "" {
		where, args = where+` AND s.qualification_code = ?`, append(args, f.Qualification)
	}
	if len(f.AttemptIDs) > 0 {
		where, args = where+` AND EXISTS (SELECT 1 FROM jury_session_slots z WHERE z.session_id = s.id AND z.attempt_id IN `+inList(len(f.AttemptIDs))+`)`, append(args, anys(f.AttemptIDs)...)
	}
	q := sessionSelect + where + ` ORDER BY s.day, s.half, s.qualification_code, s.id`
	if f.Limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(f.Limit)
	}
	rows, err := s.query(ctx, q, args...)
	list, err := collect(rows, err, scanSession)
	if err != nil {
		return nil, err
	}
	return list, attachSessionParts(s.reader(ctx), list, f.Scope)
}

// JurySession returns one session in the scope, with its members and slots.
func (s *Store) JurySession(ctx context.Context, id int64, sc Scope) (certif.JurySession, error) {
	where, args := sc.juryRows()
	rows, err := s.query(ctx, sessionSelect+` AND s.id = ?`+where, append([]any{id}, args...)...)
	list, err := collect(rows, err, scanSession)
	if err == nil && len(list) == 0 {
		err = notFound("Séance de jury introuvable.")
	}
	if err == nil {
		err = attachSessionParts(s.reader(ctx), list, sc)
	}
	if err != nil {
		return certif.JurySession{}, err
	}
	return list[0], nil
}

// attachSessionParts reads the members and the slots of sessions, by batches,
// and how many candidates sit in each: the slots counted when the scope sees
// them all, counted apart otherwise.
func attachSessionParts(q querier, list []certif.JurySession, sc Scope) error {
	index := map[int64]*certif.JurySession{}
	ids := make([]int64, len(list))
	for i := range list {
		index[list[i].ID], ids[i] = &list[i], list[i].ID
	}
	slotWhere, slotArgs := sc.slotRows()
	err := chunks(ids, func(part []int64) error {
		rows, err := q(`SELECT sm.session_id, sm.role, m.id, m.first_name, m.last_name, m.email
			FROM jury_session_members sm JOIN jury_members m ON m.id = sm.member_id WHERE sm.session_id IN `+inList(len(part)), anys(part)...)
		type seat struct {
			session int64
			m       certif.SessionMember
		}
		seats, err := collect(rows, err, func(r *sql.Rows) (seat, error) {
			var x seat
			var role, first, last string
			err := r.Scan(&x.session, &role, &x.m.MemberID, &first, &last, &x.m.Email)
			x.m.Role, x.m.Name = certif.JuryRole(role), certif.JuryMember{FirstName: first, LastName: last}.Name()
			return x, err
		})
		if err != nil {
			return err
		}
		for _, x := range seats {
			if i := slices.Index(certif.JuryRoles, x.m.Role); i >= 0 {
				index[x.session].Members[i] = x.m
			}
		}
		rows, err = q(slotSelect+` WHERE sl.session_id IN `+inList(len(part))+slotWhere+` ORDER BY sl.session_id, sl.starts_at, sl.id`,
			append(anys(part), slotArgs...)...)
		slots, err := collect(rows, err, scanSlot)
		for _, sl := range slots {
			index[sl.SessionID].Slots = append(index[sl.SessionID].Slots, sl)
		}
		if err != nil || slotWhere == "" {
			return err
		}
		rows, err = q(`SELECT session_id, COUNT(*) FROM jury_session_slots WHERE session_id IN `+inList(len(part))+` GROUP BY session_id`, anys(part)...)
		return each(rows, err, func(r *sql.Rows) error {
			var id int64
			var n int
			err := r.Scan(&id, &n)
			index[id].Candidates = n
			return err
		})
	})
	if err == nil && slotWhere == "" {
		for i := range list {
			list[i].Candidates = len(list[i].Slots)
		}
	}
	return err
}

const slotSelect = `SELECT sl.id, sl.session_id, sl.attempt_id, a.candidate_id, c.first_name1, c.usage_name, c.birth_name,
	r.employer_id, e.code, a.block_number, sl.starts_at, sl.minutes, sl.extra_minutes, sl.sequence
	FROM jury_session_slots sl JOIN block_attempts a ON a.id = sl.attempt_id JOIN candidates c ON c.id = a.candidate_id
	JOIN registrations r ON r.id = a.registration_id JOIN employers e ON e.id = r.employer_id`

func scanSlot(r *sql.Rows) (certif.Slot, error) {
	var sl certif.Slot
	var first, usage, birth string
	err := r.Scan(&sl.ID, &sl.SessionID, &sl.AttemptID, &sl.CandidateID, &first, &usage, &birth, &sl.EmployerID, &sl.EmployerCode,
		&sl.Block, &sl.Start, &sl.Minutes, &sl.ExtraMinutes, &sl.Sequence)
	sl.CandidateName = candidateListName(first, usage, birth)
	return sl, err
}

// candidateListName is a candidate as session lists name them: "Camille
// DURAND", with the usage name when there is one.
func candidateListName(first, usage, birth string) string {
	name := birth
	if strings.TrimSpace(usage) != "" {
		name = usage
	}
	return strings.TrimSpace(first + " " + strings.ToUpper(name))
}

// PlaceOf is where an in-person session sits, as convocations print it: the
// site's name and address; "" for a remote session.
func (s *Store) PlaceOf(ctx context.Context, ss certif.JurySession) (string, error) {
	var place string
	var err error
	switch ss.Mode {
	case certif.ModeEmployer:
		err = s.queryRow(ctx, `SELECT name || ', ' || address FROM employer_sites WHERE id = ?`, ss.SiteID).Scan(&place)
	case certif.ModeInstitute:
		err = s.queryRow(ctx, `SELECT name || ', ' || address FROM institute_sites WHERE id = ?`, ss.InstituteID).Scan(&place)
	default:
		return "", nil
	}
	if err != nil {
		return "", notFound("Le site de la séance est introuvable : choisissez-le à nouveau.")
	}
	return strings.TrimSuffix(place, ", "), nil
}

// AttemptSummary is a block attempt as lists name it.
type AttemptSummary struct {
	ID            int64
	CandidateID   int64
	CandidateName string
	EmployerCode  string
	Qualification string
	Block         int
	Status        certif.AttemptStatus
	EmployerID    int64 // the employer that registered the attempt
}

// AttemptSummaries names block attempts, by id, in batches (office lists).
func (s *Store) AttemptSummaries(ctx context.Context, ids []int64) (map[int64]AttemptSummary, error) {
	out := map[int64]AttemptSummary{}
	err := chunks(uniqueIDs(ids), func(part []int64) error {
		rows, err := s.query(ctx, `SELECT a.id, a.candidate_id, c.first_name1, c.usage_name, c.birth_name, e.code, a.qualification_code, a.block_number, a.status,
			COALESCE(r.employer_id, 0)
			FROM block_attempts a JOIN candidates c ON c.id = a.candidate_id JOIN employers e ON e.id = c.employer_id
			LEFT JOIN registrations r ON r.id = a.registration_id WHERE a.id IN `+inList(len(part)), anys(part)...)
		list, err := collect(rows, err, func(r *sql.Rows) (AttemptSummary, error) {
			var a AttemptSummary
			var first, usage, birth, status string
			err := r.Scan(&a.ID, &a.CandidateID, &first, &usage, &birth, &a.EmployerCode, &a.Qualification, &a.Block, &status, &a.EmployerID)
			a.CandidateName, a.Status = candidateListName(first, usage, birth), certif.AttemptStatus(status)
			return a, err
		})
		for _, a := range list {
			out[a.ID] = a
		}
		return err
	})
	return out, err
}

// InstituteSite is a site of the Institut 4.10 where a jury may sit (R12).
type InstituteSite struct {
	ID      int64
	Name    string
	Address string
}

// InstituteSites lists the exam office's sites, by name.
func (s *Store) InstituteSites(ctx context.Context) ([]InstituteSite, error) {
	rows, err := s.query(ctx, `SELECT id, name, address FROM institute_sites ORDER BY name, id`)
	return collect(rows, err, func(r *sql.Rows) (InstituteSite, error) {
		var x InstituteSite
		return x, r.Scan(&x.ID, &x.Name, &x.Address)
	})
}

// SaveInstituteSite adds a site of the exam office; traced.
func (s *Store) SaveInstituteSite(ctx context.Context, by Caller, site InstituteSite) (InstituteSite, error) {
	site.Name, site.Address = strings.TrimSpace(site.Name), strings.TrimSpace(site.Address)
	var v certif.Validation
	if site.Name == "" {
		v.Add("name", "Le nom du site est obligatoire.")
	}
	if site.Address == "" {
		v.Add("address", "L'adresse du site est obligatoire : elle figure sur les convocations.")
	}
	if err := v.Err(); err != nil {
		return site, err
	}
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		id, err := tx.insert(`INSERT INTO institute_sites (name, address) VALUES (?, ?)`, site.Name, site.Address)
		site.ID = id
		if err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "institute_site", EntityKey: idKey(id), Action: "create", After: site.Name + ", " + site.Address})
	})
	return site, err
}

// AttemptSessions returns, for each block attempt the scope sees a live
// session of, that session (the latest if several): the attempt's
// professional jury as its registration's page shows it.
func (s *Store) AttemptSessions(ctx context.Context, sc Scope, attemptIDs []int64) (map[int64]certif.JurySession, error) {
	out := map[int64]certif.JurySession{}
	err := chunks(uniqueIDs(attemptIDs), func(part []int64) error {
		list, err := s.JurySessions(ctx, SessionFilter{Scope: sc, AttemptIDs: part})
		for _, ss := range list {
			if !ss.Status.Live() {
				continue
			}
			for _, sl := range ss.Slots {
				out[sl.AttemptID] = ss
			}
		}
		return err
	})
	return out, err
}

// SessionCounts counts the sessions of a window by status, in one query.
func (s *Store) SessionCounts(ctx context.Context, from, to certif.Date) (map[certif.SessionStatus]int, error) {
	rows, err := s.query(ctx, `SELECT status, COUNT(*) FROM jury_sessions WHERE day >= ? AND day <= ? GROUP BY status`, from, to)
	out := map[certif.SessionStatus]int{}
	_, err = collect(rows, err, func(r *sql.Rows) (string, error) {
		var status string
		var n int
		err := r.Scan(&status, &n)
		out[certif.SessionStatus(status)] = n
		return status, err
	})
	return out, err
}
