package calendars

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

type campaignView struct {
	calendar.CollectionCampaign
	Last       certif.Month
	RegisterBy certif.Date // R6 deadline of the campaign's first exam month
	Past       bool
}

type simulation struct {
	JuryDate        certif.Date
	JuryNonWorking  string
	Deciding        *calendar.JuryWithCutoff
	CertifiableFrom certif.Date
	Period          certif.Month
	RegisterBy      certif.Date
	OnTime          bool
	Campaign        *calendar.CollectionCampaign
}

type calendarData struct {
	Year                 int
	Prev, Next           int // the years before and after that the links lead to, 0 for none
	Juries               []calendar.JuryWithCutoff
	Campaigns            []campaignView
	ExamMonths           []certif.Month
	ExamMonthsConfigured bool
	LastKnownPeriod      certif.Month // the last certification period the calendar knows (certif.KnownPeriods)
	Holidays             []calendar.Holiday
	ClosedDays           []calendar.Holiday
	HolidayNames         []string
	WorkedHolidays       []string
	Months               []time.Month
	Sim                  *simulation
	SimErrors            map[string]string
	IncludedDays         int
	YearsAhead           int // calendar.YearsAheadByDefault
}

// calendarData is what the calendar of a year shows; its links to other years
// reach beyond the years the calendar knows by that many (the office's
// management page: one more, to fill it in).
func (s *Area) calendarData(r *http.Request, year, beyond int) (*calendarData, *calendar.Calendar, error) {
	cal, err := s.Store.Calendar(r.Context())
	if err != nil {
		return nil, nil, err
	}
	today := s.Clock.Today()
	d := &calendarData{Year: year, Juries: cal.JuriesWithCutoffs(year),
		ExamMonths: cal.ExamMonths(year), ExamMonthsConfigured: cal.ExamMonthsConfigured(year), Holidays: cal.Holidays(year),
		HolidayNames: calendar.PublicHolidayNames(), WorkedHolidays: cal.WorkedHolidays(), IncludedDays: calendar.IncludedWorkingDays,
		YearsAhead: calendar.YearsAheadByDefault}
	d.Prev, d.Next = yearLinks(cal, year, beyond)
	for m := time.January; m <= time.December; m++ {
		d.Months = append(d.Months, m)
	}
	_, d.LastKnownPeriod, _ = certif.KnownPeriods(cal)
	for _, cp := range cal.Campaigns(year) {
		d.Campaigns = append(d.Campaigns, campaignView{CollectionCampaign: cp, Last: cp.ExamMonths[len(cp.ExamMonths)-1],
			RegisterBy: certif.RegistrationDeadline(cp.Name), Past: cp.Deadline.Before(today)})
	}
	for _, h := range cal.ClosedDays() {
		if h.Date.Year() == year {
			d.ClosedDays = append(d.ClosedDays, h)
		}
	}
	return d, cal, nil
}

// calendarPage is the public calendar, with a simulator answering "which
// national jury decides?" (R9) and "by when must I register?" (R5, R6).
func (s *Area) calendarPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d, cal, err := s.calendarData(r, s.YearParam(q.Get("annee")), 0)
	if err != nil {
		return err
	}
	d.SimErrors = map[string]string{}
	sim := &simulation{}
	if v := q.Get("jury_pro"); v != "" {
		if day, err := certif.ParseFrenchDate(v); err != nil {
			d.SimErrors["jury_pro"] = "Date invalide : utilisez le format JJ/MM/AAAA."
		} else {
			sim.JuryDate, sim.JuryNonWorking = day, cal.NonWorkingReason(day)
			if j, ok := cal.DecidingJury(day); ok {
				jc := cal.WithCutoff(j)
				sim.Deciding = &jc
			}
		}
	}
	if v := q.Get("certifiable"); v != "" {
		if day, err := certif.ParseFrenchDate(v); err != nil {
			d.SimErrors["certifiable"] = "Date invalide : utilisez le format JJ/MM/AAAA."
		} else if msg := certif.CertifiableFromOutsideCalendar("Date « certifiable à partir du »", day, cal); msg != "" {
			d.SimErrors["certifiable"] = msg
		} else {
			sim.CertifiableFrom, sim.Period = day, cal.CertificationPeriod(day)
			sim.RegisterBy = certif.RegistrationDeadline(sim.Period)
			sim.OnTime = certif.RegistrationOnTime(sim.Period, s.Clock.Today())
			if cp, ok := cal.CampaignFor(sim.Period); ok {
				sim.Campaign = &cp
			}
		}
	}
	if !sim.JuryDate.IsZero() || !sim.CertifiableFrom.IsZero() {
		d.Sim = sim
	}
	return s.Show(w, r, "calendar.html", "Calendrier "+strconv.Itoa(d.Year), d)
}

func (s *Area) calendarAdmin(w http.ResponseWriter, r *http.Request) error {
	d, _, err := s.calendarData(r, s.YearParam(r.URL.Query().Get("annee")), 1)
	if err != nil {
		return err
	}
	return s.Show(w, r, "calendar_admin.html", "Gestion du calendrier "+strconv.Itoa(d.Year), d)
}

// calendarDone answers a calendar form: back to the management page of the year
// with a message, or the same page with the errors.
func (s *Area) calendarDone(w http.ResponseWriter, r *http.Request, year int, err error, flash string) error {
	if err == nil {
		return s.Redirect(w, r, "/calendrier/gestion?annee="+strconv.Itoa(year), flash)
	}
	d, _, derr := s.calendarData(r, year, 1)
	if derr != nil {
		return derr
	}
	return s.ShowInvalid(w, r, "calendar_admin.html", "Gestion du calendrier "+strconv.Itoa(year), d, err)
}

func (s *Area) saveJury(w http.ResponseWriter, r *http.Request) error {
	var v certif.Validation
	j := calendar.NationalJury{
		Date:           kit.DateField(&v, r, "date", "Date du jury", true),
		Start:          strings.TrimSpace(r.PostFormValue("start")),
		End:            strings.TrimSpace(r.PostFormValue("end")),
		CutoffOverride: kit.DateField(&v, r, "cutoff_override", "Date limite forcée", false),
		OverrideReason: strings.TrimSpace(r.PostFormValue("override_reason")),
	}
	err := v.Err()
	if err == nil {
		err = s.Store.SaveNationalJury(r.Context(), s.Caller(r), j)
	}
	return s.calendarDone(w, r, s.YearParam(strconv.Itoa(j.Date.Year())), err, "Jury national du "+j.Date.French()+" enregistré.")
}

func (s *Area) deleteJury(w http.ResponseWriter, r *http.Request) error {
	day, err := certif.ParseDate(r.PathValue("date"))
	if err != nil {
		return certif.Errorf(certif.ENotFound, "Jury national introuvable.")
	}
	err = s.Store.DeleteNationalJury(r.Context(), s.Caller(r).Because(strings.TrimSpace(r.PostFormValue("reason"))), day)
	return s.calendarDone(w, r, day.Year(), err, "Jury national du "+day.French()+" supprimé.")
}

func (s *Area) saveCampaign(w http.ResponseWriter, r *http.Request) error {
	var v certif.Validation
	first := kit.MonthField(&v, r, "first", "Premier mois d'examen")
	last := kit.MonthField(&v, r, "last", "Dernier mois d'examen")
	deadline := kit.DateField(&v, r, "deadline", "Date limite de retour", true)
	err := v.Err()
	if err == nil && last.Before(first) {
		err = &certif.Error{Code: certif.EInvalid, Message: "Mois incohérents.", Fields: map[string]string{"last": "Le dernier mois doit suivre le premier."}}
	}
	if err == nil {
		cal, cerr := s.Store.Calendar(r.Context())
		if cerr != nil {
			return cerr
		}
		cp := calendar.CollectionCampaign{Name: first, Deadline: deadline}
		for m := first; !last.Before(m); m = m.Add(1) {
			if cal.IsExamMonth(m) {
				cp.ExamMonths = append(cp.ExamMonths, m)
			}
		}
		err = s.Store.SaveCampaign(r.Context(), s.Caller(r), cp)
	}
	return s.calendarDone(w, r, s.YearParam(strconv.Itoa(first.Year)), err, "Campagne de recueil "+first.French()+" enregistrée.")
}

func (s *Area) deleteCampaign(w http.ResponseWriter, r *http.Request) error {
	m, err := certif.ParseMonth(r.PathValue("name"))
	if err != nil {
		return certif.Errorf(certif.ENotFound, "Campagne introuvable.")
	}
	err = s.Store.DeleteCampaign(r.Context(), s.Caller(r), m)
	return s.calendarDone(w, r, m.Year, err, "Campagne "+m.French()+" supprimée.")
}

func (s *Area) saveExamMonths(w http.ResponseWriter, r *http.Request) error {
	year := s.YearParam(r.PostFormValue("annee"))
	var months []time.Month
	for _, raw := range r.PostForm["month"] {
		if n, err := strconv.Atoi(raw); err == nil {
			months = append(months, time.Month(n))
		}
	}
	err := s.Store.SetExamMonths(r.Context(), s.Caller(r), year, months)
	return s.calendarDone(w, r, year, err, "Mois d'examen "+strconv.Itoa(year)+" enregistrés.")
}

func (s *Area) saveWorkedHolidays(w http.ResponseWriter, r *http.Request) error {
	year := s.YearParam(r.PostFormValue("annee"))
	err := s.Store.SetWorkedHolidays(r.Context(), s.Caller(r), r.PostForm["worked"])
	return s.calendarDone(w, r, year, err, "Jours fériés travaillés enregistrés : les dates limites sont recalculées.")
}

func (s *Area) addClosedDay(w http.ResponseWriter, r *http.Request) error {
	var v certif.Validation
	day := kit.DateField(&v, r, "day", "Jour non ouvré", true)
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	if reason == "" {
		v.Add("reason", "Indiquez le motif de la fermeture.")
	}
	err := v.Err()
	if err == nil {
		err = s.Store.SetClosedDay(r.Context(), s.Caller(r), day, reason)
	}
	year := s.YearParam(r.PostFormValue("annee"))
	if !day.IsZero() {
		year = day.Year()
	}
	return s.calendarDone(w, r, year, err, "Jour non ouvré du "+day.French()+" ajouté.")
}

func (s *Area) removeClosedDay(w http.ResponseWriter, r *http.Request) error {
	day, err := certif.ParseDate(r.PathValue("date"))
	if err != nil {
		return certif.Errorf(certif.ENotFound, "Jour introuvable.")
	}
	err = s.Store.SetClosedDay(r.Context(), s.Caller(r), day, "")
	return s.calendarDone(w, r, day.Year(), err, "Jour non ouvré du "+day.French()+" retiré.")
}
