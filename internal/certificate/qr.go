package certificate

import (
	"encoding/hex"
	"strconv"

	"codeberg.org/go-pdf/fpdf"
	qrcode "github.com/piglig/go-qr"
)

// quietZone is the white margin around a QR code, in modules.
const quietZone = 4

// qrCode is an encoded QR code: its side in modules and whether each module
// is dark, row by row.
type qrCode struct {
	size int
	dark []bool
}

// encodeQR encodes content as a QR code, byte mode, with error correction M
// at least (15 % of damage tolerated; more when the version chosen has room
// for it), the mask of the lowest penalty (ISO/IEC 18004).
func encodeQR(content string) (qrCode, error) {
	code, err := qrcode.EncodeText(content, qrcode.Medium)
	if err != nil {
		return qrCode{}, err
	}
	q := qrCode{size: code.Size(), dark: make([]bool, code.Size()*code.Size())}
	for y := range q.size {
		for x := range q.size {
			q.dark[y*q.size+x] = code.Module(x, y)
		}
	}
	return q, nil
}

// drawQR draws the code in a square of side mm (its quiet zone included)
// whose top left corner is x, y: an image mask of one bit a module, dark ones
// painted black, inline in the page (hexadecimal, a few hundred bytes). No
// PNG is encoded nor decoded, nothing is compressed, and no viewer smooths
// it (a mask is not interpolated unless it asks to be).
func drawQR(doc *fpdf.Fpdf, q qrCode, x, y, side float64) {
	module := side / float64(q.size+2*quietZone)
	_, pageHeight := doc.GetPageSize()
	pt := doc.UnitToPointConvert
	num := func(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'f', 4, 64) }
	b := []byte("q 0 g ")
	b = num(b, pt(module*float64(q.size)))
	b = append(b, " 0 0 "...)
	b = num(b, pt(module*float64(q.size)))
	b = append(b, ' ')
	b = num(b, pt(x+quietZone*module))
	b = append(b, ' ')
	b = num(b, pt(pageHeight-y-quietZone*module-module*float64(q.size)))
	b = append(b, " cm\nBI /W "...)
	b = strconv.AppendInt(b, int64(q.size), 10)
	b = append(b, " /H "...)
	b = strconv.AppendInt(b, int64(q.size), 10)
	b = append(b, " /IM true /BPC 1 /D [1 0] /F /AHx ID\n"...)
	row := make([]byte, (q.size+7)/8)
	for y := range q.size {
		clear(row)
		for x := range q.size {
			if q.dark[y*q.size+x] {
				row[x/8] |= 0x80 >> (x % 8)
			}
		}
		b = hex.AppendEncode(b, row)
		b = append(b, '\n')
	}
	b = append(b, "> EI Q"...)
	doc.RawWriteStr(string(b))
}
