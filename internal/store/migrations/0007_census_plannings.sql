-- The intake routes the exam office runs itself: the census of the Maladie
-- branch (R4) and its pre-registrations, the training plannings of the other
-- qualifications (R7), and the registration windows of the campaign model of
-- 2022 (R1).

-- A census file of the office, kept between its preview and its commit (it
-- names many employers, so it is not one of the employers' imports).
CREATE TABLE census_imports (
    id           {{id}},
    filename     TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    content      {{blob}} NOT NULL,
    rows_read    INTEGER NOT NULL DEFAULT 0,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    committed_at TEXT,
    summary      TEXT NOT NULL DEFAULT ''
);

-- Pre-registrations live apart from registrations: they have no block
-- attempt, so nothing that reads registrations (lists, collection tables,
-- juries) can take one for a registration (R8: no registration by the
-- employer, no exam). Confirming one creates the registration through the
-- usual rules and links it here.
CREATE TABLE pre_registrations (
    id                 {{id}},
    census_import_id   BIGINT NOT NULL REFERENCES census_imports (id),
    line               INTEGER NOT NULL,
    candidate_id       BIGINT NOT NULL REFERENCES candidates (id),
    employer_id        BIGINT NOT NULL REFERENCES employers (id), -- the employer named by the census
    qualification_code TEXT NOT NULL REFERENCES qualifications (code),
    blocks             TEXT NOT NULL DEFAULT '', -- comma-separated; '' for every block remaining
    path_start         TEXT NOT NULL,
    path_end           TEXT NOT NULL,            -- the proposed "certifiable à partir du"
    contract           TEXT NOT NULL DEFAULT '' CHECK (contract IN ('', 'cdi', 'cdd', 'pro')),
    status             TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'declined')),
    created_at         TEXT NOT NULL,
    decided_at         TEXT,
    decided_by         TEXT NOT NULL DEFAULT '',
    registration_id    BIGINT REFERENCES registrations (id),
    decline_reason     TEXT NOT NULL DEFAULT '',
    UNIQUE (candidate_id, qualification_code, path_start) -- the same census line imported twice creates nothing
);
CREATE INDEX pre_registrations_employer ON pre_registrations (employer_id, status);
CREATE INDEX pre_registrations_census ON pre_registrations (census_import_id);
-- A candidate merged into another hands its pre-registrations over: finding
-- them from the one kept (census re-import) reads this index.
CREATE INDEX candidates_merged_into ON candidates (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE training_sessions (
    id                 {{id}},
    qualification_code TEXT NOT NULL REFERENCES qualifications (code),
    title              TEXT NOT NULL DEFAULT '',
    starts_on          TEXT NOT NULL,
    ends_on            TEXT NOT NULL,
    period             TEXT NOT NULL, -- certification period the planning gives, YYYY-MM
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL
);

CREATE TABLE training_session_employers (
    session_id   BIGINT NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
    employer_id  BIGINT NOT NULL REFERENCES employers (id),
    participants INTEGER NOT NULL CHECK (participants > 0),
    invited_at   TEXT,                    -- the office's invitation to register was queued
    notified_at  TEXT,                    -- Gestionnaire carrière: the employer told the office it registered
    notified_by  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, employer_id)
);
CREATE INDEX training_session_employers_employer ON training_session_employers (employer_id);

-- None by default: certification runs all year round (since 2023).
CREATE TABLE registration_windows (
    id                 {{id}},
    opens_on           TEXT NOT NULL,
    closes_on          TEXT NOT NULL,
    qualification_code TEXT REFERENCES qualifications (code), -- NULL for every qualification
    period             TEXT NOT NULL DEFAULT '',               -- '' for every certification period
    label              TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL
);
