package web_test

import (
	"net/http"
	"strconv"
	"testing"

	"certibloc/internal/certif"
)

// verificationLogs are the reads that must log themselves (issue 13: every
// verification of a certificate is logged): exactly one append each.
var verificationLogs = map[string]bool{"/api/v1/verify/{code}": true}

// TestAReadWritesNothing: no GET of the route table, as any role, writes to
// the database (tokens and sessions note their use in memory, written now and
// then off the requests); a page that shows health data writes exactly one
// thing, the log of that read (R15), and so does a certificate's verification.
func TestAReadWritesNothing(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		f := newTenantFixture(t, e)
		clients := map[string]*client{"": e.anonymous()}
		for _, r := range certif.Roles {
			role := string(r)
			clients[role] = e.as(role) // logging in writes; reading does not
		}
		for _, rt := range e.srv.Routes() {
			if rt.Method != "GET" {
				continue
			}
			path := samplePath(rt)
			if s, ok := f.samples[rt.Path]; ok {
				path = fillPath(rt.Path, s[0].values)
			}
			for role, c := range clients {
				p := certif.Principal{}
				if role != "" {
					p.User = e.users[role]
				}
				if !rt.Allows(p) {
					continue
				}
				before := e.st.Writes()
				var res *http.Response
				if rt.API {
					res = e.api("GET", path, role, "")
				} else {
					res = c.get(path)
				}
				readAll(t, res)
				want := 0
				if verificationLogs[rt.Path] {
					want = 1 // the verification's log: one append, what was asked hashed
				}
				if n := e.st.Writes() - before; n != int64(want) {
					t.Errorf("GET %s (%s) : %d écriture(s) en base, attendu %d", path, role, n, want)
				}
			}
		}

		g := e.registerForTest(t, f.otherCandidateOfCAF(t, e), cosRequest("2027-06-10", true, "Tiers temps"))
		office := clients["office"]
		for _, path := range []string{"/inscriptions/" + strconv.FormatInt(g.ID, 10), "/api/v1/registrations/" + strconv.FormatInt(g.ID, 10)} {
			before := e.st.Writes()
			if path[1] == 'a' {
				readAll(t, e.api("GET", path, "office", ""))
			} else {
				readAll(t, office.get(path))
			}
			if n := e.st.Writes() - before; n != 1 {
				t.Errorf("GET %s avec des données de santé : %d écriture(s), attendu 1 (la trace de la lecture)", path, n)
			}
		}
	})
}
