// Package web serves certibloc's French HTML interface and its JSON API from one
// route table: each route says which roles may call it and whether it is scoped
// to an employer; middleware enforces it (sessions, bearer tokens, CSRF, security
// headers), templates are embedded and parsed at start.
package web
