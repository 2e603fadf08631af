-- The office asks jury members for their availability over a period (R14):
-- who was asked, who answered (saved their availability of the period since),
-- who was reminded.
CREATE TABLE availability_requests (
    id         {{id}},
    starts_on  TEXT NOT NULL,
    ends_on    TEXT NOT NULL,
    answer_by  TEXT NOT NULL,
    message    TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE availability_request_members (
    request_id  BIGINT NOT NULL REFERENCES availability_requests (id) ON DELETE CASCADE,
    member_id   BIGINT NOT NULL REFERENCES jury_members (id),
    answered_at TEXT,
    reminded_at TEXT,
    PRIMARY KEY (request_id, member_id)
);
CREATE INDEX availability_request_members_member ON availability_request_members (member_id, answered_at);
