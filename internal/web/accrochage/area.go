// Package accrochage is the office's area of the accrochage to the Caisse
// des Dépôts (docs/accrochage.md): the CDC settings, where every CQP
// obtained stands (to send, sent in flow N, accepted, rejected with the
// CDC's reason, not reportable with what is missing, late), the next flow
// generated and downloaded, the flows' history with their files, the upload
// of the CDC's acknowledgement and the marking of a certification by hand.
package accrochage

import (
	"embed"
	"net/http"
	"strconv"

	cdc "certibloc/internal/accrochage"
	"certibloc/internal/certif"
	"certibloc/internal/store"
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

// Routes are the accrochage's pages, the exam office's alone.
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/accrochage", Roles: kit.Office, Nav: "Accrochage CPF", Group: kit.GroupResults, Summary: "Accrochage CPF : les certifications obtenues à déclarer à la Caisse des Dépôts, les flux et leurs accusés", Handle: s.page},
		{Method: "POST", Path: "/accrochage/parametres", Roles: kit.Office, Summary: "Enregistrer les paramètres de la Caisse des Dépôts (identifiant client, contrat)", Handle: s.saveSettings},
		{Method: "POST", Path: "/accrochage/flux", Roles: kit.Office, File: true, Summary: "Générer le flux suivant, l'enregistrer et le télécharger (XML)", Handle: s.generate},
		{Method: "GET", Path: "/accrochage/flux/{number}", Roles: kit.Office, File: true, Summary: "Télécharger un flux d'accrochage envoyé (XML)", Handle: s.flowFile},
		{Method: "GET", Path: "/accrochage/flux/{number}/accuse", Roles: kit.Office, File: true, Summary: "Télécharger l'accusé de traitement d'un flux", Handle: s.reportFile},
		{Method: "POST", Path: "/accrochage/accuse", Roles: kit.Office, Summary: "Déposer l'accusé de traitement d'un flux reçu de la Caisse des Dépôts", Handle: s.uploadReport},
		{Method: "GET", Path: "/accrochage/certifications/{number}", Roles: kit.Office, Summary: "Une certification obtenue et son état à la Caisse des Dépôts, à marquer à la main", Handle: s.itemPage},
		{Method: "POST", Path: "/accrochage/certifications/{number}", Roles: kit.Office, Summary: "Marquer à la main l'état d'une certification à la Caisse des Dépôts, avec le motif", Handle: s.mark},
		{Method: "GET", Path: "/api/v1/accrochage/records", Roles: kit.Office, API: true, Summary: "Certifications obtenues et leur état à la Caisse des Dépôts (accrochage CPF)", Handle: s.apiRecords},
	}
}

// flowGroup is the records waiting for the acknowledgement of one flow.
type flowGroup struct {
	Number int
	Items  []store.AccrochageItem
}

type pageView struct {
	Settings        store.AccrochageSettings
	ToSend          []store.AccrochageItem
	Sent            []flowGroup
	Accepted        []store.AccrochageItem // the most recent acceptedShown
	AcceptedCaption string
	Rejected        []store.AccrochageItem
	NotReportable   []store.AccrochageItem
	Late            []store.AccrochageItem
	Flows           []store.AccrochageFlow
	NextNumber      int
	BaseURLMissing  bool
}

// acceptedShown bounds the accepted certifications listed (the others are counted).
const acceptedShown = 100

func (s *Area) view(r *http.Request) (pageView, error) {
	o, err := s.Store.Accrochage(r.Context(), store.AccrochageFilter{}, s.BaseURL, s.Clock.Today())
	if err != nil {
		return pageView{}, err
	}
	v := pageView{Settings: o.Settings, ToSend: o.ToSend(), Rejected: o.InStatus(cdc.Rejected), NotReportable: o.NotReportable(),
		Late: o.LateItems(), NextNumber: o.LastFlow + 1, BaseURLMissing: s.BaseURL == ""}
	accepted := o.InStatus(cdc.Accepted)
	v.Accepted, v.AcceptedCaption = accepted[:min(len(accepted), acceptedShown)], "Acceptées"
	if len(accepted) > acceptedShown {
		v.AcceptedCaption = "Acceptées : les " + strconv.Itoa(acceptedShown) + " plus récentes sur " + strconv.Itoa(len(accepted))
	}
	for _, it := range o.InStatus(cdc.Sent) {
		if n := len(v.Sent); n == 0 || v.Sent[n-1].Number != it.Flow {
			v.Sent = append(v.Sent, flowGroup{Number: it.Flow})
		}
		v.Sent[len(v.Sent)-1].Items = append(v.Sent[len(v.Sent)-1].Items, it)
	}
	v.Flows, err = s.Store.AccrochageFlows(r.Context())
	return v, err
}

const pageTitle = "Accrochage CPF"

func (s *Area) page(w http.ResponseWriter, r *http.Request) error {
	v, err := s.view(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "accrochage.html", pageTitle, v)
}

// invalid re-shows the page with the error of a form, nothing changed.
func (s *Area) invalid(w http.ResponseWriter, r *http.Request, err error) error {
	switch certif.ErrorCode(err) {
	case certif.EInvalid, certif.EStale, certif.EConflict:
	default:
		return err
	}
	v, verr := s.view(r)
	if verr != nil {
		return verr
	}
	return s.ShowInvalid(w, r, "accrochage.html", pageTitle, v, err)
}

func (s *Area) saveSettings(w http.ResponseWriter, r *http.Request) error {
	clientID, err := kit.FormValue(r, "client_id")
	if err != nil {
		return s.invalid(w, r, err)
	}
	set := store.AccrochageSettings{ClientID: clientID, ContractID: r.PostFormValue("contract_id")}
	if err := s.Store.SaveAccrochageSettings(r.Context(), s.Caller(r), set); err != nil {
		return s.invalid(w, r, err)
	}
	return s.Redirect(w, r, "/accrochage", "Paramètres de la Caisse des Dépôts enregistrés.")
}

// generate records the next flow and answers its XML file.
func (s *Area) generate(w http.ResponseWriter, r *http.Request) error {
	p, err := s.Store.ExportAccrochageFlow(r.Context(), s.Caller(r), store.AccrochageFilter{}, s.BaseURL, false)
	if err == nil && p.XML == nil {
		err = certif.Errorf(certif.EInvalid, "Aucune certification à déclarer : pas de flux à générer.")
	}
	if err != nil {
		return s.invalid(w, r, err)
	}
	return kit.Download(w, p.FileName, "application/xml", p.XML)
}

func flowNumber(r *http.Request) (int, error) {
	n, err := strconv.Atoi(r.PathValue("number"))
	if err != nil || n < 1 {
		return 0, certif.Errorf(certif.ENotFound, "Flux d'accrochage introuvable.")
	}
	return n, nil
}

func (s *Area) flowFile(w http.ResponseWriter, r *http.Request) error {
	return s.download(w, r, false)
}

func (s *Area) reportFile(w http.ResponseWriter, r *http.Request) error {
	return s.download(w, r, true)
}

func (s *Area) download(w http.ResponseWriter, r *http.Request, report bool) error {
	n, err := flowNumber(r)
	if err != nil {
		return err
	}
	name, data, err := s.Store.AccrochageFlowFile(r.Context(), n, report)
	if err != nil {
		return err
	}
	return kit.Download(w, name, "application/xml", data)
}

func (s *Area) uploadReport(w http.ResponseWriter, r *http.Request) error {
	name, data, err := kit.UploadedFile(w, r)
	if err != nil {
		return s.invalid(w, r, &certif.Error{Code: certif.EInvalid, Message: "Choisissez le fichier XML de l'accusé de traitement (5 Mo au plus).",
			Fields: map[string]string{"file": "Fichier manquant ou trop volumineux."}})
	}
	res, err := s.Store.UploadAccrochageReport(r.Context(), s.Caller(r), name, data)
	if err != nil {
		return s.invalid(w, r, err)
	}
	return s.Redirect(w, r, "/accrochage", res.Message())
}
