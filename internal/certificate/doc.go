// Package certificate issues and verifies the certificates of certibloc (R16):
// a CCP (certificat de compétences professionnelles) for each validated block
// and a CQP certificate when the whole qualification is obtained.
//
// It is pure: no database, HTTP or clock. An Issuer holds the platform's
// Ed25519 key and public address; from a Certificate it builds the signed
// verification payload carried by the QR code, the short code printed under
// it, the A4 PDF and an Open Badges 3.0 verifiable credential (VC-JWT, EdDSA).
// Verify, VerifyCredential and Check need the public key alone, offline.
package certificate
