package referential

import "certibloc/internal/web/kit"

// Routes lists the pages and API routes of the area.
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/referentiel", Public: true, Nav: "Référentiel", Group: kit.GroupReferential, Summary: "Certifications et blocs de compétences", Handle: s.referentialPage},
		{Method: "GET", Path: "/referentiel/nouvelle", Roles: kit.Office, Summary: "Formulaire de nouvelle certification", Handle: s.newQualificationForm},
		{Method: "POST", Path: "/referentiel", Roles: kit.Office, Summary: "Créer une certification", Handle: s.createQualification},
		{Method: "GET", Path: "/referentiel/{code}", Public: true, Crumb: "Certification", Summary: "Détail d'une certification", Handle: s.qualificationPage},
		{Method: "GET", Path: "/referentiel/{code}/modification", Roles: kit.Office, Summary: "Formulaire de modification d'une certification", Handle: s.editQualificationForm},
		{Method: "POST", Path: "/referentiel/{code}", Roles: kit.Office, Summary: "Modifier une certification", Handle: s.updateQualification},
		{Method: "GET", Path: "/referentiel/{code}/rncp/modification", Roles: kit.Office, Summary: "Formulaire des enregistrements RNCP d'une certification, avec leurs dates de validité", Handle: s.rncpFormPage},
		{Method: "POST", Path: "/referentiel/{code}/rncp/modification", Roles: kit.Office, Summary: "Modifier les enregistrements RNCP d'une certification (renouvellement sous un nouveau numéro)", Handle: s.saveRNCP},
		{Method: "POST", Path: "/referentiel/programmes/{code}", Roles: kit.Office, Summary: "Indiquer le CQP auquel mène un programme d'une branche et confirmer la correspondance", Handle: s.saveProgramme},
		{Method: "POST", Path: "/referentiel/branches/{code}", Roles: kit.Office, Summary: "Modifier une branche", Handle: s.saveBranch},
		{Method: "GET", Path: "/api/v1/branches", Public: true, API: true, Summary: "Branches", Handle: s.apiBranches},
		{Method: "GET", Path: "/api/v1/programmes", Public: true, API: true, Summary: "Programmes des branches et CQP auxquels ils mènent", Handle: s.apiProgrammes},
		{Method: "GET", Path: "/api/v1/qualifications", Public: true, API: true, Summary: "Certifications avec leurs blocs", Handle: s.apiQualifications},
		{Method: "GET", Path: "/api/v1/qualifications/{code}", Public: true, API: true, Summary: "Une certification avec ses blocs", Handle: s.apiQualification},
	}
}
