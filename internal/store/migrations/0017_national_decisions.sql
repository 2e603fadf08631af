-- National joint juries (R9, R10): the decision on each block attempt, taken
-- by the national jury of a day, with the professional jury's proposal it
-- follows or the reason it departs from it. One decision per attempt: a later
-- correction is a new decision of a later jury on a new attempt, never an
-- edit (minutes, once signed, are final).
CREATE TABLE national_decisions (
    attempt_id  BIGINT PRIMARY KEY REFERENCES block_attempts (id),
    jury_day    TEXT NOT NULL,
    proposal    TEXT NOT NULL CHECK (proposal IN ('favourable', 'unfavourable', 'absent')),
    decision    TEXT NOT NULL CHECK (decision IN ('validated', 'not_validated', 'absent')),
    reason      TEXT NOT NULL DEFAULT '',
    decided_by  TEXT NOT NULL,
    decided_at  TEXT NOT NULL
);
CREATE INDEX national_decisions_jury ON national_decisions (jury_day);

-- A national jury's results are published once, with all its decisions
-- (R10): until then its decisions are the jury's and its certifier's only.
CREATE TABLE national_proclamations (
    jury_day      TEXT PRIMARY KEY,
    decisions     INTEGER NOT NULL,
    proclaimed_by TEXT NOT NULL,
    proclaimed_at TEXT NOT NULL
);

-- A national joint jury's composition (R9): the representatives of the
-- employers and of the employees, its president, and who sat.
CREATE TABLE national_jury_seats (
    jury_day  TEXT NOT NULL,
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    side      TEXT NOT NULL CHECK (side IN ('employer', 'employee')),
    president BOOLEAN NOT NULL DEFAULT FALSE,
    sat       BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (jury_day, position)
);
