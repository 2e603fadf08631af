-- The minutes (procès-verbal) of a national jury, signed once its decisions
-- are taken (R9): the signed PDF, its SHA-256, how many decisions it records
-- and the digest of the decisions and composition it was rendered from, who
-- signed and when. Once signed, the jury's decisions and composition are final.
CREATE TABLE national_minutes (
    jury_day  TEXT PRIMARY KEY,
    pdf       {{blob}} NOT NULL,
    sha256    TEXT NOT NULL,
    decisions INTEGER NOT NULL,
    digest    TEXT NOT NULL,
    signed_by TEXT NOT NULL,
    signed_at TEXT NOT NULL
);
