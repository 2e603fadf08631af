package blob_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"certibloc/internal/blob"
	"certibloc/internal/certif"
)

func zipOf(t *testing.T, entries ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for i := 0; i < len(entries); i += 2 {
		f, err := w.Create(entries[i])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(f, entries[i+1])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCheckRecognisesTheContentNotTheName(t *testing.T) {
	cases := []struct {
		name    string
		content []byte
		want    string // "" for refused
	}{
		{"rapport.pdf", []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), blob.TypePDF},
		{"photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), blob.TypePNG},
		{"photo.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), blob.TypeJPEG},
		{"dossier.docx", zipOf(t, "[Content_Types].xml", "<Types/>", "word/document.xml", "<w/>"), blob.TypeDOCX},
		{"tableau.xlsx", zipOf(t, "[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<w/>"), blob.TypeXLSX},
		{"note.odt", zipOf(t, "mimetype", blob.TypeODT, "content.xml", "<x/>"), blob.TypeODT},
		{"page.pdf", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), ""},
		{"image.png", []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`), ""},
		{"archive.docx", zipOf(t, "a.txt", "x"), ""},
		{"vide.pdf", nil, ""},
	}
	for _, c := range cases {
		got, err := blob.Check(c.name, bytes.NewReader(c.content), 0)
		if c.want == "" {
			if err == nil || !strings.Contains(certif.ErrorMessage(err), "« "+c.name+" »") {
				t.Errorf("%s accepted or unnamed: %+v %v", c.name, got.Type, err)
			}
			continue
		}
		if err != nil || got.Type != c.want || got.Size != int64(len(c.content)) || len(got.SHA256) != 64 {
			t.Errorf("%s: %q %v", c.name, got.Type, err)
		}
	}
	big := io.MultiReader(strings.NewReader("%PDF-1.4\n"), bytes.NewReader(make([]byte, 2<<20)))
	if _, err := blob.Check("gros.pdf", big, 1<<20); err == nil || !strings.Contains(err.Error(), "1 Mo au plus") {
		t.Errorf("too large: %v", err)
	}
	if got, _ := blob.Check(`C:\dossier\..\"rapport".pdf`, strings.NewReader("%PDF-1.7\n"), 0); got.Name != "rapport.pdf" {
		t.Errorf("name: %q", got.Name)
	}
}

func TestDirPutOpenDelete(t *testing.T) {
	ctx := context.Background()
	d, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	key := blob.NewKey()
	if err := d.Put(ctx, key, strings.NewReader("contenu")); err != nil {
		t.Fatal(err)
	}
	rc, err := d.Open(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != "contenu" {
		t.Errorf("%q", b)
	}
	if err := d.Put(ctx, "../escape", strings.NewReader("x")); err == nil {
		t.Error("a key with a path accepted")
	}
	if err := d.Delete(ctx, key); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Open(ctx, key); err != blob.ErrNotFound {
		t.Errorf("after delete: %v", err)
	}
}
