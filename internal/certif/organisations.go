package certif

// Organisations are who certibloc speaks for: the certifier of the CQPs and
// the exam office that runs their examinations. The page header and footer
// and every mail's header and footer name them from here, each once.
type Organisations struct {
	Platform        string // "certibloc"
	Purpose         string // what the platform does, under its name
	Certifier       string // "UCANSS"
	ExamOffice      string // "Institut 4.10"
	ExamOfficeTeam  string // the office's team that answers questions
	ExamOfficeEmail string // the team's address
}

// Names are certibloc's organisations.
var Names = Organisations{
	Platform:        "certibloc",
	Purpose:         "Certification des CQP de la Sécurité sociale par blocs de compétences",
	Certifier:       "UCANSS",
	ExamOffice:      "Institut 4.10",
	ExamOfficeTeam:  "équipe des examens et jurys professionnels",
	ExamOfficeEmail: "certification@institutquatredix.fr",
}

// Masthead names the certifier and the exam office under the platform's
// name: "Certificateur : UCANSS · Examens : Institut 4.10".
func (o Organisations) Masthead() string {
	return "Certificateur : " + o.Certifier + " · Examens : " + o.ExamOffice
}
