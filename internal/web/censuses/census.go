package censuses

import (
	"errors"
	"fmt"
	"net/http"

	"certibloc/internal/census"
	"certibloc/internal/certif"
	"certibloc/internal/intake"
	"certibloc/internal/mail"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// censusData is the office's census page: the form, the columns of the file,
// the last imports, and a file's preview or refusal.
type censusData struct {
	Columns     []intake.ColumnHelp
	Uploads     []store.CensusUpload
	Pending     int
	ImportID    int64
	Filename    string
	RowsRead    int
	Warnings    []string
	Report      store.CensusReport
	Lines       []kit.ImportLine
	HiddenLines int // lines of the file the page does not list (see lineWindow)
	Refused     bool
}

func (s *Area) censusData(r *http.Request, d censusData) (censusData, error) {
	d.Columns = intake.CensusColumns()
	var err error
	if d.Uploads, err = s.Store.CensusUploads(r.Context(), 10); err != nil {
		return d, err
	}
	d.Pending, err = s.Store.CountPendingPreRegistrations(r.Context(), kit.Scope(r))
	return d, err
}

func (s *Area) censusPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.censusData(r, censusData{})
	if err != nil {
		return err
	}
	return s.Show(w, r, "census.html", "Recensement Maladie", d)
}

func (s *Area) censusTemplateXLSX(w http.ResponseWriter, r *http.Request) error {
	b, err := intake.CensusTemplateXLSX()
	if err != nil {
		return err
	}
	return kit.Download(w, "modele-recensement-certibloc.xlsx", kit.XLSXType, b)
}

func (s *Area) censusTemplate(w http.ResponseWriter, r *http.Request) error {
	return kit.Download(w, "modele-recensement-certibloc.csv", "text/csv; charset=utf-8", intake.CensusTemplateCSV())
}

func (s *Area) censusInvalid(w http.ResponseWriter, r *http.Request, d censusData, err error) error {
	d.Refused = true
	d.Lines, d.HiddenLines = kit.LineWindow(d.Lines, true)
	d, derr := s.censusData(r, d)
	if derr != nil {
		return derr
	}
	return s.ShowInvalid(w, r, "census.html", "Recensement Maladie", d, err)
}

// censusLines turns the rows of a census file into store lines: a row with
// cells that could not be read is refused, and still checked, so that its
// line lists all its errors at once.
func censusLines(sheet *intake.Sheet) []store.CensusLine {
	lines := make([]store.CensusLine, len(sheet.Rows))
	for i, row := range sheet.Rows {
		lines[i] = store.CensusLine{Line: row.Line, Candidate: row.Candidate, Contract: row.Request.Contract, Unread: len(row.Errors) > 0,
			Path: census.Line{Qualification: row.Request.Qualification, Blocks: row.Request.Blocks, PathStart: row.PathStart, PathEnd: row.Request.CertifiableFrom}}
	}
	return lines
}

// censusView shows the store's report with the rows' unreadable cells, each
// error naming its column.
func censusView(rep store.CensusReport, sheet *intake.Sheet) []kit.ImportLine {
	rows := sheet.ByLine()
	out := make([]kit.ImportLine, len(rep.Results))
	for i, res := range rep.Results {
		out[i] = kit.ImportLine{Line: res.Line, Candidate: res.Employer + " · " + res.Candidate, Action: res.Action}
		if res.Fields != nil {
			out[i].Errors = rows[res.Line].AllMessages(res.Fields, intake.CensusColumnForField)
		}
	}
	return out
}

// censusNotifier writes each employer's census mail, with links to this server.
func (s *Area) censusNotifier() store.CensusNotifier {
	return func(e certif.Employer, entries []census.PreRegistration) (store.Mail, error) {
		return mail.Compose("census", census.CensusMailOf(e, entries, s.BaseURL))
	}
}

// censusPreview reads a census file, checks every line and shows what
// committing it would do: rows read, pre-registrations per employer, who is
// mailed. A refused file is not kept.
func (s *Area) censusPreview(w http.ResponseWriter, r *http.Request) error {
	name, content, err := kit.UploadedFile(w, r)
	if err != nil {
		return s.censusInvalid(w, r, censusData{}, err)
	}
	d := censusData{Filename: name}
	sheet, err := intake.ReadCensus(name, content)
	if err != nil {
		return s.censusInvalid(w, r, d, err)
	}
	d.RowsRead, d.Warnings = len(sheet.Rows), sheet.Warnings
	lines := censusLines(sheet)
	if len(sheet.Rows) == 0 {
		return s.censusInvalid(w, r, d, &certif.Error{Code: certif.EInvalid, Message: "Le fichier ne contient aucune ligne de recensement.", Fields: map[string]string{"file": "Fichier vide."}})
	}
	id, err := s.Store.SaveCensusUpload(r.Context(), s.Caller(r), name, content, len(sheet.Rows))
	if err != nil {
		return err
	}
	rep, err := s.Store.ImportCensus(r.Context(), s.Caller(r), lines, false, id, s.censusNotifier())
	d.Report, d.Lines = rep, censusView(rep, sheet)
	d.Warnings = append(d.Warnings, rep.Warnings...)
	if err != nil && certif.ErrorCode(err) != certif.EInvalid {
		return errors.Join(err, s.Store.DeleteCensusUpload(r.Context(), id))
	}
	if err != nil {
		if derr := s.Store.DeleteCensusUpload(r.Context(), id); derr != nil {
			return derr
		}
		return s.censusInvalid(w, r, d, &certif.Error{Code: certif.EInvalid,
			Message: fmt.Sprintf("Fichier refusé : %s en erreur sur %s. Rien n'a été enregistré ; corrigez le fichier et déposez-le de nouveau.", certif.Count(d.Report.Refused, "ligne", "lignes"), certif.Count(d.RowsRead, "lue", "lues"))})
	}
	d.ImportID = id
	d.Lines, d.HiddenLines = kit.LineWindow(d.Lines, false)
	d, err = s.censusData(r, d)
	if err != nil {
		return err
	}
	return s.Show(w, r, "census.html", "Aperçu du recensement", d)
}

// censusCommit applies a previewed census file, all or nothing, and queues
// one mail per employer concerned.
func (s *Area) censusCommit(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	up, err := s.Store.LoadCensusUpload(r.Context(), id)
	if err != nil {
		return err
	}
	if up.Committed {
		return s.Redirect(w, r, "/recensement", "Ce fichier est déjà importé : "+up.Summary+".")
	}
	sheet, err := intake.ReadCensus(up.Filename, up.Content)
	if err != nil {
		return err
	}
	rep, err := s.Store.ImportCensus(r.Context(), s.Caller(r), censusLines(sheet), true, up.ID, s.censusNotifier())
	if err != nil {
		if certif.ErrorCode(err) != certif.EInvalid {
			return err
		}
		if derr := s.Store.DeleteCensusUpload(r.Context(), up.ID); derr != nil {
			return derr
		}
		d := censusData{Filename: up.Filename, RowsRead: len(sheet.Rows), Report: rep, Lines: censusView(rep, sheet)}
		return s.censusInvalid(w, r, d, &certif.Error{Code: certif.EInvalid, Message: "Le fichier n'est plus valable (les données ont changé depuis l'aperçu) : rien n'a été enregistré ; déposez-le de nouveau."})
	}
	mailed := 0
	for _, e := range rep.Employers {
		if e.MailQueued {
			mailed++
		}
	}
	return s.Redirect(w, r, "/pre-inscriptions", fmt.Sprintf("Recensement importé : %s, %s, %s ; %s par courriel.",
		certif.Count(rep.PreRegistrations, "pré-inscription", "pré-inscriptions"), certif.Count(rep.NewCandidates, "nouveau candidat", "nouveaux candidats"), certif.Count(rep.Unchanged, "ligne déjà recensée ou inscrite", "lignes déjà recensées ou inscrites"), certif.Count(mailed, "employeur prévenu", "employeurs prévenus")))
}
