package web_test

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

// openAPIDoc is what the tests read of the OpenAPI document.
type openAPIDoc struct {
	Paths      map[string]map[string]openAPIOperation `json:"paths"`
	Components struct {
		Schemas struct {
			Error openAPISchema `json:"Error"`
		} `json:"schemas"`
		Responses map[string]struct {
			Content map[string]struct {
				Schema struct {
					Ref string `json:"$ref"`
				} `json:"schema"`
			} `json:"content"`
		} `json:"responses"`
	} `json:"components"`
}

type openAPIOperation struct {
	OperationID string `json:"operationId"`
	Responses   map[string]struct {
		Ref string `json:"$ref"`
	} `json:"responses"`
}

type openAPISchema struct {
	Required             []string                 `json:"required"`
	Properties           map[string]openAPISchema `json:"properties"`
	Enum                 []string                 `json:"enum"`
	AdditionalProperties any                      `json:"additionalProperties"`
}

// errorResponses names the shared response of each error status.
var errorResponses = map[string]string{
	"400": "BadRequest", "401": "Unauthorized", "403": "Forbidden", "404": "NotFound",
	"409": "Conflict", "412": "PreconditionFailed", "422": "UnprocessableEntity",
}

// errorCodes are the codes of certif.Error, each answered with kit.StatusOf's status.
var errorCodes = []certif.Code{certif.EBadRequest, certif.EUnauthorized, certif.EForbidden, certif.ENotFound,
	certif.EConflict, certif.EStale, certif.EInvalid, certif.ETooMany, certif.EInternal}

func fetchOpenAPI(t *testing.T, e *env) ([]byte, openAPIDoc) {
	t.Helper()
	res := e.api("GET", "/api/v1/openapi.json", "", "")
	raw, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("openapi.json : %d %v", res.StatusCode, err)
	}
	var doc openAPIDoc
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	return raw, doc
}

// lookupFree are the API routes whose path parameter names no resource to
// look up, and so never answer 404.
var lookupFree = map[string]string{
	"GET /api/v1/calendar/{year}":                 "every year from 2000 to 2100 has a calendar; another is a 400",
	"PUT /api/v1/calendar/national-juries/{date}": "adds the jury of the day or replaces it",
	"GET /api/v1/verify/{code}":                   "an unknown code is the answer \"unknown\", not an error",
}

var camelCase = regexp.MustCompile(`^[a-z]+(?:[A-Z][a-z0-9]*)*$`)

// TestOpenAPIOperationsDocumentTheirAnswers: every operation has a unique
// camelCase operationId and documents the errors the route table makes it
// answer whatever its handler does: 401 on every API route (an invalid token
// is refused even on a public one), 403 where a role or the CSRF check may
// refuse, 404 where the path names a resource to look up. Every error answer is the
// shared response of its status, whose body is the Error schema, and that
// schema's codes are certif's, one per status.
func TestOpenAPIOperationsDocumentTheirAnswers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, doc := fetchOpenAPI(t, e)
	ids := map[string]string{}
	for _, rt := range e.srv.Routes() {
		if !rt.API {
			continue
		}
		op, ok := doc.Paths[rt.Path][strings.ToLower(rt.Method)]
		if !ok {
			continue // TestEveryAPIRouteIsInOpenAPI says so
		}
		where := rt.Method + " " + rt.Path
		if !camelCase.MatchString(op.OperationID) {
			t.Errorf("%s : operationId %q (camelCase attendu)", where, op.OperationID)
		}
		if other, dup := ids[op.OperationID]; dup {
			t.Errorf("%s : operationId %q déjà pris par %s", where, op.OperationID, other)
		}
		ids[op.OperationID] = where
		want := []string{"401"}
		if !rt.Public && (rt.Method != http.MethodGet || !slices.Equal(rt.Roles, kit.Everyone)) {
			want = append(want, "403")
		}
		if _, exempt := lookupFree[where]; strings.Contains(rt.Path, "{") && !exempt {
			want = append(want, "404")
		}
		for _, status := range want {
			if _, ok := op.Responses[status]; !ok {
				t.Errorf("%s : réponse %s non documentée", where, status)
			}
		}
		for status, r := range op.Responses {
			if status[0] != '4' {
				continue
			}
			if name, known := errorResponses[status]; !known || r.Ref != "#/components/responses/"+name {
				t.Errorf("%s : réponse %s %q, attendu la réponse partagée #/components/responses/%s", where, status, r.Ref, name)
			}
		}
	}
	for status, name := range errorResponses {
		r, ok := doc.Components.Responses[name]
		if !ok || r.Content["application/json"].Schema.Ref != "#/components/schemas/Error" {
			t.Errorf("réponse %s (%s) : pas le schéma Error", name, status)
		}
	}
	enum := doc.Components.Schemas.Error.Properties["error"].Properties["code"].Enum
	var codes []string
	for _, c := range errorCodes {
		codes = append(codes, string(c))
	}
	if !slices.Equal(slices.Sorted(slices.Values(enum)), slices.Sorted(slices.Values(codes))) {
		t.Errorf("codes du schéma Error %v, attendu %v", enum, codes)
	}
	statuses := map[int]certif.Code{}
	for _, c := range errorCodes {
		if other, dup := statuses[kit.StatusOf(c)]; dup {
			t.Errorf("codes %s et %s sur le même statut %d", c, other, kit.StatusOf(c))
		}
		statuses[kit.StatusOf(c)] = c
	}
	for status := range errorResponses {
		if n, _ := strconv.Atoi(status); statuses[n] == "" {
			t.Errorf("réponse %s sans code d'erreur", status)
		}
	}
}

// TestOpenAPIErrorsAreWhatTheAPIAnswers: an error of each documented status,
// answered for real, is documented for its operation and its body follows
// the Error schema, code matching the status.
func TestOpenAPIErrorsAreWhatTheAPIAnswers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, doc := fetchOpenAPI(t, e)
	lea := strconv.FormatInt(e.users["candidate"].CandidateID, 10)
	e.tokens["bad"] = "cb_pas-un-vrai-jeton"
	cases := []struct {
		method, pattern, path, role, ifMatch, payload string
		status                                        int
	}{
		{"GET", "/api/v1/me", "/api/v1/me", "", "", "", 401},
		{"GET", "/api/v1/branches", "/api/v1/branches", "bad", "", "", 401},
		{"GET", "/api/v1/calendar/{year}", "/api/v1/calendar/deux-mille", "", "", "", 400},
		{"GET", "/api/v1/audit", "/api/v1/audit", "employer", "", "", 403},
		{"GET", "/api/v1/qualifications/{code}", "/api/v1/qualifications/NOPE", "", "", "", 404},
		{"GET", "/api/v1/candidates/{id}", "/api/v1/candidates/" + lea, "employerB", "", "", 404},
		{"POST", "/api/v1/employers", "/api/v1/employers", "office", "", `{"code":"CAF69","name":"CAF du Rhône","type":"CAF","branch":"famille","region":"Auvergne-Rhône-Alpes"}`, 409},
		{"PATCH", "/api/v1/candidates/{id}", "/api/v1/candidates/" + lea, "office", `"999"`, `{"phone":"0102030405"}`, 412},
		{"DELETE", "/api/v1/candidates/{id}", "/api/v1/candidates/" + lea, "office", `"999"`, "", 412},
		{"GET", "/api/v1/sessions", "/api/v1/sessions?from=hier", "office", "", "", 422},
		{"GET", "/api/v1/results", "/api/v1/results?candidate=lea", "office", "", "", 422},
		{"POST", "/api/v1/candidates", "/api/v1/candidates", "employer", "", `{"birth_name":"Durand"}`, 422},
	}
	schema := doc.Components.Schemas.Error
	for _, tc := range cases {
		where := tc.method + " " + tc.path
		req, _ := http.NewRequest(tc.method, e.ts.URL+tc.path, strings.NewReader(tc.payload))
		if tc.role != "" {
			req.Header.Set("Authorization", "Bearer "+e.tokens[tc.role])
		}
		if tc.ifMatch != "" {
			req.Header.Set("If-Match", tc.ifMatch)
		}
		res := e.anonymous().do(req)
		var got map[string]any
		err := json.NewDecoder(res.Body).Decode(&got)
		res.Body.Close()
		if err != nil || res.StatusCode != tc.status {
			t.Errorf("%s : %d %v, attendu %d", where, res.StatusCode, err, tc.status)
			continue
		}
		if _, ok := doc.Paths[tc.pattern][strings.ToLower(tc.method)].Responses[strconv.Itoa(tc.status)]; !ok {
			t.Errorf("%s : répond %d, non documenté", where, tc.status)
		}
		if err := followsSchema(schema, got); err != nil {
			t.Errorf("%s : %v (%v)", where, err, got)
			continue
		}
		code := certif.Code(got["error"].(map[string]any)["code"].(string))
		if kit.StatusOf(code) != tc.status {
			t.Errorf("%s : code %s sur le statut %d", where, code, tc.status)
		}
	}
}

// followsSchema checks a JSON value against the part of JSON Schema the
// Error schema uses: required and known properties, enums, strings.
func followsSchema(s openAPISchema, v any) error {
	if s.Properties == nil {
		switch {
		case s.Enum != nil && !slices.Contains(s.Enum, fmt.Sprint(v)):
			return fmt.Errorf("%v hors de %v", v, s.Enum)
		case s.AdditionalProperties != nil:
			m, ok := v.(map[string]any)
			for _, x := range m {
				if _, str := x.(string); !str {
					ok = false
				}
			}
			if !ok {
				return fmt.Errorf("%v : objet de textes attendu", v)
			}
		default:
			if _, ok := v.(string); !ok {
				return fmt.Errorf("%v : texte attendu", v)
			}
		}
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("%v : objet attendu", v)
	}
	for _, k := range s.Required {
		if _, ok := m[k]; !ok {
			return fmt.Errorf("%q manque", k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		p, ok := s.Properties[k]
		if !ok {
			return fmt.Errorf("%q : propriété non décrite", k)
		}
		if err := followsSchema(p, m[k]); err != nil {
			return fmt.Errorf("%s : %w", k, err)
		}
	}
	return nil
}

// TestOpenAPIDocumentsWhatEveryRouteAnswers calls every API route as
// anonymous, with a bad token and as each role, with no body and with bodies
// a client gets wrong: every status answered is documented for its operation.
func TestOpenAPIDocumentsWhatEveryRouteAnswers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, doc := fetchOpenAPI(t, e)
	e.tokens["bad"] = "cb_pas-un-vrai-jeton"
	principals := []string{"", "bad"}
	for _, r := range certif.Roles {
		principals = append(principals, string(r))
	}
	for _, rt := range e.srv.Routes() {
		if !rt.API {
			continue
		}
		bodies := []string{""}
		if rt.Method != http.MethodGet {
			bodies = append(bodies, `{}`, `{"inconnu":1}`, `{"from":3,"period":true}`, `[`)
		}
		op := doc.Paths[rt.Path][strings.ToLower(rt.Method)]
		for _, who := range principals {
			for _, payload := range bodies {
				res := e.api(rt.Method, samplePath(rt), who, payload)
				res.Body.Close()
				if _, documented := op.Responses[strconv.Itoa(res.StatusCode)]; !documented {
					t.Errorf("%s %s par %q avec %q : %d non documenté", rt.Method, rt.Path, who, payload, res.StatusCode)
				}
			}
		}
	}
}
