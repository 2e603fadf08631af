package main

import (
	"strings"
	"testing"
)

// TestDemoListensOnLoopbackUnlessAnAddressIsGiven: the demo's password is
// published, so serve --demo listens on this machine only unless an address
// is given (flag or CERTIBLOC_ADDR); without the demo, every interface.
func TestDemoListensOnLoopbackUnlessAnAddressIsGiven(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		given string
		demo  bool
		want  string
	}{
		{"", true, "127.0.0.1:8080"},
		{"", false, ":8080"},
		{":9000", true, ":9000"},
		{"0.0.0.0:8080", true, "0.0.0.0:8080"},
		{"127.0.0.1:9000", false, "127.0.0.1:9000"},
	} {
		if got := listenAddress(tc.given, tc.demo); got != tc.want {
			t.Errorf("listenAddress(%q, démo %v) = %q, %q attendu", tc.given, tc.demo, got, tc.want)
		}
	}
	var cfg config
	a := &app{getenv: func(name string) string {
		if name == "CERTIBLOC_ADDR" {
			return ":9100"
		}
		return ""
	}}
	fs := newFlagSet("serve")
	serveCommand(fs, &cfg)
	if _, err := cfg.parse(fs, []string{"--demo"}, a.getenv); err != nil || listenAddress(cfg.Addr, true) != ":9100" {
		t.Errorf("CERTIBLOC_ADDR avec --demo : %q (%v)", cfg.Addr, err)
	}
	if code, out, _ := cli(t, "serve", "--help"); code != 0 || !strings.Contains(out, "127.0.0.1:8080, cette machine seule") {
		t.Errorf("l'aide de serve ne dit pas où écoute la démonstration :\n%s", out)
	}
}
