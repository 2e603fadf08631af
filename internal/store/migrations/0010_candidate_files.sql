-- The employer an audit event of a candidate's file belongs to: the
-- registration's employer, or the candidate's, when the event was recorded. An
-- employer reads only its own events: a candidate transferred or merged to it
-- brings neither the former employer's health data (R15) nor its staff's
-- addresses.
ALTER TABLE audit_events ADD COLUMN employer_id BIGINT;
UPDATE audit_events SET employer_id = (SELECT r.employer_id FROM registrations r WHERE CAST(r.id AS TEXT) = audit_events.entity_key)
    WHERE entity = 'registration';
UPDATE audit_events SET employer_id = (SELECT c.employer_id FROM candidates c WHERE c.id = audit_events.candidate_id)
    WHERE employer_id IS NULL AND candidate_id IS NOT NULL;
CREATE INDEX audit_events_candidate_employer ON audit_events (candidate_id, employer_id);

-- Whether a line of a returned collection table filled the adjustments column
-- (health data, R15): downloading the returned file is a read of those.
ALTER TABLE collection_return_rows ADD COLUMN has_adjustments BOOLEAN NOT NULL DEFAULT FALSE;

-- Versions: every change raises them; a change made from an older copy (a
-- form opened before someone else saved, an API If-Match) is refused.
ALTER TABLE registrations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE candidates ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Submissions already handled: a form posted twice (double click) or an API
-- call retried with the same Idempotency-Key creates one record, and the
-- repeat answers with it.
CREATE TABLE submissions (
    user_id    BIGINT NOT NULL,
    key        TEXT NOT NULL,
    result     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);
