package evaluations

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"

	"certibloc/internal/blob"
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// safeTypes are the only types a piece is served with: those blob.Check
// accepts, never text/html nor image/svg+xml.
var safeTypes = []string{blob.TypePDF, blob.TypePNG, blob.TypeJPEG, blob.TypeDOCX, blob.TypeXLSX, blob.TypePPTX, blob.TypeODT, blob.TypeODS, blob.TypeODP}

// upload checks the file of the form from its content, stores it and records
// it for the slot of the sheet, then goes back.
func (s *Area) upload(w http.ResponseWriter, r *http.Request, sh store.EvaluationSheet, back string, invalid func(error) error) error {
	if s.Blobs == nil {
		return certif.Errorf(certif.EInternal, "aucun dépôt de pièces configuré")
	}
	file, header, err := r.FormFile("file")
	if err != nil {
		return invalid(&certif.Error{Code: certif.EInvalid, Message: "Choisissez un fichier de 20 Mo au plus (" + blob.Accepted + ").",
			Fields: map[string]string{"file": "Fichier manquant."}})
	}
	defer file.Close()
	checked, err := blob.Check(header.Filename, file, blob.MaxSize)
	if err != nil {
		return invalid(err)
	}
	key := blob.NewKey()
	if err := s.Blobs.Put(r.Context(), key, bytes.NewReader(checked.Content)); err != nil {
		return err
	}
	f := store.EvidenceFile{Name: checked.Name, Type: checked.Type, Size: checked.Size, SHA256: checked.SHA256, Key: key}
	if _, err := s.Store.AddEvidence(r.Context(), s.Caller(r), sh.Slot.ID, f); err != nil {
		_ = s.Blobs.Delete(r.Context(), key)
		return err
	}
	return s.Redirect(w, r, back, "Pièce « "+checked.Name+" » déposée.")
}

func (s *Area) uploadAsJury(w http.ResponseWriter, r *http.Request) error {
	sh, err := s.sheet(r)
	if err != nil {
		return err
	}
	return s.upload(w, r, sh, slotPath(sh.Slot.ID), func(err error) error { return s.showInvalid(w, r, sh, sh.Evaluation, err) })
}

func piecesPath(id int64) string { return "/convocations/" + strconv.FormatInt(id, 10) + "/pieces" }

// piecesView is the employer's page of a convoked candidate's pieces.
type piecesView struct {
	Sheet store.EvaluationSheet
}

func (s *Area) employerPieces(w http.ResponseWriter, r *http.Request) error {
	sh, err := s.sheet(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "pieces.html", "Pièces "+certif.De(sh.Slot.CandidateName), piecesView{Sheet: sh})
}

func (s *Area) uploadAsEmployer(w http.ResponseWriter, r *http.Request) error {
	sh, err := s.sheet(r)
	if err != nil {
		return err
	}
	return s.upload(w, r, sh, piecesPath(sh.Slot.ID), func(err error) error {
		return s.ShowInvalid(w, r, "pieces.html", "Pièces "+certif.De(sh.Slot.CandidateName), piecesView{Sheet: sh}, err)
	})
}

// download answers a piece as an attachment, with the type detected when it
// was uploaded, never one a browser would render as a page.
func (s *Area) download(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := s.Store.Evidence(r.Context(), id, kit.Scope(r))
	if err != nil {
		return err
	}
	if s.Blobs == nil {
		return certif.Errorf(certif.EInternal, "aucun dépôt de pièces configuré")
	}
	rc, err := s.Blobs.Open(r.Context(), f.Key)
	if err == blob.ErrNotFound {
		return certif.Errorf(certif.ENotFound, "Le contenu de cette pièce est introuvable.")
	}
	if err != nil {
		return err
	}
	defer rc.Close()
	typ := f.Type
	if !slices.Contains(safeTypes, typ) {
		typ = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", typ)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Length", strconv.FormatInt(f.Size, 10))
	_, err = io.Copy(w, rc)
	return err
}
