package certificate

import (
	"crypto/ed25519"
	"crypto/sha256"

	"certibloc/internal/certif"
)

// testIssuer has a fixed key, so that outputs are reproducible.
func testIssuer() Issuer {
	seed := sha256.Sum256([]byte("certibloc test key"))
	return Issuer{Key: ed25519.NewKeyFromSeed(seed[:]), BaseURL: "https://certibloc.example.fr"}
}

func pub(is Issuer) ed25519.PublicKey { return is.Key.Public().(ed25519.PublicKey) }

// sampleCCP is a block of the GC, its holder with a usage name and accents.
func sampleCCP() Certificate {
	return Certificate{
		Number:        "CCP-2026-000123",
		Kind:          CCP,
		Qualification: Qualification{Code: "GC", Title: "Gestionnaire conseil de la Sécurité sociale", RNCP: "RNCP35729"},
		Block:         Block{Number: 2, Title: "Traiter les dossiers et les réclamations des assurés", RNCP: "RNCP35729BC02"},
		Holder:        Holder{Sex: "F", BirthName: "Durand", UsageName: "Martin", FirstName: "Léa", BirthDate: certif.MustDate("1991-02-03")},
		IssuedOn:      certif.MustDate("2026-12-17"),
		JuryDate:      certif.MustDate("2026-12-17"),
	}
}

// sampleCQP is a whole qualification, its holder without usage name.
func sampleCQP() Certificate {
	return Certificate{
		Number:        "CQP-2026-000045",
		Kind:          CQP,
		Qualification: Qualification{Code: "COS", Title: "Conseiller offres de services de la Sécurité sociale", RNCP: "RNCP35543"},
		Holder:        Holder{Sex: "F", BirthName: "Lefèvre", FirstName: "Élodie", BirthDate: certif.MustDate("1988-07-14")},
		IssuedOn:      certif.MustDate("2026-12-18"),
		JuryDate:      certif.MustDate("2026-12-17"),
	}
}
