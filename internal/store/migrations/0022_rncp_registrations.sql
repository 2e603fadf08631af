-- The RNCP registrations of each qualification, with their validity dates:
-- a registration expires and is renewed under a new number
-- (shared/REFERENTIAL.md), and the accrochage of a certification obtained
-- carries the registration in force on the day it was obtained. A date not
-- known is NULL: open at that end. Databases seeded before get one
-- registration per RNCP code of the referential, with the end dates France
-- Compétences' fiches give (the seed writes them on a fresh database).
CREATE TABLE rncp_registrations (
    id                 {{id}},
    qualification_code TEXT NOT NULL REFERENCES qualifications (code),
    number             TEXT NOT NULL,
    registered_on      TEXT,
    ends_on            TEXT,
    UNIQUE (qualification_code, number)
);

INSERT INTO rncp_registrations (qualification_code, number, ends_on)
    SELECT code, rncp, CASE rncp
        WHEN 'RNCP35543' THEN '2026-04-19'
        WHEN 'RNCP35729' THEN '2026-07-08'
        WHEN 'RNCP35428' THEN '2026-03-17'
        WHEN 'RNCP35744' THEN '2026-07-08'
    END
    FROM qualifications WHERE rncp <> '';
