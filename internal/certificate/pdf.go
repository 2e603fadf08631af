package certificate

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"
)

// DejaVu Sans (Debian's fonts-dejavu-core 2.37, licence in fonts/LICENSE-DejaVu.txt)
// has every French accent and ligature.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
)

// Font is the family AddFonts registers, regular ("") and bold ("B").
const Font = "DejaVu"

// AddFonts embeds DejaVu Sans, regular and bold, in a document: every
// French accent prints. The minutes of the national juries use it too.
func AddFonts(doc *fpdf.Fpdf) {
	doc.AddUTF8FontFromBytes(Font, "", fontRegular)
	doc.AddUTF8FontFromBytes(Font, "B", fontBold)
}

// The names printed on every certificate.
const (
	Certifier     = "UCANSS – Union des caisses nationales de sécurité sociale"
	ExamOffice    = "Institut 4.10"
	payloadMarker = "certibloc-verification:"
)

// PDF writes the certificate, A4, to w. The same certificate always gives the
// same bytes: the document's dates are the issue date, nothing reads the clock.
// The verification payload is also in the document's keywords, for Check.
func (is Issuer) PDF(w io.Writer, c Certificate) error {
	payload, err := is.Payload(c)
	if err != nil {
		return err
	}
	link := verificationURL(is.BaseURL, payload)
	png, err := qrPNG(link)
	if err != nil {
		return fmt.Errorf("code QR : %w", err)
	}
	cl := c.Claims()
	doc := fpdf.New("P", "mm", "A4", "")
	doc.SetCatalogSort(true) // fonts and images in a fixed order: same input, same bytes
	doc.SetCreationDate(c.IssuedOn.Time())
	doc.SetModificationDate(c.IssuedOn.Time())
	doc.SetTitle(c.Kind.Title()+" "+c.Number, true)
	doc.SetAuthor(Certifier, true)
	doc.SetCreator("certibloc", false)
	doc.SetProducer("certibloc", false)
	doc.SetKeywords(payloadMarker+payload, false)
	doc.SetLang("fr-FR")
	AddFonts(doc)
	doc.SetMargins(20, 20, 20)
	doc.SetAutoPageBreak(false, 0)
	doc.AddPage()
	drawCertificate(doc, c, cl)
	drawVerification(doc, is, c, link, png)
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

const pageWidth = 210.0

func drawCertificate(doc *fpdf.Fpdf, c Certificate, cl Claims) {
	text := func(size float64, bold bool, h float64, s string) {
		style := ""
		if bold {
			style = "B"
		}
		doc.SetFont(Font, style, size)
		doc.MultiCell(0, h, s, "", "C", false)
	}
	doc.SetDrawColor(0, 51, 102)
	doc.SetLineWidth(1.2)
	doc.Rect(10, 10, pageWidth-20, 277, "D")
	doc.SetTextColor(0, 51, 102)
	doc.SetY(22)
	text(11, true, 6, Certifier)
	text(9, false, 5, "Certificateur, avec la CPNEFP du régime général de sécurité sociale")
	text(9, false, 5, "Organisation des examens : "+ExamOffice)
	doc.Ln(14)
	text(19, true, 10, c.Kind.Title())
	doc.SetTextColor(0, 0, 0)
	doc.Ln(10)
	text(11, false, 6, "est délivré à")
	doc.Ln(2)
	text(15, true, 8, cl.Holder)
	doc.Ln(8)
	if c.Kind == CCP {
		text(11, false, 6, "pour le bloc de compétences")
		text(13, true, 7, c.Block.Label())
		if c.Block.RNCP != "" {
			text(10, false, 6, "Code RNCP du bloc : "+c.Block.RNCP)
		}
		doc.Ln(4)
		text(11, false, 6, "du certificat de qualification professionnelle")
	} else {
		text(11, false, 6, "pour la qualification professionnelle")
	}
	text(13, true, 7, c.Qualification.Title)
	if c.Qualification.RNCP != "" {
		text(10, false, 6, "Enregistré au RNCP sous le numéro "+c.Qualification.RNCP)
	}
	doc.Ln(10)
	text(11, false, 6, "sur décision du jury paritaire national du "+FrenchDate(c.JuryDate)+".")
	doc.Ln(4)
	text(11, false, 6, "Délivré le "+FrenchDate(c.IssuedOn))
	text(11, true, 6, "Certificat n° "+c.Number)
	switch c.Status {
	case Revoked:
		doc.SetTextColor(160, 0, 0)
		text(13, true, 8, "Certificat révoqué")
	case Replaced:
		doc.SetTextColor(160, 0, 0)
		text(13, true, 8, "Certificat remplacé par le n° "+c.ReplacedBy)
	}
	doc.SetTextColor(0, 0, 0)
}

// drawVerification puts the QR code bottom right, the short code under it and
// how to verify beside it.
func drawVerification(doc *fpdf.Fpdf, is Issuer, c Certificate, link string, png []byte) {
	const size, x, y = 45.0, pageWidth - 20 - 45, 220.0
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	doc.RegisterImageOptionsReader("qr", opt, bytes.NewReader(png))
	doc.ImageOptions("qr", x, y, size, size, false, opt, 0, link)
	doc.SetFont(Font, "B", 10)
	doc.SetXY(x, y+size+1)
	doc.CellFormat(size, 5, is.Code(c.Number), "", 0, "C", false, 0, "")
	doc.SetFont(Font, "", 9)
	doc.SetXY(20, y+8)
	doc.MultiCell(x-25, 5, "Vérifier ce certificat : lisez le code QR, ou saisissez le code "+
		"imprimé sous lui sur "+is.BaseURL+"/verifier. La page indique s'il est valide, révoqué ou remplacé.", "", "L", false)
}
