package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"certibloc/internal/certificate"
)

// verifyCommand checks a certificate offline, with the public key alone: a
// PDF, a verification URL or payload (the QR code's), or a VC-JWT. Exit 0 when
// it is genuine, 1 when not, 2 when the command line (or the key) is wrong.
func verifyCommand(fs *flag.FlagSet, _ *config) runFunc {
	keyFile := fs.String("public-key", "", "`FICHIER` de la clé publique de la plateforme (PEM ou base64)")
	return func(_ context.Context, a *app, _ *config, args []string) error {
		if len(args) != 1 {
			return usageErrorf("indiquez un FICHIER (PDF ou attestation) ou une charge utile de code QR")
		}
		if *keyFile == "" {
			return usageErrorf("--public-key FICHIER est obligatoire")
		}
		data, err := os.ReadFile(*keyFile)
		if err != nil {
			return usageErrorf("--public-key : %v", err)
		}
		pub, err := certificate.ParsePublicKey(data)
		if err != nil {
			return usageErrorf("--public-key : %v", err)
		}
		input, err := verifyInput(args[0])
		if err != nil {
			return err
		}
		cl, form, err := certificate.Check(pub, input)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "Certificat authentique (%s, signature vérifiée) : n° %s\n", form, cl.Number)
		fmt.Fprintf(a.stdout, "Titulaire : %s\n", cl.Holder)
		fmt.Fprintf(a.stdout, "Certification : %s\n", cl.Certification())
		fmt.Fprintf(a.stdout, "Délivré le %s, sur décision du jury paritaire national du %s\n", cl.IssuedOn.French(), cl.JuryDate.French())
		fmt.Fprintln(a.stdout, "Une révocation ou un remplacement ultérieur se vérifie en ligne, sur la page /verifier de la plateforme.")
		return nil
	}
}

// verifyInput reads arg as a file when one exists at that path, else takes it
// as the payload, URL or credential itself.
func verifyInput(arg string) ([]byte, error) {
	if st, err := os.Stat(arg); err == nil && !st.IsDir() {
		data, err := os.ReadFile(arg)
		if err != nil {
			return nil, usageErrorf("%s : %v", arg, err)
		}
		return data, nil
	}
	lower := strings.ToLower(arg)
	if strings.HasSuffix(lower, ".pdf") || strings.HasSuffix(lower, ".jwt") || strings.HasSuffix(lower, ".json") {
		return nil, usageErrorf("%s : fichier introuvable", arg)
	}
	return []byte(arg), nil
}
