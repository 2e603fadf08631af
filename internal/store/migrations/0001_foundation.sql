-- Foundation: referential, calendar, accounts, employers, people, audit.
-- {{id}} is replaced by the dialect's auto-increment primary key (dialect.go).
-- Civil dates are ISO text (YYYY-MM-DD); timestamps are UTC text (RFC 3339).

CREATE TABLE branches (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    remote_tool TEXT NOT NULL,
    position    INTEGER NOT NULL
);

CREATE TABLE qualifications (
    code                     TEXT PRIMARY KEY,
    title                    TEXT NOT NULL,
    rncp                     TEXT NOT NULL DEFAULT '',
    level                    INTEGER NOT NULL DEFAULT 0,
    route                    TEXT NOT NULL CHECK (route IN ('census', 'collection_table', 'training_planning')),
    jury_training_mandatory  BOOLEAN NOT NULL DEFAULT FALSE,
    employer_notifies_office BOOLEAN NOT NULL DEFAULT FALSE,
    block_count_confirmed    BOOLEAN NOT NULL DEFAULT TRUE,
    active                   BOOLEAN NOT NULL DEFAULT TRUE,
    position                 INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE qualification_branches (
    qualification_code TEXT NOT NULL REFERENCES qualifications (code) ON DELETE CASCADE,
    branch_code        TEXT NOT NULL REFERENCES branches (code),
    PRIMARY KEY (qualification_code, branch_code)
);

CREATE TABLE blocks (
    qualification_code TEXT NOT NULL REFERENCES qualifications (code) ON DELETE CASCADE,
    number             INTEGER NOT NULL CHECK (number >= 1),
    code               TEXT NOT NULL DEFAULT '',
    title              TEXT NOT NULL,
    placeholder        BOOLEAN NOT NULL DEFAULT FALSE,
    modalities         TEXT NOT NULL DEFAULT '', -- comma-separated certif.Modality values
    PRIMARY KEY (qualification_code, number)
);

CREATE TABLE calendar_worked_holidays (
    name TEXT PRIMARY KEY
);

CREATE TABLE calendar_closed_days (
    day    TEXT PRIMARY KEY,
    reason TEXT NOT NULL
);

CREATE TABLE national_juries (
    day             TEXT PRIMARY KEY,
    start_time      TEXT NOT NULL,
    end_time        TEXT NOT NULL,
    cutoff_override TEXT,
    override_reason TEXT NOT NULL DEFAULT ''
);

CREATE TABLE collection_campaigns (
    name     TEXT PRIMARY KEY, -- first exam month, YYYY-MM
    deadline TEXT NOT NULL
);

CREATE TABLE campaign_exam_months (
    month         TEXT PRIMARY KEY, -- an exam month belongs to one campaign
    campaign_name TEXT NOT NULL REFERENCES collection_campaigns (name) ON DELETE CASCADE
);

CREATE TABLE exam_months (
    year  INTEGER NOT NULL,
    month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    PRIMARY KEY (year, month)
);

CREATE TABLE employers (
    id          {{id}},
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    branch_code TEXT NOT NULL REFERENCES branches (code),
    region      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

CREATE TABLE employer_contacts (
    employer_id BIGINT NOT NULL REFERENCES employers (id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (employer_id, email)
);

CREATE TABLE jury_members (
    id             {{id}},
    first_name     TEXT NOT NULL,
    last_name      TEXT NOT NULL,
    email          TEXT NOT NULL UNIQUE,
    roles          TEXT NOT NULL,          -- comma-separated certif.JuryRole values
    employer_id    BIGINT REFERENCES employers (id),
    qualifications TEXT NOT NULL DEFAULT '', -- comma-separated CQP codes
    trained_on     TEXT,
    created_at     TEXT NOT NULL
);

CREATE TABLE candidates (
    id            {{id}},
    employer_id   BIGINT NOT NULL REFERENCES employers (id),
    birth_name    TEXT NOT NULL,
    usage_name    TEXT NOT NULL DEFAULT '',
    first_name1   TEXT NOT NULL,
    first_name2   TEXT NOT NULL DEFAULT '',
    first_name3   TEXT NOT NULL DEFAULT '',
    sex           TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    birth_date    TEXT NOT NULL,
    birth_insee   TEXT NOT NULL DEFAULT '',
    birth_country TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    search_key    TEXT NOT NULL, -- lower case, accents removed: accent-insensitive search
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX candidates_employer ON candidates (employer_id);
CREATE INDEX candidates_search ON candidates (search_key);
CREATE INDEX candidates_identity ON candidates (birth_name, birth_date);

CREATE TABLE users (
    id              {{id}},
    email           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL DEFAULT '',
    role            TEXT NOT NULL CHECK (role IN ('office', 'certifier', 'employer', 'jury', 'candidate')),
    employer_id     BIGINT REFERENCES employers (id),
    jury_member_id  BIGINT REFERENCES jury_members (id),
    candidate_id    BIGINT REFERENCES candidates (id),
    password_hash   TEXT NOT NULL,
    disabled        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TEXT NOT NULL,
    last_login_at   TEXT,
    password_set_at TEXT NOT NULL,
    CHECK (role <> 'employer' OR employer_id IS NOT NULL)
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY, -- SHA-256 of the cookie value: a stolen database opens no session
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id           {{id}},
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    label        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);

CREATE TABLE login_attempts (
    id      {{id}},
    at      TEXT NOT NULL,
    email   TEXT NOT NULL,
    ip      TEXT NOT NULL,
    success BOOLEAN NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

CREATE TABLE audit_events (
    id           {{id}},
    at           TEXT NOT NULL,
    user_id      BIGINT REFERENCES users (id),
    user_email   TEXT NOT NULL DEFAULT '',
    entity       TEXT NOT NULL,
    entity_key   TEXT NOT NULL,
    action       TEXT NOT NULL,
    field        TEXT NOT NULL DEFAULT '',
    before_value TEXT NOT NULL DEFAULT '',
    after_value  TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_entity ON audit_events (entity, entity_key);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
