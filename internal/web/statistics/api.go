package statistics

import (
	"math"
	"net/http"

	"certibloc/internal/web/kit"
)

type apiRow struct {
	Year                 int      `json:"year,omitempty"`
	Qualification        string   `json:"qualification,omitempty"`
	Block                int      `json:"block,omitempty"`
	Branch               string   `json:"branch,omitempty"`
	Employer             string   `json:"employer,omitempty"`
	Label                string   `json:"label"`
	RegisteredCandidates int      `json:"registered_candidates"`
	Presented            int      `json:"presented"`
	Validated            int      `json:"validated"`
	NotValidated         int      `json:"not_validated"`
	Absent               int      `json:"absent"`
	SuccessRate          *float64 `json:"success_rate"`      // 0 to 1, null when nobody presented a block
	MedianDelayDays      *int     `json:"median_delay_days"` // null when no block was validated
	Sessions             int      `json:"sessions"`
	Members              int      `json:"members"`
}

type apiReport struct {
	Total  apiRow              `json:"total"`
	Tables map[string][]apiRow `json:"tables"`
}

type apiStatistics struct {
	Year     int        `json:"year"`
	Years    []int      `json:"years"`
	Figures  apiReport  `json:"figures"`            // the caller's scope
	National *apiReport `json:"national,omitempty"` // beside an employer's or a national fund's
}

func apiRowOf(r row) apiRow {
	out := apiRow{Year: r.Year, Qualification: r.Qualification, Block: r.Block, Branch: r.Branch, Employer: r.EmployerCode, Label: r.Label,
		RegisteredCandidates: r.Registered, Presented: r.Presented(), Validated: r.Validated, NotValidated: r.NotValidated, Absent: r.Absent,
		Sessions: r.Sessions, Members: r.Members}
	if v, ok := r.SuccessRate(); ok {
		v = math.Round(v*10000) / 10000
		out.SuccessRate = &v
	}
	if d, ok := r.Delays.Median(); ok {
		out.MedianDelayDays = &d
	}
	return out
}

func apiReportOf(rep report) apiReport {
	out := apiReport{Total: apiRowOf(row{StatisticsRow: rep.Total}), Tables: map[string][]apiRow{}}
	for _, t := range rep.Tables {
		rows := make([]apiRow, 0, len(t.Rows))
		for _, r := range t.Rows {
			rows = append(rows, apiRowOf(r))
		}
		out.Tables[t.Key] = rows
	}
	return out
}

// api gives the figures of a year (?year=, the latest by default) of the
// caller's scope, and the national ones beside an employer's or a fund's.
func (s *Area) api(w http.ResponseWriter, r *http.Request) error {
	f, err := s.load(r, "year")
	if err != nil {
		return err
	}
	reps := f.reports()
	out := apiStatistics{Year: f.Year, Years: f.Years, Figures: apiReportOf(reps[0])}
	if out.Years == nil {
		out.Years = []int{}
	}
	if len(reps) > 1 {
		n := apiReportOf(reps[1])
		out.National = &n
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}
