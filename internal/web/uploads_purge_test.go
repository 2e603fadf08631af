package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"certibloc/internal/store"
)

// TestPurgeKeepsTheReturnedTableTheOfficeDownloads: past the retention, a
// registration file previewed and never committed is gone (committing it
// says so in French), a committed collection table loses its kept upload,
// and the office still downloads the table the employer returned.
func TestPurgeKeepsTheReturnedTableTheOfficeDownloads(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		campaignEnv(t, e)
		office, hr := e.as("office"), e.as("employer")
		if res := office.post("/recueil/2027-06/lancement", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("lancement : %d", res.StatusCode)
		}
		returnTable(t, hr, "2027-06", func([]byte) map[int]map[string]any { return hours(2) })
		returned := func() []byte {
			t.Helper()
			res := office.get("/recueil/2027-06/retours/CAF69")
			b, _ := io.ReadAll(res.Body)
			if res.StatusCode != http.StatusOK || len(b) == 0 {
				t.Fatalf("tableau retourné : %d, %d octets", res.StatusCode, len(b))
			}
			return b
		}
		before := returned()
		good := importHeader + "Lefèvre;;Élodie;F;15/03/1990;69123;;COS;partiel;1 et 3;05/04/2027;CDI;non;Accueil;non;\r\n"
		m := commitForm.FindStringSubmatch(body(t, hr.upload("/imports", "inscriptions.csv", encode1252(t, good))))
		if m == nil {
			t.Fatal("aperçu de l'import sans formulaire de validation")
		}

		e.st.SetClock(func() time.Time { return e.clock.Now().Add(store.UploadRetention + time.Minute) })
		got, err := e.st.PurgeUploads(context.Background(), store.UploadRetention)
		e.st.SetClock(e.clock.Now)
		if err != nil || got != (store.UploadsPurged{Deleted: 1, Emptied: 1}) {
			t.Fatalf("purge : %+v %v", got, err)
		}
		expectPage(t, hr.post(m[1], nil), http.StatusNotFound, "Fichier d'import introuvable : un fichier déposé et non validé est effacé 24 heures après son aperçu ; déposez-le de nouveau.")
		if after := returned(); !bytes.Equal(after, before) {
			t.Error("le tableau retourné par l'employeur doit rester téléchargeable tel quel")
		}
	})
}
