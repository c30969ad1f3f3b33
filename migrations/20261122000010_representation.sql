-- Representation: the partnership bodies where the forum holds seats (seeded from the
-- Lancashire protocol §4.7, editable), who holds each seat and when, and each meeting's
-- attendance and whether its papers arrived 5 working days ahead (§4.1).

CREATE TABLE bodies (
    id             TEXT PRIMARY KEY NOT NULL,
    name           TEXT NOT NULL,
    -- 1 where the forum co-chairs (the Communication Priority Group, §4.10).
    forum_chairs   INTEGER NOT NULL DEFAULT 0 CHECK (forum_chairs IN (0, 1)),
    sort_order     INTEGER NOT NULL,
    archived_at    TEXT,
    created_at     TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX bodies_name ON bodies (name COLLATE NOCASE);

INSERT INTO bodies (id, name, forum_chairs, sort_order, created_at) VALUES
    ('send_partnership_board', 'SEND Partnership Board', 0, 1, '2026-11-22T00:00:00Z'),
    ('send_executive_group', 'SEND Executive Group', 0, 2, '2026-11-22T00:00:00Z'),
    ('send_operational_group', 'SEND Operational Group', 0, 3, '2026-11-22T00:00:00Z'),
    ('communication_priority_group', 'Communication Priority Group', 1, 4, '2026-11-22T00:00:00Z');

-- A seat's holder over a period. A seat with no holder today is a vacancy to recruit to.
CREATE TABLE seats (
    id          TEXT PRIMARY KEY NOT NULL,
    body_id     TEXT NOT NULL REFERENCES bodies (id),
    person_id   TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    from_on     TEXT NOT NULL,
    until_on    TEXT,
    created_at  TEXT NOT NULL,
    CHECK (until_on IS NULL OR until_on >= from_on)
) STRICT;

CREATE INDEX seats_body ON seats (body_id, from_on);
CREATE INDEX seats_person ON seats (person_id);

CREATE TABLE body_meetings (
    id                  TEXT PRIMARY KEY NOT NULL,
    body_id             TEXT NOT NULL REFERENCES bodies (id),
    held_on             TEXT NOT NULL,
    attendance          TEXT NOT NULL CHECK (attendance IN ('attended', 'apologies', 'not_represented')),
    -- When the papers arrived; NULL when they never did (or nobody noted it).
    papers_received_on  TEXT,
    notes               TEXT,
    recorded_by         TEXT REFERENCES users (id),
    created_at          TEXT NOT NULL
) STRICT;

CREATE INDEX body_meetings_body ON body_meetings (body_id, held_on);
