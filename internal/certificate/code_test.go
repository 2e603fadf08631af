package certificate

import (
	"regexp"
	"strings"
	"testing"
)

func TestCodeIsShortStableAndKeyed(t *testing.T) {
	is := testIssuer()
	code := is.Code("CCP-2026-000123")
	if !regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$`).MatchString(code) {
		t.Fatalf("code %q", code)
	}
	if is.Code("CCP-2026-000123") != code || is.Code("CCP-2026-000124") == code {
		t.Error("le code doit dépendre du numéro, et de lui seul")
	}
	_, other, _ := GenerateKey()
	if (Issuer{Key: other}).Code("CCP-2026-000123") == code {
		t.Error("le code doit dépendre de la clé")
	}
	typed := strings.ToLower(strings.ReplaceAll(code, "-", " "))
	typed = strings.ReplaceAll(strings.ReplaceAll(typed, "0", "o"), "1", "l")
	if got, ok := NormalizeCode(typed); !ok || got != code {
		t.Errorf("saisie %q : %q %v", typed, got, ok)
	}
	for _, bad := range []string{"", "ABC", code + "A", "ABCD-EFGH-IJKU", "ÉBCD-EFGH-1234"} {
		if _, ok := NormalizeCode(bad); ok {
			t.Errorf("%q accepté", bad)
		}
	}
}
