-- Consent, one row per capture. A capture is one occasion on which a person answered:
-- a form saved, a kiosk sign-up, an imported row. It may answer several purposes at once,
-- and it was always made the same way, by the same person, at the same time. Stored one
-- row per purpose, those three and two ids were repeated for every purpose: 98 MB of
-- 524,000 rows at 100,000 members, the largest table in the file and a third of an
-- import's writing. One row per capture holds the same facts in 19 MB.
-- See docs/adr/0006-consent-storage.md ("Addendum: consent captures").

CREATE TABLE consent_captures (
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- A UUIDv7: unique, and in creation order, so a person's latest capture that answered
    -- a purpose holds their current answer for it.
    id           TEXT NOT NULL,
    -- Bits over `consent_purposes.bit`: the purposes this capture answered, and of those,
    -- the ones it answered "yes".
    answered     INTEGER NOT NULL CHECK (answered > 0),
    given        INTEGER NOT NULL CHECK (given & ~answered = 0),
    -- The statement version shown for each answered purpose: a JSON array indexed by the
    -- purpose's bit, null at the bits not answered.
    versions     TEXT NOT NULL CHECK (json_valid(versions) AND json_type(versions) = 'array'),
    method       TEXT NOT NULL CHECK (method IN ('paper', 'online', 'verbal', 'kiosk', 'import')),
    captured_by  TEXT REFERENCES users (id),
    at           TEXT NOT NULL,
    PRIMARY KEY (person_id, id)
) STRICT, WITHOUT ROWID;

-- Each event becomes a capture of its own, keeping its id, so the history reads exactly as
-- before and merges recorded before this migration can still be undone (they name the
-- events they moved by id). `hex(zeroblob(n))` is n pairs of zeros: one "null," per bit
-- below the purpose's.
INSERT INTO consent_captures (person_id, id, answered, given, versions, method, captured_by, at)
    SELECT e.person_id, e.id, 1 << pu.bit, e.given << pu.bit,
           '[' || replace(hex(zeroblob(pu.bit)), '00', 'null,') || e.statement_version || ']',
           e.method, e.captured_by, e.at
    FROM consent_events e JOIN consent_purposes pu ON pu.id = e.purpose_id;

DROP TABLE consent_events;

-- The events as they were: one row per capture and purpose it answered. Everything that
-- reads history (the member page, subject access, transfer packs) reads this.
CREATE VIEW consent_events (person_id, purpose_id, id, given, statement_version, method,
                            captured_by, at) AS
    SELECT c.person_id, pu.id, c.id, (c.given >> pu.bit) & 1, c.versions ->> pu.bit,
           c.method, c.captured_by, c.at
    FROM consent_captures c JOIN consent_purposes pu
        ON pu.bit IS NOT NULL AND (c.answered >> pu.bit) & 1;
