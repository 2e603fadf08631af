package statistics

import (
	"math"
	"net/http"
	"strconv"

	"certibloc/internal/certif"
	"certibloc/internal/intake"
	"certibloc/internal/web/kit"
)

// exportHeaders are the columns of every sheet after the group's.
var exportHeaders = []string{"Candidats inscrits", "Tentatives présentées", "Validées", "Non validées", "Absents",
	"Taux de réussite (%)", "Délai médian inscription → certificat (jours)", "Séances", "Membres mobilisés"}

// export downloads the year's tables, one sheet each, in the page's order:
// numbers as numbers, an empty cell where a rate or a median has nothing
// to count.
func (s *Area) export(w http.ResponseWriter, r *http.Request) error {
	f, err := s.load(r, "annee")
	if err != nil {
		return err
	}
	var sheets []intake.ExportSheet
	for _, rep := range f.reports() {
		for _, t := range rep.Tables {
			sh := intake.ExportSheet{Name: rep.Sheet + lowerFirstIf(rep.Sheet, t.Title), Headers: append([]string{t.Column}, exportHeaders...)}
			for _, x := range t.Rows {
				var rate, median any
				if v, ok := x.SuccessRate(); ok {
					rate = math.Round(v*1000) / 10
				}
				if d, ok := x.Delays.Median(); ok {
					median = d
				}
				sh.Rows = append(sh.Rows, []any{x.Name, x.Registered, x.Presented(), x.Validated, x.NotValidated, x.Absent, rate, median, x.Sessions, x.Members})
			}
			sheets = append(sheets, sh)
		}
	}
	b, err := intake.WriteXLSXSheets(sheets)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return kit.Download(w, "statistiques-"+strconv.Itoa(f.Year)+".xlsx", kit.XLSXType, b)
}

// lowerFirstIf lowers the title after a prefix: "Vous - par CQP".
func lowerFirstIf(prefix, title string) string {
	if prefix == "" {
		return title
	}
	return certif.LowerFirst(title)
}
