package certificate

import (
	"bytes"
	"image"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/pdftest"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// tool is pdftest.Tool.
var tool = pdftest.Tool

func writePDF(t *testing.T, c Certificate) (string, []byte) {
	t.Helper()
	data := must(testIssuer().PDFBytes(c))
	return pdftest.Write(t, c.Number+".pdf", data), data
}

func TestPDFTextShowsR16IdentityTitlesNumberCode(t *testing.T) {
	pdftotext := tool(t, "pdftotext")
	is := testIssuer()
	for _, tc := range []struct {
		c    Certificate
		want []string
	}{
		{sampleCCP(), []string{"Certificat de compétences professionnelles", "MARTIN (DURAND) Léa, né·e le 03/02/1991",
			"Bloc 2 : Traiter les dossiers et les réclamations des assurés", "RNCP35729BC02",
			"Gestionnaire conseil de la Sécurité sociale", "RNCP35729", "jury paritaire national du 17 décembre 2026",
			"Délivré le 17 décembre 2026", "CCP-2026-000123", is.Code("CCP-2026-000123"), "UCANSS", "Institut 4.10"}},
		{sampleCQP(), []string{"Certificat de qualification professionnelle", "LEFÈVRE Élodie, né·e le 14/07/1988",
			"Conseiller offres de services de la Sécurité sociale", "RNCP35543", "Délivré le 18 décembre 2026",
			"CQP-2026-000045", is.Code("CQP-2026-000045")}},
	} {
		path, _ := writePDF(t, tc.c)
		out, err := exec.Command(pdftotext, "-raw", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, w := range tc.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s : %q absent du texte :\n%s", tc.c.Number, w, text)
			}
		}
		if tc.c.Kind == CQP && strings.Contains(text, "Bloc") {
			t.Errorf("un certificat de CQP ne nomme pas de bloc :\n%s", text)
		}
	}
}

func TestPDFUnknownBlockTitlePrintsBlocN(t *testing.T) {
	pdftotext := tool(t, "pdftotext")
	c := sampleCCP()
	c.Block.Title = ""
	path, _ := writePDF(t, c)
	out, _ := exec.Command(pdftotext, "-raw", path, "-").Output()
	if !strings.Contains(string(out), "Bloc 2\n") || strings.Contains(string(out), "compléter") {
		t.Errorf("bloc sans intitulé :\n%s", out)
	}
}

func TestPDFIsDeterministicAndA4(t *testing.T) {
	is := testIssuer()
	a := must(is.PDFBytes(sampleCCP()))
	for range 10 { // map order varies from run to run
		if !bytes.Equal(a, must(is.PDFBytes(sampleCCP()))) {
			t.Fatal("deux PDF du même certificat diffèrent")
		}
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20261217")) {
		t.Error("date de création : celle de la délivrance attendue")
	}
	if !bytes.Contains(a, []byte("/MediaBox [0 0 595.28 841.89]")) {
		t.Error("format A4 attendu")
	}
}

// The QR code is an image of the page; rendered by poppler, it decodes to the
// verification URL, whose payload verifies.
func TestPDFQRCodeDecodesToVerificationURL(t *testing.T) {
	pdftoppm := tool(t, "pdftoppm")
	is := testIssuer()
	path, data := writePDF(t, sampleCCP())
	if _, err := exec.Command(tool(t, "pdfimages"), "-list", path).Output(); err != nil {
		t.Fatal(err)
	}
	prefix := filepath.Join(t.TempDir(), "page")
	// 200 dpi, cropped to the QR code and its margin (140 to 195 mm, 215 to 270 mm).
	px := func(mm float64) string { return strconv.Itoa(int(mm / 25.4 * 200)) }
	args := []string{"-r", "200", "-png", "-singlefile", "-x", px(140), "-y", px(215), "-W", px(55), "-H", px(55), path, prefix}
	if out, err := exec.Command(pdftoppm, args...).CombinedOutput(); err != nil {
		t.Fatalf("%v : %s", err, out)
	}
	f, err := os.Open(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	bmp, _ := gozxing.NewBinaryBitmapFromImage(img)
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("code QR illisible : %v", err)
	}
	want := must(is.VerificationURL(sampleCCP()))
	if res.GetText() != want {
		t.Fatalf("code QR : %q, attendu %q", res.GetText(), want)
	}
	cl, form, err := Check(pub(is), data)
	if err != nil || form != FormPDF || cl != sampleCCP().Claims() {
		t.Errorf("Check du PDF : %v %v %+v", form, err, cl)
	}
}
