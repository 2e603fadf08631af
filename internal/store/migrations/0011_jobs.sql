-- Long requests run in the background (imports): their progress and, once
-- done, their answer are kept here, so that any instance of the server shows
-- them at /suivi/{id}, not only the one that runs the work.
CREATE TABLE jobs (
    id           TEXT PRIMARY KEY,          -- random, unguessable
    owner_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    phase        TEXT NOT NULL DEFAULT '',  -- French label of the current step
    done         INTEGER NOT NULL DEFAULT 0,
    total        INTEGER NOT NULL DEFAULT 0,
    started_at   TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL,             -- the running instance's last word: a job silent too long was interrupted
    finished_at  TEXT,
    status       INTEGER NOT NULL DEFAULT 0, -- the answer, once finished
    header       TEXT NOT NULL DEFAULT '',   -- JSON
    body         {{blob}}
);
CREATE INDEX jobs_finished ON jobs (finished_at);
