package demo

import (
	"strings"

	"certibloc/internal/certif"
)

// employer is a demo organisme with the INSEE codes of communes of its area,
// where its candidates are born.
type employer struct {
	code, name, typ, region string
	extraContact            bool // a second HR address (formation.<code>@…)
	communes                []string
}

// employers are 20 organismes across the four branches; codes and names follow
// the real organismes, contacts are fictitious.
var employers = []employer{
	{"CPAM33", "CPAM de la Gironde", "CPAM", "Nouvelle-Aquitaine", true, []string{"33063", "33281", "33318"}},
	{"CPAM75", "CPAM de Paris", "CPAM", "Île-de-France", true, []string{"75112", "75118", "93066"}},
	{"CPAM13", "CPAM des Bouches-du-Rhône", "CPAM", "Provence-Alpes-Côte d'Azur", false, []string{"13055", "13001", "84007"}},
	{"CPAM2A", "CPAM de la Corse-du-Sud", "CPAM", "Corse", false, []string{"2A004", "2B033"}},
	{"CGSS972", "CGSS de la Martinique", "CGSS", "Martinique", false, []string{"97209", "97213"}},
	{"CGSS974", "CGSS de La Réunion", "CGSS", "La Réunion", true, []string{"97411", "97416"}},
	{"CAF33", "CAF de la Gironde", "CAF", "Nouvelle-Aquitaine", false, []string{"33063", "64445", "64102"}},
	{"CAF75", "CAF de Paris", "CAF", "Île-de-France", true, []string{"75114", "94028", "92050"}},
	{"CAF44", "CAF de Loire-Atlantique", "CAF", "Pays de la Loire", false, []string{"44109", "44184", "49007"}},
	{"CAF67", "CAF du Bas-Rhin", "CAF", "Grand Est", false, []string{"67482", "68224", "68066"}},
	{"CAF31", "CAF de la Haute-Garonne", "CAF", "Occitanie", false, []string{"31555", "34172", "66136"}},
	{"URSSAF-IDF", "Urssaf Île-de-France", "URSSAF", "Île-de-France", true, []string{"75112", "92050", "94028"}},
	{"URSSAF-RA", "Urssaf Rhône-Alpes", "URSSAF", "Auvergne-Rhône-Alpes", false, []string{"69123", "38185", "42218"}},
	{"URSSAF-BRE", "Urssaf Bretagne", "URSSAF", "Bretagne", false, []string{"35238", "29019", "29232"}},
	{"URSSAF-PACA", "Urssaf Provence-Alpes-Côte d'Azur", "URSSAF", "Provence-Alpes-Côte d'Azur", false, []string{"06088", "83137", "13055"}},
	{"CARSAT-AQ", "Carsat Aquitaine", "CARSAT", "Nouvelle-Aquitaine", false, []string{"33063", "87085", "86194"}},
	{"CARSAT-BFC", "Carsat Bourgogne-Franche-Comté", "CARSAT", "Bourgogne-Franche-Comté", false, []string{"21231", "25056"}},
	{"CARSAT-HDF", "Carsat Hauts-de-France", "CARSAT", "Hauts-de-France", true, []string{"59350", "59512", "62041"}},
	{"CARSAT-SE", "Carsat Sud-Est", "CARSAT", "Provence-Alpes-Côte d'Azur", false, []string{"13055", "06088", "2B033"}},
	{"CNAV-IDF", "Cnav Île-de-France", "CNAV", "Île-de-France", false, []string{"75118", "93066", "45234"}},
}

// hrEmail is the address of the HR account of an employer (rh.cpam33@…).
func (e employer) hrEmail() string { return "rh." + strings.ToLower(e.code) + "@" + Domain }

// entity is the employer as the store creates it, with its HR contacts.
func (e employer) entity() certif.Employer {
	emails := []string{e.hrEmail()}
	if e.extraContact {
		emails = append(emails, "formation."+strings.ToLower(e.code)+"@"+Domain)
	}
	return certif.Employer{Code: e.code, Name: e.name, Type: e.typ, Branch: certif.EmployerTypes[e.typ], Region: e.region, HREmails: emails}
}
