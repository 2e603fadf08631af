// Package minutes writes the minutes (procès-verbal) of a national joint jury
// (R9): an A4 PDF of its joint composition and of each decision, grouped by
// CQP and employer, signed with the platform's signing identity (a PAdES
// signature, CMS with ECDSA P-256 and a self-signed X.509 certificate in the
// certifier's name, which PDF readers and poppler's pdfsig check).
//
// Render and the Signer are pure: no database, HTTP or clock. Archive reads a
// jury from the store, renders and signs outside any transaction, then has
// the store keep the signed PDF once, if nothing moved meanwhile.
package minutes
