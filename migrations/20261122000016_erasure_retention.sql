-- Erasure that keeps the statistics true, and the retention schedule (issue 6).

-- An erased person keeps their row as a tombstone: the id, area, membership and its
-- events, activity headcounts and seats stay, so every figure keeps the same totals; every
-- identifying column is blanked. The erasure request is not linked here, nor the request
-- to the person: only the identity-free audit entry names the request.
ALTER TABLE people ADD COLUMN erased_at TEXT;
CREATE INDEX people_erased ON people (erased_at) WHERE erased_at IS NOT NULL;

-- An erased person's children's details are deleted like any others (leaving the anonymous
-- `children_removed` counts). The two figures the evidence pack counts for the members of a
-- day, primary need and age band, are also kept here against the tombstone, which
-- identifies no one, so a past pack gives the same totals after an erasure.
CREATE TABLE erased_children (
    id            TEXT PRIMARY KEY NOT NULL,
    person_id     TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    primary_need  TEXT,
    age_band      TEXT
) STRICT;

CREATE INDEX erased_children_person ON erased_children (person_id);

-- The retention schedule: how long the forum keeps what each rule covers.
ALTER TABLE forum ADD COLUMN retention_left_months INTEGER NOT NULL DEFAULT 24
    CHECK (retention_left_months BETWEEN 1 AND 240);
ALTER TABLE forum ADD COLUMN retention_applicant_months INTEGER NOT NULL DEFAULT 6
    CHECK (retention_applicant_months BETWEEN 1 AND 120);
ALTER TABLE forum ADD COLUMN retention_child_age INTEGER NOT NULL DEFAULT 25
    CHECK (retention_child_age BETWEEN 16 AND 30);
ALTER TABLE forum ADD COLUMN retention_audit_months INTEGER NOT NULL DEFAULT 72
    CHECK (retention_audit_months BETWEEN 12 AND 240);

-- An entry of the review queue someone chose to keep, and why. It drops out of the queue
-- until `review_on` (a year later), when the rule catches it again if it still applies.
-- `subject_id` is the person, or the child for the children's-needs rule, or NULL for the
-- audit rule. Erasing the person deletes their rows here (the reason is free text).
CREATE TABLE retention_keeps (
    id          TEXT PRIMARY KEY NOT NULL,
    rule        TEXT NOT NULL CHECK (rule IN ('left_members', 'unconfirmed_applicants',
                    'consent_withdrawn', 'children_over_age', 'audit_entries')),
    person_id   TEXT REFERENCES people (id) ON DELETE CASCADE,
    subject_id  TEXT,
    reason      TEXT NOT NULL,
    kept_by     TEXT REFERENCES users (id),
    kept_at     TEXT NOT NULL,
    review_on   TEXT NOT NULL
) STRICT;

CREATE INDEX retention_keeps_rule ON retention_keeps (rule, subject_id, review_on);
CREATE INDEX retention_keeps_person ON retention_keeps (person_id);

-- Deleting a row from the search index removes its words from the index at once, rather
-- than leaving them in old segments until a merge: an erased name must not linger.
INSERT INTO people_search (people_search, rank) VALUES ('secure-delete', 1);
