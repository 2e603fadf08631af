package certificate

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"image"
	_ "image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/pdftest"

	"codeberg.org/go-pdf/fpdf"
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
		{sampleCCP(), []string{"Certificat de compétences professionnelles", "MARTIN (DURAND) Léa, née le 03/02/1991",
			"Bloc 2 – Traiter les dossiers et les réclamations des assurés", "RNCP35729BC02",
			"Gestionnaire conseil de la Sécurité sociale", "RNCP35729", "jury paritaire national du 17 décembre 2026",
			"Délivré le 17 décembre 2026", "CCP-2026-000123", is.Code("CCP-2026-000123"), "UCANSS", "Institut 4.10"}},
		{sampleCQP(), []string{"Certificat de qualification professionnelle", "LEFÈVRE Élodie, née le 14/07/1988",
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
	for _, c := range []Certificate{sampleCCP(), polishHolder()} { // both embeddings of the fonts
		first := must(is.PDFBytes(c))
		for range 10 { // map order varies from run to run
			if !bytes.Equal(first, must(is.PDFBytes(c))) {
				t.Fatalf("%s : deux PDF du même certificat diffèrent", c.Holder.FirstName)
			}
		}
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20261217")) {
		t.Error("date de création : celle de la délivrance attendue")
	}
	if !bytes.Contains(a, []byte("/MediaBox [0 0 595.28 841.89]")) {
		t.Error("format A4 attendu")
	}
}

// The QR code is an image mask of its modules, inline in the page (no PNG),
// never interpolated; rendered by poppler, it decodes to the verification
// URL, whose payload verifies.
func TestPDFQRCodeDecodesToVerificationURL(t *testing.T) {
	pdftoppm := tool(t, "pdftoppm")
	is := testIssuer()
	path, data := writePDF(t, sampleCCP())
	images, err := exec.Command(tool(t, "pdfimages"), "-list", path).Output()
	lines := strings.Split(strings.TrimSpace(string(images)), "\n")
	qr := must(encodeQR(must(is.VerificationURL(sampleCCP()))))
	if size := strconv.Itoa(qr.size); err != nil || len(lines) != 3 || !slices.Equal(strings.Fields(lines[2])[2:10], []string{"stencil", size, size, "-", "1", "1", "image", "no"}) {
		t.Errorf("code QR : un masque d'un bit par module, non interpolé, attendu : %v\n%s", err, images)
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

// polishHolder is sampleCCP held by a Łucja: a letter outside Windows-1252.
func polishHolder() Certificate {
	c := sampleCCP()
	c.Holder.FirstName = "Łucja"
	return c
}

// A certificate whose text is all in Windows-1252 embeds the fonts cut to
// that code page (fast); one with a name outside it, the whole Unicode
// fonts: either way pdftotext reads every letter back, accents included.
func TestPDFEmbedsTheFontsThatPrintItsText(t *testing.T) {
	pdffonts := tool(t, "pdffonts")
	for _, tc := range []struct {
		c        Certificate
		encoding string
		name     string
	}{
		{sampleCCP(), "WinAnsi", "MARTIN (DURAND) Léa, née le 03/02/1991"},
		{polishHolder(), "Identity-H", "MARTIN (DURAND) Łucja, née le 03/02/1991"},
	} {
		path, _ := writePDF(t, tc.c)
		fonts, err := exec.Command(pdffonts, path).Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(fonts), "\n")[2:] {
			if l != "" && (!strings.Contains(l, tc.encoding) || !strings.Contains(l, " yes ")) {
				t.Errorf("%s : police %q, attendue %s et embarquée", tc.c.Holder.FirstName, l, tc.encoding)
			}
		}
		if text := pdftest.Text(t, path); !strings.Contains(text, tc.name) || !strings.Contains(text, "Délivré le 17 décembre 2026") {
			t.Errorf("%s : texte lu\n%s", tc.c.Holder.FirstName, text)
		}
	}
}

// Each printable character of Windows-1252 has its glyph in the cut fonts,
// with the width fpdf lays it out with.
func TestWinAnsiFontsHaveEveryCharacterOfTheCodePage(t *testing.T) {
	for _, f := range []struct{ def, z []byte }{{winAnsiRegularDef, winAnsiRegular}, {winAnsiBoldDef, winAnsiBold}} {
		var def struct{ Cw []int }
		if err := json.Unmarshal(f.def, &def); err != nil || len(def.Cw) != 256 {
			t.Fatalf("définition : %v", err)
		}
		zr, err := zlib.NewReader(bytes.NewReader(f.z))
		if err != nil {
			t.Fatal(err)
		}
		ttf := pdftest.Write(t, "font.ttf", must(io.ReadAll(zr)))
		parsed, err := fpdf.TtfParse(ttf)
		if err != nil {
			t.Fatal(err)
		}
		for r, b := range winAnsi {
			glyph, ok := parsed.Chars[uint16(r)]
			if !ok || glyph == 0 {
				t.Errorf("%s : %q (0x%X) sans glyphe", parsed.PostScriptName, r, b)
				continue
			}
			if want := int(math.Round(float64(parsed.Widths[glyph]) * 1000 / float64(parsed.UnitsPerEm))); def.Cw[b] != want {
				t.Errorf("%s : %q large de %d, %d attendu", parsed.PostScriptName, r, def.Cw[b], want)
			}
		}
	}
}

// The fingerprint of a certificate's PDF is the same for the same
// certificate, and changes with anything it prints: a fact, the status, the
// replacement, the verification address.
func TestFingerprintChangesWithWhatThePDFPrints(t *testing.T) {
	is := testIssuer()
	base := must(is.Fingerprint(sampleCCP()))
	if again := must(is.Fingerprint(sampleCCP())); again != base {
		t.Fatal("deux empreintes du même certificat diffèrent")
	}
	valid := sampleCCP()
	valid.Status = Valid
	if must(is.Fingerprint(valid)) != base {
		t.Error("un statut vide vaut valide")
	}
	elsewhere := is
	elsewhere.BaseURL = "https://ailleurs.example.fr"
	revoked, replaced, renamed := sampleCCP(), sampleCCP(), sampleCCP()
	revoked.Status = Revoked
	replaced.Status, replaced.ReplacedBy = Replaced, "CCP-2026-000124"
	renamed.Block.Title = "Accueillir les assurés"
	seen := map[string]string{base: "le certificat"}
	for what, fp := range map[string]string{"révoqué": must(is.Fingerprint(revoked)), "remplacé": must(is.Fingerprint(replaced)),
		"intitulé du bloc": must(is.Fingerprint(renamed)), "adresse": must(elsewhere.Fingerprint(sampleCCP()))} {
		if other, ok := seen[fp]; ok {
			t.Errorf("%s : même empreinte que %s", what, other)
		}
		seen[fp] = what
	}
}
