-- Collection tables (R5, R18): for each campaign and employer concerned, the
-- table the exam office sent, the table the employer returned (on time or
-- late), a "néant" (R17), and the office lifting the R5 block ("jury non
-- organisable") with its reason; the rows of the returned table.

CREATE TABLE collection_returns (
    id                {{id}},
    campaign          TEXT NOT NULL REFERENCES collection_campaigns (name), -- first exam month, YYYY-MM
    employer_id       BIGINT NOT NULL REFERENCES employers (id),
    sent_at           TEXT,                      -- the office launched the campaign: table generated and mailed
    sent_by           TEXT NOT NULL DEFAULT '',
    rows_sent         INTEGER NOT NULL DEFAULT 0, -- registrations listed in the table sent
    filename          TEXT NOT NULL DEFAULT '',
    file              {{blob}},                  -- the table sent, which the employer downloads in its space
    returned_at       TEXT,                      -- last return (UTC)
    returned_on       TEXT,                      -- civil day of the first return: late when after the deadline
    returned_by       TEXT NOT NULL DEFAULT '',
    returned_filename TEXT NOT NULL DEFAULT '',
    returned_file     {{blob}},
    late              BOOLEAN NOT NULL DEFAULT FALSE,
    nil_declared      BOOLEAN NOT NULL DEFAULT FALSE, -- "néant": nobody to present in the campaign (R17)
    lifted_at         TEXT,                      -- the office lifted the R5 block
    lifted_by         TEXT NOT NULL DEFAULT '',
    lift_reason       TEXT NOT NULL DEFAULT '',
    UNIQUE (campaign, employer_id)
);
CREATE INDEX collection_returns_employer ON collection_returns (employer_id);

CREATE TABLE collection_return_rows (
    return_id       BIGINT NOT NULL REFERENCES collection_returns (id) ON DELETE CASCADE,
    registration_id BIGINT NOT NULL REFERENCES registrations (id),
    line            INTEGER NOT NULL,           -- row of the returned file
    blocks          TEXT NOT NULL,              -- blocks to evaluate, "1, 3"
    specialty       TEXT NOT NULL DEFAULT '',
    site            TEXT NOT NULL DEFAULT '',
    reception_hours TEXT NOT NULL DEFAULT '',   -- R18
    phone_hours     TEXT NOT NULL DEFAULT '',   -- R18
    PRIMARY KEY (return_id, registration_id)
);
