package certif

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestDateArithmetic(t *testing.T) {
	cases := []struct {
		from   string
		months int
		want   string
	}{
		{"2026-09-01", -3, "2026-06-01"},
		{"2026-05-31", -3, "2026-02-28"}, // clamped to the end of February
		{"2028-05-31", -3, "2028-02-29"},
		{"2026-01-15", -3, "2025-10-15"},
		{"2026-11-30", 3, "2027-02-28"},
	}
	for _, tc := range cases {
		if got := MustDate(tc.from).AddMonths(tc.months); got.String() != tc.want {
			t.Errorf("%s %+d mois = %s, attendu %s", tc.from, tc.months, got, tc.want)
		}
	}
	if d := MustDate("2026-12-31").AddDays(1); d.String() != "2027-01-01" {
		t.Errorf("AddDays : %s", d)
	}
	if d, err := ParseFrenchDate("05/03/2026"); err != nil || d.String() != "2026-03-05" {
		t.Errorf("date française : %v %v", d, err)
	}
	if _, err := ParseFrenchDate("31/02/2026"); err == nil {
		t.Error("31/02 accepté")
	}
	if got := MustDate("2026-01-22").FrenchLong(); got != "jeudi 22 janvier 2026" {
		t.Errorf("FrenchLong : %q", got)
	}
	if m := MustMonth("2026-12").Add(1); m.String() != "2027-01" || m.French() != "janvier 2027" {
		t.Errorf("mois suivant : %v", m)
	}
}

func TestDateJSON(t *testing.T) {
	var v struct {
		D Date `json:"d"`
	}
	if err := json.Unmarshal([]byte(`{"d":"2026-06-01"}`), &v); err != nil || v.D.String() != "2026-06-01" {
		t.Fatalf("JSON : %v %v", v, err)
	}
	if err := json.Unmarshal([]byte(`{"d":"01/06/2026"}`), &v); err == nil {
		t.Error("format non ISO accepté en JSON")
	}
}

func TestR16_PrintedIdentity(t *testing.T) {
	cases := []struct {
		sex, birth, usage, first, want string
	}{
		{"F", "Durand", "Martin", "Léa", "MARTIN (DURAND) Léa, née le 03/02/1991"},
		{"F", "Durand", "", "Léa", "DURAND Léa, née le 03/02/1991"},
		{"F", "Durand", "durand", "Léa", "DURAND Léa, née le 03/02/1991"}, // same name: no parentheses
		{"F", "N'Diaye", "Le Gall-Roux", "Anne-Sophie", "LE GALL-ROUX (N'DIAYE) Anne-Sophie, née le 03/02/1991"},
		{"M", "Petit", "", "Marc", "PETIT Marc, né le 03/02/1991"},
		{"", "Petit", "", "Dominique", "PETIT Dominique, né·e le 03/02/1991"}, // sex not known: the inclusive form
	}
	for _, tc := range cases {
		c := Candidate{Sex: tc.sex, BirthName: tc.birth, UsageName: tc.usage, FirstNames: []string{tc.first, "Marie"}, BirthDate: MustDate("1991-02-03")}
		if got := c.PrintedName(); got != tc.want {
			t.Errorf("%q / %q : %q, attendu %q", tc.birth, tc.usage, got, tc.want)
		}
	}
}

func TestR16_IdentityIsCheckedWhenEntered(t *testing.T) {
	today := MustDate("2026-11-23")
	ok := Candidate{BirthName: "Lefèvre", UsageName: "D'Arcy", FirstNames: []string{"Élodie", "Marie-Ange"}, Sex: "F",
		BirthDate: MustDate("1988-07-14"), BirthINSEE: "2b033"}
	if err := ok.Validate(today); err != nil {
		t.Errorf("identité valide refusée : %v", err)
	}
	abroad := ok
	abroad.BirthINSEE, abroad.BirthCountry = "", "Maroc"
	if err := abroad.Validate(today); err != nil {
		t.Errorf("naissance à l'étranger refusée : %v", err)
	}
	cases := map[string]Candidate{
		"birth_name":  {BirthName: "Dupont2", FirstNames: []string{"Jean"}, Sex: "M", BirthDate: MustDate("1980-01-01"), BirthINSEE: "75056"},
		"first_names": {BirthName: "Dupont", FirstNames: []string{"Jean", "Paul", "Louis", "Marc"}, Sex: "M", BirthDate: MustDate("1980-01-01"), BirthINSEE: "75056"},
		"sex":         {BirthName: "Dupont", FirstNames: []string{"Jean"}, Sex: "H", BirthDate: MustDate("1980-01-01"), BirthINSEE: "75056"},
		"birth_date":  {BirthName: "Dupont", FirstNames: []string{"Jean"}, Sex: "M", BirthDate: MustDate("2015-01-01"), BirthINSEE: "75056"},
		"birth_insee": {BirthName: "Dupont", FirstNames: []string{"Jean"}, Sex: "M", BirthDate: MustDate("1980-01-01"), BirthINSEE: "2C001"},
	}
	for field, c := range cases {
		if ErrorFields(c.Validate(today))[field] == "" {
			t.Errorf("%s : erreur non signalée", field)
		}
	}
	if SearchKey("Éloïse", "D’ARCY") != "eloise d'arcy" {
		t.Errorf("clé de recherche : %q", SearchKey("Éloïse", "D’ARCY"))
	}
}

func TestR16_BirthCommuneIsOneOfTheOfficialList(t *testing.T) {
	for _, code := range []string{"69123", "75056", "75101", "01033", "69232", "2a004"} {
		if msg := BirthCommuneInvalid(code); msg != "" {
			t.Errorf("%s refusé : %s", code, msg)
		}
	}
	for code, want := range map[string]string{
		"75999": "Code INSEE inconnu : 75999 n'est pas une commune du Code officiel géographique",
		"99134": "Le code 99134 désigne un pays",
		"7505":  "Code INSEE invalide",
	} {
		if msg := BirthCommuneInvalid(code); !strings.HasPrefix(msg, want) {
			t.Errorf("%s : %q, attendu %q…", code, msg, want)
		}
	}
	c := Candidate{BirthName: "Dupont", FirstNames: []string{"Jean"}, Sex: "M", BirthDate: MustDate("1980-01-01"), BirthINSEE: "75999"}
	if !strings.HasPrefix(ErrorFields(c.Validate(MustDate("2026-11-23")))["birth_insee"], "Code INSEE inconnu") {
		t.Errorf("commune inconnue acceptée : %v", c.Validate(MustDate("2026-11-23")))
	}
}

func TestR3_MonoBlockIsDerivedFromTheBlocks(t *testing.T) {
	q := Qualification{Blocks: []Block{{Number: 1}}}
	if !q.MonoBlock() {
		t.Error("une certification à un bloc est mono-bloc")
	}
	q.Blocks = append(q.Blocks, Block{Number: 2})
	if q.MonoBlock() {
		t.Error("une certification à deux blocs n'est pas mono-bloc")
	}
}

func TestErrorCodes(t *testing.T) {
	var v Validation
	v.Add("a", "premier")
	v.Add("a", "second")
	err := v.Err()
	if ErrorCode(err) != EInvalid || ErrorFields(err)["a"] != "premier" {
		t.Errorf("validation : %v", err)
	}
	var n int
	if ErrorCode(json.Unmarshal([]byte("x"), &n)) != EInternal {
		t.Error("une erreur quelconque est interne")
	}
	if _, err := ParseRole("admin"); ErrorFields(err)["role"] == "" {
		t.Error("rôle inconnu accepté")
	}
}
