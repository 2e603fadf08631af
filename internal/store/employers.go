package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"certibloc/internal/certif"
)

// CreateEmployer adds an employer with its HR contacts.
func (s *Store) CreateEmployer(ctx context.Context, by Caller, e certif.Employer) (certif.Employer, error) {
	branches, err := s.Branches(ctx)
	if err != nil {
		return e, err
	}
	e.Code = strings.ToUpper(strings.TrimSpace(e.Code))
	if e, err = checkEmployer(e, branches); err != nil {
		return e, err
	}
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		id, err := tx.insert(`INSERT INTO employers (code, name, type, branch_code, region, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			e.Code, e.Name, e.Type, e.Branch, e.Region, stamp(s.now()))
		if certif.ErrorCode(err) == certif.EConflict {
			return &certif.Error{Code: certif.EConflict, Message: "Un employeur porte déjà ce code.", Fields: map[string]string{"code": "Code déjà utilisé : " + e.Code + "."}}
		}
		if err != nil {
			return err
		}
		e.ID = id
		if err := tx.replaceContacts(id, e.HREmails); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "employer", EntityKey: e.Code, Action: "create", After: e.Name})
	})
	return e, err
}

const employerSelect = `SELECT id, code, name, type, branch_code, region FROM employers`

// Employers lists every employer, by code.
func (s *Store) Employers(ctx context.Context) ([]certif.Employer, error) {
	return keptList(s, "Employers", func() ([]certif.Employer, error) { return s.employers(ctx) },
		func(e certif.Employer) certif.Employer { e.HREmails = slices.Clone(e.HREmails); return e })
}

func (s *Store) employers(ctx context.Context) ([]certif.Employer, error) {
	rows, err := s.query(ctx, employerSelect+` ORDER BY code`)
	list, err := collect(rows, err, func(r *sql.Rows) (certif.Employer, error) {
		var e certif.Employer
		return e, r.Scan(&e.ID, &e.Code, &e.Name, &e.Type, &e.Branch, &e.Region)
	})
	if err != nil {
		return nil, err
	}
	contacts, err := s.employerContacts(ctx, 0)
	for i := range list {
		list[i].HREmails = contacts[list[i].ID]
	}
	return list, err
}

// EmployerByCode returns one employer.
func (s *Store) EmployerByCode(ctx context.Context, code string) (certif.Employer, error) {
	var e certif.Employer
	err := s.queryRow(ctx, employerSelect+` WHERE code = ?`, strings.ToUpper(code)).Scan(&e.ID, &e.Code, &e.Name, &e.Type, &e.Branch, &e.Region)
	if errors.Is(err, sql.ErrNoRows) {
		return e, notFound("Employeur %s introuvable.", code)
	}
	if err != nil {
		return e, err
	}
	contacts, err := s.employerContacts(ctx, e.ID)
	e.HREmails = contacts[e.ID]
	return e, err
}

// employerContacts returns HR emails by employer id (one employer, or all when id is 0).
func (s *Store) employerContacts(ctx context.Context, id int64) (map[int64][]string, error) {
	rows, err := s.query(ctx, `SELECT employer_id, email FROM employer_contacts WHERE ? = 0 OR employer_id = ? ORDER BY employer_id, position`, id, id)
	type pair struct {
		id    int64
		email string
	}
	pairs, err := collect(rows, err, func(r *sql.Rows) (pair, error) {
		var p pair
		return p, r.Scan(&p.id, &p.email)
	})
	out := map[int64][]string{}
	for _, p := range pairs {
		out[p.id] = append(out[p.id], p.email)
	}
	return out, err
}

// CountEmployers counts employers (home pages, demo checks).
func (s *Store) CountEmployers(ctx context.Context) (int, error) {
	return s.count(ctx, `SELECT COUNT(*) FROM employers`)
}

// normalizeEmails trims and lower-cases HR addresses, drops empty ones and
// duplicates, keeping the first occurrence's position.
func normalizeEmails(in []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, m := range in {
		m = NormalizeEmail(m)
		if m == "" || seen[m] {
			continue
		}
		seen[m] = true
		out = append(out, m)
	}
	return out
}

// MaxHREmails is the number of HR contact addresses an employer may keep.
const MaxHREmails = 10

// employerFields is the audited form of an employer's editable fields.
func employerFields(e certif.Employer) map[string]string {
	return map[string]string{"name": e.Name, "type": e.Type, "branch": e.Branch, "region": e.Region,
		"hr_emails": strings.Join(e.HREmails, ", ")}
}

// UpdateEmployer changes an employer's name, type, branch, region and HR
// contacts (office). The code is immutable: the one of e is ignored. Each
// changed field is traced.
func (s *Store) UpdateEmployer(ctx context.Context, by Caller, code string, e certif.Employer) (certif.Employer, error) {
	old, err := s.EmployerByCode(ctx, code)
	if err != nil {
		return e, err
	}
	branches, err := s.Branches(ctx)
	if err != nil {
		return e, err
	}
	e.ID, e.Code = old.ID, old.Code
	if e, err = checkEmployer(e, branches); err != nil {
		return e, err
	}
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE employers SET name = ?, type = ?, branch_code = ?, region = ? WHERE id = ?`, e.Name, e.Type, e.Branch, e.Region, e.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("Employeur %s introuvable.", code)
		}
		if err := tx.replaceContacts(e.ID, e.HREmails); err != nil {
			return err
		}
		return tx.auditChanges("employer", e.Code, employerFields(old), employerFields(e), "")
	})
	return e, err
}

// SetEmployerContacts replaces the HR contact addresses of an employer (its own
// HR users keep them up to date). Convocations (R13) and results (R10) go to
// these addresses, so at least one is needed.
func (s *Store) SetEmployerContacts(ctx context.Context, by Caller, employerID int64, emails []string) error {
	emails = normalizeEmails(emails)
	var v certif.Validation
	if len(emails) == 0 {
		v.Add("hr_emails", "Indiquez au moins une adresse RH : les convocations et les résultats y sont envoyés.")
	}
	if len(emails) > MaxHREmails {
		v.Add("hr_emails", fmt.Sprintf("Indiquez au plus %d adresses RH.", MaxHREmails))
	}
	for _, m := range emails {
		if !certif.ValidEmail(m) {
			v.Add("hr_emails", "Adresse RH invalide : "+m+".")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		code, err := tx.employerCode(employerID)
		if err != nil {
			return err
		}
		before, err := tx.contacts(employerID)
		if err != nil {
			return err
		}
		if err := tx.replaceContacts(employerID, emails); err != nil {
			return err
		}
		return tx.auditChanges("employer", code, map[string]string{"hr_emails": strings.Join(before, ", ")},
			map[string]string{"hr_emails": strings.Join(emails, ", ")}, "")
	})
}

// employerCode returns the code of an employer, ENotFound when it does not exist.
func (tx *Tx) employerCode(employerID int64) (string, error) {
	var code string
	err := tx.queryRow(`SELECT code FROM employers WHERE id = ?`, employerID).Scan(&code)
	if errors.Is(err, sql.ErrNoRows) {
		return "", notFound("Employeur introuvable.")
	}
	return code, err
}

func (tx *Tx) contacts(employerID int64) ([]string, error) {
	rows, err := tx.query(`SELECT email FROM employer_contacts WHERE employer_id = ? ORDER BY position`, employerID)
	return collect(rows, err, func(r *sql.Rows) (string, error) {
		var m string
		return m, r.Scan(&m)
	})
}

func (tx *Tx) replaceContacts(employerID int64, emails []string) error {
	if _, err := tx.exec(`DELETE FROM employer_contacts WHERE employer_id = ?`, employerID); err != nil {
		return err
	}
	for i, m := range emails {
		if _, err := tx.exec(`INSERT INTO employer_contacts (employer_id, email, position) VALUES (?, ?, ?)`, employerID, m, i); err != nil {
			return err
		}
	}
	return nil
}

// EmployerSite is a site of an employer with the opening hours of its reception
// desk and of its phone platform (R18): the exam office needs them to plan the
// observation in a real work situation of the GC and COS blocks.
type EmployerSite struct {
	ID             int64  `json:"id"`
	Name           string `json:"name"`
	Address        string `json:"address"`
	ReceptionHours string `json:"reception_hours"`
	PhoneHours     string `json:"phone_hours"`
}

// Length limits of a site's fields, in characters.
const (
	MaxSiteName    = 200
	MaxSiteAddress = 500
	MaxSiteHours   = 300
)

// HasHours reports whether both opening hours are filled in (R18).
func (site EmployerSite) HasHours() bool {
	return site.ReceptionHours != "" && site.PhoneHours != ""
}

// Validate checks a site as the employer enters it.
func (site EmployerSite) Validate() error {
	var v certif.Validation
	switch n := utf8.RuneCountInString(site.Name); {
	case strings.TrimSpace(site.Name) == "":
		v.Add("name", "Le nom du site est obligatoire (ex. : Accueil de Lyon Part-Dieu).")
	case n > MaxSiteName:
		v.Add("name", fmt.Sprintf("Nom du site trop long : %d caractères au plus.", MaxSiteName))
	}
	if utf8.RuneCountInString(site.Address) > MaxSiteAddress {
		v.Add("address", fmt.Sprintf("Adresse trop longue : %d caractères au plus.", MaxSiteAddress))
	}
	if utf8.RuneCountInString(site.ReceptionHours) > MaxSiteHours {
		v.Add("reception_hours", fmt.Sprintf("Horaires de l'accueil trop longs : %d caractères au plus.", MaxSiteHours))
	}
	if utf8.RuneCountInString(site.PhoneHours) > MaxSiteHours {
		v.Add("phone_hours", fmt.Sprintf("Horaires de la plateforme téléphonique trop longs : %d caractères au plus.", MaxSiteHours))
	}
	return v.Err()
}

func (site EmployerSite) trimmed() EmployerSite {
	site.Name, site.Address = strings.TrimSpace(site.Name), strings.TrimSpace(site.Address)
	site.ReceptionHours, site.PhoneHours = strings.TrimSpace(site.ReceptionHours), strings.TrimSpace(site.PhoneHours)
	return site
}

func (site EmployerSite) fields() map[string]string {
	p := "site" + idKey(site.ID) + "."
	return map[string]string{p + "name": site.Name, p + "address": site.Address, p + "reception_hours": site.ReceptionHours, p + "phone_hours": site.PhoneHours}
}

const siteSelect = `SELECT id, employer_id, name, address, reception_hours, phone_hours FROM employer_sites`

func scanSite(r interface{ Scan(...any) error }) (EmployerSite, int64, error) {
	var site EmployerSite
	var employerID int64
	err := r.Scan(&site.ID, &employerID, &site.Name, &site.Address, &site.ReceptionHours, &site.PhoneHours)
	return site, employerID, err
}

// EmployerSites lists the sites of one employer, in the order they were added.
func (s *Store) EmployerSites(ctx context.Context, employerID int64) ([]EmployerSite, error) {
	rows, err := s.query(ctx, siteSelect+` WHERE employer_id = ? ORDER BY position, id`, employerID)
	list, err := collect(rows, err, func(r *sql.Rows) (EmployerSite, error) {
		site, _, err := scanSite(r)
		return site, err
	})
	if list == nil {
		list = []EmployerSite{}
	}
	return list, err
}

// AllEmployerSites returns the sites of every employer, by employer id.
func (s *Store) AllEmployerSites(ctx context.Context) (map[int64][]EmployerSite, error) {
	rows, err := s.query(ctx, siteSelect+` ORDER BY employer_id, position, id`)
	type pair struct {
		employerID int64
		site       EmployerSite
	}
	pairs, err := collect(rows, err, func(r *sql.Rows) (pair, error) {
		site, id, err := scanSite(r)
		return pair{id, site}, err
	})
	out := map[int64][]EmployerSite{}
	for _, p := range pairs {
		out[p.employerID] = append(out[p.employerID], p.site)
	}
	return out, err
}

// SaveEmployerSite creates a site of the employer (site.ID 0) or updates one of
// its sites. A site of another employer is not found.
func (s *Store) SaveEmployerSite(ctx context.Context, by Caller, employerID int64, site EmployerSite) (EmployerSite, error) {
	site = site.trimmed()
	if err := site.Validate(); err != nil {
		return site, err
	}
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		code, err := tx.employerCode(employerID)
		if err != nil {
			return err
		}
		if site.ID == 0 {
			var position int
			if err := tx.queryRow(`SELECT COALESCE(MAX(position), 0) + 1 FROM employer_sites WHERE employer_id = ?`, employerID).Scan(&position); err != nil {
				return err
			}
			site.ID, err = tx.insert(`INSERT INTO employer_sites (employer_id, name, address, reception_hours, phone_hours, position) VALUES (?, ?, ?, ?, ?, ?)`,
				employerID, site.Name, site.Address, site.ReceptionHours, site.PhoneHours, position)
			if err != nil {
				return err
			}
			for _, f := range slices.Sorted(maps.Keys(site.fields())) {
				if v := site.fields()[f]; v != "" {
					if err := tx.audit(certif.AuditEvent{Entity: "employer", EntityKey: code, Action: "create", Field: f, After: v}); err != nil {
						return err
					}
				}
			}
			return nil
		}
		old, owner, err := scanSite(tx.queryRow(siteSelect+` WHERE id = ?`, site.ID))
		if errors.Is(err, sql.ErrNoRows) || (err == nil && owner != employerID) {
			return notFound("Site introuvable.")
		}
		if err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE employer_sites SET name = ?, address = ?, reception_hours = ?, phone_hours = ? WHERE id = ? AND employer_id = ?`,
			site.Name, site.Address, site.ReceptionHours, site.PhoneHours, site.ID, employerID); err != nil {
			return err
		}
		return tx.auditChanges("employer", code, old.fields(), site.fields(), "")
	})
	return site, err
}

// DeleteEmployerSite removes a site of the employer. A site of another employer
// is not found.
func (s *Store) DeleteEmployerSite(ctx context.Context, by Caller, employerID, siteID int64) error {
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		code, err := tx.employerCode(employerID)
		if err != nil {
			return err
		}
		old, owner, err := scanSite(tx.queryRow(siteSelect+` WHERE id = ?`, siteID))
		if errors.Is(err, sql.ErrNoRows) || (err == nil && owner != employerID) {
			return notFound("Site introuvable.")
		}
		if err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM employer_sites WHERE id = ? AND employer_id = ?`, siteID, employerID); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "employer", EntityKey: code, Action: "delete", Field: "site" + idKey(siteID), Before: old.Name})
	})
}

// EmployerFilter selects employers in the office's list; empty fields match all.
type EmployerFilter struct {
	Code   string // exactly this employer (an employer's HR sees only its own)
	Branch string // branch code
	Query  string // accent- and case-insensitive search on code, name and region
}

// EmployerSummary is an employer with what the list shows of it.
type EmployerSummary struct {
	certif.Employer
	Sites          int // sites declared
	SitesWithHours int // sites whose reception and phone hours are both filled in (R18)
	Candidates     int
	Users          int // HR accounts
}

// EmployerList lists the employers matching the filter, by code, with counts.
func (s *Store) EmployerList(ctx context.Context, f EmployerFilter) ([]EmployerSummary, error) {
	rows, err := s.query(ctx, `SELECT e.id, e.code, e.name, e.type, e.branch_code, e.region,
		(SELECT COUNT(*) FROM employer_sites st WHERE st.employer_id = e.id),
		(SELECT COUNT(*) FROM employer_sites st WHERE st.employer_id = e.id AND st.reception_hours <> '' AND st.phone_hours <> ''),
		(SELECT COUNT(*) FROM candidates c WHERE c.employer_id = e.id AND c.merged_into IS NULL),
		(SELECT COUNT(*) FROM users u WHERE u.employer_id = e.id)
		FROM employers e WHERE (? = '' OR e.code = ?) AND (? = '' OR e.branch_code = ?) ORDER BY e.code`,
		f.Code, strings.ToUpper(f.Code), f.Branch, f.Branch)
	list, err := collect(rows, err, func(r *sql.Rows) (EmployerSummary, error) {
		var e EmployerSummary
		return e, r.Scan(&e.ID, &e.Code, &e.Name, &e.Type, &e.Branch, &e.Region, &e.Sites, &e.SitesWithHours, &e.Candidates, &e.Users)
	})
	if err != nil {
		return nil, err
	}
	if q := certif.SearchKey(f.Query); q != "" {
		kept := list[:0]
		for _, e := range list {
			if strings.Contains(certif.SearchKey(e.Code, e.Name, e.Region), q) {
				kept = append(kept, e)
			}
		}
		list = kept
	}
	contacts, err := s.employerContacts(ctx, 0)
	for i := range list {
		list[i].HREmails = contacts[list[i].ID]
	}
	return list, err
}

// EmployerUsers lists the accounts attached to an employer, by email.
func (s *Store) EmployerUsers(ctx context.Context, employerID int64) ([]*certif.User, error) {
	rows, err := s.query(ctx, userSelect+` WHERE u.employer_id = ? ORDER BY u.email`, employerID)
	return collect(rows, err, func(r *sql.Rows) (*certif.User, error) { return scanUser(r) })
}

// checkEmployer normalises an employer as entered and validates it.
func checkEmployer(e certif.Employer, branches []certif.Branch) (certif.Employer, error) {
	e.Name, e.Type, e.Region = strings.TrimSpace(e.Name), strings.ToUpper(strings.TrimSpace(e.Type)), strings.TrimSpace(e.Region)
	e.HREmails = normalizeEmails(e.HREmails)
	var v certif.Validation
	if err := e.Validate(branches); err != nil {
		for f, m := range certif.ErrorFields(err) {
			v.Add(f, m)
		}
	}
	if len(e.HREmails) > MaxHREmails {
		v.Add("hr_emails", fmt.Sprintf("Indiquez au plus %d adresses RH.", MaxHREmails))
	}
	return e, v.Err()
}
