// Package juries runs the professional juries (R12–R15, R18) over the store,
// as package campaign runs the collection campaigns: it turns what the
// database holds into a planner instance (Instance), plans a window of days
// with the one planner and saves the drafts in one short transaction (Plan),
// checks every hand-made change with the planner's one checker (CheckSessions),
// and convenes or cancels a session, with one convocation per candidate to
// the employer's HR and one invitation per member, each carrying its
// iCalendar file, through the outbox.
//
// It reads outside any transaction and computes without holding the SQLite
// writer; the rules themselves live in certif and planner.
package juries
