package planner

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// exampleInstance reads testdata/planner-example.json (a copy of the spec's).
func exampleInstance(t testing.TB) Instance {
	t.Helper()
	data, err := os.ReadFile("testdata/planner-example.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := DecodeInstance(data)
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

func TestTheExampleInstanceRoundTrips(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/planner-example.json")
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(exampleInstance(t))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, bytes.TrimSpace(data)) {
		t.Errorf("la relecture de l'exemple ne redonne pas le même JSON")
	}
}

func TestBadFilesNameTheField(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, json, want string }{
		{"unknown field", `{"year": 2026, "colour": 1}`, `champ inconnu "colour"`},
		{"wrong type", `{"year": "2026"}`, "champ year : une chaîne au lieu d'un nombre entier"},
		{"syntax", "{\n\"year\": 2026,,\n}", "JSON invalide à la ligne 2"},
		{"bad date", `{"national_juries": [{"date": "2026-01-22", "cutoff": "16/01/2026"}]}`, "champ national_juries[0].cutoff : date invalide"},
		{"bad time", `{"national_juries": [{"date": "2026-01-22", "cutoff": "2026-01-16"}], "half_days": {"am": ["9h", "12:30"], "pm": ["13:30", "17:00"]}}`, "champ half_days.am : heure invalide \"9h\""},
		{"empty", ``, "le fichier est vide"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := DecodeInstance([]byte(tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("erreur %v, attendu %q", err, tc.want)
			}
		})
	}
}
