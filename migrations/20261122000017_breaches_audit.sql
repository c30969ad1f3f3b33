-- The audit viewer's filters and the breach register (issue 6).

-- Audit viewer: every filter pages by `seq` descending (keyset, never OFFSET), so each index
-- ends in `seq` and a page is one index range read, whatever the log's size. `seq` is the
-- rowid, so `audit_log_entity (entity, entity_id)` already ends in it (the person filter).
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
-- Dates become a `seq` range: entries are appended in time order, so the first entry on or
-- after a moment is one probe of this index.
CREATE INDEX audit_log_at ON audit_log (at);

-- The breach register. Times are RFC 3339 UTC; the 72-hour deadline to tell the ICO is
-- counted from `discovered_at` and computed, never stored. Free text may describe people,
-- so audit entries name the fields changed, never their values.
CREATE TABLE breaches (
    id                      TEXT PRIMARY KEY NOT NULL,
    happened_at             TEXT NOT NULL,
    discovered_at           TEXT NOT NULL CHECK (discovered_at >= happened_at),
    what_happened           TEXT NOT NULL,
    data_affected           TEXT NOT NULL,
    people_affected_count   INTEGER CHECK (people_affected_count >= 0),
    people_affected         TEXT,
    risk_level              TEXT NOT NULL CHECK (risk_level IN ('unlikely', 'risk', 'high')),
    risk_assessment         TEXT NOT NULL,
    reportable              INTEGER NOT NULL CHECK (reportable IN (0, 1)),
    not_reportable_reason   TEXT,
    reported_at             TEXT,
    ico_reference           TEXT,
    individuals_told        TEXT NOT NULL CHECK (individuals_told IN ('not_yet', 'yes', 'no')),
    individuals_told_at     TEXT,
    individuals_not_told_reason TEXT,
    actions_taken           TEXT,
    lessons_learned         TEXT,
    status                  TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    closed_at               TEXT,
    recorded_by             TEXT REFERENCES users (id),
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    CHECK (reportable = 1 OR not_reportable_reason IS NOT NULL)
) STRICT;

CREATE INDEX breaches_open ON breaches (status, reportable, discovered_at);
