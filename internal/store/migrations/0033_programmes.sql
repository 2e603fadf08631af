-- GCAM, CSAM, STARTECH, SMPRO and DNS become what public sources suggest
-- they are (shared/REFERENTIAL.md): programmes of the Maladie branch that
-- lead to a CQP, through the census route, once the exam office confirms
-- which CQP. A registration or pre-registration made through a programme
-- names it beside its CQP.
CREATE TABLE programmes (
    code               TEXT PRIMARY KEY,
    title              TEXT NOT NULL DEFAULT '',
    branch_code        TEXT NOT NULL REFERENCES branches (code),
    qualification_code TEXT REFERENCES qualifications (code), -- NULL while the CQP it leads to is not known
    route              TEXT NOT NULL CHECK (route IN ('census', 'collection_table', 'training_planning')),
    confirmed_at       TEXT,                                  -- the office confirmed the CQP; NULL while to confirm
    confirmed_by       TEXT NOT NULL DEFAULT '',
    position           INTEGER NOT NULL DEFAULT 0,
    version            INTEGER NOT NULL DEFAULT 1
);

ALTER TABLE registrations ADD COLUMN programme_code TEXT REFERENCES programmes (code);
ALTER TABLE pre_registrations ADD COLUMN programme_code TEXT REFERENCES programmes (code);

-- A database made before holds them as qualifications with a made-up block:
-- each becomes a programme (the CQP it most likely leads to proposed, to be
-- confirmed), and the made-up qualification goes when nothing refers to it;
-- one with history stays, closed to new registrations.
INSERT INTO programmes (code, title, branch_code, qualification_code, route, position)
    SELECT q.code, '', 'maladie',
        (SELECT t.code FROM qualifications t WHERE t.code = CASE q.code WHEN 'GCAM' THEN 'GC' WHEN 'STARTECH' THEN 'GC' WHEN 'CSAM' THEN 'COS' WHEN 'SMPRO' THEN 'MOSS' END),
        'census', CASE q.code WHEN 'GCAM' THEN 1 WHEN 'CSAM' THEN 2 WHEN 'STARTECH' THEN 3 WHEN 'SMPRO' THEN 4 ELSE 5 END
    FROM qualifications q WHERE q.code IN ('GCAM', 'CSAM', 'STARTECH', 'SMPRO', 'DNS')
        AND EXISTS (SELECT 1 FROM branches b WHERE b.code = 'maladie');

UPDATE qualifications SET active = FALSE WHERE code IN ('GCAM', 'CSAM', 'STARTECH', 'SMPRO', 'DNS');
DELETE FROM qualifications WHERE code IN ('GCAM', 'CSAM', 'STARTECH', 'SMPRO', 'DNS')
    AND NOT EXISTS (SELECT 1 FROM registrations x WHERE x.qualification_code = qualifications.code)
    AND NOT EXISTS (SELECT 1 FROM block_attempts x WHERE x.qualification_code = qualifications.code)
    AND NOT EXISTS (SELECT 1 FROM pre_registrations x WHERE x.qualification_code = qualifications.code)
    AND NOT EXISTS (SELECT 1 FROM training_sessions x WHERE x.qualification_code = qualifications.code)
    AND NOT EXISTS (SELECT 1 FROM registration_windows x WHERE x.qualification_code = qualifications.code)
    AND NOT EXISTS (SELECT 1 FROM jury_sessions x WHERE x.qualification_code = qualifications.code)
    AND NOT EXISTS (SELECT 1 FROM evaluation_criteria x WHERE x.qualification_code = qualifications.code)
    AND NOT EXISTS (SELECT 1 FROM certificates x WHERE x.qualification_code = qualifications.code)
    AND NOT EXISTS (SELECT 1 FROM rncp_registrations x WHERE x.qualification_code = qualifications.code)
    AND NOT EXISTS (SELECT 1 FROM accrochage_records x WHERE x.qualification_code = qualifications.code);
