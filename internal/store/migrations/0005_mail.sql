-- Outbound mail, continued: the sender's lease on the rows it delivers, and the
-- single-use links of account invitations and password resets.

-- A sender claims a row by setting status 'sending', a lease token of its own
-- and next_attempt_at to the end of its lease; only the holder of the token may
-- record the outcome, and a row left 'sending' past its lease is claimed again.
ALTER TABLE outbox ADD COLUMN lease_token TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN last_attempt_at TEXT;
ALTER TABLE outbox ADD COLUMN permanent_errors INTEGER NOT NULL DEFAULT 0; -- 5xx answers so far

CREATE TABLE account_links (
    id         {{id}},
    token_hash TEXT NOT NULL UNIQUE, -- SHA-256 of the secret in the link: a stolen database opens no account
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT -- set when a password is chosen through this link or another link of the same user
);
CREATE INDEX account_links_user ON account_links (user_id, purpose);

-- "Forgotten password" requests, known addresses or not, for rate limiting.
CREATE TABLE password_reset_requests (
    id    {{id}},
    at    TEXT NOT NULL,
    email TEXT NOT NULL,
    ip    TEXT NOT NULL
);
CREATE INDEX password_reset_requests_email ON password_reset_requests (email, at);
CREATE INDEX password_reset_requests_ip ON password_reset_requests (ip, at);
