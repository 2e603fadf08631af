package auth

import (
	"strings"
	"testing"
)

// costAtStart is the cost of new hashes before TestMain lowers it: what the
// platform uses.
var costAtStart = cost

// TestProductionHashesCost19MiBAndTwoIterations: outside tests, hashes are
// made with the OWASP parameters (19 MiB, 2 iterations, 1 lane); a hash made
// with them says so in its PHC string and verifies.
func TestProductionHashesCost19MiBAndTwoIterations(t *testing.T) {
	t.Parallel()
	if want := (hashCost{memory: 19 * 1024, time: 2, threads: 1}); costAtStart != want || productionCost != want {
		t.Errorf("coût des hachages de la plateforme : %+v (production %+v), attendu %+v", costAtStart, productionCost, want)
	}
	h, err := hashPassword("correct horse battery", productionCost)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("paramètres absents du hachage : %s", h)
	}
	if !VerifyPassword(h, "correct horse battery") || VerifyPassword(h, "correct horse batterY") {
		t.Error("vérification incorrecte d'un hachage de production")
	}
}
