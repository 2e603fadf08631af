package main

import (
	"errors"
	"log/slog"
	"testing"
)

func TestConfigPrecedence(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		serve   bool
		args    []string
		env     map[string]string
		want    config
		wantErr bool
	}{
		{name: "défauts", want: config{DB: "sqlite:certibloc.db"}},
		{name: "variable seule", env: map[string]string{"CERTIBLOC_DB": "postgres://u@h/db", "CERTIBLOC_TODAY": "2026-03-02"},
			want: config{DB: "postgres://u@h/db", Today: "2026-03-02"}},
		{name: "l'option l'emporte sur la variable", args: []string{"--db", "sqlite:a.db", "--today=2026-09-01"},
			env:  map[string]string{"CERTIBLOC_DB": "sqlite:b.db", "CERTIBLOC_TODAY": "2026-03-02"},
			want: config{DB: "sqlite:a.db", Today: "2026-09-01"}},
		{name: "variable vide ignorée", env: map[string]string{"CERTIBLOC_DB": ""}, want: config{DB: "sqlite:certibloc.db"}},
		{name: "variables du serveur ignorées hors serve", env: map[string]string{"CERTIBLOC_ADDR": ":9090", "CERTIBLOC_LOG_FORMAT": "xml"},
			want: config{DB: "sqlite:certibloc.db"}},
		{name: "serve : défauts", serve: true,
			want: config{DB: "sqlite:certibloc.db", LogFormat: "text", LogLevel: "info"}}, // --addr: listenAddress
		{name: "serve : variables", serve: true,
			env:  map[string]string{"CERTIBLOC_ADDR": ":9090", "CERTIBLOC_BASE_URL": "https://cb.example.fr/", "CERTIBLOC_LOG_FORMAT": "json", "CERTIBLOC_LOG_LEVEL": "debug"},
			want: config{DB: "sqlite:certibloc.db", Addr: ":9090", BaseURL: "https://cb.example.fr", LogFormat: "json", LogLevel: "debug"}},
		{name: "serve : options et variables", serve: true, args: []string{"--addr", "127.0.0.1:8000", "--log-format", "text"},
			env:  map[string]string{"CERTIBLOC_ADDR": ":9090", "CERTIBLOC_LOG_FORMAT": "json"},
			want: config{DB: "sqlite:certibloc.db", Addr: "127.0.0.1:8000", LogFormat: "text", LogLevel: "info"}},
		{name: "date invalide en variable", env: map[string]string{"CERTIBLOC_TODAY": "02/03/2026"}, wantErr: true},
		{name: "date invalide en option", args: []string{"--today", "2026-13-01"}, wantErr: true},
		{name: "format de journal inconnu", serve: true, env: map[string]string{"CERTIBLOC_LOG_FORMAT": "xml"}, wantErr: true},
		{name: "niveau de journal inconnu", serve: true, args: []string{"--log-level", "bavard"}, wantErr: true},
		{name: "adresse publique sans schéma", serve: true, args: []string{"--base-url", "cb.example.fr"}, wantErr: true},
		{name: "option inconnue", args: []string{"--addr", ":1"}, wantErr: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := newFlagSet("test")
			var cfg config
			cfg.bindCommon(fs)
			if tc.serve {
				cfg.bindServe(fs)
			}
			_, err := cfg.parse(fs, tc.args, func(k string) string { return tc.env[k] })
			if tc.wantErr {
				var usage *usageError
				if !errors.As(err, &usage) {
					t.Fatalf("erreur d'utilisation attendue, obtenu %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := config{DB: cfg.DB, Today: cfg.Today, Addr: cfg.Addr, BaseURL: cfg.BaseURL, LogFormat: cfg.LogFormat, LogLevel: cfg.LogLevel}
			if got != tc.want {
				t.Errorf("configuration %+v, attendu %+v", got, tc.want)
			}
			if tc.want.Today != "" && cfg.clock.Today().String() != tc.want.Today {
				t.Errorf("horloge au %s, attendu %s", cfg.clock.Today(), tc.want.Today)
			}
		})
	}
}

func TestConfigLogLevel(t *testing.T) {
	t.Parallel()
	fs := newFlagSet("serve")
	var cfg config
	cfg.bindCommon(fs)
	cfg.bindServe(fs)
	if _, err := cfg.parse(fs, []string{"--log-level", "warn"}, func(string) string { return "" }); err != nil {
		t.Fatal(err)
	}
	if cfg.logLevel != slog.LevelWarn {
		t.Errorf("niveau %v, attendu WARN", cfg.logLevel)
	}
}

func TestBlobDirDefaultsBesideTheSQLiteFile(t *testing.T) {
	for _, c := range []struct{ db, flag, want string }{
		{"sqlite:/var/lib/certibloc/certibloc.db", "", "/var/lib/certibloc/certibloc-pieces"},
		{"sqlite:certibloc.db?_busy=5000", "", "certibloc-pieces"},
		{"postgres://u@h/db", "", "certibloc-pieces"},
		{"sqlite:x.db", "/srv/pieces", "/srv/pieces"},
	} {
		cfg := config{DB: c.db, BlobDir: c.flag}
		if got := cfg.blobDir(); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.db, c.flag, got, c.want)
		}
	}
}
