-- Registrations: employers' sites and opening hours (R18), candidates' registrations
-- per qualification and their block attempts (R2, R3, R6, R19, R20), "néant"
-- declarations (R17), bulk imports kept between preview and commit, and the
-- candidate each audit event concerns (history on the candidate's page).

CREATE TABLE employer_sites (
    id              {{id}},
    employer_id     BIGINT NOT NULL REFERENCES employers (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    address         TEXT NOT NULL DEFAULT '',
    reception_hours TEXT NOT NULL DEFAULT '', -- opening hours of the reception desk (R18)
    phone_hours     TEXT NOT NULL DEFAULT '', -- opening hours of the phone platform (R18)
    position        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX employer_sites_employer ON employer_sites (employer_id);

ALTER TABLE candidates ADD COLUMN merged_into BIGINT REFERENCES candidates (id);
-- folded birth name, first name and birth date: possible duplicates across employers
ALTER TABLE candidates ADD COLUMN identity_key TEXT NOT NULL DEFAULT '';
CREATE INDEX candidates_identity_key ON candidates (identity_key);

CREATE TABLE registrations (
    id                 {{id}},
    candidate_id       BIGINT NOT NULL REFERENCES candidates (id),
    employer_id        BIGINT NOT NULL REFERENCES employers (id), -- the employer that registered
    qualification_code TEXT NOT NULL REFERENCES qualifications (code),
    path               TEXT NOT NULL CHECK (path IN ('complete', 'partial')),
    certifiable_from   TEXT NOT NULL,
    contract           TEXT NOT NULL CHECK (contract IN ('cdi', 'cdd', 'pro')),
    exam_period        TEXT NOT NULL DEFAULT '', -- R19: period imposed by a contrat de professionnalisation (YYYY-MM)
    repeating          BOOLEAN NOT NULL DEFAULT FALSE,
    specialty          TEXT NOT NULL DEFAULT '',
    disability         BOOLEAN NOT NULL DEFAULT FALSE, -- R15: health data
    adjustments        TEXT NOT NULL DEFAULT '',       -- R15: health data
    registered_on      TEXT NOT NULL,                  -- civil date of registration (R6)
    late_reason        TEXT NOT NULL DEFAULT '',       -- R6: office override of the 3-month rule
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT,
    deleted_reason     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX registrations_candidate ON registrations (candidate_id);
CREATE INDEX registrations_employer ON registrations (employer_id, qualification_code);

CREATE TABLE block_attempts (
    id                 {{id}},
    registration_id    BIGINT REFERENCES registrations (id), -- NULL for a block validated before the platform
    candidate_id       BIGINT NOT NULL REFERENCES candidates (id),
    qualification_code TEXT NOT NULL REFERENCES qualifications (code),
    block_number       INTEGER NOT NULL,
    attempt            INTEGER NOT NULL, -- 1, 2... per candidate and block
    certifiable_from   TEXT NOT NULL,
    period             TEXT NOT NULL,    -- certification period, YYYY-MM
    status             TEXT NOT NULL CHECK (status IN ('registered', 'scheduled', 'evaluated', 'validated', 'not_validated', 'absent', 'withdrawn')),
    decided_on         TEXT,             -- date of the national jury decision
    source             TEXT NOT NULL DEFAULT 'registration' CHECK (source IN ('registration', 'history')),
    note               TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX block_attempts_registration ON block_attempts (registration_id);
CREATE INDEX block_attempts_candidate ON block_attempts (candidate_id, qualification_code, block_number);
CREATE INDEX block_attempts_period ON block_attempts (period, status);

CREATE TABLE nil_declarations (
    id          {{id}},
    employer_id BIGINT NOT NULL REFERENCES employers (id),
    period      TEXT NOT NULL, -- YYYY-MM
    declared_at TEXT NOT NULL,
    declared_by TEXT NOT NULL,
    lapsed_at   TEXT,          -- set when the employer then registers someone for the period
    UNIQUE (employer_id, period)
);

CREATE TABLE imports (
    id           {{id}},
    employer_id  BIGINT NOT NULL REFERENCES employers (id),
    filename     TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    content      {{blob}} NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    committed_at TEXT,
    summary      TEXT NOT NULL DEFAULT ''
);

ALTER TABLE audit_events ADD COLUMN candidate_id BIGINT;
CREATE INDEX audit_events_candidate ON audit_events (candidate_id);
