package certificate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// The names printed on every certificate.
const (
	Certifier     = "UCANSS – Union des caisses nationales de sécurité sociale"
	ExamOffice    = "Institut 4.10"
	payloadMarker = "certibloc-verification:"
)

// PDF writes the certificate, A4, to w. The same certificate always gives the
// same bytes: the document's dates are the issue date, nothing reads the clock.
// The verification payload is also in the document's keywords, for Check.
// It prints with the Windows-1252 cut of its fonts when all its text is in
// that code page, in a few milliseconds, with the whole fonts otherwise
// (fonts.go).
func (is Issuer) PDF(w io.Writer, c Certificate) error {
	payload, err := is.Payload(c)
	if err != nil {
		return err
	}
	link := verificationURL(is.BaseURL, payload)
	qr, err := encodeQR(link)
	if err != nil {
		return fmt.Errorf("code QR : %w", err)
	}
	v := verification{link: link, qr: qr, code: is.Code(c.Number),
		note: "Vérifier ce certificat : lisez le code QR, ou saisissez le code imprimé sous lui sur " + is.BaseURL +
			"/verifier. La page indique s'il est valide, révoqué ou remplacé."}
	lines := certificateLines(c, c.Claims())
	texts := []string{v.code, v.note}
	for _, l := range lines {
		texts = append(texts, l.s)
	}
	face := faceFor(texts...)
	doc := fpdf.New("P", "mm", "A4", "")
	doc.SetCatalogSort(true)  // fonts in a fixed order: same input, same bytes
	doc.SetCompression(false) // the page is a few kilobytes; a deflater costs a megabyte and most of a millisecond to set up
	doc.SetCreationDate(c.IssuedOn.Time())
	doc.SetModificationDate(c.IssuedOn.Time())
	doc.SetTitle(c.Kind.Title()+" "+c.Number, true)
	doc.SetAuthor(Certifier, true)
	doc.SetCreator("certibloc", false)
	doc.SetProducer("certibloc", false)
	doc.SetKeywords(payloadMarker+payload, false)
	doc.SetLang("fr-FR")
	face.add(doc)
	doc.SetMargins(20, 20, 20)
	doc.SetAutoPageBreak(false, 0)
	doc.AddPage()
	drawCertificate(doc, face, lines)
	drawVerification(doc, face, v)
	if err := doc.Error(); err != nil {
		return fmt.Errorf("PDF : %w", err)
	}
	return doc.Output(w)
}

// PDFBytes is PDF into memory.
func (is Issuer) PDFBytes(c Certificate) ([]byte, error) {
	var buf bytes.Buffer
	if err := is.PDF(&buf, c); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// layout names what PDF prints besides the certificate's facts: change it
// with the layout, and the PDFs kept with an older fingerprint are rendered
// again when downloaded.
const layout = "certibloc/pdf/1"

// Fingerprint identifies what the certificate's PDF prints: its signed
// payload (the facts, under the platform's key), its status and replacement
// and the verification address, in this layout. A PDF kept with its
// fingerprint still is the certificate while the two are equal.
func (is Issuer) Fingerprint(c Certificate) (string, error) {
	payload, err := is.Payload(c)
	if err != nil {
		return "", err
	}
	status := c.Status
	if status == "" {
		status = Valid
	}
	sum := sha256.Sum256([]byte(strings.Join([]string{layout, payload, is.BaseURL, string(status), c.ReplacedBy}, "\x00")))
	return hex.EncodeToString(sum[:]), nil
}

const pageWidth = 210.0

// line is a paragraph of the certificate, centred: the space above it (mm),
// its size (pt), weight, line height (mm) and colour.
type line struct {
	gap, size float64
	bold      bool
	h         float64
	color     rgb
	s         string
}

type rgb struct{ r, g, b int }

var (
	navy  = rgb{0, 51, 102}
	black = rgb{}
	red   = rgb{160, 0, 0}
)

// certificateLines is what the certificate says, from the top of the page.
func certificateLines(c Certificate, cl Claims) []line {
	var out []line
	gap, color := 0.0, navy
	text := func(size float64, bold bool, h float64, s string) {
		out = append(out, line{gap: gap, size: size, bold: bold, h: h, color: color, s: s})
		gap = 0
	}
	text(11, true, 6, Certifier)
	text(9, false, 5, "Certificateur, avec la CPNEFP du régime général de sécurité sociale")
	text(9, false, 5, "Organisation des examens : "+ExamOffice)
	gap = 14
	text(19, true, 10, c.Kind.Title())
	gap, color = 10, black
	text(11, false, 6, "est délivré à")
	gap = 2
	text(15, true, 8, cl.Holder)
	gap = 8
	if c.Kind == CCP {
		text(11, false, 6, "pour le bloc de compétences")
		text(13, true, 7, c.Block.Label())
		if c.Block.RNCP != "" {
			text(10, false, 6, "Code RNCP du bloc : "+c.Block.RNCP)
		}
		gap = 4
		text(11, false, 6, "du certificat de qualification professionnelle")
	} else {
		text(11, false, 6, "pour la qualification professionnelle")
	}
	text(13, true, 7, c.Qualification.Title)
	if c.Qualification.RNCP != "" {
		text(10, false, 6, "Enregistré au RNCP sous le numéro "+c.Qualification.RNCP)
	}
	gap = 10
	text(11, false, 6, "sur décision du jury paritaire national du "+FrenchDate(c.JuryDate)+".")
	gap = 4
	text(11, false, 6, "Délivré le "+FrenchDate(c.IssuedOn))
	text(11, true, 6, "Certificat n° "+c.Number)
	color = red
	switch c.Status {
	case Revoked:
		text(13, true, 8, "Certificat révoqué")
	case Replaced:
		text(13, true, 8, "Certificat remplacé par le n° "+c.ReplacedBy)
	}
	return out
}

// drawCertificate draws the frame and the lines, centred down the page.
func drawCertificate(doc *fpdf.Fpdf, face typeface, lines []line) {
	doc.SetDrawColor(navy.r, navy.g, navy.b)
	doc.SetLineWidth(1.2)
	doc.Rect(10, 10, pageWidth-20, 277, "D")
	doc.SetY(22)
	for _, l := range lines {
		if l.gap > 0 {
			doc.Ln(l.gap)
		}
		style := ""
		if l.bold {
			style = "B"
		}
		doc.SetTextColor(l.color.r, l.color.g, l.color.b)
		doc.SetFont(Font, style, l.size)
		doc.MultiCell(0, l.h, face.text(l.s), "", "C", false)
	}
	doc.SetTextColor(0, 0, 0)
}

// verification is how to verify the certificate: the address its QR code
// encodes, the short code printed under it, and the note beside it.
type verification struct {
	link, code, note string
	qr               qrCode
}

// drawVerification puts the QR code bottom right (a link to the
// verification page), the short code under it and the note beside it.
func drawVerification(doc *fpdf.Fpdf, face typeface, v verification) {
	const size, x, y = 45.0, pageWidth - 20 - 45, 220.0
	drawQR(doc, v.qr, x, y, size)
	doc.LinkString(x, y, size, size, v.link)
	doc.SetFont(Font, "B", 10)
	doc.SetXY(x, y+size+1)
	doc.CellFormat(size, 5, face.text(v.code), "", 0, "C", false, 0, "")
	doc.SetFont(Font, "", 9)
	doc.SetXY(20, y+8)
	doc.MultiCell(x-25, 5, face.text(v.note), "", "L", false)
}
