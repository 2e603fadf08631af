-- The pool of professional-jury members (R14): who they are, whom they come
-- from, the seats they hold, how often they may sit, whether an employer
-- proposed them and what the office decided; and their availability by
-- half-day.
ALTER TABLE jury_members ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE jury_members ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE jury_members ADD COLUMN branch_code TEXT NOT NULL DEFAULT '';
ALTER TABLE jury_members ADD COLUMN max_sessions INTEGER NOT NULL DEFAULT 24;
ALTER TABLE jury_members ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('proposed', 'active', 'declined', 'inactive'));
ALTER TABLE jury_members ADD COLUMN proposed_by BIGINT REFERENCES employers (id);
ALTER TABLE jury_members ADD COLUMN decision_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE jury_members ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE INDEX jury_members_status ON jury_members (status, last_name);

CREATE TABLE jury_availability (
    member_id BIGINT NOT NULL REFERENCES jury_members (id) ON DELETE CASCADE,
    day       TEXT NOT NULL,
    half      TEXT NOT NULL CHECK (half IN ('am', 'pm')),
    PRIMARY KEY (member_id, day, half)
);
CREATE INDEX jury_availability_day ON jury_availability (day, half);
