// Package ics writes the iCalendar invitations (RFC 5545, iTIP methods of
// RFC 5546) that certibloc mails for professional-jury sessions: one
// VCALENDAR with METHOD:REQUEST (a new or changed session) or METHOD:CANCEL,
// a VTIMEZONE for Europe/Paris and one VEVENT per session.
//
// The caller keeps each event's UID stable (one per slot or session) and
// raises its SEQUENCE on every change, so that calendars update the entry
// they already have instead of adding a second one; it also gives DTSTAMP,
// from the platform's clock: the package never reads the time.
//
// The calendar is built with the model of github.com/arran4/golang-ical, but
// written by this package's own encoder (encode.go): the library
// backslash-escapes parameter values (CN=N\'Diaye), which RFC 5545 does not
// allow and which calendar programs then show as is, and keeps a carriage
// return of a text as a raw control character. The encoder DQUOTEs the
// parameter values that need it, escapes TEXT values, folds lines at 75
// octets without splitting a UTF-8 sequence and ends them with CRLF.
package ics
