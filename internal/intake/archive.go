package intake

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
)

// checkArchive refuses a zip archive that is damaged, that would expand
// beyond maxUnzipped (the sizes its directory declares, which the zip reader
// then holds each entry to), or that is not a workbook.
func checkArchive(data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return errDamaged()
	}
	var unzipped uint64
	workbook := false
	for _, f := range z.File {
		unzipped += f.UncompressedSize64
		workbook = workbook || strings.HasSuffix(strings.ToLower(f.Name), "workbook.xml")
	}
	switch {
	case unzipped > maxUnzipped:
		return errUnzippedTooBig(unzipped)
	case !workbook:
		return errNotATable(archiveKind(z))
	}
	return nil
}

// archiveKind names a zip archive that is not a workbook: a document of
// another office application, or a plain archive.
func archiveKind(z *zip.Reader) string {
	for _, f := range z.File {
		switch name := strings.ToLower(f.Name); {
		case name == "mimetype":
			return openDocumentKind(f)
		case strings.HasPrefix(name, "word/"):
			return "un document Word (.docx)"
		case strings.HasPrefix(name, "ppt/"):
			return "une présentation PowerPoint (.pptx)"
		}
	}
	return "une archive zip"
}

// openDocumentKind names an OpenDocument file by its "mimetype" entry.
func openDocumentKind(f *zip.File) string {
	kind := "un document OpenDocument"
	r, err := f.Open()
	if err != nil {
		return kind
	}
	defer r.Close()
	mime, _ := io.ReadAll(io.LimitReader(r, 100))
	if strings.HasSuffix(string(mime), ".spreadsheet") {
		return "un classeur OpenDocument (.ods)"
	}
	return kind
}
