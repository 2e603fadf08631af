package certif

import (
	"fmt"
	"regexp"
	"strings"
)

// Branch is a branch of legislation of the Sécurité sociale.
type Branch struct {
	Code       string `json:"code"`        // maladie, famille, recouvrement, retraite
	Name       string `json:"name"`        // "Maladie"
	RemoteTool string `json:"remote_tool"` // tool for remote professional juries (R12): Teams, Zoom for Maladie
	RemoteLink string `json:"remote_link"` // the branch's standing video room, "" if none: new remote sessions start with it
}

// IntakeRoute is how candidates of a qualification reach a professional jury.
type IntakeRoute string

const (
	RouteCensus           IntakeRoute = "census"            // R4: the exam office takes the census (Maladie)
	RouteCollectionTable  IntakeRoute = "collection_table"  // R5: employers return a collection table (GC, COS)
	RouteTrainingPlanning IntakeRoute = "training_planning" // R7: certification periods come from training plannings
)

// IntakeRoutes lists the routes in display order.
var IntakeRoutes = []IntakeRoute{RouteCensus, RouteCollectionTable, RouteTrainingPlanning}

// Label is the French name of the route.
func (r IntakeRoute) Label() string {
	switch r {
	case RouteCensus:
		return "Recensement par l'Institut 4.10"
	case RouteCollectionTable:
		return "Tableau de recueil"
	case RouteTrainingPlanning:
		return "Plannings de formation"
	}
	return string(r)
}

// Modality is a way a block is evaluated (R11).
type Modality string

const (
	ModalityObservation Modality = "observation"   // observation in a real work situation, then an interview
	ModalityOral        Modality = "oral"          // oral presentation of professional situations
	ModalityEvidence    Modality = "evidence_file" // evidence files: rapport de contrôle, dossier de pratiques
)

// Modalities lists the evaluation modalities in display order.
var Modalities = []Modality{ModalityObservation, ModalityOral, ModalityEvidence}

// Label is the French name of the modality.
func (m Modality) Label() string {
	switch m {
	case ModalityObservation:
		return "Observation en situation réelle de travail suivie d'un entretien"
	case ModalityOral:
		return "Présentation orale de situations professionnelles"
	case ModalityEvidence:
		return "Dossiers probants (rapport de contrôle, dossier de pratiques professionnelles)"
	}
	return string(m)
}

// NeedsOnSite reports whether the modality requires an in-person jury at the employer (R12).
func (m Modality) NeedsOnSite() bool { return m == ModalityObservation }

// Qualification is a CQP owned by the certifier.
type Qualification struct {
	Code                   string      `json:"code"`                     // GC, COS, DAM...
	Title                  string      `json:"title"`                    // full French title
	RNCP                   string      `json:"rncp"`                     // RNCP35729, "" when not registered
	Level                  int         `json:"level"`                    // 0 when unknown
	Branches               []string    `json:"branches"`                 // branch codes the CQP serves
	Route                  IntakeRoute `json:"route"`                    // R4, R5 or R7
	JuryTrainingMandatory  bool        `json:"jury_training_mandatory"`  // R14
	EmployerNotifiesOffice bool        `json:"employer_notifies_office"` // R7: Gestionnaire carrière
	BlockCountConfirmed    bool        `json:"block_count_confirmed"`    // false while the number of blocks is not known
	NSF                    []string    `json:"nsf"`                      // NSF specialty codes: "313t", "300"
	Formacodes             []string    `json:"formacodes"`               // Formacode codes: "13205"
	Certifiers             []string    `json:"certifiers"`               // the certifiers named on the RNCP fiche
	Regulated              bool        `json:"regulated"`                // the certification of a regulated profession
	OffRNCP                bool        `json:"off_rncp"`                 // not registered on the RNCP (Gestionnaire carrière)
	Active                 bool        `json:"active"`
	Blocks                 []Block     `json:"blocks"`
}

// Block is a competency block of a qualification.
type Block struct {
	Number      int        `json:"number"`      // 1..n
	Code        string     `json:"code"`        // RNCPxxxxxBCyy, "" when unknown
	Title       string     `json:"title"`       // French title, "" while unknown (the office enters it)
	Placeholder bool       `json:"placeholder"` // true while the office holds its title for provisional
	Modalities  []Modality `json:"modalities"`  // R11
	Minutes     int        `json:"minutes"`     // length of the test, before any extra time (R15)
}

// DefaultBlockMinutes is a block's test length when the referential gives none.
const DefaultBlockMinutes = 60

// InPerson reports whether the block's test needs the jury at the employer,
// in the real work situation (R12, R18).
func (b Block) InPerson() bool {
	for _, m := range b.Modalities {
		if m.NeedsOnSite() {
			return true
		}
	}
	return false
}

// MonoBlock reports whether the qualification has a single block: such a CQP is
// always presented whole (R3).
func (q Qualification) MonoBlock() bool { return len(q.Blocks) == 1 }

// HasPlaceholders reports whether the number of blocks or any block's title
// still waits for its official value.
func (q Qualification) HasPlaceholders() bool {
	return !q.BlockCountConfirmed || q.UntitledBlocks() > 0
}

// UntitledBlocks counts the blocks whose official title is not known yet.
func (q Qualification) UntitledBlocks() int {
	n := 0
	for _, b := range q.Blocks {
		if !b.HasTitle() {
			n++
		}
	}
	return n
}

// Block returns block n.
func (q Qualification) Block(n int) (Block, bool) {
	for _, b := range q.Blocks {
		if b.Number == n {
			return b, true
		}
	}
	return Block{}, false
}

var (
	qualificationCode = regexp.MustCompile(`^[A-Z][A-Z0-9_]{1,19}$`)
	rncpCode          = regexp.MustCompile(`^RNCP[0-9]{4,6}$`)
	rncpBlockCode     = regexp.MustCompile(`^RNCP[0-9]{4,6}BC[0-9]{2}$`)
	nsfCode           = regexp.MustCompile(`^[0-9]{3}[a-z]?$`)
	formacode         = regexp.MustCompile(`^[0-9]{5}$`)
)

// Validate checks a qualification and its blocks as the exam office edits them.
func (q Qualification) Validate(branches []Branch) error {
	var v Validation
	if !qualificationCode.MatchString(q.Code) {
		v.Add("code", "Le code doit comporter de 2 à 20 lettres majuscules ou chiffres (ex. : GC, COS).")
	}
	if strings.TrimSpace(q.Title) == "" {
		v.Add("title", "L'intitulé est obligatoire.")
	}
	if q.RNCP != "" && !rncpCode.MatchString(q.RNCP) {
		v.Add("rncp", "Le code RNCP doit avoir la forme RNCP suivi de 4 à 6 chiffres (ex. : RNCP35729).")
	}
	if q.Level != 0 && (q.Level < 3 || q.Level > 8) {
		v.Add("level", "Le niveau doit être compris entre 3 et 8.")
	}
	for _, c := range q.NSF {
		if !nsfCode.MatchString(c) {
			v.Add("nsf", fmt.Sprintf("Code NSF « %s » invalide : trois chiffres, suivis au besoin d'une lettre (ex. : 313t).", c))
		}
	}
	for _, c := range q.Formacodes {
		if !formacode.MatchString(c) {
			v.Add("formacodes", fmt.Sprintf("Formacode « %s » invalide : cinq chiffres attendus (ex. : 13205).", c))
		}
	}
	known := map[string]bool{}
	for _, b := range branches {
		known[b.Code] = true
	}
	if len(q.Branches) == 0 {
		v.Add("branches", "Choisissez au moins une branche.")
	}
	for _, b := range q.Branches {
		if !known[b] {
			v.Add("branches", fmt.Sprintf("Branche inconnue : %s.", b))
		}
	}
	switch q.Route {
	case RouteCensus, RouteCollectionTable, RouteTrainingPlanning:
	default:
		v.Add("route", "Choisissez une voie d'inscription.")
	}
	if len(q.Blocks) == 0 {
		v.Add("blocks", "Une certification comporte au moins un bloc de compétences.")
	}
	for i, b := range q.Blocks {
		f := fmt.Sprintf("blocks.%d", i+1)
		if b.Number != i+1 {
			v.Add(f+".number", fmt.Sprintf("Les blocs sont numérotés de 1 à %d, dans l'ordre.", len(q.Blocks)))
		}
		if b.Code != "" && !rncpBlockCode.MatchString(b.Code) {
			v.Add(f+".code", fmt.Sprintf("Bloc %d : le code doit avoir la forme RNCPxxxxxBCyy.", i+1))
		}
		if len(b.Modalities) == 0 {
			v.Add(f+".modalities", fmt.Sprintf("Bloc %d : choisissez au moins une modalité d'évaluation.", i+1))
		}
		if b.Minutes < 15 || b.Minutes > 240 {
			v.Add(f+".minutes", fmt.Sprintf("Bloc %d : la durée de l'épreuve va de 15 à 240 minutes.", i+1))
		}
	}
	return v.Err()
}
