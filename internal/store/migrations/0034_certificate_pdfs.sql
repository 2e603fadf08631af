-- The PDF of each certificate a proclamation issues, rendered before its
-- transaction and kept in it, with the fingerprint of what it prints
-- (certificate.Issuer.Fingerprint): a download serves it while the
-- certificate's fingerprint is the same. A certificate without one (issued
-- before, re-issued after a correction) or whose status changed (the
-- revocation and the replacement drop it) is rendered on download.
CREATE TABLE certificate_pdfs (
    number      TEXT PRIMARY KEY REFERENCES certificates (number),
    pdf         {{blob}} NOT NULL,
    fingerprint TEXT NOT NULL
);
