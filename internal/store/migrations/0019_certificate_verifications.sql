-- Every verification of a certificate (the public page, the API): when, how,
-- what it answered, and the code or payload asked, hashed (SHA-256) — never
-- the code itself.
CREATE TABLE certificate_verifications (
    id         {{id}},
    at         TEXT NOT NULL,
    via        TEXT NOT NULL CHECK (via IN ('page', 'api')),
    asked_hash TEXT NOT NULL,
    result     TEXT NOT NULL CHECK (result IN ('valid', 'revoked', 'replaced', 'unknown')),
    number     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX certificate_verifications_at ON certificate_verifications (at);
