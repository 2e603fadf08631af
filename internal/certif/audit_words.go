package certif

import (
	"regexp"
	"strings"
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
	numberedField = regexp.MustCompile(`^(block|site|criterion)(\d+|\.\d+)\.?(.*)$`)
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
		label := map[string]string{"block": "bloc ", "site": "site ", "criterion": "critère "}[m[1]] + strings.TrimPrefix(m[2], ".")
		if m[3] == "" {
			return label
		}
		return label + ", " + AuditFieldLabel(m[3])
	}
	if m := ofYear.FindStringSubmatch(field); m != nil && auditFieldLabels[m[1]] != "" {
		return auditFieldLabels[m[1]] + " " + m[2]
	}
	if label, ok := auditActionLabels[field]; ok {
		return strings.ToLower(label[:1]) + label[1:]
	}
	return AuditValue(field)
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

func labelOr(labels map[string]string, code string) string {
	if label, ok := labels[code]; ok {
		return label
	}
	return code
}
