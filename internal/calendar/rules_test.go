package calendar

import (
	"testing"
	"time"

	"certibloc/internal/certif"
)

// juries2026 are the national jury dates of the 2026 letter (seed 000), without
// their cutoffs: the cutoffs must come out of the rule.
var juries2026 = []string{"2026-01-22", "2026-03-05", "2026-04-16", "2026-05-28", "2026-07-10", "2026-09-24", "2026-11-06", "2026-12-17"}

func newCal2026(worked ...string) *Calendar {
	var js []NationalJury
	for _, d := range juries2026 {
		js = append(js, NationalJury{Date: certif.MustDate(d), Start: "10:00", End: "13:00"})
	}
	return New(Config{WorkedHolidays: worked, Juries: js, Campaigns: campaigns2026()})
}

func campaigns2026() []CollectionCampaign {
	mk := func(deadline string, months ...string) CollectionCampaign {
		cp := CollectionCampaign{Deadline: certif.MustDate(deadline)}
		for _, m := range months {
			cp.ExamMonths = append(cp.ExamMonths, certif.MustMonth(m))
		}
		cp.Name = cp.ExamMonths[0]
		return cp
	}
	return []CollectionCampaign{
		mk("2025-09-30", "2026-01", "2026-02"),
		mk("2025-11-30", "2026-03", "2026-04", "2026-05"),
		mk("2026-02-27", "2026-06", "2026-07"),
		mk("2026-04-29", "2026-09", "2026-10"),
		mk("2026-07-31", "2026-11", "2026-12"),
	}
}

func TestR9_LetterCutoffsComeFromTheRule(t *testing.T) {
	c := newCal2026(DefaultWorkedHolidays...)
	want := []string{"2026-01-16", "2026-02-27", "2026-04-10", "2026-05-22", "2026-07-06", "2026-09-18", "2026-11-02", "2026-12-11"}
	for i, j := range c.Juries(2026) {
		if got := c.Cutoff(j); got.String() != want[i] {
			t.Errorf("jury du %s : date limite %s, la lettre dit %s", j.Date, got, want[i])
		}
	}
}

func TestR9_WhitMondayIsWorkedByDefaultOnly(t *testing.T) {
	jury := certif.MustDate("2026-05-28")
	if got := newCal2026(DefaultWorkedHolidays...).ComputedCutoff(jury); got.String() != "2026-05-22" {
		t.Errorf("Pentecôte travaillée : date limite %s, attendu 2026-05-22", got)
	}
	if got := newCal2026().ComputedCutoff(jury); got.String() != "2026-05-21" {
		t.Errorf("Pentecôte chômée : date limite %s, attendu 2026-05-21", got)
	}
}

func TestR9_CutoffOverrideWins(t *testing.T) {
	c := newCal2026(DefaultWorkedHolidays...)
	j := NationalJury{Date: certif.MustDate("2026-12-17"), Start: "10:00", End: "13:00",
		CutoffOverride: certif.MustDate("2026-12-10"), OverrideReason: "fermeture exceptionnelle"}
	if got := c.Cutoff(j); got.String() != "2026-12-10" {
		t.Errorf("date limite forcée ignorée : %s", got)
	}
	if err := ValidateJury(NationalJury{Date: j.Date, Start: "10:00", End: "13:00", CutoffOverride: j.CutoffOverride}); certif.ErrorFields(err)["override_reason"] == "" {
		t.Errorf("un changement de date limite sans motif doit être refusé, erreur : %v", err)
	}
}

func TestR9_ClosedDayMovesTheCutoff(t *testing.T) {
	var js []NationalJury
	js = append(js, NationalJury{Date: certif.MustDate("2026-01-22"), Start: "10:00", End: "13:00"})
	c := New(Config{WorkedHolidays: DefaultWorkedHolidays, Juries: js,
		ClosedDays: map[certif.Date]string{certif.MustDate("2026-01-20"): "fermeture"}})
	if got := c.ComputedCutoff(certif.MustDate("2026-01-22")); got.String() != "2026-01-15" {
		t.Errorf("un jour fermé doit reculer la date limite : %s, attendu 2026-01-15", got)
	}
}

func TestR9_DecidingJury(t *testing.T) {
	c := newCal2026(DefaultWorkedHolidays...)
	cases := []struct{ held, decidedBy string }{
		{"2026-01-05", "2026-01-22"},
		{"2026-01-16", "2026-01-22"}, // on the cutoff: included
		{"2026-01-19", "2026-03-05"}, // within the 3 working days: next jury
		{"2026-05-22", "2026-05-28"},
		{"2026-05-25", "2026-07-10"}, // Whit Monday, worked
		{"2026-11-02", "2026-11-06"},
		{"2026-11-03", "2026-12-17"},
	}
	for _, tc := range cases {
		j, ok := c.DecidingJury(certif.MustDate(tc.held))
		if !ok || j.Date.String() != tc.decidedBy {
			t.Errorf("jury professionnel du %s : décidé par %v (%v), attendu %s", tc.held, j.Date, ok, tc.decidedBy)
		}
	}
	if _, ok := c.DecidingJury(certif.MustDate("2026-12-14")); ok {
		t.Error("après la dernière date limite de l'année, aucun jury national connu ne doit décider")
	}
}

func TestR5_CollectionDeadlines2026(t *testing.T) {
	c := newCal2026()
	cases := map[string]string{
		"2026-01": "2025-09-30", "2026-02": "2025-09-30",
		"2026-03": "2025-11-30", "2026-04": "2025-11-30", "2026-05": "2025-11-30",
		"2026-06": "2026-02-27", "2026-07": "2026-02-27",
		"2026-09": "2026-04-29", "2026-10": "2026-04-29",
		"2026-11": "2026-07-31", "2026-12": "2026-07-31",
	}
	for month, deadline := range cases {
		cp, ok := c.CampaignFor(certif.MustMonth(month))
		if !ok || cp.Deadline.String() != deadline {
			t.Errorf("examens de %s : retour le %v (%v), attendu %s", month, cp.Deadline, ok, deadline)
		}
	}
	if _, ok := c.CampaignFor(certif.MustMonth("2026-08")); ok {
		t.Error("août n'a pas d'examens : aucune campagne ne doit le couvrir")
	}
	for _, cp := range c.Campaigns(2026) {
		if err := ValidateCampaign(cp); err != nil {
			t.Errorf("campagne %s refusée : %v", cp.Name, err)
		}
		if !cp.Deadline.Before(certif.RegistrationDeadline(cp.Name).AddDays(1)) {
			t.Errorf("campagne %s : le retour (%s) doit précéder la limite d'inscription R6 (%s)", cp.Name, cp.Deadline, certif.RegistrationDeadline(cp.Name))
		}
	}
}

func TestR5_CampaignValidation(t *testing.T) {
	bad := CollectionCampaign{Name: certif.MustMonth("2026-06"), ExamMonths: []certif.Month{certif.MustMonth("2026-07")}, Deadline: certif.MustDate("2026-07-01")}
	f := certif.ErrorFields(ValidateCampaign(bad))
	if f["exam_months"] == "" || f["deadline"] == "" {
		t.Errorf("campagne incohérente acceptée : %v", f)
	}
}

func TestR6_EarliestPeriod(t *testing.T) {
	c := newCal2026()
	cases := map[string]string{
		"2026-06-01": "2026-09", // exactly 3 months before September
		"2026-06-02": "2026-10",
		"2026-04-15": "2026-09", // August has no exams
		"2026-05-01": "2026-09",
		"2026-05-02": "2026-09",
	}
	for today, want := range cases {
		if got := c.EarliestPeriod(certif.MustDate(today)); got.String() != want {
			t.Errorf("le %s : première période possible %s, attendu %s", today, got, want)
		}
	}
}

func TestCertificationPeriod_AugustMovesToSeptember(t *testing.T) {
	c := newCal2026()
	cases := map[string]string{"2026-08-10": "2026-09", "2026-07-31": "2026-07", "2026-12-01": "2026-12"}
	for from, want := range cases {
		if got := c.CertificationPeriod(certif.MustDate(from)); got.String() != want {
			t.Errorf("certifiable à partir du %s : période %s, attendu %s", from, got, want)
		}
	}
	c = New(Config{ExamMonths: map[int][]time.Month{2027: {1, 6}}})
	if got := c.CertificationPeriod(certif.MustDate("2027-02-03")); got.String() != "2027-06" {
		t.Errorf("mois d'examen configurés : période %s, attendu 2027-06", got)
	}
}

func TestHolidays2025To2030(t *testing.T) {
	c := New(Config{WorkedHolidays: DefaultWorkedHolidays})
	moving := map[string][]string{ // Easter Monday, Ascension, Whit Monday
		"2025": {"2025-04-21", "2025-05-29", "2025-06-09"},
		"2026": {"2026-04-06", "2026-05-14", "2026-05-25"},
		"2027": {"2027-03-29", "2027-05-06", "2027-05-17"},
		"2028": {"2028-04-17", "2028-05-25", "2028-06-05"},
		"2029": {"2029-04-02", "2029-05-10", "2029-05-21"},
		"2030": {"2030-04-22", "2030-05-30", "2030-06-10"},
	}
	for year := 2025; year <= 2030; year++ {
		hs := c.Holidays(year)
		if len(hs) != 11 {
			t.Errorf("%d : %d jours fériés, attendu 11", year, len(hs))
		}
		byDate := map[string]Holiday{}
		for _, h := range hs {
			byDate[h.Date.String()] = h
		}
		for _, fixed := range []string{"01-01", "05-01", "05-08", "07-14", "08-15", "11-01", "11-11", "12-25"} {
			if _, ok := byDate[certif.NewDate(year, 1, 1).String()[:5]+fixed]; !ok {
				t.Errorf("%d : %s n'est pas férié", year, fixed)
			}
		}
		m := moving[certif.NewDate(year, 1, 1).String()[:4]]
		for i, d := range m {
			h, ok := byDate[d]
			if !ok {
				t.Errorf("%d : %s devrait être férié", year, d)
				continue
			}
			if worked := i == 2; h.Worked != worked {
				t.Errorf("%s (%s) : travaillé = %v, attendu %v", d, h.Name, h.Worked, worked)
			}
			if c.IsWorkingDay(h.Date) != (i == 2 && h.Date.Weekday() != time.Saturday) {
				t.Errorf("%s (%s) : jour ouvré = %v", d, h.Name, c.IsWorkingDay(h.Date))
			}
		}
	}
	if c.IsWorkingDay(certif.MustDate("2026-07-14")) || !c.IsWorkingDay(certif.MustDate("2026-07-15")) {
		t.Error("le 14 juillet 2026 (mardi) est chômé, le 15 est ouvré")
	}
	if r := c.NonWorkingReason(certif.MustDate("2026-12-25")); r != "jour férié (Noël)" {
		t.Errorf("motif pour Noël : %q", r)
	}
}

func TestKnownYearsRunTwoYearsPastTheLastYearWithExamMonths(t *testing.T) {
	all := []time.Month{1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12}
	cases := []struct {
		name        string
		examMonths  map[int][]time.Month
		first, last int
	}{
		{"aucune année", nil, 1, 0},
		{"2026, le calendrier livré", map[int][]time.Month{2026: all}, 2026, 2028},
		{"2026 et 2030", map[int][]time.Month{2026: all, 2030: {3, 9}}, 2026, 2032},
	}
	for _, c := range cases {
		cal := New(Config{Juries: []NationalJury{{Date: certif.MustDate("2040-01-19")}}, ExamMonths: c.examMonths})
		if first, last := cal.KnownYears(); first != c.first || last != c.last {
			t.Errorf("%s : années %d à %d, attendu %d à %d (un jury national ne fait pas connaître son année)", c.name, first, last, c.first, c.last)
		}
	}
	first, last, ok := certif.KnownPeriods(New(Config{ExamMonths: map[int][]time.Month{2026: all}}))
	if !ok || first.String() != "2026-01" || last.String() != "2028-12" {
		t.Errorf("périodes connues : %s à %s (%v)", first, last, ok)
	}
}
