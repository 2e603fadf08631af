-- The statistics of a year are kept between the changes that touch that
-- year (store/statistics_kept.go): statistics_changes counts, per year, the
-- changes of what its figures read — registrations by their registration
-- day, decided attempts by their decision day, held sessions, their slots
-- and members by the session's day. Year 0 counts the changes that move
-- every year's figures (an employer's branch, a registration's employer or
-- day, an attempt's registration, CQP or block). Triggers keep it, so that
-- every write path, every instance and the command line move it; a reader
-- reads it before the figures, in their own snapshot, and never keeps
-- figures older than the count it read.
--
-- SQLite fires its triggers row by row in the writing transaction (one
-- writer at a time). PostgreSQL's are deferred to the commit and move each
-- year once per transaction: an import of 5,000 registrations locks the
-- year's row for the moment of its commit only, not for its duration.
-- A migration that rebuilds one of these tables on SQLite must create its
-- triggers again.
CREATE TABLE statistics_changes (
    year    INTEGER PRIMARY KEY,
    changes BIGINT NOT NULL
);
INSERT INTO statistics_changes (year, changes)
SELECT y, 1 FROM (
    SELECT CAST(substr(registered_on, 1, 4) AS INTEGER) AS y FROM registrations
    UNION SELECT CAST(substr(decided_on, 1, 4) AS INTEGER) FROM block_attempts WHERE decided_on IS NOT NULL
    UNION SELECT CAST(substr(day, 1, 4) AS INTEGER) FROM jury_sessions
    UNION SELECT 0
) years;

{{sqlite}}
CREATE TRIGGER registrations_statistics_insert AFTER INSERT ON registrations BEGIN
    INSERT INTO statistics_changes (year, changes) SELECT CAST(substr(NEW.registered_on, 1, 4) AS INTEGER), 1 WHERE true
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER registrations_statistics_delete AFTER DELETE ON registrations BEGIN
    INSERT INTO statistics_changes (year, changes) SELECT CAST(substr(OLD.registered_on, 1, 4) AS INTEGER), 1 WHERE true
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER registrations_statistics_update AFTER UPDATE OF registered_on, deleted_at, candidate_id, employer_id, qualification_code ON registrations
WHEN OLD.registered_on IS NOT NEW.registered_on OR OLD.deleted_at IS NOT NEW.deleted_at OR OLD.candidate_id IS NOT NEW.candidate_id
    OR OLD.employer_id IS NOT NEW.employer_id OR OLD.qualification_code IS NOT NEW.qualification_code BEGIN
    INSERT INTO statistics_changes (year, changes)
    SELECT CASE WHEN OLD.registered_on IS NOT NEW.registered_on OR OLD.employer_id IS NOT NEW.employer_id THEN 0
        ELSE CAST(substr(NEW.registered_on, 1, 4) AS INTEGER) END, 1 WHERE true
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;

CREATE TRIGGER block_attempts_statistics_insert AFTER INSERT ON block_attempts BEGIN
    INSERT INTO statistics_changes (year, changes)
    SELECT y, 1 FROM (
        SELECT CAST(substr(registered_on, 1, 4) AS INTEGER) AS y FROM registrations WHERE id = NEW.registration_id
        UNION SELECT CAST(substr(NEW.decided_on, 1, 4) AS INTEGER)
    ) years WHERE y IS NOT NULL
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER block_attempts_statistics_delete AFTER DELETE ON block_attempts BEGIN
    INSERT INTO statistics_changes (year, changes)
    SELECT y, 1 FROM (
        SELECT CAST(substr(registered_on, 1, 4) AS INTEGER) AS y FROM registrations WHERE id = OLD.registration_id
        UNION SELECT CAST(substr(OLD.decided_on, 1, 4) AS INTEGER)
    ) years WHERE y IS NOT NULL
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER block_attempts_statistics_decision AFTER UPDATE OF status, decided_on ON block_attempts
WHEN OLD.decided_on IS NOT NEW.decided_on OR (OLD.status IS NOT NEW.status AND COALESCE(OLD.decided_on, NEW.decided_on) IS NOT NULL) BEGIN
    INSERT INTO statistics_changes (year, changes)
    SELECT y, 1 FROM (
        SELECT CAST(substr(OLD.decided_on, 1, 4) AS INTEGER) AS y
        UNION SELECT CAST(substr(NEW.decided_on, 1, 4) AS INTEGER)
    ) years WHERE y IS NOT NULL
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER block_attempts_statistics_group AFTER UPDATE OF registration_id, qualification_code, block_number ON block_attempts
WHEN OLD.registration_id IS NOT NEW.registration_id OR OLD.qualification_code IS NOT NEW.qualification_code OR OLD.block_number IS NOT NEW.block_number BEGIN
    INSERT INTO statistics_changes (year, changes) SELECT 0, 1 WHERE true
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;

CREATE TRIGGER jury_sessions_statistics_insert AFTER INSERT ON jury_sessions WHEN NEW.status IN ('held', 'closed') BEGIN
    INSERT INTO statistics_changes (year, changes) SELECT CAST(substr(NEW.day, 1, 4) AS INTEGER), 1 WHERE true
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER jury_sessions_statistics_delete AFTER DELETE ON jury_sessions WHEN OLD.status IN ('held', 'closed') BEGIN
    INSERT INTO statistics_changes (year, changes) SELECT CAST(substr(OLD.day, 1, 4) AS INTEGER), 1 WHERE true
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER jury_sessions_statistics_update AFTER UPDATE OF status, day ON jury_sessions
WHEN (OLD.status IS NOT NEW.status OR OLD.day IS NOT NEW.day) AND (OLD.status IN ('held', 'closed') OR NEW.status IN ('held', 'closed')) BEGIN
    INSERT INTO statistics_changes (year, changes)
    SELECT y, 1 FROM (
        SELECT CAST(substr(OLD.day, 1, 4) AS INTEGER) AS y
        UNION SELECT CAST(substr(NEW.day, 1, 4) AS INTEGER)
    ) years WHERE true
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;

CREATE TRIGGER jury_session_slots_statistics_insert AFTER INSERT ON jury_session_slots BEGIN
    INSERT INTO statistics_changes (year, changes)
    SELECT CAST(substr(day, 1, 4) AS INTEGER), 1 FROM jury_sessions WHERE id = NEW.session_id AND status IN ('held', 'closed')
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER jury_session_slots_statistics_delete AFTER DELETE ON jury_session_slots BEGIN
    INSERT INTO statistics_changes (year, changes)
    SELECT CAST(substr(day, 1, 4) AS INTEGER), 1 FROM jury_sessions WHERE id = OLD.session_id AND status IN ('held', 'closed')
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER jury_session_slots_statistics_update AFTER UPDATE OF session_id, attempt_id ON jury_session_slots
WHEN OLD.session_id IS NOT NEW.session_id OR OLD.attempt_id IS NOT NEW.attempt_id BEGIN
    INSERT INTO statistics_changes (year, changes)
    SELECT CAST(substr(day, 1, 4) AS INTEGER), 1 FROM jury_sessions WHERE id IN (OLD.session_id, NEW.session_id) AND status IN ('held', 'closed')
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER jury_session_members_statistics_insert AFTER INSERT ON jury_session_members BEGIN
    INSERT INTO statistics_changes (year, changes)
    SELECT CAST(substr(day, 1, 4) AS INTEGER), 1 FROM jury_sessions WHERE id = NEW.session_id AND status IN ('held', 'closed')
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER jury_session_members_statistics_delete AFTER DELETE ON jury_session_members BEGIN
    INSERT INTO statistics_changes (year, changes)
    SELECT CAST(substr(day, 1, 4) AS INTEGER), 1 FROM jury_sessions WHERE id = OLD.session_id AND status IN ('held', 'closed')
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;
CREATE TRIGGER jury_session_members_statistics_update AFTER UPDATE OF session_id, member_id ON jury_session_members
WHEN OLD.session_id IS NOT NEW.session_id OR OLD.member_id IS NOT NEW.member_id BEGIN
    INSERT INTO statistics_changes (year, changes)
    SELECT CAST(substr(day, 1, 4) AS INTEGER), 1 FROM jury_sessions WHERE id IN (OLD.session_id, NEW.session_id) AND status IN ('held', 'closed')
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;

CREATE TRIGGER employers_statistics_branch AFTER UPDATE OF branch_code ON employers WHEN OLD.branch_code IS NOT NEW.branch_code BEGIN
    INSERT INTO statistics_changes (year, changes) SELECT 0, 1 WHERE true
    ON CONFLICT (year) DO UPDATE SET changes = changes + 1;
END;
{{end}}

{{postgres}}
-- statistics_changed moves a year once per transaction (a setting local to
-- the transaction remembers it).
CREATE FUNCTION statistics_changed(y INTEGER) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF y IS NULL OR current_setting('certibloc.statistics_changed_' || y, true) = 'yes' THEN
        RETURN;
    END IF;
    PERFORM set_config('certibloc.statistics_changed_' || y, 'yes', true);
    INSERT INTO statistics_changes (year, changes) VALUES (y, 1)
    ON CONFLICT (year) DO UPDATE SET changes = statistics_changes.changes + 1;
END $$;
CREATE FUNCTION year_of(day TEXT) RETURNS INTEGER LANGUAGE sql IMMUTABLE AS $$ SELECT CAST(substr(day, 1, 4) AS INTEGER) $$;
CREATE FUNCTION session_year(session BIGINT) RETURNS INTEGER LANGUAGE sql STABLE AS $$
    SELECT year_of(day) FROM jury_sessions WHERE id = session AND status IN ('held', 'closed')
$$;

CREATE FUNCTION registrations_statistics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.registered_on IS DISTINCT FROM NEW.registered_on OR OLD.employer_id IS DISTINCT FROM NEW.employer_id THEN
            PERFORM statistics_changed(0);
        ELSIF OLD.deleted_at IS DISTINCT FROM NEW.deleted_at OR OLD.candidate_id IS DISTINCT FROM NEW.candidate_id
            OR OLD.qualification_code IS DISTINCT FROM NEW.qualification_code THEN
            PERFORM statistics_changed(year_of(NEW.registered_on));
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM statistics_changed(year_of(NEW.registered_on));
    ELSE
        PERFORM statistics_changed(year_of(OLD.registered_on));
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER registrations_statistics AFTER INSERT OR UPDATE OR DELETE ON registrations
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION registrations_statistics();

CREATE FUNCTION block_attempts_statistics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.registration_id IS DISTINCT FROM NEW.registration_id OR OLD.qualification_code IS DISTINCT FROM NEW.qualification_code
            OR OLD.block_number IS DISTINCT FROM NEW.block_number THEN
            PERFORM statistics_changed(0);
        ELSIF OLD.decided_on IS DISTINCT FROM NEW.decided_on OR (OLD.status IS DISTINCT FROM NEW.status AND COALESCE(OLD.decided_on, NEW.decided_on) IS NOT NULL) THEN
            PERFORM statistics_changed(year_of(OLD.decided_on));
            PERFORM statistics_changed(year_of(NEW.decided_on));
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM statistics_changed((SELECT year_of(registered_on) FROM registrations WHERE id = NEW.registration_id));
        PERFORM statistics_changed(year_of(NEW.decided_on));
    ELSE
        PERFORM statistics_changed((SELECT year_of(registered_on) FROM registrations WHERE id = OLD.registration_id));
        PERFORM statistics_changed(year_of(OLD.decided_on));
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER block_attempts_statistics AFTER INSERT OR UPDATE OR DELETE ON block_attempts
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION block_attempts_statistics();

CREATE FUNCTION jury_sessions_statistics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status IN ('held', 'closed') AND (TG_OP = 'DELETE' OR OLD.status IS DISTINCT FROM NEW.status OR OLD.day IS DISTINCT FROM NEW.day) THEN
        PERFORM statistics_changed(year_of(OLD.day));
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status IN ('held', 'closed') AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status OR OLD.day IS DISTINCT FROM NEW.day) THEN
        PERFORM statistics_changed(year_of(NEW.day));
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER jury_sessions_statistics AFTER INSERT OR UPDATE OR DELETE ON jury_sessions
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION jury_sessions_statistics();

-- a slot or a seat: the year of its session, when held
CREATE FUNCTION jury_session_rows_statistics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM statistics_changed(session_year(OLD.session_id));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM statistics_changed(session_year(NEW.session_id));
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER jury_session_slots_statistics AFTER INSERT OR UPDATE OF session_id, attempt_id OR DELETE ON jury_session_slots
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION jury_session_rows_statistics();
CREATE CONSTRAINT TRIGGER jury_session_members_statistics AFTER INSERT OR UPDATE OF session_id, member_id OR DELETE ON jury_session_members
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION jury_session_rows_statistics();

CREATE FUNCTION employers_statistics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.branch_code IS DISTINCT FROM NEW.branch_code THEN
        PERFORM statistics_changed(0);
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER employers_statistics AFTER UPDATE OF branch_code ON employers
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION employers_statistics();
{{end}}
