-- The journal lists the changes newest first by their time: a history
-- written after the fact (the demo's past juries, an import of earlier data)
-- keeps its place among the others.
CREATE INDEX audit_events_at ON audit_events (at, id);
