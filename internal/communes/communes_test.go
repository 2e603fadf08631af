package communes

import "testing"

func TestLookup(t *testing.T) {
	for _, tc := range []struct {
		code, name string
		kind       Kind
	}{
		{"69123", "Lyon", Current},
		{"2a004", "Ajaccio", Current},
		{"75056", "Paris", Current},
		{"75101", "Paris 1er Arrondissement", District},
		{"13201", "Marseille 1er Arrondissement", District},
		{"01033", "Valserhône (Bellegarde-sur-Valserine)", Current}, // merged: the former commune's name kept
		{"69232", "Lyon", FormerMerge},                              // Saint-Rambert-l'Île-Barbe, absorbed in 1963
		{"97101", "Les Abymes", Current},
	} {
		c, ok := Lookup(tc.code)
		if !ok || c.Name != tc.name || c.Kind != tc.kind {
			t.Errorf("Lookup(%q) = %+v, %v; want %q kind %c", tc.code, c, ok, tc.name, tc.kind)
		}
	}
	for _, code := range []string{"75999", "00000", "99134", "", "7505"} {
		if c, ok := Lookup(code); ok {
			t.Errorf("Lookup(%q) = %+v: want unknown", code, c)
		}
	}
	if !Country("99134") || Country("75056") {
		t.Error("Country: 99xxx names a country, 75056 does not")
	}
}

func TestLabel(t *testing.T) {
	c, _ := Lookup("69232")
	if got := c.Label(); got != "Lyon, ancienne commune fusionnée (69)" {
		t.Errorf("Label = %q", got)
	}
}

func TestSearch(t *testing.T) {
	got := Search("7510", 3)
	if len(got) != 3 || got[0].Code != "75101" {
		t.Errorf("Search(7510) = %+v", got)
	}
	got = Search("saint etienne", 50)
	found := false
	for _, c := range got {
		found = found || c.Code == "42218"
	}
	if !found {
		t.Errorf("Search(saint etienne) misses Saint-Étienne (42218): %+v", got)
	}
	if got := Search("", 10); got != nil {
		t.Errorf("Search(\"\") = %+v", got)
	}
	if got := Search("zzzz", 10); len(got) != 0 {
		t.Errorf("Search(zzzz) = %+v", got)
	}
}

func BenchmarkSearchByName(b *testing.B) {
	for b.Loop() {
		Search("saint etienne", 20)
	}
}
