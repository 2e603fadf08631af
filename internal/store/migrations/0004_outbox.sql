-- Outbound mail: an outbox written in the same transaction as the event that
-- causes the mail; a background sender delivers it with retries.

CREATE TABLE outbox (
    id              {{id}},
    kind            TEXT NOT NULL,   -- invitation, password_reset, collection_table, reminder, census, planning, ...
    dedup_key       TEXT UNIQUE,     -- a mail with the same key is never queued twice (reminders: once each)
    recipients      TEXT NOT NULL,   -- comma-separated addresses
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL DEFAULT '',
    attachment_name TEXT NOT NULL DEFAULT '',
    attachment      {{blob}},
    employer_id     BIGINT REFERENCES employers (id),
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
