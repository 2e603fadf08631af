-- Evaluations of professional juries (R11). The office edits each block's
-- grid of criteria (a criterion taken off the grid stays, retired, for the
-- evaluations that answered it). One evaluation per slot: the candidate's
-- presence, the answers on the grid (each with the criterion's label as it
-- read then), the proposal with its reasoned comment; it becomes final once
-- the three seated members confirmed it, and the national jury takes the
-- final proposal of each attempt as it is (at most one per attempt).
-- Evidence files are stored outside the database (blob key), described here.
CREATE TABLE evaluation_criteria (
    id                 {{id}},
    qualification_code TEXT NOT NULL REFERENCES qualifications (code),
    block_number       INTEGER NOT NULL,
    position           INTEGER NOT NULL,
    label              TEXT NOT NULL,
    retired            BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX evaluation_criteria_block ON evaluation_criteria (qualification_code, block_number, position);

CREATE TABLE evaluations (
    slot_id    BIGINT PRIMARY KEY REFERENCES jury_session_slots (id),
    attempt_id BIGINT NOT NULL REFERENCES block_attempts (id),
    presence   TEXT NOT NULL DEFAULT '' CHECK (presence IN ('', 'present', 'absent', 'excused')),
    proposal   TEXT NOT NULL DEFAULT '' CHECK (proposal IN ('', 'favourable', 'unfavourable', 'absent')),
    comment    TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX evaluations_final_attempt ON evaluations (attempt_id) WHERE status = 'final';

CREATE TABLE evaluation_results (
    slot_id      BIGINT NOT NULL REFERENCES evaluations (slot_id),
    criterion_id BIGINT NOT NULL REFERENCES evaluation_criteria (id),
    position     INTEGER NOT NULL,
    label        TEXT NOT NULL,
    result       TEXT NOT NULL DEFAULT '' CHECK (result IN ('', 'acquired', 'not_acquired')),
    comment      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (slot_id, criterion_id)
);

-- The confirmation of the member holding a seat of the session, of one
-- version of the evaluation; a new save clears them.
CREATE TABLE evaluation_confirmations (
    slot_id      BIGINT NOT NULL REFERENCES evaluations (slot_id),
    role         TEXT NOT NULL CHECK (role IN ('certifier_rep', 'expert', 'branch_rep')),
    member_id    BIGINT NOT NULL REFERENCES jury_members (id),
    version      INTEGER NOT NULL,
    confirmed_at TEXT NOT NULL,
    PRIMARY KEY (slot_id, role)
);

CREATE TABLE evidence_files (
    id            {{id}},
    attempt_id    BIGINT NOT NULL REFERENCES block_attempts (id),
    slot_id       BIGINT REFERENCES jury_session_slots (id), -- the slot it was uploaded for
    uploaded_by   TEXT NOT NULL,
    uploader_role TEXT NOT NULL CHECK (uploader_role IN ('office', 'employer', 'jury')),
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL, -- detected from the content, never the browser's
    size          BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    blob_key      TEXT NOT NULL UNIQUE,
    created_at    TEXT NOT NULL
);
CREATE INDEX evidence_files_attempt ON evidence_files (attempt_id, id);
