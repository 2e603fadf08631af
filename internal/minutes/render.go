package minutes

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"certibloc/internal/certif"
	"certibloc/internal/certificate"
	"certibloc/internal/clock"
)

// Minutes is what the procès-verbal of a national jury records.
type Minutes struct {
	JuryDay    certif.Date
	Start, End string // "10:00", "13:00" (Paris), "" when unknown
	Certifier  string // certificate.Certifier when empty
	Seats      []certif.NationalSeat
	Lines      []Line    // in the order printed: by CQP, employer, candidate
	At         time.Time // when the minutes are drawn up: the document's date
}

// Line is one decision as the minutes print it.
type Line struct {
	Qualification string // the CQP's official title
	Employer      string // its name
	Candidate     string // as the lists show it
	Block         int
	BlockTitle    string // "" while the block's official title is unknown
	Proposal      certif.Proposal
	Decision      certif.Decision
	Reason        string
}

// Title is "Procès-verbal du jury paritaire national du 17 décembre 2026".
func (m Minutes) Title() string {
	return "Procès-verbal du jury paritaire national du " + certificate.FrenchDate(m.JuryDay)
}

// Totals counts the decisions by kind.
func (m Minutes) Totals() map[certif.Decision]int {
	out := map[certif.Decision]int{}
	for _, l := range m.Lines {
		out[l.Decision]++
	}
	return out
}

// block is "Bloc 2 – Title", or "Bloc 2" while the title is unknown.
func (l Line) block() string {
	return certificate.Block{Number: l.Block, Title: l.BlockTitle}.Label()
}

// Page layout, in millimetres.
const (
	pageW, pageH = 210.0, 297.0
	margin       = 18.0
	bottom       = pageH - 20 // the footer lies below
	lineH        = 4.6
)

// columns of the decisions' table: candidate, block, proposal, decision.
var columns = []struct {
	title string
	width float64
}{{"Candidat", 48}, {"Bloc de compétences", 68}, {"Proposition du jury professionnel", 29}, {"Décision", 29}}

// Render writes the minutes, A4, as an unsigned PDF.
func Render(m Minutes) ([]byte, error) {
	if m.Certifier == "" {
		m.Certifier = certificate.Certifier
	}
	doc := fpdf.New("P", "mm", "A4", "")
	doc.SetCatalogSort(true)
	doc.SetCreationDate(m.At)
	doc.SetModificationDate(m.At)
	doc.SetTitle(m.Title(), true)
	doc.SetAuthor(m.Certifier, true)
	doc.SetCreator("certibloc", false)
	doc.SetProducer("certibloc", false)
	doc.SetLang("fr-FR")
	certificate.AddFonts(doc)
	doc.SetMargins(margin, margin, margin)
	doc.SetAutoPageBreak(false, 0)
	doc.AliasNbPages("{nb}")
	doc.SetFooterFunc(func() {
		doc.SetY(pageH - 14)
		doc.SetFont(certificate.Font, "", 8)
		doc.SetTextColor(90, 90, 90)
		doc.CellFormat(0, 4, m.Title()+" – page "+strconv.Itoa(doc.PageNo())+" sur {nb}", "", 0, "C", false, 0, "")
		doc.SetTextColor(0, 0, 0)
	})
	w := &writer{doc: doc}
	doc.AddPage()
	w.head(m)
	w.composition(m.Seats)
	w.decisions(m.Lines)
	w.totals(m)
	if err := doc.Error(); err != nil {
		return nil, fmt.Errorf("PDF : %w", err)
	}
	var buf bytes.Buffer
	if err := doc.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writer draws the minutes down the pages.
type writer struct{ doc *fpdf.Fpdf }

func (w *writer) font(size float64, bold bool) {
	style := ""
	if bold {
		style = "B"
	}
	w.doc.SetFont(certificate.Font, style, size)
}

// text writes a paragraph the width of the page.
func (w *writer) text(size float64, bold bool, align, s string) {
	w.font(size, bold)
	w.room(lineH * float64(len(w.doc.SplitText(s, pageW-2*margin))))
	w.doc.MultiCell(0, lineH+0.4, s, "", align, false)
}

// heading starts a section, never alone at the bottom of a page.
func (w *writer) heading(s string) {
	w.room(4 * lineH)
	w.doc.Ln(3)
	w.font(12, true)
	w.doc.SetTextColor(0, 51, 102)
	w.doc.MultiCell(0, 6, s, "", "L", false)
	w.doc.SetTextColor(0, 0, 0)
	w.doc.Ln(1)
}

// room starts a new page unless h millimetres are left on this one; it
// reports whether it did.
func (w *writer) room(h float64) bool {
	if w.doc.GetY()+h <= bottom {
		return false
	}
	w.doc.AddPage()
	return true
}

func (w *writer) head(m Minutes) {
	w.doc.SetTextColor(0, 51, 102)
	w.text(10, true, "C", m.Certifier)
	w.text(8.5, false, "C", "Certificateur, avec la CPNEFP du régime général de sécurité sociale – organisation des examens : "+certificate.ExamOffice)
	w.doc.Ln(6)
	w.text(15, true, "C", m.Title())
	w.doc.SetTextColor(0, 0, 0)
	w.doc.Ln(4)
	when := "le " + m.JuryDay.FrenchLong()
	if m.Start != "" && m.End != "" {
		when += ", de " + certif.FrenchClock(m.Start) + " à " + certif.FrenchClock(m.End)
	}
	w.text(10, false, "L", "Le jury paritaire national s'est réuni "+when+". Il a délibéré sur les propositions des jurys "+
		"professionnels dont il était saisi et a pris les décisions consignées ci-dessous, définitives une fois ce procès-verbal signé.")
}

// hour is "10:00" as "10 h 00".
func (w *writer) composition(seats []certif.NationalSeat) {
	w.heading("Composition paritaire du jury")
	sat := 0
	for _, side := range []certif.Side{certif.SideEmployer, certif.SideEmployee} {
		var names []string
		for _, s := range seats {
			if s.Side != side {
				continue
			}
			name := s.Name
			if s.President {
				name += ", " + certif.Agreed(s.Sex, "président", "présidente") + " du jury"
			}
			if s.Sat {
				sat++
			} else {
				name += " (" + certif.Agreed(s.Sex, "absent", "absente") + ")"
			}
			names = append(names, name)
		}
		label := "Représentants des employeurs"
		if side == certif.SideEmployee {
			label = "Représentants des salariés"
		}
		if len(names) == 0 {
			names = []string{"aucun"}
		}
		w.text(10, true, "L", label)
		w.text(10, false, "L", strings.Join(names, " ; ")+".")
		w.doc.Ln(1)
	}
	w.text(10, false, "L", certif.Count(sat, "membre a siégé", "membres ont siégé")+" sur "+strconv.Itoa(len(seats))+".")
}

func (w *writer) decisions(lines []Line) {
	w.heading("Décisions")
	if len(lines) == 0 {
		w.text(10, false, "L", "Aucune décision.")
		return
	}
	group := ""
	for i, l := range lines {
		if g := "CQP " + l.Qualification + " – " + l.Employer; g != group || i == 0 {
			group = g
			w.room(3 * lineH * 3)
			w.doc.Ln(2)
			w.text(10, true, "L", g)
			w.tableHead()
		}
		w.row(l, group)
	}
}

func (w *writer) tableHead() {
	w.font(8, true)
	w.doc.SetFillColor(226, 233, 242)
	n := 1
	for _, c := range columns {
		n = max(n, len(w.doc.SplitText(c.title, c.width)))
	}
	h := float64(n)*(lineH-0.6) + 1.2
	x, y := margin, w.doc.GetY()
	for _, c := range columns {
		w.doc.Rect(x, y, c.width, h, "FD")
		w.doc.SetXY(x, y+0.6)
		w.doc.MultiCell(c.width, lineH-0.6, c.title, "", "L", false)
		x += c.width
	}
	w.doc.SetXY(margin, y+h)
}

// row prints a decision, its reason below when it has one, on a new page
// (under the group's title and the table's head again) when it does not fit.
func (w *writer) row(l Line, group string) {
	w.font(8.5, false)
	cells := [][]string{w.doc.SplitText(l.Candidate, columns[0].width), w.doc.SplitText(l.block(), columns[1].width),
		w.doc.SplitText(l.Proposal.Label(), columns[2].width), w.doc.SplitText(l.Decision.Label(), columns[3].width)}
	n := 1
	for _, c := range cells {
		n = max(n, len(c))
	}
	var reason []string
	if r := strings.TrimSpace(l.Reason); r != "" {
		reason = w.doc.SplitText("Motif : "+r, pageW-2*margin)
	}
	h := float64(n)*lineH + 1.5
	full := h + float64(len(reason))*lineH
	if w.room(full) {
		w.text(10, true, "L", group+" (suite)")
		w.tableHead()
		w.font(8.5, false)
	}
	x, y := margin, w.doc.GetY()
	for i, c := range cells {
		w.doc.Rect(x, y, columns[i].width, h, "D")
		bold := i == 3
		w.font(8.5, bold)
		for k, s := range c {
			w.doc.SetXY(x, y+0.75+float64(k)*lineH)
			w.doc.CellFormat(columns[i].width, lineH, s, "", 0, "L", false, 0, "")
		}
		x += columns[i].width
	}
	w.doc.SetXY(margin, y+h)
	if len(reason) > 0 {
		w.font(8.5, false)
		w.doc.Rect(margin, y+h, pageW-2*margin, float64(len(reason))*lineH+1, "D")
		for k, s := range reason {
			w.doc.SetXY(margin, y+h+0.5+float64(k)*lineH)
			w.doc.CellFormat(pageW-2*margin, lineH, s, "", 0, "L", false, 0, "")
		}
		w.doc.SetXY(margin, y+h+float64(len(reason))*lineH+1)
	}
}

func (w *writer) totals(m Minutes) {
	t := m.Totals()
	w.heading("Récapitulatif")
	w.text(10, false, "L", certif.Count(len(m.Lines), "décision", "décisions")+" : "+
		certif.Count(t[certif.DecisionValidated], "bloc validé", "blocs validés")+", "+
		certif.Count(t[certif.DecisionNotValidated], "bloc non validé", "blocs non validés")+", "+
		certif.Count(t[certif.DecisionAbsent], "candidat absent", "candidats absents")+".")
	w.doc.Ln(4)
	w.text(10, false, "L", "Procès-verbal établi le "+certificate.FrenchDate(certif.DateOf(m.At.In(clock.Paris)))+
		" et signé électroniquement par le certificateur, "+m.Certifier+" : la signature numérique du document en garantit l'intégrité.")
}
