-- Duplicates: "not a duplicate" decisions, and merges with what undo needs.

-- A pair someone has said are different people. Stored once, the smaller id first.
CREATE TABLE duplicate_dismissals (
    a_id          TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    b_id          TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    dismissed_by  TEXT NOT NULL REFERENCES users (id),
    at            TEXT NOT NULL,
    PRIMARY KEY (a_id, b_id),
    CHECK (a_id < b_id)
) STRICT;

CREATE INDEX duplicate_dismissals_b ON duplicate_dismissals (b_id);

-- One merge of `merged_id` into `kept_id`. `snapshot` is JSON: both people's rows as they
-- were, the merged person's membership (and equality row, when the kept person had their
-- own), and the ids of the history rows that moved. It holds personal data, inside the
-- encrypted database like everything else; it is cleared when the merge is undone. Neither
-- id is a foreign key: the merged person no longer exists, and the kept one may be merged
-- in turn, which is what ends the chance to undo this merge (an erasure must delete the
-- rows that name the person).
CREATE TABLE merges (
    id          TEXT PRIMARY KEY NOT NULL,
    kept_id     TEXT NOT NULL,
    merged_id   TEXT NOT NULL,
    snapshot    TEXT,
    merged_by   TEXT NOT NULL REFERENCES users (id),
    at          TEXT NOT NULL,
    undone_at   TEXT
) STRICT;

CREATE INDEX merges_kept ON merges (kept_id);
CREATE INDEX merges_merged ON merges (merged_id);
