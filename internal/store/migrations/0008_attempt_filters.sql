-- Status and period filters of the registration lists select the registrations
-- from the attempts index alone (docs/benchmarks.md, "National scale").
CREATE INDEX block_attempts_status_period ON block_attempts (status, period, registration_id);
