-- The statistics (store/statistics.go) read decided attempts by their
-- decision day and registrations by their registration day, grouped by
-- qualification, block, employer: both read from these indexes alone
-- (docs/benchmarks.md, "Statistics").
CREATE INDEX block_attempts_decided ON block_attempts (decided_on, status, registration_id, qualification_code, block_number);
CREATE INDEX registrations_registered ON registrations (registered_on, deleted_at, candidate_id, employer_id, qualification_code);
