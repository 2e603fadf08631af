package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"certibloc/internal/certif"
)

// Branches lists the branches in display order.
func (s *Store) Branches(ctx context.Context) ([]certif.Branch, error) {
	return keptList(s, "Branches", func() ([]certif.Branch, error) { return s.branches(ctx) }, nil)
}

func (s *Store) branches(ctx context.Context) ([]certif.Branch, error) {
	rows, err := s.query(ctx, `SELECT code, name, remote_tool, remote_link FROM branches ORDER BY position, code`)
	return collect(rows, err, func(r *sql.Rows) (certif.Branch, error) {
		var b certif.Branch
		return b, r.Scan(&b.Code, &b.Name, &b.RemoteTool, &b.RemoteLink)
	})
}

// SaveBranch creates or updates a branch (the remote tool is edited by the office).
func (s *Store) SaveBranch(ctx context.Context, by Caller, b certif.Branch, position int) error {
	var v certif.Validation
	if strings.TrimSpace(b.Name) == "" {
		v.Add("name", "Le nom de la branche est obligatoire.")
	}
	if strings.TrimSpace(b.RemoteTool) == "" {
		v.Add("remote_tool", "Indiquez l'outil des jurys à distance (Teams, Zoom…).")
	}
	if b.RemoteLink = strings.TrimSpace(b.RemoteLink); b.RemoteLink != "" && !certif.ValidLink(b.RemoteLink) {
		v.Add("remote_link", "Le lien de la salle virtuelle est une adresse https://…")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		var old certif.Branch
		err := tx.queryRow(`SELECT name, remote_tool, remote_link FROM branches WHERE code = ?`, b.Code).Scan(&old.Name, &old.RemoteTool, &old.RemoteLink)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.exec(`INSERT INTO branches (code, name, remote_tool, remote_link, position) VALUES (?, ?, ?, ?, ?)`, b.Code, b.Name, b.RemoteTool, b.RemoteLink, position); err != nil {
				return err
			}
			return tx.audit(certif.AuditEvent{Entity: "branch", EntityKey: b.Code, Action: "create", After: b.Name})
		case err != nil:
			return err
		}
		if _, err := tx.exec(`UPDATE branches SET name = ?, remote_tool = ?, remote_link = ? WHERE code = ?`, b.Name, b.RemoteTool, b.RemoteLink, b.Code); err != nil {
			return err
		}
		return tx.auditChanges("branch", b.Code,
			map[string]string{"name": old.Name, "remote_tool": old.RemoteTool, "remote_link": old.RemoteLink},
			map[string]string{"name": b.Name, "remote_tool": b.RemoteTool, "remote_link": b.RemoteLink}, "")
	})
}

const qualificationColumns = `code, title, rncp, level, route, jury_training_mandatory, employer_notifies_office, block_count_confirmed, active,
	nsf, formacodes, certifiers, regulated, off_rncp`

// Qualifications lists the qualifications with their branches and blocks, in
// display order. With activeOnly, retired qualifications are left out.
func (s *Store) Qualifications(ctx context.Context, activeOnly bool) ([]certif.Qualification, error) {
	return keptList(s, memoKey("Qualifications", []any{activeOnly}), func() ([]certif.Qualification, error) { return s.qualifications(ctx, activeOnly) },
		func(q certif.Qualification) certif.Qualification {
			q.Branches, q.Blocks = slices.Clone(q.Branches), slices.Clone(q.Blocks)
			q.NSF, q.Formacodes, q.Certifiers = slices.Clone(q.NSF), slices.Clone(q.Formacodes), slices.Clone(q.Certifiers)
			for i := range q.Blocks {
				q.Blocks[i].Modalities = slices.Clone(q.Blocks[i].Modalities)
			}
			return q
		})
}

func (s *Store) qualifications(ctx context.Context, activeOnly bool) ([]certif.Qualification, error) {
	q := `SELECT ` + qualificationColumns + ` FROM qualifications`
	if activeOnly {
		q += ` WHERE active = TRUE`
	}
	rows, err := s.query(ctx, q+` ORDER BY position, code`)
	quals, err := collect(rows, err, scanQualification)
	if err != nil {
		return nil, err
	}
	index := map[string]*certif.Qualification{}
	for i := range quals {
		index[quals[i].Code] = &quals[i]
	}
	if err := s.attachBranches(ctx, index); err != nil {
		return nil, err
	}
	return quals, s.attachBlocks(ctx, index)
}

// Qualification returns one qualification with its branches and blocks.
func (s *Store) Qualification(ctx context.Context, code string) (certif.Qualification, error) {
	all, err := s.Qualifications(ctx, false)
	if err != nil {
		return certif.Qualification{}, err
	}
	for _, q := range all {
		if q.Code == code {
			return q, nil
		}
	}
	return certif.Qualification{}, notFound("Certification %s introuvable.", code)
}

func scanQualification(r *sql.Rows) (certif.Qualification, error) {
	var q certif.Qualification
	var route string
	var nsf, formacodes, certifiers string
	err := r.Scan(&q.Code, &q.Title, &q.RNCP, &q.Level, &route, &q.JuryTrainingMandatory, &q.EmployerNotifiesOffice, &q.BlockCountConfirmed, &q.Active,
		&nsf, &formacodes, &certifiers, &q.Regulated, &q.OffRNCP)
	q.Route = certif.IntakeRoute(route)
	q.NSF, q.Formacodes, q.Certifiers = splitList(nsf), splitList(formacodes), splitCertifiers(certifiers)
	return q, err
}

func (s *Store) attachBranches(ctx context.Context, index map[string]*certif.Qualification) error {
	rows, err := s.query(ctx, `SELECT qb.qualification_code, qb.branch_code FROM qualification_branches qb
		JOIN branches b ON b.code = qb.branch_code ORDER BY b.position`)
	pairs, err := collect(rows, err, func(r *sql.Rows) ([2]string, error) {
		var p [2]string
		return p, r.Scan(&p[0], &p[1])
	})
	for _, p := range pairs {
		if q := index[p[0]]; q != nil {
			q.Branches = append(q.Branches, p[1])
		}
	}
	return err
}

func (s *Store) attachBlocks(ctx context.Context, index map[string]*certif.Qualification) error {
	rows, err := s.query(ctx, `SELECT qualification_code, number, code, title, placeholder, modalities, minutes FROM blocks ORDER BY qualification_code, number`)
	type row struct {
		qual  string
		block certif.Block
	}
	blocks, err := collect(rows, err, func(r *sql.Rows) (row, error) {
		var x row
		var mods string
		err := r.Scan(&x.qual, &x.block.Number, &x.block.Code, &x.block.Title, &x.block.Placeholder, &mods, &x.block.Minutes)
		for _, m := range splitList(mods) {
			x.block.Modalities = append(x.block.Modalities, certif.Modality(m))
		}
		return x, err
	})
	for _, b := range blocks {
		if q := index[b.qual]; q != nil {
			q.Blocks = append(q.Blocks, b.block)
		}
	}
	return err
}

// SaveQualification creates or replaces a qualification with its branches and
// blocks, after validation; every changed field is traced.
func (s *Store) SaveQualification(ctx context.Context, by Caller, q certif.Qualification) error {
	branches, err := s.Branches(ctx)
	if err != nil {
		return err
	}
	for i := range q.Blocks {
		if q.Blocks[i].Minutes == 0 {
			q.Blocks[i].Minutes = certif.DefaultBlockMinutes
		}
	}
	if err := q.Validate(branches); err != nil {
		return err
	}
	old, err := s.Qualification(ctx, q.Code)
	exists := err == nil
	if err != nil && certif.ErrorCode(err) != certif.ENotFound {
		return err
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		if exists {
			if _, err := tx.exec(`UPDATE qualifications SET title = ?, rncp = ?, level = ?, route = ?, jury_training_mandatory = ?,
				employer_notifies_office = ?, block_count_confirmed = ?, active = ?, nsf = ?, formacodes = ?, certifiers = ?, regulated = ?, off_rncp = ? WHERE code = ?`,
				q.Title, q.RNCP, q.Level, string(q.Route), q.JuryTrainingMandatory, q.EmployerNotifiesOffice, q.BlockCountConfirmed, q.Active,
				strings.Join(q.NSF, ","), strings.Join(q.Formacodes, ","), joinCertifiers(q.Certifiers), q.Regulated, q.OffRNCP, q.Code); err != nil {
				return err
			}
		} else {
			var pos int
			if err := tx.queryRow(`SELECT COALESCE(MAX(position), 0) + 1 FROM qualifications`).Scan(&pos); err != nil {
				return err
			}
			if _, err := tx.exec(`INSERT INTO qualifications (`+qualificationColumns+`, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				q.Code, q.Title, q.RNCP, q.Level, string(q.Route), q.JuryTrainingMandatory, q.EmployerNotifiesOffice, q.BlockCountConfirmed, q.Active,
				strings.Join(q.NSF, ","), strings.Join(q.Formacodes, ","), joinCertifiers(q.Certifiers), q.Regulated, q.OffRNCP, pos); err != nil {
				return err
			}
		}
		if _, err := tx.exec(`DELETE FROM qualification_branches WHERE qualification_code = ?`, q.Code); err != nil {
			return err
		}
		for _, b := range q.Branches {
			if _, err := tx.exec(`INSERT INTO qualification_branches (qualification_code, branch_code) VALUES (?, ?)`, q.Code, b); err != nil {
				return err
			}
		}
		if _, err := tx.exec(`DELETE FROM blocks WHERE qualification_code = ?`, q.Code); err != nil {
			return err
		}
		for _, b := range q.Blocks {
			if _, err := tx.exec(`INSERT INTO blocks (qualification_code, number, code, title, placeholder, modalities, minutes) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				q.Code, b.Number, b.Code, b.Title, b.Placeholder, joinModalities(b.Modalities), b.Minutes); err != nil {
				return err
			}
		}
		if !exists {
			return tx.audit(certif.AuditEvent{Entity: "qualification", EntityKey: q.Code, Action: "create", After: q.Title})
		}
		return tx.auditChanges("qualification", q.Code, qualificationFields(old), qualificationFields(q), "")
	})
}

// qualificationFields flattens a qualification for the audit trail.
func qualificationFields(q certif.Qualification) map[string]string {
	f := map[string]string{
		"title": q.Title, "rncp": q.RNCP, "level": strconv.Itoa(q.Level), "route": string(q.Route),
		"jury_training_mandatory":  strconv.FormatBool(q.JuryTrainingMandatory),
		"employer_notifies_office": strconv.FormatBool(q.EmployerNotifiesOffice),
		"active":                   strconv.FormatBool(q.Active),
		"block_count_confirmed":    strconv.FormatBool(q.BlockCountConfirmed),
		"branches":                 strings.Join(q.Branches, ","),
		"block_count":              strconv.Itoa(len(q.Blocks)),
		"nsf":                      strings.Join(q.NSF, ", "),
		"formacodes":               strings.Join(q.Formacodes, ", "),
		"certifiers":               strings.Join(q.Certifiers, ", "),
		"regulated":                strconv.FormatBool(q.Regulated),
		"off_rncp":                 strconv.FormatBool(q.OffRNCP),
	}
	for _, b := range q.Blocks {
		p := fmt.Sprintf("block%d.", b.Number)
		f[p+"code"], f[p+"title"] = b.Code, b.Title
		f[p+"placeholder"], f[p+"modalities"] = strconv.FormatBool(b.Placeholder), joinModalities(b.Modalities)
		f[p+"minutes"] = strconv.Itoa(b.Minutes)
	}
	return f
}

func joinModalities(ms []certif.Modality) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = string(m)
	}
	return strings.Join(s, ",")
}

// splitList reads a comma-separated column.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// joinCertifiers stores a list of certifiers, whose names may hold commas.
func joinCertifiers(names []string) string { return strings.Join(names, "|") }

func splitCertifiers(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}
