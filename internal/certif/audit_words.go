package certif

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The journal's French: every entity, action and field the code writes to the
// journal (AuditEvent) has its label here, and a test fails when a new one
// has none.

var auditEntityLabels = map[string]string{
	"accrochage_flow": "Flux d'accrochage (CDC)", "accrochage_record": "Titulaire déclaré à la CDC",
	"accrochage_settings": "Paramètres d'accrochage (CDC)", "adjustment_grant": "Aménagement d'épreuve",
	"api_token": "Jeton d'accès à l'API", "availability_request": "Demande de disponibilités",
	"block_attempt": "Passage d'un bloc", "branch": "Branche", "calendar": "Calendrier",
	"campaign": "Campagne de recueil", "candidate": "Candidat", "certificate": "Certificat",
	"collection": "Tableau de recueil", "employer": "Employeur", "evaluation": "Évaluation",
	"evaluation_grid": "Grille d'évaluation", "evidence_file": "Pièce justificative",
	"institute_site": "Site de l'Institut 4.10", "jury_member": "Membre de jury",
	"jury_session": "Séance de jury professionnel", "mail": "Courriel", "national_decision": "Décision du jury national",
	"national_jury": "Jury paritaire national", "planning": "Planning de formation", "pre_registration": "Pré-inscription", "programme": "Programme",
	"qualification": "CQP", "registration": "Inscription", "registration_window": "Fenêtre d'inscription",
	"training_session": "Session de formation", "user": "Compte utilisateur",
}

var auditActionLabels = map[string]string{
	"acknowledge": "Compte rendu reçu", "availability": "Disponibilités données", "census": "Recensement",
	"confirm": "Confirmation", "create": "Création", "decline": "Refus", "delete": "Suppression",
	"employer_notice": "Signalement par l'employeur", "handover": "Reprise par le nouvel employeur",
	"health_read": "Consultation des données de santé", "identity_report": "Signalement d'erreur d'identité par le candidat",
	"invite": "Invitation", "late_override": "Dérogation au délai de 3 mois", "branch_override": "Inscription hors de la branche de l'employeur", "launch": "Lancement",
	"lift_hold": "Levée du blocage", "mark": "Changement d'état", "merge": "Fusion de doublons",
	"nil_declaration": "Déclaration « néant »", "outside_window": "Action hors de la fenêtre d'inscription",
	"password": "Changement de mot de passe", "prior_validation": "Bloc validé avant la plateforme",
	"reinvite": "Nouvelle invitation", "reopen": "Réouverture", "resend": "Nouvel envoi", "return": "Retour du tableau",
	"revoke": "Révocation", "status": "Changement de statut", "transfer": "Changement d'employeur", "update": "Modification",
}

var auditFieldLabels = map[string]string{
	"accessible_room": "salle accessible", "active": "actif", "adapted_test": "épreuve adaptée", "address": "adresse",
	"adjustments": "aménagements", "birth_country": "pays de naissance", "birth_date": "date de naissance",
	"birth_insee": "code INSEE de naissance", "birth_name": "nom de naissance", "block_count": "nombre de blocs",
	"block_count_confirmed": "nombre de blocs confirmé", "blocks": "blocs", "branch": "branche", "branches": "branches",
	"cdc": "CDC", "certifiable_from": "certifiable à partir du", "closed_day": "jour de fermeture", "client_id": "identifiant client", "closes": "fermeture",
	"code": "code", "comment": "commentaire", "composition": "composition", "contract": "contrat",
	"contract_id": "numéro de contrat", "criteria": "critères", "cutoff_override": "date limite forcée",
	"deadline": "date limite", "decision": "décision", "decision_reason": "motif de la décision",
	"disability": "situation de handicap", "disabled": "désactivé", "email": "courriel", "employer": "employeur",
	"employer_id": "employeur", "employer_notifies_office": "l'employeur signale ses inscriptions", "end": "fin",
	"ends": "fin", "exam_months": "mois d'examen", "exam_period": "période imposée", "extra_minutes": "temps supplémentaire",
	"file": "fichier", "first_name": "prénom", "first_name1": "prénom", "first_name2": "deuxième prénom",
	"first_name3": "troisième prénom", "hr_emails": "courriels RH", "institute_site_id": "site de l'Institut 4.10",
	"instructions": "consignes", "jury_training_mandatory": "formation des jurés obligatoire", "label": "libellé",
	"last_name": "nom", "late_reason": "motif de dérogation", "level": "niveau", "link": "lien", "locked": "verrouillé",
	"max_sessions": "nombre maximal de séances", "minutes": "durée (minutes)", "mode": "modalité",
	"modalities": "modalités", "name": "nom", "opens": "ouverture", "organisation": "organisme", "path": "parcours",
	"period": "période de certification", "phone": "téléphone", "phone_hours": "horaires téléphoniques",
	"placeholder": "intitulé provisoire", "presence": "présence", "proclamation_date": "date de proclamation",
	"proposal": "proposition", "programme": "programme", "qualification": "CQP", "qualifications": "CQP", "reception_hours": "horaires d'accueil",
	"region": "région", "remote_link": "lien de visioconférence", "remote_tool": "outil de visioconférence",
	"repeating": "redoublant", "rncp": "numéro RNCP", "rncp_registrations": "enregistrements RNCP", "nsf": "codes NSF", "formacodes": "codes Formacode",
	"certifiers": "certificateurs", "regulated": "profession réglementée", "off_rncp": "hors RNCP", "roles": "rôles",
	"route": "voie d'inscription", "secretary": "secrétaire", "sex": "sexe", "site": "site", "site_id": "site",
	"specialty": "spécialité", "start": "début", "starts": "début", "status": "statut", "title": "intitulé",
	"trained_on": "formé le", "type": "type", "usage_name": "nom d'usage", "worked_holidays": "jours fériés travaillés",
}

// AuditEntityLabel names in French what a journal event concerns:
// "registration" → "Inscription". An unknown code is returned as it is.
func AuditEntityLabel(entity string) string { return labelOr(auditEntityLabels, entity) }

// AuditActionLabel names in French what a journal event did: "create" → "Création".
func AuditActionLabel(action string) string { return labelOr(auditActionLabels, action) }

var (
	numberedField = regexp.MustCompile(`^(block|site|criterion|slot)(\d+|\.\d+)\.?(.*)$`)
	seatField     = regexp.MustCompile(`^(confirmation|member)\.([a-z_]+)$`)
	participants  = regexp.MustCompile(`^participants\.(.+)$`)
	isoDate       = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	ofYear        = regexp.MustCompile(`^([a-z_]+)_(\d{4})$`)
)

// AuditFieldLabel names in French the field a journal event changed:
// "birth_name" → "nom de naissance", "block3.period" → "bloc 3, période de
// certification", "criterion.7" → "critère 7", a day ("2026-12-24", a closed day) → "24/12/2026", an
// action (what was done outside a window) → its label in lower case. It
// names the journal's textual keys too: "exam_months_2027" → "mois d'examen 2027".
func AuditFieldLabel(field string) string {
	if label, ok := auditFieldLabels[field]; ok {
		return label
	}
	if m := numberedField.FindStringSubmatch(field); m != nil {
		label := map[string]string{"block": "bloc ", "site": "site ", "criterion": "critère ", "slot": "créneau n° "}[m[1]] + strings.TrimPrefix(m[2], ".")
		if m[3] == "" {
			return label
		}
		return label + ", " + AuditFieldLabel(m[3])
	}
	if m := seatField.FindStringSubmatch(field); m != nil && JuryRole(m[2]).Label() != m[2] {
		return map[string]string{"confirmation": "confirmation", "member": "membre du jury"}[m[1]] + ", " + LowerFirst(JuryRole(m[2]).Label())
	}
	if m := participants.FindStringSubmatch(field); m != nil {
		return "participants, " + m[1]
	}
	if m := ofYear.FindStringSubmatch(field); m != nil && auditFieldLabels[m[1]] != "" {
		return auditFieldLabels[m[1]] + " " + m[2]
	}
	if label, ok := auditActionLabels[field]; ok {
		return LowerFirst(label)
	}
	return AuditValue(field)
}

// auditEntityFieldLabels are the fields an entity names otherwise than the
// others: a national jury's "minutes" are its signed record, not a duration.
var auditEntityFieldLabels = map[string]string{"national_jury.minutes": "procès-verbal"}

// AuditFieldLabelOf names in French the field a journal event changed on
// that entity: AuditFieldLabel, but a national jury's "minutes" read
// "procès-verbal".
func AuditFieldLabelOf(entity, field string) string {
	if label, ok := auditEntityFieldLabels[entity+"."+field]; ok {
		return label
	}
	return AuditFieldLabel(field)
}

// auditFieldBase is the field without its number: "criterion.7" →
// "criterion", "block3.period" → "period", "confirmation.expert" → "confirmation".
func auditFieldBase(field string) string {
	if m := numberedField.FindStringSubmatch(field); m != nil {
		if m[3] == "" {
			return m[1]
		}
		return m[3]
	}
	if m := seatField.FindStringSubmatch(field); m != nil {
		return m[1]
	}
	return field
}

// labelsOf maps codes to their domain labels (AttemptStatus.Label…).
func labelsOf[T interface {
	~string
	Label() string
}](codes ...T) map[string]string {
	m := make(map[string]string, len(codes))
	for _, c := range codes {
		m[string(c)] = c.Label()
	}
	return m
}

// auditCodedValues are the codes the journal records in a field of an
// entity ("block_attempt.status": an attempt's status), with their French,
// the domain's own labels where it has them. The same code may read
// otherwise elsewhere: a draft session is a "Brouillon", a draft evaluation
// "En cours". "entity." is a value recorded without a field.
var auditCodedValues = func() map[string]map[string]string {
	presence := map[string]string{}
	for _, p := range Presences {
		presence[string(p)] = p.Label("")
	}
	evaluation := map[string]string{}
	for _, s := range []EvaluationStatus{EvaluationDraft, EvaluationFinal} {
		evaluation[string(s)] = EvaluationState{Status: s}.Label()
	}
	return map[string]map[string]string{
		"block_attempt.status":       labelsOf(AttemptStatuses...),
		"national_decision.decision": labelsOf(Decisions...),
		"evaluation.status":          evaluation,
		"evaluation.presence":        presence,
		"evaluation.proposal":        labelsOf(Proposals...),
		"evaluation.criterion":       labelsOf(Acquisitions...),
		"jury_session.status":        labelsOf(SessionStatuses...),
		"jury_session.mode":          labelsOf(SessionModes...),
		"jury_session.remote_tool":   labelsOf(ToolTeams, ToolZoom),
		"qualification.route":        labelsOf(IntakeRoutes...),
		"qualification.modalities":   labelsOf(Modalities...),
		// certificate.Status and store.MailStatus live above certif (they
		// import it): their labels are written here, a web test checks them.
		"certificate.status": {"valid": "Valide", "revoked": "Révoqué", "replaced": "Remplacé"},
		"user.":              labelsOf(Roles...), // an account's role when it is created
		"mail.":              {"pending": "en attente", "sending": "en cours", "sent": "envoyé", "failed": "échec"},
	}
}()

// AuditValueOf shows a value the journal recorded in a field of an entity
// as a person reads it: a code by its label for that field
// ("block_attempt", "status", "registered" → "Inscrit"; "evaluation",
// "status", "draft" → "En cours"), the months of a campaign
// ("2026-01,2026-02 → 30/09/2025" → "janvier 2026, février 2026 ; date
// limite : 30/09/2025"), anything else as AuditValue shows it.
func AuditValueOf(entity, field, v string) string {
	if v == "" {
		return ""
	}
	if codes, ok := auditCodedValues[entity+"."+auditFieldBase(field)]; ok {
		if label, ok := codes[v]; ok {
			return label
		}
		if items := strings.Split(v, ","); len(items) > 1 { // a block's modalities
			for i, it := range items {
				label, ok := codes[strings.TrimSpace(it)]
				if !ok {
					return AuditValue(v)
				}
				items[i] = label
			}
			return strings.Join(items, ", ")
		}
	}
	if entity == "campaign" && field == "" {
		if months, deadline, ok := strings.Cut(v, " → "); ok {
			return AuditValue(months) + " ; date limite : " + AuditValue(deadline)
		}
	}
	return AuditValue(v)
}

// AuditLine is a journal event as the pages show it, every word in French.
type AuditLine struct {
	At                    time.Time
	UserEmail             string
	Subject               string // what it concerns: "Employeur CAF31", "Inscription 2"
	Action                string // "Création"
	Field                 string // "site 5, horaires d'accueil"
	Before, After, Reason string
}

// ReadAudit writes a journal event in French, as the journal and the
// histories of the pages show it: the entity and its key, the action, the
// field (AuditFieldLabelOf), the values (AuditValueOf), a value that is a
// timestamp (an invitation's expiry) written by stamp (the pages':
// clock.FormatParis, "03/12/2026 à 14 h 05").
func ReadAudit(e AuditEvent, stamp func(time.Time) string) AuditLine {
	value := func(v string) string {
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return stamp(t)
		}
		return AuditValueOf(e.Entity, e.Field, v)
	}
	return AuditLine{At: e.At, UserEmail: e.UserEmail, Subject: strings.TrimSpace(AuditEntityLabel(e.Entity) + " " + auditKeyLabel(e.Entity, e.EntityKey)),
		Action: AuditActionLabel(e.Action), Field: AuditFieldLabelOf(e.Entity, e.Field), Before: value(e.Before), After: value(e.After), Reason: e.Reason}
}

// ReadAudits writes journal events in French (ReadAudit).
func ReadAudits(events []AuditEvent, stamp func(time.Time) string) []AuditLine {
	lines := make([]AuditLine, len(events))
	for i, e := range events {
		lines[i] = ReadAudit(e, stamp)
	}
	return lines
}

var collectionKey = regexp.MustCompile(`^(\d{4}-\d{2})/(.+)$`)

// auditKeyLabel shows the key of what an event concerns: a collection's
// "2027-06/CAF67" → "CAF67, campagne de juin 2027".
func auditKeyLabel(entity, key string) string {
	if m := collectionKey.FindStringSubmatch(key); m != nil && entity == "collection" {
		if month, err := ParseMonth(m[1]); err == nil {
			return m[2] + ", campagne " + OfMonth(month)
		}
	}
	return AuditFieldLabel(key)
}

// auditValueLabels are the codes the journal records as values (a user's
// role, a jury member's seats, a session's status) with their French.
var auditValueLabels = func() map[string]string {
	m := map[string]string{"true": "oui", "false": "non"}
	for _, r := range Roles {
		m[string(r)] = r.Label()
	}
	for _, r := range JuryRoles {
		m[string(r)] = r.Label()
	}
	for _, s := range SessionStatuses {
		m[string(s)] = s.Label()
	}
	// The codes of a field that read the same in every field they are
	// recorded in ("registered" is "Inscrit"), for the pages that show a
	// value without its field; "absent" reads otherwise as a decision and as
	// a proposal, it is left to AuditValueOf.
	same := map[string]string{}
	for _, key := range slices.Sorted(maps.Keys(auditCodedValues)) {
		for code, label := range auditCodedValues[key] {
			if l, ok := same[code]; ok && l != label {
				label = ""
			}
			same[code] = label
		}
	}
	for code, label := range same {
		if _, ok := m[code]; !ok && label != "" {
			m[code] = label
		}
	}
	return m
}()

var hhmm = regexp.MustCompile(`\b\d{2}:\d{2}\b`)

// AuditValue shows a value the journal recorded as a person reads it: an ISO
// date "2026-04-01" → "01/04/2026", "true" → "oui", a role or a status code
// → its label, hours "17/12/2026 10:00–13:00" → "17/12/2026 10 h–13 h", a list "expert, branch_rep"
// item by item.
func AuditValue(v string) string {
	if label, ok := auditValueLabels[v]; ok {
		return label
	}
	if isoDate.MatchString(v) {
		if d, err := ParseDate(v); err == nil {
			return d.French()
		}
	}
	if hhmm.MatchString(v) {
		return hhmm.ReplaceAllStringFunc(v, FrenchClock)
	}
	if months, ok := monthList(v); ok {
		return months
	}
	if items := strings.Split(v, ", "); len(items) > 1 {
		for i, it := range items {
			if label, ok := auditValueLabels[it]; ok {
				items[i] = label
			}
		}
		return strings.Join(items, ", ")
	}
	return v
}

var isoMonth = regexp.MustCompile(`^\d{4}-\d{2}$`)

// monthList shows months recorded as YYYY-MM, one or a list
// ("2026-01,2026-02"): "janvier 2026, février 2026".
func monthList(v string) (string, bool) {
	items := strings.Split(v, ",")
	for i, it := range items {
		it = strings.TrimSpace(it)
		if !isoMonth.MatchString(it) {
			return "", false
		}
		m, err := ParseMonth(it)
		if err != nil {
			return "", false
		}
		items[i] = m.French()
	}
	return strings.Join(items, ", "), true
}

func labelOr(labels map[string]string, code string) string {
	if label, ok := labels[code]; ok {
		return label
	}
	return code
}
