-- The caisses nationales (CNAM, CNAF, Urssaf Caisse nationale, CNAV), which
-- may mobilise jury members (R14): an account of role national_fund belongs to
-- one branch (users.branch_code); the members it proposes and the
-- availability requests it sends name its branch.
-- {{rebuild}}: SQLite cannot alter the role constraint of users, so the table
-- is rebuilt, with foreign keys off (migrate.go); PostgreSQL alters it.
{{sqlite}}
CREATE TABLE users_rebuilt (
    id              {{id}},
    email           TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL DEFAULT '',
    role            TEXT NOT NULL CHECK (role IN ('office', 'certifier', 'national_fund', 'employer', 'jury', 'candidate')),
    employer_id     BIGINT REFERENCES employers (id),
    jury_member_id  BIGINT REFERENCES jury_members (id),
    candidate_id    BIGINT REFERENCES candidates (id),
    password_hash   TEXT NOT NULL,
    disabled        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TEXT NOT NULL,
    last_login_at   TEXT,
    password_set_at TEXT NOT NULL,
    branch_code     TEXT REFERENCES branches (code),
    CHECK (role <> 'employer' OR employer_id IS NOT NULL),
    CONSTRAINT users_branch_check CHECK (role <> 'national_fund' OR branch_code IS NOT NULL)
);
INSERT INTO users_rebuilt (id, email, name, role, employer_id, jury_member_id, candidate_id, password_hash, disabled, created_at, last_login_at, password_set_at)
    SELECT id, email, name, role, employer_id, jury_member_id, candidate_id, password_hash, disabled, created_at, last_login_at, password_set_at FROM users;
DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;
{{end}}
{{postgres}}
ALTER TABLE users ADD COLUMN branch_code TEXT REFERENCES branches (code);
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('office', 'certifier', 'national_fund', 'employer', 'jury', 'candidate'));
ALTER TABLE users ADD CONSTRAINT users_branch_check CHECK (role <> 'national_fund' OR branch_code IS NOT NULL);
{{end}}

ALTER TABLE jury_members ADD COLUMN proposed_by_fund TEXT REFERENCES branches (code);

ALTER TABLE availability_requests ADD COLUMN branch_code TEXT REFERENCES branches (code);
CREATE INDEX availability_requests_branch ON availability_requests (branch_code, id);
