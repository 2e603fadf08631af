package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
)

// CalendarConfig loads the editable calendar: worked holidays, closed days,
// national juries, collection campaigns and exam months.
func (s *Store) CalendarConfig(ctx context.Context) (calendar.Config, error) {
	cfg := calendar.Config{ClosedDays: map[certif.Date]string{}, ExamMonths: map[int][]time.Month{}}
	rows, err := s.query(ctx, `SELECT name FROM calendar_worked_holidays ORDER BY name`)
	if cfg.WorkedHolidays, err = collect(rows, err, scanString); err != nil {
		return cfg, err
	}
	rows, err = s.query(ctx, `SELECT day, reason FROM calendar_closed_days`)
	closed, err := collect(rows, err, func(r *sql.Rows) (calendar.Holiday, error) {
		var h calendar.Holiday
		return h, r.Scan(dateCol{&h.Date}, &h.Name)
	})
	if err != nil {
		return cfg, err
	}
	for _, h := range closed {
		cfg.ClosedDays[h.Date] = h.Name
	}
	if cfg.Juries, err = s.nationalJuries(ctx); err != nil {
		return cfg, err
	}
	if cfg.Campaigns, err = s.campaigns(ctx); err != nil {
		return cfg, err
	}
	rows, err = s.query(ctx, `SELECT year, month FROM exam_months ORDER BY year, month`)
	months, err := collect(rows, err, func(r *sql.Rows) (certif.Month, error) {
		var m certif.Month
		return m, r.Scan(&m.Year, &m.Month)
	})
	for _, m := range months {
		cfg.ExamMonths[m.Year] = append(cfg.ExamMonths[m.Year], m.Month)
	}
	return cfg, err
}

// Calendar builds the calendar engine from the stored configuration.
func (s *Store) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	return memoized(s, "Calendar", func() (*calendar.Calendar, error) {
		cfg, err := s.CalendarConfig(ctx)
		if err != nil {
			return nil, err
		}
		return calendar.New(cfg), nil
	})
}

func scanString(r *sql.Rows) (string, error) {
	var v string
	return v, r.Scan(&v)
}

func (s *Store) nationalJuries(ctx context.Context) ([]calendar.NationalJury, error) {
	rows, err := s.query(ctx, `SELECT day, start_time, end_time, cutoff_override, override_reason, proclaim_on FROM national_juries ORDER BY day`)
	return collect(rows, err, func(r *sql.Rows) (calendar.NationalJury, error) {
		var j calendar.NationalJury
		return j, r.Scan(dateCol{&j.Date}, &j.Start, &j.End, dateCol{&j.CutoffOverride}, &j.OverrideReason, dateCol{&j.ProclaimOn})
	})
}

func (s *Store) campaigns(ctx context.Context) ([]calendar.CollectionCampaign, error) {
	rows, err := s.query(ctx, `SELECT c.name, c.deadline, m.month FROM collection_campaigns c
		LEFT JOIN campaign_exam_months m ON m.campaign_name = c.name ORDER BY c.name, m.month`)
	type row struct {
		name, month string
		deadline    certif.Date
	}
	flat, err := collect(rows, err, func(r *sql.Rows) (row, error) {
		var x row
		var month sql.NullString
		err := r.Scan(&x.name, dateCol{&x.deadline}, &month)
		x.month = month.String
		return x, err
	})
	var out []calendar.CollectionCampaign
	for _, x := range flat {
		if len(out) == 0 || out[len(out)-1].Name.String() != x.name {
			out = append(out, calendar.CollectionCampaign{Name: certif.MustMonth(x.name), Deadline: x.deadline})
		}
		if x.month != "" {
			last := &out[len(out)-1]
			last.ExamMonths = append(last.ExamMonths, certif.MustMonth(x.month))
		}
	}
	return out, err
}

// SaveNationalJury adds a national jury or updates the one on the same day. A
// cutoff override needs its reason; both are traced.
func (s *Store) SaveNationalJury(ctx context.Context, by Caller, j calendar.NationalJury) error {
	if err := calendar.ValidateJury(j); err != nil {
		return err
	}
	if j.CutoffOverride.IsZero() {
		j.OverrideReason = ""
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		var old calendar.NationalJury
		err := tx.queryRow(`SELECT day, start_time, end_time, cutoff_override, override_reason FROM national_juries WHERE day = ?`, j.Date).
			Scan(dateCol{&old.Date}, &old.Start, &old.End, dateCol{&old.CutoffOverride}, &old.OverrideReason)
		key := j.Date.String()
		if errors.Is(err, sql.ErrNoRows) {
			if _, err := tx.exec(`INSERT INTO national_juries (day, start_time, end_time, cutoff_override, override_reason) VALUES (?, ?, ?, ?, ?)`,
				j.Date, j.Start, j.End, j.CutoffOverride, j.OverrideReason); err != nil {
				return err
			}
			return tx.audit(certif.AuditEvent{Entity: "national_jury", EntityKey: key, Action: "create",
				After: fmt.Sprintf("%s %s–%s", j.Date.French(), j.Start, j.End), Reason: j.OverrideReason})
		}
		if err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE national_juries SET start_time = ?, end_time = ?, cutoff_override = ?, override_reason = ? WHERE day = ?`,
			j.Start, j.End, j.CutoffOverride, j.OverrideReason, j.Date); err != nil {
			return err
		}
		return tx.auditChanges("national_jury", key,
			map[string]string{"start": old.Start, "end": old.End, "cutoff_override": old.CutoffOverride.String()},
			map[string]string{"start": j.Start, "end": j.End, "cutoff_override": j.CutoffOverride.String()}, j.OverrideReason)
	})
}

// DeleteNationalJury removes a national jury, with a traced reason.
func (s *Store) DeleteNationalJury(ctx context.Context, by Caller, day certif.Date) error {
	if strings.TrimSpace(by.Reason) == "" {
		return &certif.Error{Code: certif.EInvalid, Message: "Indiquez le motif de la suppression.", Fields: map[string]string{"reason": "Le motif est obligatoire."}}
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		res, err := tx.exec(`DELETE FROM national_juries WHERE day = ?`, day)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("Aucun jury national le %s.", day.French())
		}
		return tx.audit(certif.AuditEvent{Entity: "national_jury", EntityKey: day.String(), Action: "delete", Before: day.French(), Reason: by.Reason})
	})
}

// SaveCampaign creates or replaces a collection campaign (R5): its exam months
// and its return deadline.
func (s *Store) SaveCampaign(ctx context.Context, by Caller, cp calendar.CollectionCampaign) error {
	if err := calendar.ValidateCampaign(cp); err != nil {
		return err
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		key := cp.Name.String()
		var oldDeadline certif.Date
		err := tx.queryRow(`SELECT deadline FROM collection_campaigns WHERE name = ?`, key).Scan(dateCol{&oldDeadline})
		exists := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		rows, err := tx.query(`SELECT month FROM campaign_exam_months WHERE campaign_name = ? ORDER BY month`, key)
		oldMonths, err := collect(rows, err, scanString)
		if err != nil {
			return err
		}
		if exists {
			if _, err := tx.exec(`UPDATE collection_campaigns SET deadline = ? WHERE name = ?`, cp.Deadline, key); err != nil {
				return err
			}
		} else if _, err := tx.exec(`INSERT INTO collection_campaigns (name, deadline) VALUES (?, ?)`, key, cp.Deadline); err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM campaign_exam_months WHERE campaign_name = ?`, key); err != nil {
			return err
		}
		var newMonths []string
		for _, m := range cp.ExamMonths {
			if _, err := tx.exec(`INSERT INTO campaign_exam_months (month, campaign_name) VALUES (?, ?)`, m.String(), key); err != nil {
				if certif.ErrorCode(err) == certif.EConflict {
					return &certif.Error{Code: certif.EConflict, Message: fmt.Sprintf("Le mois %s appartient déjà à une autre campagne.", m.French()),
						Fields: map[string]string{"exam_months": fmt.Sprintf("%s est déjà couvert par une autre campagne.", m.French())}}
				}
				return err
			}
			newMonths = append(newMonths, m.String())
		}
		if !exists {
			return tx.audit(certif.AuditEvent{Entity: "campaign", EntityKey: key, Action: "create",
				After: fmt.Sprintf("%s → %s", strings.Join(newMonths, ","), cp.Deadline.French())})
		}
		return tx.auditChanges("campaign", key,
			map[string]string{"deadline": oldDeadline.French(), "exam_months": strings.Join(oldMonths, ",")},
			map[string]string{"deadline": cp.Deadline.French(), "exam_months": strings.Join(newMonths, ",")}, "")
	})
}

// DeleteCampaign removes a collection campaign.
func (s *Store) DeleteCampaign(ctx context.Context, by Caller, name certif.Month) error {
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		res, err := tx.exec(`DELETE FROM collection_campaigns WHERE name = ?`, name.String())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("Aucune campagne %s.", name.French())
		}
		return tx.audit(certif.AuditEvent{Entity: "campaign", EntityKey: name.String(), Action: "delete"})
	})
}

// SetWorkedHolidays replaces the set of public holidays that are working days.
func (s *Store) SetWorkedHolidays(ctx context.Context, by Caller, names []string) error {
	for _, n := range names {
		if !calendar.IsPublicHolidayName(n) {
			return &certif.Error{Code: certif.EInvalid, Message: "Jour férié inconnu.", Fields: map[string]string{"worked": "Jour férié inconnu : " + n + "."}}
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		rows, err := tx.query(`SELECT name FROM calendar_worked_holidays ORDER BY name`)
		old, err := collect(rows, err, scanString)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM calendar_worked_holidays`); err != nil {
			return err
		}
		for _, n := range names {
			if _, err := tx.exec(`INSERT INTO calendar_worked_holidays (name) VALUES (?)`, n); err != nil {
				return err
			}
		}
		return tx.auditChanges("calendar", "worked_holidays",
			map[string]string{"worked_holidays": strings.Join(old, ", ")}, map[string]string{"worked_holidays": strings.Join(names, ", ")}, "")
	})
}

// SetClosedDay adds (reason non-empty) or removes (reason empty) an extra
// non-working day.
func (s *Store) SetClosedDay(ctx context.Context, by Caller, day certif.Date, reason string) error {
	if day.IsZero() {
		return &certif.Error{Code: certif.EInvalid, Message: "Date manquante.", Fields: map[string]string{"day": "La date est obligatoire."}}
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		if _, err := tx.exec(`DELETE FROM calendar_closed_days WHERE day = ?`, day); err != nil {
			return err
		}
		if reason == "" {
			return tx.audit(certif.AuditEvent{Entity: "calendar", EntityKey: "closed_day", Action: "delete", Field: day.String()})
		}
		if _, err := tx.exec(`INSERT INTO calendar_closed_days (day, reason) VALUES (?, ?)`, day, reason); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "calendar", EntityKey: "closed_day", Action: "create", Field: day.String(), After: reason})
	})
}

// SetExamMonths sets the months of a year that hold certification periods.
func (s *Store) SetExamMonths(ctx context.Context, by Caller, year int, months []time.Month) error {
	if len(months) == 0 {
		return &certif.Error{Code: certif.EInvalid, Message: "Choisissez au moins un mois d'examen.", Fields: map[string]string{"months": "Choisissez au moins un mois."}}
	}
	slices.Sort(months)
	months = slices.Compact(months)
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		rows, err := tx.query(`SELECT month FROM exam_months WHERE year = ? ORDER BY month`, year)
		old, err := collect(rows, err, func(r *sql.Rows) (time.Month, error) {
			var m time.Month
			return m, r.Scan(&m)
		})
		if err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM exam_months WHERE year = ?`, year); err != nil {
			return err
		}
		for _, m := range months {
			if m < 1 || m > 12 {
				return certif.Errorf(certif.EInvalid, "Mois invalide : %d.", m)
			}
			if _, err := tx.exec(`INSERT INTO exam_months (year, month) VALUES (?, ?)`, year, int(m)); err != nil {
				return err
			}
		}
		return tx.auditChanges("calendar", "exam_months_"+strconv.Itoa(year),
			map[string]string{"exam_months": monthNames(old)}, map[string]string{"exam_months": monthNames(months)}, "")
	})
}

func monthNames(ms []time.Month) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = certif.FrenchMonthName(m)
	}
	return strings.Join(s, ", ")
}
