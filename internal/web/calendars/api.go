package calendars

import (
	"encoding/json"
	"net/http"
	"strconv"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

type apiJury struct {
	Date           certif.Date `json:"date"`
	Cutoff         certif.Date `json:"cutoff"`
	Start          string      `json:"start"`
	End            string      `json:"end"`
	CutoffComputed certif.Date `json:"cutoff_computed"`
	OverrideReason string      `json:"override_reason,omitempty"`
}

func newAPIJury(j calendar.JuryWithCutoff) apiJury {
	return apiJury{Date: j.Date, Cutoff: j.Cutoff, Start: j.Start, End: j.End, CutoffComputed: j.ComputedCutoff, OverrideReason: j.OverrideReason}
}

type apiCalendar struct {
	Year           int                           `json:"year"`
	NationalJuries []apiJury                     `json:"national_juries"`
	Campaigns      []calendar.CollectionCampaign `json:"campaigns"`
	ExamMonths     []certif.Month                `json:"exam_months"`
	Holidays       []apiHoliday                  `json:"holidays"`
}

type apiHoliday struct {
	Date   certif.Date `json:"date"`
	Name   string      `json:"name"`
	Worked bool        `json:"worked"`
}

func (s *Area) apiCalendar(w http.ResponseWriter, r *http.Request) error {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 2000 || year > 2100 {
		return &certif.Error{Code: certif.EBadRequest, Message: "Année invalide : un nombre entre 2000 et 2100 est attendu.", Fields: map[string]string{"year": "Année invalide."}}
	}
	cal, err := s.Store.Calendar(r.Context())
	if err != nil {
		return err
	}
	out := apiCalendar{Year: year, NationalJuries: []apiJury{}, Campaigns: cal.Campaigns(year), ExamMonths: cal.ExamMonths(year)}
	for _, j := range cal.JuriesWithCutoffs(year) {
		out.NationalJuries = append(out.NationalJuries, newAPIJury(j))
	}
	if out.Campaigns == nil {
		out.Campaigns = []calendar.CollectionCampaign{}
	}
	for _, h := range cal.Holidays(year) {
		out.Holidays = append(out.Holidays, apiHoliday{Date: h.Date, Name: h.Name, Worked: h.Worked})
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}

// apiPutJury adds or replaces the national jury of a day.
func (s *Area) apiPutJury(w http.ResponseWriter, r *http.Request) error {
	day, err := certif.ParseDate(r.PathValue("date"))
	if err != nil {
		return &certif.Error{Code: certif.EBadRequest, Message: "Date invalide dans l'adresse : AAAA-MM-JJ attendu.", Fields: map[string]string{"date": "Date invalide."}}
	}
	var body struct {
		Start          string      `json:"start"`
		End            string      `json:"end"`
		CutoffOverride certif.Date `json:"cutoff_override"`
		OverrideReason string      `json:"override_reason"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		return certif.Errorf(certif.EBadRequest, "Corps JSON illisible : %v", err)
	}
	j := calendar.NationalJury{Date: day, Start: body.Start, End: body.End, CutoffOverride: body.CutoffOverride, OverrideReason: body.OverrideReason}
	if err := s.Store.SaveNationalJury(r.Context(), s.Caller(r), j); err != nil {
		return err
	}
	cal, err := s.Store.Calendar(r.Context())
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusOK, newAPIJury(cal.WithCutoff(j)))
}
