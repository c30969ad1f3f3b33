-- The forum itself: one row.
CREATE TABLE forum (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    name               TEXT    NOT NULL,
    idle_lock_minutes  INTEGER NOT NULL DEFAULT 15 CHECK (idle_lock_minutes BETWEEN 1 AND 240),
    created_at         TEXT    NOT NULL,
    -- The newest audit entry, so that cutting entries off the end of the chain is detected.
    audit_head_seq     INTEGER NOT NULL DEFAULT 0,
    audit_head_hash    TEXT    NOT NULL
) STRICT;

CREATE TABLE users (
    id                    TEXT    PRIMARY KEY NOT NULL,
    username              TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    display_name          TEXT    NOT NULL,
    role                  TEXT    NOT NULL CHECK (role IN ('admin', 'officer', 'volunteer', 'kiosk')),
    must_change_password  INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    disabled_at           TEXT,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL
) STRICT;

-- Append-only, hash-chained. `changes` names what changed; it never copies personal values.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    id         TEXT    NOT NULL UNIQUE,
    at         TEXT    NOT NULL,
    actor_id   TEXT,
    action     TEXT    NOT NULL,
    entity     TEXT    NOT NULL,
    entity_id  TEXT,
    changes    TEXT    NOT NULL,
    prev_hash  TEXT    NOT NULL,
    hash       TEXT    NOT NULL
) STRICT;

CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
