-- The referential as far as public sources know it (shared/REFERENTIAL.md):
-- each qualification's NSF and Formacode codes, its certifiers as the RNCP
-- fiche names them, whether it certifies a regulated profession (whose
-- certification is not organised in blocks), and whether it is not on the
-- RNCP at all (Gestionnaire carrière; the others are registered, some under
-- a number not known). Comma-separated codes; certifiers separated by '|'.
ALTER TABLE qualifications ADD COLUMN nsf TEXT NOT NULL DEFAULT '';
ALTER TABLE qualifications ADD COLUMN formacodes TEXT NOT NULL DEFAULT '';
ALTER TABLE qualifications ADD COLUMN certifiers TEXT NOT NULL DEFAULT '';
ALTER TABLE qualifications ADD COLUMN regulated BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE qualifications ADD COLUMN off_rncp BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE qualifications SET nsf = '310,300', formacodes = '13236' WHERE code = 'COS';
UPDATE qualifications SET nsf = '313t,300', formacodes = '13205' WHERE code = 'GC';
UPDATE qualifications SET nsf = '300', formacodes = '13236' WHERE code = 'CA';
UPDATE qualifications SET nsf = '313t,300', formacodes = '13110', regulated = TRUE WHERE code = 'IR';
UPDATE qualifications SET nsf = '300,313', off_rncp = TRUE WHERE code = 'GCAR';
UPDATE qualifications SET certifiers = 'UCANSS (SIRET 784 621 435 00048)|CPNEFP du régime général de sécurité sociale'
    WHERE code IN ('COS', 'GC', 'CA', 'IR');

-- A block title the letters do not give was stored as the text "Intitulé à
-- compléter", shown to HR as if it were a title: it is now empty ("Bloc 2"
-- on every page) until the office enters it.
UPDATE blocks SET title = '', placeholder = FALSE WHERE title = 'Intitulé à compléter';
