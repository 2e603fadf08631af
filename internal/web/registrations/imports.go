package registrations

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"certibloc/internal/certif"
	"certibloc/internal/intake"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type importData struct {
	ImportID    int64
	Filename    string
	Warnings    []string
	Lines       []kit.ImportLine
	HiddenLines int // lines of the file the page does not list (see lineWindow)
	Report      store.ImportReport
	Refused     bool
}

func (s *Area) importForm(w http.ResponseWriter, r *http.Request) error {
	return s.Show(w, r, "import.html", "Importer des inscriptions", importData{})
}

func (s *Area) importTemplateXLSX(w http.ResponseWriter, r *http.Request) error {
	b, err := intake.RegistrationTemplateXLSX()
	if err != nil {
		return err
	}
	return kit.Download(w, "modele-inscriptions-certibloc.xlsx", kit.XLSXType, b)
}

func (s *Area) importTemplateCSV(w http.ResponseWriter, r *http.Request) error {
	return kit.Download(w, "modele-inscriptions-certibloc.csv", "text/csv; charset=utf-8", intake.RegistrationTemplateCSV())
}

// importLines turns the rows of a file into store lines: a row with cells
// that could not be read is refused, and still checked, so that its line
// lists all its errors at once.
func importLines(sheet *intake.Sheet) []store.ImportLine {
	lines := make([]store.ImportLine, len(sheet.Rows))
	for i, row := range sheet.Rows {
		lines[i] = store.ImportLine{Line: row.Line, Key: row.Key(), Candidate: row.Candidate, Request: row.Request, Unread: len(row.Errors) > 0}
	}
	return lines
}

// viewReport shows the store's report with the rows' unreadable cells, each
// error naming its column ("Ligne 4, colonne « Date de naissance » : …").
func viewReport(rep store.ImportReport, sheet *intake.Sheet) []kit.ImportLine {
	rows := sheet.ByLine()
	out := make([]kit.ImportLine, len(rep.Results))
	for i, res := range rep.Results {
		out[i] = kit.ImportLine{Line: res.Line, Candidate: res.Candidate, Action: res.Action}
		if res.Fields != nil {
			out[i].Errors = rows[res.Line].AllMessages(res.Fields, intake.ColumnForField)
		}
	}
	return out
}

// importPreview reads an uploaded file, checks every line against the rules
// and shows what committing it would do. A refused file is not kept.
func (s *Area) importPreview(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, kit.MaxUpload)
	file, header, err := r.FormFile("file")
	if err != nil {
		return s.importInvalid(w, r, importData{}, &certif.Error{Code: certif.EInvalid, Message: "Choisissez un fichier (Excel .xlsx ou CSV) de 5 Mo au plus.",
			Fields: map[string]string{"file": "Fichier manquant ou trop volumineux."}})
	}
	defer file.Close()
	content, err := io.ReadAll(file)
	if err != nil {
		return s.importInvalid(w, r, importData{}, &certif.Error{Code: certif.EInvalid, Message: "Fichier illisible ou trop volumineux (5 Mo au plus).", Fields: map[string]string{"file": "Fichier illisible."}})
	}
	d := importData{Filename: header.Filename}
	sheet, err := intake.ReadRegistrations(header.Filename, content)
	if err != nil {
		return s.importInvalid(w, r, d, err)
	}
	d.Warnings = sheet.Warnings
	lines := importLines(sheet)
	u := kit.Principal(r).User
	rep, err := s.Store.ImportRegistrations(r.Context(), s.Caller(r), u.EmployerCode, lines, false, 0)
	d.Report, d.Lines = rep, viewReport(rep, sheet)
	if err != nil && certif.ErrorCode(err) != certif.EInvalid {
		return err
	}
	if err != nil {
		d.Refused = true
		return s.importInvalid(w, r, d, certif.Refused("Fichier", d.Report.Refused))
	}
	if len(lines) == 0 {
		return s.importInvalid(w, r, d, &certif.Error{Code: certif.EInvalid, Message: "Le fichier ne contient aucune ligne d'inscription.", Fields: map[string]string{"file": "Fichier vide."}})
	}
	if d.ImportID, err = s.Store.SaveUpload(r.Context(), s.Caller(r), u.EmployerID, header.Filename, content); err != nil {
		return err
	}
	d.Lines, d.HiddenLines = kit.LineWindow(d.Lines, false)
	return s.Show(w, r, "import.html", "Aperçu de l'import", d)
}

func (s *Area) importInvalid(w http.ResponseWriter, r *http.Request, d importData, err error) error {
	d.Refused = true
	d.Lines, d.HiddenLines = kit.LineWindow(d.Lines, true)
	return s.ShowInvalid(w, r, "import.html", "Importer des inscriptions", d, err)
}

// importCommit applies a previewed file, all or nothing.
func (s *Area) importCommit(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	up, err := s.Store.LoadUpload(r.Context(), id, kit.Scope(r))
	if err != nil {
		return err
	}
	if up.Committed {
		return s.Redirect(w, r, "/inscriptions?tri=recent", "Ce fichier est déjà importé : "+up.Summary+".")
	}
	sheet, err := intake.ReadRegistrations(up.Filename, up.Content)
	if err != nil {
		return err
	}
	u := kit.Principal(r).User
	rep, err := s.Store.ImportRegistrations(r.Context(), s.Caller(r), u.EmployerCode, importLines(sheet), true, up.ID)
	if err != nil {
		if certif.ErrorCode(err) == certif.EInvalid {
			if derr := s.Store.DeleteUpload(r.Context(), up.ID); derr != nil {
				return errors.Join(err, derr)
			}
			d := importData{Filename: up.Filename, Report: rep, Lines: viewReport(rep, sheet)}
			return s.importInvalid(w, r, d, &certif.Error{Code: certif.EInvalid, Message: "Le fichier n'est plus valable (les données ont changé depuis l'aperçu) : rien n'a été enregistré ; déposez-le de nouveau."})
		}
		return err
	}
	return s.Redirect(w, r, "/inscriptions?tri=recent", fmt.Sprintf("Import terminé : %s, %s, %s.",
		certif.Count(rep.NewCandidates, "nouveau candidat", "nouveaux candidats"), certif.Count(rep.NewRegistrations, "inscription créée", "inscriptions créées"), certif.Count(rep.Unchanged, "ligne déjà inscrite", "lignes déjà inscrites")))
}
