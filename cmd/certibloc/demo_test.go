package main

import (
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"slices"
	"strings"
	"testing"
)

func TestDemoNational(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db string) {
		code, out, errOut := cli(t, "demo", "--scale", "national", "--fraction", "0.01", "--db", db, "--today", "2026-11-23")
		if code != 0 {
			t.Fatalf("code %d\n%s%s", code, out, errOut)
		}
		for _, s := range []string{"Chargement des données nationales de démonstration", "Employeurs : 293 (293 créés",
			"Candidats : 600 / 600", "Tentatives de blocs : ", "Durée : ", "années 2017 à 2026", "Validé", "GC", "COS", "certibloc demo"} {
			if !strings.Contains(out, s) {
				t.Errorf("%q absent de la sortie :\n%s", s, out)
			}
		}
		if !hasLine(out, "candidats", "600") || !hasLine(out, "employeurs", "293", "(293", "créés)") {
			t.Errorf("résumé incomplet :\n%s", out)
		}
		code, _, errOut = cli(t, "demo", "--scale", "national", "--fraction", "0.01", "--db", db, "--today", "2026-11-23")
		if code != 1 || !strings.Contains(errOut, "La base contient déjà les données nationales de démonstration") {
			t.Errorf("deuxième chargement : code %d\n%s", code, errOut)
		}
		// the regular demo data still loads on top of it, with its accounts
		code, out, errOut = cli(t, "demo", "--db", db, "--today", "2026-11-23")
		if code != 0 || !strings.Contains(out, "Données de démonstration chargées") || !strings.Contains(out, "rh.cpam33@demo.certibloc.fr") {
			t.Errorf("demo --scale small après national : code %d\n%s%s", code, out, errOut)
		}
	})
}

func TestDemoSmall(t *testing.T) {
	t.Parallel()
	db := tempDB(t)
	code, out, errOut := cli(t, "demo", "--scale", "small", "--db", db, "--today", "2026-03-02")
	if code != 0 || !strings.Contains(out, "Données de démonstration chargées") || !strings.Contains(out, "bureau.examens@demo.certibloc.fr") {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := cli(t, "demo", "--db", db, "--today", "2026-03-02"); code != 0 || !strings.Contains(out, "déjà présentes") {
		t.Errorf("deuxième chargement : code %d\n%s", code, out)
	}
}

// TestDemoResetRebuildsAroundToday: --reset rebuilds the demo around the new
// day (its past national juries move), and refuses a database holding an
// account outside the demo, with nothing changed.
func TestDemoResetRebuildsAroundToday(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db string) {
		juries := func() []string {
			st, err := store.Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			list, err := st.Proclamations(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var days []string
			for d := range list {
				days = append(days, d.String())
			}
			slices.Sort(days)
			return days
		}
		if code, out, errOut := cli(t, "demo", "--db", db, "--today", "2026-06-15"); code != 0 {
			t.Fatalf("demo : code %d\n%s%s", code, out, errOut)
		}
		before := juries()
		code, out, errOut := cli(t, "demo", "--db", db, "--today", "2027-09-30", "--reset") // a year the shipped calendar does not know
		if code != 0 || !strings.Contains(out, "Base de démonstration effacée : reconstruction autour du 30/09/2027") || !strings.Contains(out, "Données de démonstration chargées") {
			t.Fatalf("demo --reset : code %d\n%s%s", code, out, errOut)
		}
		// The juries of 2026 on the same weekdays: Friday 10/07 and Thursday 24/09.
		if after := juries(); !slices.Equal(after, []string{"2027-07-09", "2027-09-23"}) || slices.Equal(before, after) {
			t.Errorf("jurys proclamés avant %v, après --reset %v", before, after)
		}
		st, err := store.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "examens@institut.example.fr", Role: certif.RoleOffice, PasswordHash: "x"}); err != nil {
			t.Fatal(err)
		}
		st.Close()
		code, _, errOut = cli(t, "demo", "--db", db, "--reset")
		if code == 0 || !strings.Contains(errOut, "comptes hors démonstration (examens@institut.example.fr) : elle n'est pas effacée") {
			t.Errorf("--reset sur une base réelle : code %d\n%s", code, errOut)
		}
		if after := juries(); !slices.Equal(after, []string{"2027-07-09", "2027-09-23"}) {
			t.Errorf("base changée malgré le refus : %v", after)
		}
	})
}

func TestDemoCommandLine(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"demo", "--scale", "mondiale"}, "--scale : \"mondiale\" inconnu, choisissez small ou national"},
		{[]string{"demo", "--scale", "national", "--fraction", "0"}, "--fraction : 0 hors de ]0, 1]"},
		{[]string{"demo", "--scale", "national", "--fraction", "2"}, "--fraction : 2 hors de ]0, 1]"},
		{[]string{"demo", "--fraction", "un-peu"}, "valeur « un-peu » invalide pour --fraction"},
	} {
		code, _, errOut := cli(t, append(tc.args, "--db", tempDB(t))...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v : code %d, attendu 2 avec %q :\n%s", tc.args, code, tc.want, errOut)
		}
	}
}

// hasLine reports whether a line of out is made of these words.
func hasLine(out string, words ...string) bool {
	for _, l := range strings.Split(out, "\n") {
		if slices.Equal(strings.Fields(l), words) {
			return true
		}
	}
	return false
}
