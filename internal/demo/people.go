package demo

import (
	"cmp"
	"strings"
	"time"

	"certibloc/internal/certif"
)

// juryMember is a demo jury member; each gets a jury account.
type juryMember struct {
	first, last      string
	roles            []certif.JuryRole
	employer         string   // code of the employer that sends the member, "" if none
	quals            []string // CQP codes of expertise
	trainedMonthsAgo int      // 0: not trained yet
}

var (
	certifierRep = []certif.JuryRole{certif.JuryCertifierRep}
	expert       = []certif.JuryRole{certif.JuryExpert}
	branchRep    = []certif.JuryRole{certif.JuryBranchRep}
)

var juryMembers = []juryMember{
	{"Claire", "Vasseur", certifierRep, "", []string{"GC", "COS", "MOSS"}, 14},
	{"Bruno", "Lemaître", certifierRep, "", []string{"DAM", "GC", "COS"}, 8},
	{"Nadia", "Benali", expert, "CAF33", []string{"GC", "COS", "CA"}, 5},
	{"Jean-Marc", "Le Goff", expert, "URSSAF-BRE", []string{"CR", "IR", "GC"}, 20},
	{"Sylvie", "Hoarau", []certif.JuryRole{certif.JuryExpert, certif.JuryBranchRep}, "CGSS974", []string{"DAM", "GC"}, 0},
	{"Thierry", "Fontaine", branchRep, "CARSAT-HDF", []string{"GCAR", "GC"}, 3},
	{"Agnès", "Marie-Sainte", branchRep, "CGSS972", []string{"DAM", "COS"}, 0},
	{"Olivier", "Santoni", expert, "CPAM2A", []string{"DAM", "GC"}, 11},
}

// email is the member's address.
func (m juryMember) email() string { return personEmail(m.first, m.last) }

// entity is the member as the store creates it; employers maps codes to ids.
func (m juryMember) entity(employers map[string]int64, today certif.Date) certif.JuryMember {
	jm := certif.JuryMember{FirstName: m.first, LastName: m.last, Email: m.email(), Roles: m.roles,
		EmployerID: employers[m.employer], Qualifications: m.quals}
	if m.employer == "" {
		jm.Organisation = "UCANSS (certificateur)"
	}
	if m.trainedMonthsAgo > 0 {
		jm.TrainedOn = today.AddMonths(-m.trainedMonthsAgo)
	}
	return jm
}

// candidate is a demo candidate. Born in France, the birth commune is one of
// the employer's communes; born abroad, country names the birth country.
type candidate struct {
	employer   string
	sex        string
	birthName  string
	usageName  string // "" when the same as the birth name
	firstNames string // comma-separated
	age        int
	country    string // birth country when born abroad
	account    bool   // gets a candidate account
}

var candidates = []candidate{
	{"CPAM33", "F", "Lafargue", "Dupuy", "Éloïse, Marie", 34, "", true},
	{"CPAM33", "M", "Etcheverry", "", "Jérôme", 41, "", false},
	{"CPAM33", "F", "Brethous", "", "Anaïs, Camille", 27, "", false},
	{"CPAM75", "M", "Nguyen", "", "Hugo, Thanh", 38, "", false},
	{"CPAM75", "F", "Lefèvre", "Traoré", "Inès", 29, "", false},
	{"CPAM75", "F", "Haddad", "", "Yasmine", 45, "Maroc", false},
	{"CPAM13", "M", "Giraud", "", "Raphaël", 33, "", false},
	{"CPAM13", "F", "Ferrandi", "Martinez", "Océane, Lucie", 31, "", false},
	{"CPAM13", "M", "Benhamou", "", "Karim", 52, "Algérie", false},
	{"CPAM2A", "F", "Santoni", "", "Maria, Francesca", 36, "", false},
	{"CPAM2A", "M", "Casanova", "", "Pierre-Paul", 47, "", false},
	{"CPAM2A", "F", "Leca", "Orsini", "Chloé", 28, "", false},
	{"CGSS972", "F", "Marie-Sainte", "", "Gaëlle", 39, "", false},
	{"CGSS972", "M", "Lordinot", "", "Frédéric, Joël", 44, "", false},
	{"CGSS972", "F", "Jean-Baptiste", "Céleste", "Noémie", 30, "", false},
	{"CGSS974", "M", "Hoarau", "", "Loïc", 35, "", true},
	{"CGSS974", "F", "Payet", "Grondin", "Mélanie, Rose", 42, "", false},
	{"CGSS974", "M", "Técher", "", "Cédric", 26, "", false},
	{"CAF33", "F", "Duprat", "", "Hélène", 50, "", false},
	{"CAF33", "M", "Lacoste", "", "Benoît, Xavier", 37, "", false},
	{"CAF33", "F", "Pereira", "Labat", "Ana", 43, "Portugal", false},
	{"CAF75", "F", "Diallo", "", "Aïssatou", 32, "Sénégal", false},
	{"CAF75", "M", "Rousseau", "", "Théo", 24, "", true},
	{"CAF75", "F", "Chevalier", "Lemoine", "Bérénice, Anne", 46, "", false},
	{"CAF44", "M", "Le Floch", "", "Yannick", 49, "", false},
	{"CAF44", "F", "Guérin", "", "Maëlle", 27, "", false},
	{"CAF44", "F", "Bouvier", "Perrin", "Agnès", 55, "", false},
	{"CAF67", "M", "Schneider", "", "Mathéo, Lucas", 25, "", false},
	{"CAF67", "F", "Muller", "Kieffer", "Céline", 40, "", false},
	{"CAF67", "M", "Weiss", "", "Grégoire", 34, "", false},
	{"CAF31", "F", "Garcia", "", "Léa", 29, "", false},
	{"CAF31", "M", "Fabre", "", "Stéphane, Henri", 51, "", false},
	{"CAF31", "F", "Azaïs", "Roques", "Zoé", 33, "", false},
	{"URSSAF-IDF", "M", "Mercier", "", "Hervé", 53, "", false},
	{"URSSAF-IDF", "F", "Kowalska", "", "Agnieszka", 38, "Pologne", false},
	{"URSSAF-IDF", "F", "Bonnet", "D'Almeida", "Laure, Sophie", 36, "", false},
	{"URSSAF-RA", "M", "Girard", "", "Thibault", 31, "", true},
	{"URSSAF-RA", "F", "Blanc", "Faure", "Émilie", 37, "", false},
	{"URSSAF-RA", "M", "Rey", "", "Noël, André", 58, "", false},
	{"URSSAF-BRE", "F", "Le Gall", "Kerleroux", "Soizic", 44, "", false},
	{"URSSAF-BRE", "M", "Guillou", "", "Erwan", 30, "", false},
	{"URSSAF-BRE", "F", "Tanguy", "", "Rozenn, Marie", 26, "", false},
	{"URSSAF-PACA", "M", "Ricci", "", "Lorenzo", 35, "Italie", false},
	{"URSSAF-PACA", "F", "Barbier", "", "Solène", 28, "", false},
	{"URSSAF-PACA", "M", "Michel", "", "Jean-François", 50, "", false},
	{"CARSAT-AQ", "F", "Delmas", "Vigier", "Françoise", 57, "", false},
	{"CARSAT-AQ", "M", "Bordes", "", "Aurélien", 32, "", false},
	{"CARSAT-AQ", "F", "Marty", "", "Clémence", 29, "", false},
	{"CARSAT-BFC", "M", "Jacquot", "", "Rémi", 39, "", false},
	{"CARSAT-BFC", "F", "Vuillemin", "Girardot", "Nathalie, Sylvie", 48, "", false},
	{"CARSAT-BFC", "F", "Prost", "", "Margaux", 25, "", false},
	{"CARSAT-HDF", "F", "Lefebvre", "", "Amandine", 34, "", true},
	{"CARSAT-HDF", "M", "Janssens", "", "Pieter", 44, "Belgique", false},
	{"CARSAT-HDF", "F", "Vandenberghe", "Delattre", "Ludivine", 41, "", false},
	{"CARSAT-SE", "M", "Pellegrin", "", "Sébastien", 46, "", false},
	{"CARSAT-SE", "F", "Albertini", "Roux", "Manon", 31, "", false},
	{"CARSAT-SE", "F", "Ben Youssef", "", "Myriam", 37, "Tunisie", false},
	{"CNAV-IDF", "F", "Moreau", "", "Ophélie", 27, "", false},
	{"CNAV-IDF", "M", "Dos Santos", "", "Tiago", 33, "Portugal", false},
	{"CNAV-IDF", "M", "Lambert", "", "Arnaud, Pierre", 42, "", false},
}

// firstName is the candidate's first first name.
func (c candidate) firstName() string { return strings.TrimSpace(strings.Split(c.firstNames, ",")[0]) }

// name is the name the candidate goes by: first name and usage name.
func (c candidate) name() string { return c.firstName() + " " + cmp.Or(c.usageName, c.birthName) }

// email is the candidate's personal address, also the login of candidate accounts.
func (c candidate) email() string {
	return personEmail(c.firstName(), cmp.Or(c.usageName, c.birthName))
}

// key identifies the candidate among the demo data already in a database.
func (c candidate) key() string {
	return c.employer + "|" + certif.SearchKey(c.birthName, c.firstName())
}

// entity is the candidate as the store creates it. The i-th candidate is born
// on a day spread over the year, age years before today; born in France, in one
// of its employer's communes.
func (c candidate) entity(i int, e employer, today certif.Date) certif.Candidate {
	var first []string
	for _, f := range strings.Split(c.firstNames, ",") {
		first = append(first, strings.TrimSpace(f))
	}
	cand := certif.Candidate{EmployerCode: c.employer, BirthName: c.birthName, UsageName: c.usageName, FirstNames: first,
		Sex: c.sex, BirthCountry: c.country, Email: c.email(),
		BirthDate: certif.NewDate(today.Year()-c.age, time.Month(1+(i*5)%12), 1+(i*11)%28)}
	if c.country == "" {
		cand.BirthINSEE = e.communes[i%len(e.communes)]
	}
	return cand
}

// personEmail builds prenom.nom@<Domain> without accents, spaces or apostrophes.
func personEmail(first, last string) string {
	local := strings.NewReplacer(" ", "-", "'", "")
	return local.Replace(certif.SearchKey(first)) + "." + local.Replace(certif.SearchKey(last)) + "@" + Domain
}
