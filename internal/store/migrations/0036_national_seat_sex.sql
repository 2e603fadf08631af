-- The sex of a national jury's member, as the certifier gives it ("F", "M"
-- or "" when not given), so that the minutes agree "présidente", "absent"
-- with the person.
ALTER TABLE national_jury_seats ADD COLUMN sex TEXT NOT NULL DEFAULT '';
