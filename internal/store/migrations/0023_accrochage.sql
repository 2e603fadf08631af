-- Accrochage to the Caisse des Dépôts (docs/accrochage.md): the certifier's
-- CDC settings, the flows sent with their XML and acknowledgement, and where
-- each certification obtained (a CQP) stands with the CDC. A certification
-- never sent has no record.
CREATE TABLE accrochage_settings (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    client_id   TEXT NOT NULL DEFAULT '', -- idClient: 8 characters, given by the CDC
    contract_id TEXT NOT NULL DEFAULT '', -- idContrat
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);

CREATE TABLE accrochage_flows (
    number          INTEGER PRIMARY KEY,
    file_name       TEXT NOT NULL UNIQUE, -- what the CDC's acknowledgement names in nomFichier
    flow_id         TEXT NOT NULL,        -- idFlux
    records         INTEGER NOT NULL,
    xml             {{blob}} NOT NULL,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    report          {{blob}},             -- the acknowledgement as uploaded
    report_name     TEXT NOT NULL DEFAULT '',
    acknowledged_at TEXT,
    acknowledged_by TEXT NOT NULL DEFAULT ''
);

CREATE TABLE accrochage_records (
    id                 {{id}},
    candidate_id       BIGINT NOT NULL REFERENCES candidates (id),
    qualification_code TEXT NOT NULL REFERENCES qualifications (code),
    id_technique       TEXT NOT NULL UNIQUE,  -- stable across re-sends: the first certificate's number
    certificate_number TEXT NOT NULL REFERENCES certificates (number),
    status             TEXT NOT NULL CHECK (status IN ('not_sent', 'sent', 'accepted', 'rejected')),
    flow_number        INTEGER REFERENCES accrochage_flows (number), -- the last flow it was sent in
    reason             TEXT NOT NULL DEFAULT '', -- the CDC's message, or the office's when marked by hand
    sent_digest        TEXT NOT NULL DEFAULT '', -- what was sent, hashed: a correction since makes a rejected record sendable
    marked_by          TEXT NOT NULL DEFAULT '', -- marked by hand: who
    version            INTEGER NOT NULL DEFAULT 1,
    updated_at         TEXT NOT NULL,
    UNIQUE (candidate_id, qualification_code)
);
CREATE INDEX accrochage_records_flow ON accrochage_records (flow_number);
CREATE INDEX certificates_kind ON certificates (kind, status);
