package certificate

import (
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
// whose top left corner is x, y: one path filled in black, a rectangle for
// each run of dark modules of a row, in a coordinate system of one unit a
// module. No image is encoded nor decoded, and it prints sharp at any scale.
func drawQR(doc *fpdf.Fpdf, q qrCode, x, y, side float64) {
	module := side / float64(q.size+2*quietZone)
	_, pageHeight := doc.GetPageSize()
	pt := doc.UnitToPointConvert
	num := func(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'f', 4, 64) }
	b := []byte("q 0 g ")
	b = num(b, pt(module))
	b = append(b, " 0 0 "...)
	b = num(b, -pt(module))
	b = append(b, ' ')
	b = num(b, pt(x+quietZone*module))
	b = append(b, ' ')
	b = num(b, pt(pageHeight-y-quietZone*module))
	b = append(b, " cm\n"...)
	for row := range q.size {
		for col := 0; col < q.size; {
			if !q.dark[row*q.size+col] {
				col++
				continue
			}
			run := col
			for run < q.size && q.dark[row*q.size+run] {
				run++
			}
			b = strconv.AppendInt(b, int64(col), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(row), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(run-col), 10)
			b = append(b, " 1 re\n"...)
			col = run
		}
	}
	b = append(b, "f Q"...)
	doc.RawWriteStr(string(b))
}
