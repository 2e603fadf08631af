package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"certibloc/internal/certif"
)

// Programmes lists the branches' programmes in display order.
func (s *Store) Programmes(ctx context.Context) ([]certif.Programme, error) {
	return keptList(s, "Programmes", func() ([]certif.Programme, error) { return readProgrammes(s.reader(ctx)) }, nil)
}

func readProgrammes(q querier) ([]certif.Programme, error) {
	rows, err := q(`SELECT code, title, branch_code, COALESCE(qualification_code, ''), route, confirmed_at, confirmed_by, version
		FROM programmes ORDER BY position, code`)
	return collect(rows, err, func(r *sql.Rows) (certif.Programme, error) {
		var p certif.Programme
		var route string
		var confirmed sql.NullString
		err := r.Scan(&p.Code, &p.Title, &p.Branch, &p.Qualification, &route, &confirmed, &p.ConfirmedBy, &p.Version)
		p.Route, p.ConfirmedAt = certif.IntakeRoute(route), parseStamp(confirmed)
		return p, err
	})
}

// Programme returns one programme.
func (s *Store) Programme(ctx context.Context, code string) (certif.Programme, error) {
	all, err := s.Programmes(ctx)
	for _, p := range all {
		if p.Code == code {
			return p, err
		}
	}
	if err == nil {
		err = notFound("Programme %s introuvable.", code)
	}
	return certif.Programme{}, err
}

var errStaleProgramme = certif.Errorf(certif.EStale, "Ce programme a été modifié par quelqu'un d'autre depuis que vous avez ouvert la page : rechargez-la, puis refaites votre modification.")

// SaveProgramme creates a programme (version 0) or updates it from the copy of
// version p.Version. confirm says whether the office confirms the CQP it
// leads to (kept from the first confirmation while the CQP stays the same;
// false withdraws it). Every change is traced.
func (s *Store) SaveProgramme(ctx context.Context, by Caller, p certif.Programme, confirm bool) error {
	p.Code, p.Title = strings.ToUpper(strings.TrimSpace(p.Code)), strings.TrimSpace(p.Title)
	p.Qualification = strings.ToUpper(strings.TrimSpace(p.Qualification))
	quals, err := s.Qualifications(ctx, false)
	if err != nil {
		return err
	}
	branches, err := s.Branches(ctx)
	if err != nil {
		return err
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		list, err := readProgrammes(tx.query)
		if err != nil {
			return err
		}
		var old *certif.Programme
		for i := range list {
			if list[i].Code == p.Code {
				old = &list[i]
			}
		}
		if old != nil && p.Version != old.Version || old == nil && p.Version != 0 {
			return errStaleProgramme
		}
		p.ConfirmedAt, p.ConfirmedBy = time.Time{}, ""
		switch {
		case confirm && old != nil && old.Confirmed() && old.Qualification == p.Qualification:
			p.ConfirmedAt, p.ConfirmedBy = old.ConfirmedAt, old.ConfirmedBy
		case confirm:
			p.ConfirmedAt, p.ConfirmedBy = s.now(), by.Actor.Email
		}
		if err := p.Validate(quals, branches); err != nil {
			return err
		}
		var confirmed any
		if !p.ConfirmedAt.IsZero() {
			confirmed = stamp(p.ConfirmedAt)
		}
		qual := nullText(p.Qualification)
		if old == nil {
			if _, err := tx.exec(`INSERT INTO programmes (code, title, branch_code, qualification_code, route, confirmed_at, confirmed_by, position)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, p.Code, p.Title, p.Branch, qual, string(p.Route), confirmed, p.ConfirmedBy, len(list)+1); err != nil {
				return err
			}
			return tx.audit(certif.AuditEvent{Entity: "programme", EntityKey: p.Code, Action: "create", After: programmeTrace(p)})
		}
		res, err := tx.exec(`UPDATE programmes SET title = ?, branch_code = ?, qualification_code = ?, route = ?, confirmed_at = ?, confirmed_by = ?,
			version = version + 1 WHERE code = ? AND version = ?`, p.Title, p.Branch, qual, string(p.Route), confirmed, p.ConfirmedBy, p.Code, old.Version)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return errors.Join(err, errStaleProgramme)
		}
		return tx.auditChanges("programme", p.Code, map[string]string{"programme": programmeTrace(*old)}, map[string]string{"programme": programmeTrace(p)}, "")
	})
}

// programmeTrace is a programme as its history tells it.
func programmeTrace(p certif.Programme) string {
	switch {
	case p.Qualification == "":
		return p.Label() + " : CQP visé inconnu"
	case p.Confirmed():
		return p.Label() + " : mène au CQP " + p.Qualification + " (correspondance confirmée)"
	}
	return p.Label() + " : mène au CQP " + p.Qualification + " (à confirmer)"
}

// catalogue is what a registration may name: the CQPs open to registrations,
// by code, and the branches' programmes.
type catalogue struct {
	quals map[string]certif.Qualification
	progs []certif.Programme
}

// catalogue reads what registrations may name.
func (s *Store) catalogue(ctx context.Context) (catalogue, error) {
	c := catalogue{quals: map[string]certif.Qualification{}}
	quals, err := s.Qualifications(ctx, true)
	if err != nil {
		return c, err
	}
	for _, q := range quals {
		c.quals[q.Code] = q
	}
	c.progs, err = s.Programmes(ctx)
	return c, err
}

// resolve finds the CQP a registration names, directly or through a
// programme (certif.ResolveProgramme), and the programme, nil when none.
func (c catalogue) resolve(code, programme string) (certif.Qualification, *certif.Programme, error) {
	qual, prog, err := certif.ResolveProgramme(code, programme, c.progs)
	if err != nil {
		return certif.Qualification{}, prog, err
	}
	q, ok := c.quals[qual]
	if !ok {
		msg := "CQP inconnu ou fermé aux inscriptions : " + strings.TrimSpace(code) + "."
		if strings.TrimSpace(code) == "" {
			msg = "Choisissez un CQP du référentiel ouvert aux inscriptions."
		}
		return q, prog, &certif.Error{Code: certif.EInvalid, Message: msg, Fields: map[string]string{"qualification": msg}}
	}
	return q, prog, nil
}
