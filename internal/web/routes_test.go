package web_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/web"
	"certibloc/internal/web/kit"
)

// samplePath fills a route's wildcards with values that exist or are harmless.
func samplePath(rt web.Route) string {
	p := strings.TrimSuffix(rt.Path, "{$}")
	code := "COS"
	if strings.Contains(p, "/branches/") {
		code = "famille"
	}
	return strings.NewReplacer("{code}", code, "{date}", "2030-01-15", "{name}", "2030-01", "{id}", "999999", "{slot}", "999999", "{year}", "2026").Replace(p)
}

// TestEveryRouteByEveryRole calls every route of the table as anonymous and as
// each role, and checks the access rule the table declares.
func TestEveryRouteByEveryRole(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	roles := []string{""} // anonymous, then every role (the fixture's account of each is keyed by its name)
	for _, r := range certif.Roles {
		roles = append(roles, string(r))
	}
	clients := map[string]*client{}
	for _, role := range roles {
		clients[role] = e.as(role)
	}
	for _, rt := range e.srv.Routes() {
		for _, role := range roles {
			name := rt.Method + " " + rt.Path + " as " + role
			if role == "" {
				name = rt.Method + " " + rt.Path + " anonymously"
			}
			t.Run(name, func(t *testing.T) {
				var res *http.Response
				path := samplePath(rt)
				switch {
				case rt.API:
					res = e.api(rt.Method, path, role, "")
				case rt.Method == "GET":
					res = clients[role].get(path)
				default:
					c := clients[role]
					if rt.Path == "/deconnexion" && role != "" {
						c = e.as(role) // logging out must not end the shared session
					}
					res = c.post(path, nil)
				}
				p := certif.Principal{}
				if role != "" {
					p.User = e.users[role]
				}
				allowed := rt.Allows(p)
				switch {
				case allowed && (res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden):
					t.Errorf("autorisé mais refusé : statut %d", res.StatusCode)
				case allowed && strings.HasPrefix(res.Header.Get("Location"), "/connexion?"):
					t.Errorf("autorisé mais renvoyé vers la connexion")
				case !allowed && role == "" && rt.API && res.StatusCode != http.StatusUnauthorized:
					t.Errorf("API anonyme : statut %d, attendu 401", res.StatusCode)
				case !allowed && role == "" && !rt.API && (res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/connexion?suite=")):
					t.Errorf("page anonyme : statut %d vers %q, attendu 303 vers /connexion", res.StatusCode, res.Header.Get("Location"))
				case !allowed && role != "" && res.StatusCode != http.StatusForbidden:
					t.Errorf("rôle non autorisé : statut %d, attendu 403", res.StatusCode)
				case res.StatusCode >= 500:
					t.Errorf("erreur serveur %d", res.StatusCode)
				}
			})
		}
	}
}

// TestEveryAPIRouteIsInOpenAPI fails when a route of the table is missing from
// the OpenAPI document, or the document describes a route that does not exist.
func TestEveryAPIRouteIsInOpenAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.api("GET", "/api/v1/openapi.json", "", "")
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.NewDecoder(res.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("version OpenAPI %q", doc.OpenAPI)
	}
	seen := map[string]bool{}
	for _, rt := range e.srv.Routes() {
		if !rt.API {
			continue
		}
		key := strings.ToLower(rt.Method) + " " + rt.Path
		seen[key] = true
		if _, ok := doc.Paths[rt.Path][strings.ToLower(rt.Method)]; !ok {
			t.Errorf("route absente de l'OpenAPI : %s %s", rt.Method, rt.Path)
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if !seen[method+" "+path] {
				t.Errorf("l'OpenAPI décrit une route inexistante : %s %s", method, path)
			}
		}
	}
}

func TestEveryRouteSaysWhoMayCallIt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, rt := range e.srv.Routes() {
		if !rt.Public && len(rt.Roles) == 0 {
			t.Errorf("%s %s : ni publique ni rôles", rt.Method, rt.Path)
		}
		if rt.Summary == "" {
			t.Errorf("%s %s : pas de description", rt.Method, rt.Path)
		}
		if rt.API != strings.HasPrefix(rt.Path, "/api/") {
			t.Errorf("%s %s : drapeau API incohérent", rt.Method, rt.Path)
		}
	}
}

// TestEveryMenuPageHasAGroup: every page of the menu declares its group, the
// route table's navigation holds together (kit.CheckNavigation), and the
// office's menu opens on its dashboard, then goes by what it does.
func TestEveryMenuPageHasAGroup(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, rt := range e.srv.Routes() {
		if rt.Nav != "" && rt.Group.Label() == "" {
			t.Errorf("%s %s : page du menu « %s » sans groupe", rt.Method, rt.Path, rt.Nav)
		}
	}
	if err := kit.CheckNavigation(e.srv.Routes()); err != nil {
		t.Error(err)
	}
	page := body(t, e.as("office").get("/"))
	var groups []string
	for _, part := range strings.Split(page, `class="group-link"`)[1:] {
		_, label, _ := strings.Cut(part, ">")
		label, _, _ = strings.Cut(label, "<")
		groups = append(groups, label)
	}
	want := "À faire | Inscriptions | Recueil et recensement | Jurys | Résultats et certificats | Référentiel et calendrier | Administration"
	if got := strings.Join(groups, " | "); got != want {
		t.Errorf("menu de l'équipe des examens :\n%s\nattendu :\n%s", got, want)
	}
}
