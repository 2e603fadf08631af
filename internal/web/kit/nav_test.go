package kit

import (
	"net/http/httptest"
	"strings"
	"testing"

	"certibloc/internal/certif"
)

// navRoutes is a small route table: the home, a list and its nested pages, a
// page whose parent is not its path's prefix, the office's administration.
var navRoutes = []Route{
	{Method: "GET", Path: "/{$}", Public: true, Nav: "À faire", NavPublic: "Accueil", Group: GroupTodo},
	{Method: "GET", Path: "/candidats", Roles: Readers, Nav: "Candidats", Group: GroupRegistrations},
	{Method: "GET", Path: "/candidats/{id}", Roles: Readers, Crumb: "Candidat"},
	{Method: "GET", Path: "/candidats/{id}/modification", Roles: Registrars},
	{Method: "GET", Path: "/neant", Roles: Readers, Nav: "Néant", Group: GroupRegistrations},
	{Method: "GET", Path: "/imports", Roles: Employer, Parent: "/candidats"},
	{Method: "GET", Path: "/comptes", Roles: Office, Nav: "Comptes", Group: GroupAdministration},
	{Method: "GET", Path: "/compte", Roles: Everyone, Nav: "Mon compte", Group: GroupAccount},
	{Method: "POST", Path: "/candidats", Roles: Registrars},
}

// navOf builds the navigation of a page of the route table, for a role ("":
// anonymous).
func navOf(t *testing.T, role certif.Role, pattern string, values map[string]string) ([]navGroup, []navItem, []crumb) {
	t.Helper()
	s := &Site{}
	s.SetRoutes(navRoutes)
	_, path, _ := strings.Cut(pattern, " ")
	r := httptest.NewRequest("GET", "/nulle-part"+path, nil) // the path does not matter: the pattern does
	r.Pattern = pattern
	for k, v := range values {
		r.SetPathValue(k, v)
	}
	if role != "" {
		r = r.WithContext(WithPrincipal(r.Context(), certif.Principal{User: &certif.User{Role: role}}))
	}
	return s.menu(r, "Le titre")
}

func labels(groups []navGroup) string {
	var out []string
	for _, g := range groups {
		var items []string
		for _, it := range g.Items {
			mark := ""
			if it.Current {
				mark = "*"
			}
			items = append(items, it.Label+mark)
		}
		out = append(out, g.Label+": "+strings.Join(items, ", "))
	}
	return strings.Join(out, " | ")
}

func crumbsText(crumbs []crumb) string {
	var out []string
	for _, c := range crumbs {
		out = append(out, c.Label+"("+c.Path+")")
	}
	return strings.Join(out, " > ")
}

func TestMenuGroupsEachRolesPagesInTheGroupsOrder(t *testing.T) {
	groups, account, _ := navOf(t, certif.RoleOffice, "GET /candidats/{id}/modification", map[string]string{"id": "42"})
	if got, want := labels(groups), "À faire: À faire | Inscriptions: Candidats*, Néant | Administration: Comptes"; got != want {
		t.Errorf("menu de l'équipe des examens :\n%s\nattendu :\n%s", got, want)
	}
	if len(account) != 1 || account[0].Label != "Mon compte" || account[0].Path != "/compte" {
		t.Errorf("liens du compte : %+v", account)
	}
	if !groups[1].Current || groups[0].Current || groups[1].Path() != "/candidats" {
		t.Errorf("groupe courant : %+v", groups)
	}
	groups, _, _ = navOf(t, certif.RoleEmployer, "GET /imports", nil)
	if got, want := labels(groups), "À faire: À faire | Inscriptions: Candidats*, Néant"; got != want {
		t.Errorf("menu d'un employeur sur l'import :\n%s\nattendu :\n%s", got, want)
	}
	groups, account, _ = navOf(t, "", "GET /{$}", nil)
	if got, want := labels(groups), "À faire: Accueil*"; got != want || len(account) != 0 {
		t.Errorf("menu d'un visiteur : %s, attendu %s ; compte %+v", got, want, account)
	}
}

func TestBreadcrumbsFollowTheParentsThePrincipalMayOpen(t *testing.T) {
	for _, c := range []struct {
		role    certif.Role
		pattern string
		values  map[string]string
		want    string
	}{
		{certif.RoleOffice, "GET /candidats/{id}/modification", map[string]string{"id": "42"},
			"Accueil(/) > Candidats(/candidats) > Candidat(/candidats/42) > Le titre()"},
		{certif.RoleCertifier, "GET /candidats/{id}", map[string]string{"id": "7"}, "Accueil(/) > Candidats(/candidats) > Le titre()"},
		{certif.RoleEmployer, "GET /imports", nil, "Accueil(/) > Candidats(/candidats) > Le titre()"},
		{certif.RoleOffice, "GET /candidats", nil, ""}, // a page of the menu: no breadcrumbs
		{certif.RoleOffice, "GET /{$}", nil, ""},       // the home
		{certif.RoleOffice, "", nil, ""},               // no page (an unknown address)
		// Without its id, the candidate's page cannot be linked: skipped.
		{certif.RoleOffice, "GET /candidats/{id}/modification", nil, "Accueil(/) > Candidats(/candidats) > Le titre()"},
	} {
		_, _, crumbs := navOf(t, c.role, c.pattern, c.values)
		if got := crumbsText(crumbs); got != c.want {
			t.Errorf("%s %s : fil d'Ariane %q, attendu %q", c.role, c.pattern, got, c.want)
		}
	}
}

func TestCheckNavigationFindsWhatTheTableDeclaresWrong(t *testing.T) {
	if err := CheckNavigation(navRoutes); err != nil {
		t.Fatalf("table correcte refusée : %v", err)
	}
	bad := append([]Route{
		{Method: "GET", Path: "/sans-groupe", Roles: Office, Nav: "Sans groupe"},
		{Method: "GET", Path: "/groupe-seul", Roles: Office, Group: GroupJuries},
		{Method: "GET", Path: "/orphelin", Roles: Office, Parent: "/nulle-part"},
		{Method: "GET", Path: "/a", Roles: Office, Parent: "/b", Crumb: "A"},
		{Method: "GET", Path: "/b", Roles: Office, Parent: "/a", Crumb: "B"},
		{Method: "GET", Path: "/inscriptions/{id}", Roles: Office},
		{Method: "GET", Path: "/inscriptions/{id}/modification", Roles: Office},
	}, navRoutes...)
	err := CheckNavigation(bad)
	for _, want := range []string{"/sans-groupe : page du menu sans groupe", "/groupe-seul : groupe de menu sans libellé Nav",
		"/orphelin : parent /nulle-part inconnu", "/a : boucle de parents", "la page au-dessus, /inscriptions/{id}, n'a pas de nom"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q non signalé : %v", want, err)
		}
	}
}

func TestScrollTablesWrapsEveryTableInANamedRegion(t *testing.T) {
	page := `<p>avant</p><table><caption>Candidats</caption><tr><td>1</td></tr></table>` +
		`<table class="availability">` + "\n" + `<tr><td>2</td></tr></table><table><caption id="ma-legende">Mois</caption></table><tablex>`
	want := `<p>avant</p><div class="table-scroll" role="region" tabindex="0" aria-labelledby="legende-tableau-1">` +
		`<table><caption id="legende-tableau-1">Candidats</caption><tr><td>1</td></tr></table></div>` +
		`<div class="table-scroll" role="region" tabindex="0" aria-label="Tableau"><table class="availability">` + "\n" + `<tr><td>2</td></tr></table></div>` +
		`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="ma-legende"><table><caption id="ma-legende">Mois</caption></table></div><tablex>`
	if got := string(scrollTables([]byte(page))); got != want {
		t.Errorf("tableaux :\n%s\nattendu :\n%s", got, want)
	}
	if got := string(scrollTables([]byte("<p>rien</p>"))); got != "<p>rien</p>" {
		t.Errorf("page sans tableau changée : %s", got)
	}
}

func TestWhoNamesTheAccountOnce(t *testing.T) {
	for _, c := range []struct {
		user certif.User
		want string
	}{
		{certif.User{Name: "Institut 4.10 — équipe des examens", Role: certif.RoleOffice}, "Institut 4.10 — équipe des examens"},
		{certif.User{Name: "Marie Curie", Role: certif.RoleOffice}, "Marie Curie · Équipe des examens"},
		{certif.User{Name: "UCANSS — certification", Role: certif.RoleCertifier}, "UCANSS — certification · Certificateur"},
		{certif.User{Name: "Service RH — CAF du Rhône", Role: certif.RoleEmployer, EmployerCode: "CAF69", EmployerName: "CAF du Rhône"}, "Service RH — CAF du Rhône · Employeur"},
		{certif.User{Email: "rh@caf69.test", Role: certif.RoleEmployer, EmployerCode: "CAF69", EmployerName: "CAF du Rhône"}, "rh@caf69.test · Employeur (service RH) · CAF du Rhône"},
		{certif.User{Name: "Hélène Martin", Role: certif.RoleEmployer, EmployerCode: "CPAM33", EmployerName: "CPAM de la Gironde"}, "Hélène Martin · Employeur (service RH) · CPAM de la Gironde"},
		{certif.User{Name: "RH CPAM33", Role: certif.RoleEmployer, EmployerCode: "CPAM33"}, "RH CPAM33 · Employeur (service RH)"},
		{certif.User{Name: "Caisse nationale des allocations familiales", Role: certif.RoleNationalFund, BranchCode: "famille"}, "Caisse nationale des allocations familiales"},
		{certif.User{Name: "Éloïse Dupuy", Role: certif.RoleCandidate, CandidateSex: "F"}, "Éloïse Dupuy · Candidate"},
		{certif.User{Name: "Théo Rousseau", Role: certif.RoleCandidate, CandidateSex: "M"}, "Théo Rousseau · Candidat"},
		{certif.User{Email: "candidat@example.fr", Role: certif.RoleCandidate}, "candidat@example.fr · Candidat·e"},
		{certif.User{Name: "Paul Lefèvre", Role: certif.RoleJury}, "Paul Lefèvre · Membre de jury"},
	} {
		if got := (Page{User: &c.user}).Who(); got != c.want {
			t.Errorf("%+v : %q, attendu %q", c.user, got, c.want)
		}
	}
	if got := (Page{}).Who(); got != "" {
		t.Errorf("visiteur : %q", got)
	}
}
