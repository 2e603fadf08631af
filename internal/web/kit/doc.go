// Package kit is what every area of the web interface shares: the route type
// and the named role sets, the principal, scope and viewer of a request, page
// rendering with the common layout and partials, errors as pages or JSON,
// forms, uploads and downloads, pagination, and the JSON API helpers.
//
// An area (registrations, campaigns…) is a package of internal/web holding
// its handlers and templates: it builds its pages with Site.Pages and lists
// its routes; internal/web assembles the routes of every area into the one
// route table and serves it.
//
// The navigation follows the route table: a page of the menu has a Nav label
// and a Group (what people do there: Inscriptions, Jurys…), and each role's
// menu holds the groups where it may open a page. A nested page's breadcrumbs
// climb its route's Parent, or else the nearest page its path starts with,
// named by their Nav or Crumb. CheckNavigation refuses a table that breaks
// this at start. Every table of a page scrolls sideways in its own region on
// a narrow screen (scrollTables).
package kit
