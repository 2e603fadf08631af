// Package kit is what every area of the web interface shares: the route type
// and the named role sets, the principal, scope and viewer of a request, page
// rendering with the common layout and partials, errors as pages or JSON,
// forms, uploads and downloads, pagination, and the JSON API helpers.
//
// An area (registrations, campaigns…) is a package of internal/web holding
// its handlers and templates: it builds its pages with Site.Pages and lists
// its routes; internal/web assembles the routes of every area into the one
// route table and serves it.
package kit
