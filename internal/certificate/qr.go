package certificate

import (
	"bytes"
	"image"
	"image/color"
	"image/png"

	"github.com/boombuler/barcode/qr"
)

// quietZone is the white margin around a QR code, in modules.
const quietZone = 4

// qrPNG draws content as a QR code, one pixel per module (the PDF scales it
// without smoothing), with its quiet zone. Level M tolerates 15 % damage.
func qrPNG(content string) ([]byte, error) {
	code, err := qr.Encode(content, qr.M, qr.Auto)
	if err != nil {
		return nil, err
	}
	n := code.Bounds().Dx()
	img := image.NewGray(image.Rect(0, 0, n+2*quietZone, n+2*quietZone))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for y := range n {
		for x := range n {
			if r, _, _, _ := code.At(x, y).RGBA(); r < 0x8000 {
				img.SetGray(x+quietZone, y+quietZone, color.Gray{})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
