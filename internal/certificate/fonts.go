package certificate

import (
	_ "embed"
	"strings"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// DejaVu Sans (Debian's fonts-dejavu-core 2.37, licence in
// fonts/LICENSE-DejaVu.txt) has every French accent and ligature. Each face
// is embedded two ways:
//   - whole (the .ttf), a Unicode font that fpdf parses and subsets for each
//     document: any text prints, at some ten milliseconds a document;
//   - cut down to the glyphs of the Windows-1252 code page, without hinting
//     (the -WinAnsi .json and .z, made by scripts/gen-fonts.sh): every French
//     word and most European names, embedded as they are, in a fraction of a
//     millisecond.
//
// A certificate prints with the second whenever all its text is in the code
// page, with the first otherwise; the minutes always print with the first.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
	//go:embed fonts/DejaVuSans-WinAnsi.json
	winAnsiRegularDef []byte
	//go:embed fonts/DejaVuSans-WinAnsi.z
	winAnsiRegular []byte
	//go:embed fonts/DejaVuSans-Bold-WinAnsi.json
	winAnsiBoldDef []byte
	//go:embed fonts/DejaVuSans-Bold-WinAnsi.z
	winAnsiBold []byte
)

// Font is the family AddFonts registers, regular ("") and bold ("B").
const Font = "DejaVu"

// AddFonts embeds DejaVu Sans, regular and bold, in a document as Unicode
// fonts: any text prints. The minutes of the national juries use it too.
func AddFonts(doc *fpdf.Fpdf) {
	doc.AddUTF8FontFromBytes(Font, "", fontRegular)
	doc.AddUTF8FontFromBytes(Font, "B", fontBold)
}

// addWinAnsiFonts embeds the Windows-1252 cut of DejaVu Sans, regular and
// bold, under the same family: text is then given in that code page (toWinAnsi).
func addWinAnsiFonts(doc *fpdf.Fpdf) {
	doc.AddFontFromBytes(Font, "", winAnsiRegularDef, winAnsiRegular)
	doc.AddFontFromBytes(Font, "B", winAnsiBoldDef, winAnsiBold)
}

// typeface is how a document gets its fonts and what it gives fpdf to print.
type typeface struct {
	add  func(*fpdf.Fpdf)
	text func(string) string
}

var (
	unicodeFace = typeface{add: AddFonts, text: func(s string) string { return s }}
	winAnsiFace = typeface{add: addWinAnsiFonts, text: toWinAnsi}
)

// faceFor is the Windows-1252 typeface when every text is in the code page,
// the Unicode one otherwise.
func faceFor(texts ...string) typeface {
	for _, s := range texts {
		for _, r := range norm.NFC.String(s) {
			if _, ok := winAnsi[r]; !ok {
				return unicodeFace
			}
		}
	}
	return winAnsiFace
}

// winAnsi is the byte of each printable character of Windows-1252 (its
// control codes and unassigned bytes aside).
var winAnsi = func() map[rune]byte {
	out := map[rune]byte{}
	for b := 0x20; b <= 0xff; b++ {
		if r := charmap.Windows1252.DecodeByte(byte(b)); r != unicode.ReplacementChar && !unicode.IsControl(r) {
			out[r] = byte(b)
		}
	}
	return out
}()

// toWinAnsi is s in Windows-1252, composed first (an accent typed apart from
// its letter is the letter's accented form); faceFor checked that it is in
// the code page.
func toWinAnsi(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		b.WriteByte(winAnsi[r])
	}
	return b.String()
}
