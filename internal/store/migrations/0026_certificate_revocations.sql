-- A certificate revoked by the certifier keeps why, by whom and when; one
-- re-issued after a correction of its holder's identity names the one it
-- replaces (the old one is 'replaced', replaced_by the new number).
ALTER TABLE certificates ADD COLUMN revoked_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN revoked_by TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN revoked_at TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN replaces TEXT NOT NULL DEFAULT '';
