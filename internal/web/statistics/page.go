package statistics

import (
	"net/http"
	"strconv"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

type pageView struct {
	Year     int
	Years    []int
	Reports  []reportView
	Compare  []compareRow // own figures beside the national ones (an employer, a national fund)
	OwnLabel string       // the column of the own figures: "Vous", "Votre branche"
	Export   string
	Headline string // "Délai médian inscription → certificat : 94 jours"
}

type reportView struct {
	report
	Tables []tableView
}

type tableView struct {
	table
	Caption  string
	Chart    chart
	HasChart bool
}

type compareRow struct{ Label, Own, National string }

func (s *Area) page(w http.ResponseWriter, r *http.Request) error {
	f, err := s.load(r, "annee")
	if err != nil {
		return err
	}
	v := pageView{Year: f.Year, Years: f.Years, Export: "/statistiques/export.xlsx?annee=" + strconv.Itoa(f.Year)}
	if len(v.Years) == 0 {
		v.Years = []int{f.Year}
	}
	for _, rep := range f.reports() {
		rv := reportView{report: rep}
		for _, t := range rep.Tables {
			tv := tableView{table: t, Caption: t.Title + " en " + strconv.Itoa(f.Year)}
			if t.Key == byYear.key {
				tv.Caption = t.Title + ", toutes années"
			}
			if rep.Heading != "" {
				tv.Caption += " (" + certif.LowerFirst(rep.Heading) + ")"
			}
			tv.Chart, tv.HasChart = newChart(t, f.Year)
			rv.Tables = append(rv.Tables, tv)
		}
		v.Reports = append(v.Reports, rv)
	}
	v.Headline = "Délai médian inscription → certificat : " + f.Own.Total.MedianDelayText()
	if f.National != nil {
		v.OwnLabel = "Vous"
		if f.Scope.Branch != "" {
			v.OwnLabel = "Votre branche"
		}
		v.Compare = compare(f.Own.Total, f.National.Total)
	}
	return s.Show(w, r, "statistics.html", "Statistiques "+strconv.Itoa(f.Year), v)
}

// compare sets the year's own figures beside the national ones.
func compare(own, national store.StatisticsRow) []compareRow {
	n := func(x int) string { return strconv.Itoa(x) }
	line := func(label string, get func(certif.Tally) string) compareRow {
		return compareRow{label, get(own.Tally), get(national.Tally)}
	}
	return []compareRow{
		line("Candidats inscrits", func(t certif.Tally) string { return n(t.Registered) }),
		line("Tentatives présentées", func(t certif.Tally) string { return n(t.Presented()) }),
		line("Validées", func(t certif.Tally) string { return n(t.Validated) }),
		line("Non validées", func(t certif.Tally) string { return n(t.NotValidated) }),
		line("Absents", func(t certif.Tally) string { return n(t.Absent) }),
		line("Taux de réussite", certif.Tally.SuccessRateText),
		line("Délai médian inscription → certificat", certif.Tally.MedianDelayText),
		line("Séances de jury professionnel", func(t certif.Tally) string { return n(t.Sessions) }),
		line("Membres mobilisés", func(t certif.Tally) string { return n(t.Members) }),
	}
}
