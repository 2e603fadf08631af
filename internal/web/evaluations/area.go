// Package evaluations is the area of professional-jury evaluations (R11):
// the sheet a jury member fills in for each candidate of their sessions
// (presence, the block's grid, the proposal and its reasons), the three
// members' confirmations, the evidence files the member or the employer
// upload, the grids the office edits, and the office's reopening of a
// closed session.
package evaluations

import (
	"embed"
	"net/http"
	"strconv"

	"certibloc/internal/blob"
	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

//go:embed templates
var templates embed.FS

// Area serves the pages of the area; internal/web assembles its Routes.
type Area struct{ *kit.Pages }

// New parses the area's pages (a broken template fails here, at start).
func New(site *kit.Site) (*Area, error) {
	pages, err := site.Pages(templates)
	return &Area{pages}, err
}

// pieceReaders may download an evidence file: the office, the jury members
// of its sessions, the candidate's employer.
var pieceReaders = []certif.Role{certif.RoleOffice, certif.RoleEmployer, certif.RoleJury}

// Routes are the evaluation pages. A member reaches only the slots of the
// sessions they sit in, an employer only its own candidates' (their scope,
// never the request): anything else is not found.
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/evaluations/{slot}", Roles: kit.OfficeOrJury, Scoped: true, Parent: "/mes-seances", Summary: "Évaluation d'un candidat : présence, grille, avis proposé, pièces, confirmations des trois membres", Handle: s.sheetPage},
		{Method: "POST", Path: "/evaluations/{slot}", Roles: kit.Jury, Scoped: true, Summary: "Enregistrer l'évaluation (refusé si elle a changé depuis)", Handle: s.saveSheet},
		{Method: "POST", Path: "/evaluations/{slot}/confirmation", Roles: kit.Jury, Scoped: true, Summary: "Confirmer l'évaluation ; la séance se clôt quand toutes sont confirmées par les trois membres", Handle: s.confirm},
		{Method: "POST", Path: "/evaluations/{slot}/pieces", Roles: kit.Jury, Scoped: true, MaxBody: blob.MaxSize, Summary: "Déposer une pièce (PDF, image, document bureautique ; 20 Mo au plus)", Handle: s.uploadAsJury},
		{Method: "GET", Path: "/convocations/{slot}/pieces", Roles: kit.Employer, Scoped: true, Summary: "Pièces du dossier d'un candidat convoqué", Handle: s.employerPieces},
		{Method: "POST", Path: "/convocations/{slot}/pieces", Roles: kit.Employer, Scoped: true, MaxBody: blob.MaxSize, Summary: "Déposer une pièce pour un candidat convoqué (20 Mo au plus)", Handle: s.uploadAsEmployer},
		{Method: "GET", Path: "/pieces/{id}", Roles: pieceReaders, Scoped: true, File: true, Summary: "Télécharger une pièce (en pièce jointe, type détecté à son dépôt)", Handle: s.download},
		{Method: "GET", Path: "/grilles/{code}", Roles: kit.Staff, Parent: "/referentiel/{code}", Summary: "Grilles d'évaluation des blocs d'un CQP", Handle: s.gridsPage},
		{Method: "POST", Path: "/grilles/{code}", Roles: kit.Office, Summary: "Modifier les grilles d'évaluation des blocs d'un CQP", Handle: s.saveGrids},
		{Method: "POST", Path: "/seances/{id}/reouverture", Roles: kit.Office, Summary: "Rouvrir une séance close (motif obligatoire, tracé)", Handle: s.reopen},
	}
}

// slotID reads the {slot} of a route; a malformed one is simply not found.
func slotID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("slot"), 10, 64)
	if err != nil || id <= 0 {
		return 0, certif.Errorf(certif.ENotFound, "Évaluation introuvable.")
	}
	return id, nil
}

func slotPath(id int64) string { return "/evaluations/" + strconv.FormatInt(id, 10) }
