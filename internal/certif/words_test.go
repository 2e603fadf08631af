package certif

import (
	"testing"
	"time"
)

func TestNounAndCount(t *testing.T) {
	for _, c := range []struct {
		n          int
		noun, text string
	}{
		{0, "ligne", "0 ligne"}, {1, "ligne", "1 ligne"}, {2, "lignes", "2 lignes"}, {3, "lignes", "3 lignes"},
		{-1, "ligne", "-1 ligne"}, {-2, "lignes", "-2 lignes"},
	} {
		if got := Noun(c.n, "ligne", "lignes"); got != c.noun {
			t.Errorf("Noun(%d) = %q, attendu %q", c.n, got, c.noun)
		}
		if got := Count(c.n, "ligne", "lignes"); got != c.text {
			t.Errorf("Count(%d) = %q, attendu %q", c.n, got, c.text)
		}
	}
}

func TestDeElidesBeforeVowelsAndMuteH(t *testing.T) {
	for word, want := range map[string]string{
		"avril": "d'avril", "août": "d'août", "octobre": "d'octobre", "mars": "de mars", "Hélène": "d'Hélène",
		"heure": "d'heure", "habilitation": "d'habilitation", "handicap": "de handicap", "Hugues": "de Hugues",
		"hauteur": "de hauteur", "expert métier": "d'expert métier", "représentant": "de représentant",
		"Yvelines": "d'Yvelines", "yaourt": "de yaourt", "": "de ", "Émilie": "d'Émilie", "juin": "de juin",
	} {
		if got := De(word); got != want {
			t.Errorf("De(%q) = %q, attendu %q", word, got, want)
		}
	}
}

func TestOfMonth(t *testing.T) {
	for m, want := range map[time.Month]string{
		time.January: "de janvier 2027", time.April: "d'avril 2027", time.August: "d'août 2027", time.October: "d'octobre 2027",
		time.December: "de décembre 2027",
	} {
		if got := OfMonth(Month{Year: 2027, Month: m}); got != want {
			t.Errorf("OfMonth(%v) = %q, attendu %q", m, got, want)
		}
	}
}

func TestAgreed(t *testing.T) {
	for _, c := range []struct{ sex, m, f, want string }{
		{"F", "inscrit", "inscrite", "inscrite"},
		{"M", "inscrit", "inscrite", "inscrit"},
		{"", "inscrit", "inscrite", "inscrit·e"},
		{"", "né", "née", "né·e"},
		{"", "Absent excusé", "Absente excusée", "Absent·e excusé·e"},
		{"", "le candidat", "la candidate", "le candidat ou la candidate"},
		{"", "directeur", "directrice", "directeur ou directrice"},
		{"", "Présent", "Présente", "Présent·e"},
	} {
		if got := Agreed(c.sex, c.m, c.f); got != c.want {
			t.Errorf("Agreed(%q, %q, %q) = %q, attendu %q", c.sex, c.m, c.f, got, c.want)
		}
	}
}

func TestFrenchClockAndClockOf(t *testing.T) {
	for in, want := range map[string]string{
		"14:05": "14 h 05", "09:00": "9 h", "09:30": "9 h 30", "00:05": "0 h 05", "midi": "midi", "1405": "1405", "": "",
	} {
		if got := FrenchClock(in); got != want {
			t.Errorf("FrenchClock(%q) = %q, attendu %q", in, got, want)
		}
	}
	if got := ClockOf(time.Date(2026, 7, 1, 8, 5, 0, 0, time.UTC)); got != "8 h 05" {
		t.Errorf("ClockOf = %q", got)
	}
}
