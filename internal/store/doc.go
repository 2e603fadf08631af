// Package store keeps certibloc's data in SQLite (modernc.org/sqlite) or
// PostgreSQL (pgx) through database/sql and hand-written SQL. Migrations are
// embedded and applied at start; the few differences between the two databases
// live in dialect.go. Every change that must be traced writes its audit events in
// the same transaction as the change itself.
package store
