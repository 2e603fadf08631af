// Package campaign runs the collection campaigns of the collection-table route
// (R5, R18): a campaign is a row group of the R5 calendar (its exam months and
// return deadline). It says which employers and registrations a campaign
// concerns (GC and COS of the Famille, Recouvrement and Retraite branches, not
// Startech, not repeating candidates), generates each employer's collection
// table (Launch: one action for all of them, tables kept and mailed in the
// same transaction), reads a returned table and applies it all or nothing
// (Return: late returns are accepted and block the employer's juries until
// the office lifts the block), builds the board of a campaign (Board), and
// reminds the employers that have not returned their table at D-30, D-7 and
// D-1 (SendReminders, each reminder sent once).
//
// The rules themselves are pure functions of package certif; the workbook is
// written and read by package intake; the mails are rendered by package mail
// and queued in the store's transactions.
package campaign
