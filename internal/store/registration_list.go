package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"certibloc/internal/certif"
)

// RegistrationFilter selects registrations for the lists and their exports.
type RegistrationFilter struct {
	Scope         Scope
	Qualification string
	Branch        string
	Employer      string // employer code (office and certifier)
	Status        certif.AttemptStatus
	Period        certif.Month
	Contract      certif.Contract
	Disability    string // "yes" or "no"; only for those allowed to see health data (R15)
	Search        string // accent- and case-insensitive, on the candidate's names
	Deleted       bool   // list deleted registrations instead of live ones
	Sort          string // name (default), recent, certifiable
	Page, PerPage int
	Unlimited     bool // every row (exports)
}

// RegistrationRow is a registration as lists show it.
type RegistrationRow struct {
	certif.Registration
	Candidate        certif.Candidate
	CandidateRemoved bool // the candidate was deleted or merged into another
	EmployerName     string
	Branch           string
}

var registrationSorts = map[string]string{
	"name":        "c.search_key, r.id",
	"recent":      "r.id DESC",
	"certifiable": "r.certifiable_from, c.search_key, r.id",
}

func (f RegistrationFilter) where() (string, []any) {
	w, args := f.Scope.registrationRows()
	add := func(cond string, v any) {
		w += " AND " + cond
		args = append(args, v)
	}
	if f.Deleted {
		w += " AND r.deleted_at IS NOT NULL"
	} else {
		w += " AND r.deleted_at IS NULL"
	}
	if f.Qualification != "" {
		add("r.qualification_code = ?", strings.ToUpper(f.Qualification))
	}
	if f.Branch != "" {
		add("e.branch_code = ?", f.Branch)
	}
	if f.Employer != "" {
		add("e.code = ?", strings.ToUpper(f.Employer))
	}
	if f.Contract != "" {
		add("r.contract = ?", string(f.Contract))
	}
	switch f.Disability {
	case "yes":
		w += " AND r.disability = TRUE"
	case "no":
		w += " AND r.disability = FALSE"
	}
	sw, sa := searchClause("c.search_key", f.Search)
	w, args = w+sw, append(args, sa...)
	// IN over the attempts index (status, period, registration_id) beats a
	// correlated EXISTS on both databases at national scale (docs/benchmarks.md).
	if f.Status != "" && !f.Period.IsZero() {
		w += " AND r.id IN (SELECT registration_id FROM block_attempts WHERE status = ? AND period = ?)"
		args = append(args, string(f.Status), f.Period.String())
	} else if f.Status != "" {
		add("r.id IN (SELECT registration_id FROM block_attempts WHERE status = ?)", string(f.Status))
	} else if !f.Period.IsZero() {
		add("r.id IN (SELECT registration_id FROM block_attempts WHERE period = ?)", f.Period.String())
	}
	return w, args
}

// selectsRegistrations reports whether the filter narrows the registrations
// themselves: then the planner should start from them, not from the names.
func (f RegistrationFilter) selectsRegistrations() bool {
	return f.Status != "" || !f.Period.IsZero() || f.Qualification != "" || f.Contract != "" || f.Disability != ""
}

// needsPeople reports whether the filter reads the candidates and employers
// tables; a count without them reads the registrations alone.
func (f RegistrationFilter) needsPeople() bool {
	return f.Scope != All || f.Branch != "" || f.Employer != "" || strings.TrimSpace(f.Search) != ""
}

const registrationFrom = ` FROM registrations r JOIN candidates c ON c.id = r.candidate_id JOIN employers e ON e.id = c.employer_id WHERE 1 = 1`

// registrationsByName reads candidates first, in name order, so that a page
// sorted by name stops early (the dialect forces the join order on SQLite).
func (s *Store) registrationsByName() string {
	return ` FROM candidates c ` + s.dialect.orderedJoin + ` registrations r ON r.candidate_id = c.id JOIN employers e ON e.id = c.employer_id WHERE 1 = 1`
}

// Registrations lists registrations matching the filter, with the total
// count, without their health data (RevealHealth gives it). Filtering on the
// disability box is itself a read of health data: the caller reveals the rows.
func (s *Store) Registrations(ctx context.Context, f RegistrationFilter) ([]RegistrationRow, int, error) {
	list, total, err := s.registrations(ctx, f)
	for i := range list {
		list[i].Registration = list[i].Registration.WithoutHealthData()
	}
	return list, total, err
}

// registrations is Registrations with the health data, for the store's own use.
func (s *Store) registrations(ctx context.Context, f RegistrationFilter) ([]RegistrationRow, int, error) {
	where, args := f.where()
	countFrom := registrationFrom
	if !f.needsPeople() {
		countFrom = ` FROM registrations r WHERE 1 = 1`
	}
	total, err := s.count(ctx, `SELECT COUNT(*)`+countFrom+where, args...)
	if err != nil {
		return nil, 0, err
	}
	order, ok := registrationSorts[f.Sort]
	if !ok {
		f.Sort, order = "name", registrationSorts["name"]
	}
	from := registrationFrom
	if f.Sort == "name" && !f.selectsRegistrations() {
		from = s.registrationsByName()
	}
	q := `SELECT r.id, r.candidate_id, r.employer_id, e.code, r.qualification_code, r.path, r.certifiable_from, r.contract,
		r.exam_period, r.repeating, r.specialty, r.disability, r.adjustments, r.registered_on, r.late_reason, r.deleted_at IS NOT NULL, r.version,
		c.birth_name, c.usage_name, c.first_name1, c.first_name2, c.first_name3, c.sex, c.birth_date, c.birth_insee, c.birth_country, c.email, c.phone,
		c.version, c.deleted_at IS NOT NULL, e.name, e.branch_code` +
		from + where + ` ORDER BY ` + order
	if !f.Unlimited {
		limit, offset := paging(f.Page, f.PerPage)
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", limit, offset)
	}
	rows, err := s.query(ctx, q, args...)
	list, err := collect(rows, err, func(r *sql.Rows) (RegistrationRow, error) {
		var x RegistrationRow
		var path, contract, period, f1, f2, f3 string
		g := &x.Registration
		err := r.Scan(&g.ID, &g.CandidateID, &g.EmployerID, &g.EmployerCode, &g.Qualification, &path, dateCol{&g.CertifiableFrom}, &contract,
			&period, &g.Repeating, &g.Specialty, &g.Disability, &g.Adjustments, dateCol{&g.RegisteredOn}, &g.LateReason, &g.Deleted, &g.Version,
			&x.Candidate.BirthName, &x.Candidate.UsageName, &f1, &f2, &f3, &x.Candidate.Sex, dateCol{&x.Candidate.BirthDate},
			&x.Candidate.BirthINSEE, &x.Candidate.BirthCountry, &x.Candidate.Email, &x.Candidate.Phone, &x.Candidate.Version, &x.CandidateRemoved, &x.EmployerName, &x.Branch)
		g.Path, g.Contract = certif.Path(path), certif.Contract(contract)
		g.ExamPeriod, _ = certif.ParseMonth(period)
		x.Candidate.ID, x.Candidate.EmployerID, x.Candidate.EmployerCode = g.CandidateID, g.EmployerID, g.EmployerCode
		for _, fn := range []string{f1, f2, f3} {
			if fn != "" {
				x.Candidate.FirstNames = append(x.Candidate.FirstNames, fn)
			}
		}
		return x, err
	})
	if err != nil {
		return nil, 0, err
	}
	regs := make([]certif.Registration, len(list))
	for i := range list {
		regs[i] = list[i].Registration
	}
	if err := s.attachAttemptsBatched(ctx, regs); err != nil {
		return nil, 0, err
	}
	for i := range list {
		list[i].Registration = regs[i]
	}
	return list, total, nil
}

// attachAttemptsBatched loads attempts for many registrations, 500 at a time.
func (s *Store) attachAttemptsBatched(ctx context.Context, regs []certif.Registration) error {
	for start := 0; start < len(regs); start += 500 {
		if err := attachAttempts(s.reader(ctx), regs[start:min(start+500, len(regs))]); err != nil {
			return err
		}
	}
	return nil
}
