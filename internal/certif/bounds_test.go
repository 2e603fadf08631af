package certif

import (
	"testing"
	"time"
)

// novemberLast is a calendar that knows 2026–2027, without exams in August
// nor in December 2027.
type novemberLast struct{ letterSchedule }

func (novemberLast) KnownYears() (first, last int) { return 2026, 2027 }
func (s novemberLast) IsExamMonth(m Month) bool {
	return s.letterSchedule.IsExamMonth(m) && m != Month{2027, time.December}
}
func (s novemberLast) CertificationPeriod(d Date) Month {
	m := d.MonthOf()
	for !s.IsExamMonth(m) {
		m = m.Add(1)
	}
	return m
}

// noYear is a calendar that knows no year.
type noYear struct{ letterSchedule }

func (noYear) KnownYears() (first, last int) { return 1, 0 }

func TestCertifiableFromOutsideTheCalendarNamesTheLastDatePossible(t *testing.T) {
	cases := []struct {
		sched Schedule
		date  string
		want  string
	}{
		{novemberLast{}, "2027-11-30", ""},
		{novemberLast{}, "2026-01-01", ""},
		{novemberLast{}, "2027-12-01", "Date « certifiable à partir du » trop lointaine : le 01/12/2027 donnerait la période de certification de janvier 2028, au-delà du calendrier des examens, qui s'arrête en novembre 2027. Dernière date possible : 30/11/2027."},
		{novemberLast{}, "2025-12-31", "Date « certifiable à partir du » trop ancienne : le 31/12/2025 donnerait la période de certification de décembre 2025, avant le début du calendrier des examens (janvier 2026)."},
		{letterSchedule{}, "9999-01-01", "Date « certifiable à partir du » trop lointaine : le 01/01/9999 donnerait la période de certification de janvier 9999, au-delà du calendrier des examens, qui s'arrête en décembre 2028. Dernière date possible : 31/12/2028."},
		{noYear{}, "2026-05-04", msgNoCalendar},
	}
	for _, c := range cases {
		if got := CertifiableFromOutsideCalendar("Date « certifiable à partir du »", MustDate(c.date), c.sched); got != c.want {
			t.Errorf("%s : %q\nattendu %q", c.date, got, c.want)
		}
	}
}

func TestPeriodsOutsideTheCalendarAreRefused(t *testing.T) {
	beyond := "Période hors calendrier : décembre 2027 est au-delà du calendrier des examens, dont la dernière période est novembre 2027."
	cases := []struct{ period, outside, beyond string }{
		{"2027-11", "", ""},
		{"2027-12", beyond, beyond},
		// history may precede the calendar, not go beyond it
		{"2025-12", "Période hors calendrier : décembre 2025 précède le calendrier des examens, dont la première période est janvier 2026.", ""},
	}
	for _, c := range cases {
		p := MustMonth(c.period)
		if got := PeriodOutsideCalendar("Période", p, novemberLast{}); got != c.outside {
			t.Errorf("%s hors calendrier : %q\nattendu %q", c.period, got, c.outside)
		}
		if got := PeriodBeyondCalendar("Période", p, novemberLast{}); got != c.beyond {
			t.Errorf("%s au-delà du calendrier : %q\nattendu %q", c.period, got, c.beyond)
		}
	}
}

func TestR19_ExamPeriodAndBlockDatesStayInTheCalendar(t *testing.T) {
	_, f := plan(t, RegistrationRequest{Path: PathComplete, CertifiableFrom: MustDate("9999-01-01")}, ca, CandidateBlocks{}, Override{})
	if f["certifiable_from"] != "Date « certifiable à partir du » trop lointaine : le 01/01/9999 donnerait la période de certification de janvier 9999, au-delà du calendrier des examens, qui s'arrête en décembre 2028. Dernière date possible : 31/12/2028." {
		t.Errorf("date lointaine : %v", f)
	}
	_, f = plan(t, RegistrationRequest{Path: PathPartial, Blocks: []int{1, 2}, BlockDates: map[int]Date{2: MustDate("2029-01-08")}}, cos, CandidateBlocks{}, Override{})
	if f["block_dates"] != "Date « certifiable à partir du » du bloc 2 trop lointaine : le 08/01/2029 donnerait la période de certification de janvier 2029, au-delà du calendrier des examens, qui s'arrête en décembre 2028. Dernière date possible : 31/12/2028." {
		t.Errorf("date d'un bloc lointaine : %v", f)
	}
	_, f = plan(t, RegistrationRequest{Path: PathComplete, Contract: ContractPro, ExamPeriod: MustMonth("2030-06")}, ca, CandidateBlocks{}, Override{})
	if f["exam_period"] != "Période d'examen imposée hors calendrier : juin 2030 est au-delà du calendrier des examens, dont la dernière période est décembre 2028." {
		t.Errorf("période imposée lointaine : %v", f)
	}
	_, f = plan(t, RegistrationRequest{Path: PathComplete, CertifiableFrom: MustDate("1900-01-01")}, ca, CandidateBlocks{}, Override{ByOffice: true, Reason: "rattrapage"})
	if f["certifiable_from"] != "Date « certifiable à partir du » trop ancienne : le 01/01/1900 donnerait la période de certification de janvier 1900, avant le début du calendrier des examens (janvier 2022)." {
		t.Errorf("date ancienne, même avec une dérogation : %v", f)
	}
	if _, f := plan(t, RegistrationRequest{Path: PathComplete, CertifiableFrom: MustDate("2028-12-31"), Contract: ContractPro, ExamPeriod: MustMonth("2028-12")}, ca, CandidateBlocks{}, Override{}); f != nil {
		t.Errorf("dernière date du calendrier refusée : %v", f)
	}
}

func TestR17_NilDeclarationBeyondTheCalendarIsRefused(t *testing.T) {
	err := CheckNilDeclaration(MustMonth("2029-01"), day, 0, letterSchedule{})
	if got := ErrorFields(err)["period"]; got != "Période de certification hors calendrier : janvier 2029 est au-delà du calendrier des examens, dont la dernière période est décembre 2028." {
		t.Errorf("néant hors calendrier : %q", got)
	}
	if err := CheckNilDeclaration(MustMonth("2028-12"), day, 0, letterSchedule{}); err != nil {
		t.Errorf("néant pour la dernière période : %v", err)
	}
}

func TestR16_BirthDateMakesTheCandidateBetween16And80(t *testing.T) {
	today := MustDate("2026-11-23")
	cases := map[string]bool{
		"2010-11-23": true,  // 16 today
		"2010-11-24": false, // 16 tomorrow
		"1945-11-24": true,  // 80, 81 tomorrow
		"1945-11-23": false, // 81 today
		"9999-01-01": false,
		"0001-01-01": false,
	}
	for birth, plausible := range cases {
		if got := BirthDateImplausible(MustDate(birth), today); (got == "") != plausible {
			t.Errorf("né le %s : %q", birth, got)
		}
	}
	want := "Date de naissance peu plausible (01/01/9999) : le candidat doit avoir entre 16 et 80 ans au 23/11/2026, donc être né entre le 24/11/1945 et le 23/11/2010."
	c := Candidate{BirthName: "MARTIN", FirstNames: []string{"Léa"}, Sex: "F", BirthDate: MustDate("9999-01-01"), BirthINSEE: "69123"}
	if got := ErrorFields(c.Validate(today))["birth_date"]; got != want {
		t.Errorf("message : %q\nattendu %q", got, want)
	}
}

func TestPriorValidationIsInThePastAndAfterTheCandidateWas16(t *testing.T) {
	today, birth := MustDate("2026-11-23"), MustDate("1991-02-03")
	cases := map[string]string{
		"2025-12-17": "",
		"2026-11-23": "",
		"2026-11-24": "Date de validation dans le futur (24/11/2026) : un bloc validé avant la plateforme l'a été au plus tard aujourd'hui (23/11/2026).",
		"2007-02-02": "Date de validation peu plausible (02/02/2007) : le candidat, né le 03/02/1991, n'avait pas 16 ans.",
		"2007-02-03": "",
	}
	for on, want := range cases {
		if got := PriorValidationImplausible(MustDate(on), birth, today); got != want {
			t.Errorf("validé le %s : %q\nattendu %q", on, got, want)
		}
	}
}
