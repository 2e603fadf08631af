-- Indexes for the lists at national scale (docs/benchmarks.md, "National scale":
-- 60,000 candidates, 80,000 registrations, 150,000 block attempts). Each new
-- index starts with the columns of the one it replaces, so every query served
-- before still is.

-- Status and period filters of the registration lists (EXISTS on the attempts
-- of each registration) read the index alone; replaces (registration_id).
CREATE INDEX block_attempts_registration_status ON block_attempts (registration_id, status, period);
DROP INDEX block_attempts_registration;

-- Live registrations of a candidate (joins of the lists, deletion checks)
-- without reading the rows; replaces (candidate_id).
CREATE INDEX registrations_candidate_live ON registrations (candidate_id, deleted_at);
DROP INDEX registrations_candidate;

-- An employer's candidates in name order (lists of an employer's space, and
-- the accent-insensitive search within it); replaces (employer_id).
CREATE INDEX candidates_employer_search ON candidates (employer_id, search_key);
DROP INDEX candidates_employer;

-- The candidates list in name order reads the index and stops at the page;
-- with search_key in it, an accent-insensitive search filters the index
-- entries before reading any row, and employer_id lets the count with the
-- employers join read the index alone (live candidates only, as the lists).
CREATE INDEX candidates_name ON candidates (birth_name, first_name1, search_key, employer_id) WHERE deleted_at IS NULL;
