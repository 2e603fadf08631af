-- The holder's sex is snapshotted with the identity a certificate prints
-- (R16): "née le" for a woman, "né le" for a man. Certificates issued
-- before take their candidate's.
ALTER TABLE certificates ADD COLUMN sex TEXT NOT NULL DEFAULT '';

UPDATE certificates SET sex = COALESCE((SELECT c.sex FROM candidates c WHERE c.id = certificates.candidate_id), '');
