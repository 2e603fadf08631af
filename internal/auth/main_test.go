package auth_test

import (
	"strings"
	"testing"

	"certibloc/internal/auth"
)

func TestMain(m *testing.M) {
	auth.UseCheapHashesInTests()
	m.Run()
}

// TestTestsHashCheaply: in this test binary, hashes cost argon2id's minimum,
// and still verify.
func TestTestsHashCheaply(t *testing.T) {
	t.Parallel()
	h, err := auth.HashPassword("correct horse battery")
	if err != nil || !strings.HasPrefix(h, "$argon2id$v=19$m=8,t=1,p=1$") {
		t.Fatalf("hachage des tests : %s %v", h, err)
	}
	if !auth.VerifyPassword(h, "correct horse battery") {
		t.Error("hachage des tests non vérifié")
	}
}
