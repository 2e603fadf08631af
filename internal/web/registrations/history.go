package registrations

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"certibloc/internal/certif"
)

var actionLabels = map[string]string{
	"create": "Création", "update": "Modification", "delete": "Suppression", "transfer": "Changement d'employeur",
	"merge": "Fusion de doublons", "handover": "Reprise par le nouvel employeur", "identity_report": "Signalement d'erreur d'identité par le candidat",
	"prior_validation": "Bloc validé avant la plateforme", "late_override": "Dérogation au délai de 3 mois (R6)",
	"health_read": "Consultation des données de santé (R15)", "nil_declaration": "Déclaration « néant »",
}

var fieldLabels = map[string]string{
	"birth_name": "nom de naissance", "usage_name": "nom d'usage", "first_name1": "prénom", "first_name2": "deuxième prénom",
	"first_name3": "troisième prénom", "sex": "sexe", "birth_date": "date de naissance", "birth_insee": "code INSEE de naissance",
	"birth_country": "pays de naissance", "email": "courriel", "phone": "téléphone", "employer": "employeur",
	"path": "parcours", "blocks": "blocs", "certifiable_from": "certifiable à partir du", "contract": "contrat",
	"exam_period": "période imposée", "repeating": "redoublant", "specialty": "spécialité", "disability": "situation de handicap",
	"adjustments": "aménagements", "late_reason": "motif de dérogation", "period": "période de certification",
	"title": "intitulé", "code": "code", "modalities": "modalités", "placeholder": "intitulé provisoire",
}

// fieldLabel names a traced field in French; "block3.period" → "bloc 3, période de certification".
func fieldLabel(field string) string {
	if label, ok := fieldLabels[field]; ok {
		return label
	}
	if rest, ok := strings.CutPrefix(field, "block"); ok {
		if n, sub, ok := strings.Cut(rest, "."); ok {
			return "bloc " + n + ", " + fieldLabel(sub)
		}
	}
	return field
}

var entityLabels = map[string]string{"candidate": "Identité", "registration": "Inscription", "employer": "Employeur"}

// describeEvent says in French what an audit event of a candidate's file records.
func describeEvent(e certif.AuditEvent) string {
	what := actionLabels[e.Action]
	if what == "" {
		what = e.Action
	}
	subject := entityLabels[e.Entity]
	if e.Entity == "registration" {
		subject = "Inscription n° " + e.EntityKey
	}
	if subject != "" {
		what = subject + " : " + lowerFirst(what)
	}
	if e.Field != "" {
		what += fmt.Sprintf(" (%s)", fieldLabel(e.Field))
	}
	return what
}

func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}
