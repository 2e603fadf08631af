-- Certificates (R16): a CCP for each block a proclaimed national jury
-- validated, a CQP when the whole qualification is obtained. The holder's
-- identity is kept as it was at decision time; the short code (derived from
-- the number with the platform's key) is what /verifier looks up.
CREATE TABLE certificates (
    number             TEXT PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('CCP', 'CQP')),
    code               TEXT NOT NULL UNIQUE,
    candidate_id       BIGINT NOT NULL REFERENCES candidates (id),
    employer_id        BIGINT NOT NULL REFERENCES employers (id), -- the employer that registered the candidate
    attempt_id         BIGINT REFERENCES block_attempts (id),      -- CCP only
    qualification_code TEXT NOT NULL REFERENCES qualifications (code),
    block_number       INTEGER NOT NULL DEFAULT 0,                -- 0 for a CQP
    birth_name         TEXT NOT NULL,
    usage_name         TEXT NOT NULL DEFAULT '',
    first_name         TEXT NOT NULL,
    birth_date         TEXT NOT NULL,
    issued_on          TEXT NOT NULL,
    jury_day           TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked', 'replaced')),
    replaced_by        TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL
);
CREATE INDEX certificates_candidate ON certificates (candidate_id);
CREATE INDEX certificates_employer ON certificates (employer_id);
