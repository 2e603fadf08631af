package blob

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"

	"certibloc/internal/certif"
)

// MaxSize bounds an evidence file.
const MaxSize = 20 << 20

// Checked is a file read and recognised from its content.
type Checked struct {
	Name    string
	Type    string // the media type detected, one of the accepted ones
	Size    int64
	SHA256  string
	Content []byte
}

// The media types accepted, detected from the content.
const (
	TypePDF  = "application/pdf"
	TypePNG  = "image/png"
	TypeJPEG = "image/jpeg"
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	TypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	TypePPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
	TypeODT  = "application/vnd.oasis.opendocument.text"
	TypeODS  = "application/vnd.oasis.opendocument.spreadsheet"
	TypeODP  = "application/vnd.oasis.opendocument.presentation"
)

// Accepted says in French what Check accepts.
const Accepted = "PDF, images PNG ou JPEG, documents Word, Excel, PowerPoint ou OpenDocument"

// Check reads a file of at most max bytes (MaxSize when 0), stopping as soon
// as it is over, and recognises it from its content: PDF, PNG, JPEG, or an
// office document (OOXML or ODF: a zip holding the entry of its kind).
// Anything else, or an empty or too large file, is refused with a French
// message naming the file.
func Check(name string, r io.Reader, max int64) (Checked, error) {
	if max <= 0 {
		max = MaxSize
	}
	name = cleanName(name)
	content, err := io.ReadAll(io.LimitReader(r, max+1))
	switch {
	case err != nil:
		return Checked{}, refuse(name, "illisible")
	case int64(len(content)) > max:
		return Checked{}, refuse(name, fmt.Sprintf("trop volumineux : %d Mo au plus", max>>20))
	case len(content) == 0:
		return Checked{}, refuse(name, "vide")
	}
	typ := detect(content)
	if typ == "" {
		return Checked{}, refuse(name, "d'un type refusé : seuls sont acceptés les "+Accepted)
	}
	sum := sha256.Sum256(content)
	return Checked{Name: name, Type: typ, Size: int64(len(content)), SHA256: hex.EncodeToString(sum[:]), Content: content}, nil
}

func refuse(name, why string) error {
	msg := fmt.Sprintf("Le fichier « %s » est %s.", name, why)
	return &certif.Error{Code: certif.EInvalid, Message: msg, Fields: map[string]string{"file": msg}}
}

// detect is the accepted type of content, "" if none: the magic numbers
// must agree with http.DetectContentType.
func detect(b []byte) string {
	sniffed := http.DetectContentType(b)
	switch {
	case bytes.HasPrefix(b, []byte("%PDF-")) && sniffed == TypePDF:
		return TypePDF
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) && sniffed == TypePNG:
		return TypePNG
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")) && sniffed == TypeJPEG:
		return TypeJPEG
	case bytes.HasPrefix(b, []byte("PK\x03\x04")) && sniffed == "application/zip":
		return office(b)
	}
	return ""
}

// office recognises an OOXML or ODF document by its inner entries.
func office(b []byte) string {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil || len(z.File) == 0 {
		return ""
	}
	if f := z.File[0]; f.Name == "mimetype" && f.UncompressedSize64 < 100 {
		rc, err := f.Open()
		if err != nil {
			return ""
		}
		defer rc.Close()
		m, _ := io.ReadAll(io.LimitReader(rc, 100))
		switch t := string(m); t {
		case TypeODT, TypeODS, TypeODP:
			return t
		}
		return ""
	}
	names := map[string]bool{}
	for _, f := range z.File {
		names[f.Name] = true
	}
	if !names["[Content_Types].xml"] {
		return ""
	}
	switch {
	case names["word/document.xml"]:
		return TypeDOCX
	case names["xl/workbook.xml"]:
		return TypeXLSX
	case names["ppt/presentation.xml"]:
		return TypePPTX
	}
	return ""
}

// cleanName keeps the base name of an uploaded file, without control
// characters or path separators, 120 characters at most.
func cleanName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' {
			return -1
		}
		return r
	}, strings.TrimSpace(name))
	if r := []rune(name); len(r) > 120 {
		name = string(r[len(r)-120:])
	}
	if name == "" {
		return "pièce"
	}
	return name
}
