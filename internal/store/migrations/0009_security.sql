-- API tokens expire (chosen at creation, 90 days by default). Tokens created
-- before this migration expire 90 days after it runs, so that no script stops
-- the day of the upgrade.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT NOT NULL DEFAULT '';
UPDATE api_tokens SET expires_at = '{{now+90d}}';
