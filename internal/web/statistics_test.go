package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"certibloc/internal/store/storetest"
)

// TestStatisticsEmployerSeesOwnBesideNational: on the known history of
// storetest.StatisticsData, the CAF du Rhône reads its own figures beside
// the national ones, never the CPAM de la Gironde's; the office reads every
// table with its chart; the workbook holds one sheet per table, read back;
// the API gives the same; a year without figures is refused by name;
// candidates and jury members have no statistics.
func TestStatisticsEmployerSeesOwnBesideNational(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	storetest.StatisticsData(t, e.st, "CAF69", "CPAM33")

	page := body(t, e.as("employer").get("/statistiques"))
	if path := os.Getenv("CERTIBLOC_DUMP_STATS"); path != "" {
		_ = os.WriteFile(path, []byte(body(t, e.as("office").get("/statistiques"))+page), 0o644)
	}
	for _, want := range []string{"Statistiques 2026", "Vos chiffres : CAF du Rhône (CAF69)", "Chiffres nationaux",
		"Délai médian inscription → certificat : 149 jours", `<option value="2025">2025</option>`,
		"<th scope=\"row\">Taux de réussite</th><td>100\u202f%</td><td>80\u202f%</td>", `role="img"`, "<title id=", "Par bloc", "GC – Bloc 2"} {
		if !strings.Contains(page, want) {
			t.Errorf("page de l'employeur sans %q", want)
		}
	}
	for _, never := range []string{"CPAM33", "CPAM de la Gironde", "Par employeur", "Par branche"} {
		if strings.Contains(page, never) {
			t.Errorf("l'employeur lit %q :\n%s", never, page)
		}
	}

	office := body(t, e.as("office").get("/statistiques?annee=2025"))
	for _, want := range []string{"Statistiques 2025", "Par employeur", "CPAM de la Gironde (CPAM33)", "Par branche", "Délai médian inscription → certificat : 160 jours",
		"Décisions des jurys nationaux de 2025, par employeur", "50\u202f%"} {
		if !strings.Contains(office, want) {
			t.Errorf("page de l'équipe des examens sans %q", want)
		}
	}
	if fund := body(t, e.as("national_fund").get("/statistiques")); !strings.Contains(fund, "Votre branche : Famille") ||
		!strings.Contains(fund, "CAF du Rhône (CAF69)") || strings.Contains(fund, "CPAM33") {
		t.Errorf("page de la caisse nationale :\n%s", fund)
	}
	for _, role := range []string{"candidate", "jury"} {
		if res := e.as(role).get("/statistiques"); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s : statut %d", role, res.StatusCode)
		}
	}

	res := e.as("employer").get("/statistiques/export.xlsx?annee=2026")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "statistiques-2026.xlsx") {
		t.Fatalf("export : %d %v", res.StatusCode, res.Header)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Vous - par année", "Vous - par CQP", "Vous - par bloc", "National - par année", "National - par CQP", "National - par bloc"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("feuilles : %v", got)
	}
	rows, err := f.GetRows("National - par CQP")
	if err != nil || len(rows) != 3 || rows[0][0] != "CQP" || rows[0][6] != "Taux de réussite (%)" {
		t.Fatalf("feuille nationale par CQP : %v %v", rows, err)
	}
	if got := strings.Join(rows[2], "|"); got != "COS – Conseiller offres de services de la Sécurité sociale|3|4|3|1|0|75|149|0|0" {
		t.Errorf("ligne COS : %s", got)
	}
	for _, sheet := range want {
		all, _ := f.GetRows(sheet)
		for _, r := range all {
			if strings.Contains(strings.Join(r, " "), "CPAM") {
				t.Errorf("%s : %v", sheet, r)
			}
		}
	}

	var api struct {
		Year     int   `json:"year"`
		Years    []int `json:"years"`
		Figures  apiStatisticsReport
		National *apiStatisticsReport
	}
	b := body(t, e.api("GET", "/api/v1/statistics?year=2026", "employer", ""))
	if err := json.Unmarshal([]byte(b), &api); err != nil || api.Year != 2026 || len(api.Years) != 2 || api.National == nil ||
		api.Figures.Total.Validated != 3 || api.National.Total.Validated != 4 || api.Figures.Total.MedianDelayDays == nil || *api.Figures.Total.MedianDelayDays != 149 ||
		api.National.Tables["by_employer"] != nil || strings.Contains(b, "CPAM33") {
		t.Errorf("API de l'employeur : %s %v", b, err)
	}
	b = body(t, e.api("GET", "/api/v1/statistics", "office", ""))
	if !strings.Contains(b, `"employer":"CPAM33"`) || strings.Contains(b, `"national"`) {
		t.Errorf("API de l'équipe des examens : %s", b)
	}
	if res := e.api("GET", "/api/v1/statistics?year=1990", "office", ""); res.StatusCode != http.StatusBadRequest ||
		!strings.Contains(body(t, res), "choisissez une année de 2025 à 2026") {
		t.Errorf("année sans chiffres : %d", res.StatusCode)
	}
	if res := e.as("office").get("/statistiques?annee=deux-mille"); res.StatusCode != http.StatusBadRequest ||
		!strings.Contains(body(t, res), "Année « deux-mille »") {
		t.Errorf("année illisible : %d", res.StatusCode)
	}
}

type apiStatisticsReport struct {
	Total struct {
		Validated       int  `json:"validated"`
		MedianDelayDays *int `json:"median_delay_days"`
	} `json:"total"`
	Tables map[string][]map[string]any `json:"tables"`
}
