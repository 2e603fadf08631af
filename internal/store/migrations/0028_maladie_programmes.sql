-- GCAM, CSAM, STARTECH, SMPRO and DNS are named by the 2026 letter but by no
-- public source as CQPs: most likely Assurance Maladie programmes leading to
-- a CQP (shared/REFERENTIAL.md). Until the exam office confirms which, they
-- no longer read as CQPs with a title "à compléter".
UPDATE qualifications SET title = 'Programme ' || code || ' de la branche Maladie (CQP visé à confirmer par l''équipe des examens)'
    WHERE code IN ('GCAM', 'CSAM', 'STARTECH', 'SMPRO', 'DNS') AND title = 'CQP ' || code || ' (intitulé complet à compléter)';
