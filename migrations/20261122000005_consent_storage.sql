-- Consent, stored compactly. Each member has a consent event for most purposes, and the
-- events and the derived "current answer" table held two thirds of the database (250 of
-- 375 MB at 100,000 members) in six B-trees, which an import spent most of its time
-- writing. Events are now clustered by person and purpose (WITHOUT ROWID), so a person's
-- current answer for a purpose is simply their latest event for it, found by one seek on
-- the key, and the derived table, which had to be kept in step with every event, merge and
-- undo, goes. See docs/adr/0006-consent-storage.md.

CREATE TABLE consent_events_v2 (
    person_id          TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    purpose_id         TEXT NOT NULL REFERENCES consent_purposes (id),
    -- A UUIDv7: unique, and in creation order, so the greatest id of a person and purpose
    -- is their current answer.
    id                 TEXT NOT NULL,
    given              INTEGER NOT NULL CHECK (given IN (0, 1)),
    statement_version  INTEGER NOT NULL,
    method             TEXT NOT NULL CHECK (method IN ('paper', 'online', 'verbal', 'kiosk', 'import')),
    captured_by        TEXT REFERENCES users (id),
    at                 TEXT NOT NULL,
    PRIMARY KEY (person_id, purpose_id, id),
    FOREIGN KEY (purpose_id, statement_version) REFERENCES consent_statements (purpose_id, version)
) STRICT, WITHOUT ROWID;

INSERT INTO consent_events_v2 (person_id, purpose_id, id, given, statement_version, method, captured_by, at)
    SELECT person_id, purpose_id, id, given, statement_version, method, captured_by, at FROM consent_events;

DROP TABLE consent_current;
DROP TABLE consent_events;
ALTER TABLE consent_events_v2 RENAME TO consent_events;
