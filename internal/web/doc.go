// Package web serves certibloc's French HTML interface and its JSON API from one
// route table, assembled from the areas (internal/web/accounts, registrations,
// campaigns…: each holds its handlers and templates, on internal/web/kit). Each
// route says which roles may call it and whether it is scoped to the caller;
// the middleware here enforces it (sessions, bearer tokens, CSRF, security
// headers), long requests run as background jobs with a progress page, and
// the tests of this package try every route as every role and tenant.
package web
