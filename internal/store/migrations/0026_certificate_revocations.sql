-- A certificate revoked by the certifier keeps why, by whom and when; one
-- re-issued after a correction of its holder's identity names the one it
-- replaces (the old one is 'replaced', replaced_by the new number).
ALTER TABLE certificates ADD COLUMN revoked_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN revoked_by TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN revoked_at TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN replaces TEXT NOT NULL DEFAULT '';

-- A verification can also come from the command line (certibloc verify --code).
-- {{rebuild}}: SQLite cannot alter the constraint on via; PostgreSQL alters it.
{{sqlite}}
CREATE TABLE certificate_verifications_rebuilt (
    id         {{id}},
    at         TEXT NOT NULL,
    via        TEXT NOT NULL CHECK (via IN ('page', 'api', 'cli')),
    asked_hash TEXT NOT NULL,
    result     TEXT NOT NULL CHECK (result IN ('valid', 'revoked', 'replaced', 'unknown')),
    number     TEXT NOT NULL DEFAULT ''
);
INSERT INTO certificate_verifications_rebuilt (id, at, via, asked_hash, result, number)
    SELECT id, at, via, asked_hash, result, number FROM certificate_verifications;
DROP TABLE certificate_verifications;
ALTER TABLE certificate_verifications_rebuilt RENAME TO certificate_verifications;
CREATE INDEX certificate_verifications_at ON certificate_verifications (at);
{{end}}
{{postgres}}
ALTER TABLE certificate_verifications DROP CONSTRAINT certificate_verifications_via_check;
ALTER TABLE certificate_verifications ADD CONSTRAINT certificate_verifications_via_check CHECK (via IN ('page', 'api', 'cli'));
{{end}}
