-- Professional juries (R12, R13, R14, R15): how long each block's test lasts,
-- the exam office's own sites, the adjustments the certifier granted a
-- registration (R15, article 25 of the training regulation), and the sessions
-- themselves: their half-day, mode and place, their three members, and one slot
-- per block attempt. A session goes draft → convened → held → closed, or is
-- cancelled; sequence is the iCalendar SEQUENCE of its invitations, raised on
-- every change made after it was convened.
ALTER TABLE blocks ADD COLUMN minutes INTEGER NOT NULL DEFAULT 60;
-- the branch's standing video room: a new remote session starts with it
ALTER TABLE branches ADD COLUMN remote_link TEXT NOT NULL DEFAULT '';

CREATE TABLE institute_sites (
    id      {{id}},
    name    TEXT NOT NULL,
    address TEXT NOT NULL
);

CREATE TABLE adjustment_grants (
    registration_id BIGINT PRIMARY KEY REFERENCES registrations (id),
    extra_minutes   INTEGER NOT NULL DEFAULT 0 CHECK (extra_minutes >= 0),
    accessible_room BOOLEAN NOT NULL DEFAULT FALSE,
    secretary       BOOLEAN NOT NULL DEFAULT FALSE,
    adapted_test    BOOLEAN NOT NULL DEFAULT FALSE,
    instructions    TEXT NOT NULL DEFAULT '', -- what the jury must respect, never the condition itself
    decided_by      TEXT NOT NULL,
    decided_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE jury_sessions (
    id                 {{id}},
    qualification_code TEXT NOT NULL REFERENCES qualifications (code),
    day                TEXT NOT NULL,
    half               TEXT NOT NULL CHECK (half IN ('am', 'pm')),
    mode               TEXT NOT NULL CHECK (mode IN ('remote', 'employer', 'institute')),
    remote_tool        TEXT NOT NULL DEFAULT '' CHECK (remote_tool IN ('', 'teams', 'zoom')),
    link               TEXT NOT NULL DEFAULT '',
    employer_id        BIGINT REFERENCES employers (id),        -- host of an in-person session at the employer
    site_id            BIGINT REFERENCES employer_sites (id),
    institute_site_id  BIGINT REFERENCES institute_sites (id),
    status             TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'convened', 'held', 'closed', 'cancelled')),
    locked             BOOLEAN NOT NULL DEFAULT FALSE,
    sequence           INTEGER NOT NULL DEFAULT 0,
    cancel_reason      TEXT NOT NULL DEFAULT '',
    convened_at        TEXT,
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX jury_sessions_day ON jury_sessions (day, half);
CREATE INDEX jury_sessions_status ON jury_sessions (status, day);

CREATE TABLE jury_session_members (
    session_id BIGINT NOT NULL REFERENCES jury_sessions (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('certifier_rep', 'expert', 'branch_rep')),
    member_id  BIGINT NOT NULL REFERENCES jury_members (id),
    PRIMARY KEY (session_id, role)
);
CREATE INDEX jury_session_members_member ON jury_session_members (member_id, session_id);

CREATE TABLE jury_session_slots (
    id            {{id}},
    session_id    BIGINT NOT NULL REFERENCES jury_sessions (id) ON DELETE CASCADE,
    attempt_id    BIGINT NOT NULL REFERENCES block_attempts (id),
    starts_at     TEXT NOT NULL,           -- HH:MM, Paris time, on the session's day
    minutes       INTEGER NOT NULL,        -- the block's length plus the extra time granted (R15)
    extra_minutes INTEGER NOT NULL DEFAULT 0,
    sequence      INTEGER NOT NULL DEFAULT 0, -- iCalendar SEQUENCE of the convocation of this slot
    UNIQUE (session_id, attempt_id)
);
CREATE INDEX jury_session_slots_attempt ON jury_session_slots (attempt_id);


-- One run of the planner over a window: what it placed, and each attempt it
-- could not place with the reason in French, for the office's review.
CREATE TABLE planning_runs (
    id         {{id}},
    starts_on  TEXT NOT NULL,
    ends_on    TEXT NOT NULL,
    sessions   INTEGER NOT NULL,
    placed     INTEGER NOT NULL,
    unplaced   TEXT NOT NULL DEFAULT '[]', -- JSON: [{"attempt_id": 1, "reason": "…"}]
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
