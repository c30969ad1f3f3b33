-- Recruitment drives (issue 7): stalls at schools, clinics, libraries and events, the
-- sign-ups typed into the kiosk there, and the review that turns them into members.

CREATE TABLE drives (
    id                  TEXT PRIMARY KEY NOT NULL,
    name                TEXT NOT NULL,
    starts_on           TEXT NOT NULL,
    -- Empty for a one-day stall.
    ends_on             TEXT,
    venue               TEXT NOT NULL DEFAULT '',
    area_id             TEXT REFERENCES areas (id) ON DELETE SET NULL,
    -- Who the drive aims at, as JSON arrays: area ids, SEN2 need codes, age bands.
    target_areas        TEXT NOT NULL DEFAULT '[]',
    target_needs        TEXT NOT NULL DEFAULT '[]',
    target_age_bands    TEXT NOT NULL DEFAULT '[]',
    -- Free text, for example "Polish-speaking families in Preston".
    target_communities  TEXT NOT NULL DEFAULT '',
    -- Helpers at the stall without a ForumDesk account (those with one are in drive_volunteers).
    extra_volunteers    INTEGER NOT NULL DEFAULT 0 CHECK (extra_volunteers BETWEEN 0 AND 1000),
    cost_pence          INTEGER NOT NULL DEFAULT 0 CHECK (cost_pence >= 0),
    notes               TEXT NOT NULL DEFAULT '',
    created_by          TEXT REFERENCES users (id),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;

CREATE INDEX drives_starts ON drives (starts_on);

CREATE TABLE drive_volunteers (
    drive_id  TEXT NOT NULL REFERENCES drives (id) ON DELETE CASCADE,
    user_id   TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (drive_id, user_id)
) STRICT, WITHOUT ROWID;

-- One row per kiosk sign-up. The person it created is an applicant whose membership row
-- carries the drive (memberships.drive_id); this row records the review of that sign-up.
CREATE TABLE drive_signups (
    -- Made where the sign-up was typed (possibly on a drive laptop) and kept by transfer
    -- packs, so importing the same pack twice creates nothing new.
    id             TEXT PRIMARY KEY NOT NULL,
    drive_id       TEXT NOT NULL REFERENCES drives (id),
    -- The person the sign-up created, or after a merge the record it was merged into.
    -- Empty once discarded (the person is deleted then).
    person_id      TEXT REFERENCES people (id) ON DELETE SET NULL,
    signed_up_at   TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'accepted', 'merged', 'discarded')),
    reviewed_by    TEXT REFERENCES users (id),
    reviewed_at    TEXT,
    -- Set when the sign-up arrived in a transfer pack: the pack's file name and import time.
    imported_from  TEXT
) STRICT;

CREATE INDEX drive_signups_drive ON drive_signups (drive_id, status, signed_up_at);
CREATE INDEX drive_signups_person ON drive_signups (person_id);
CREATE INDEX memberships_drive ON memberships (drive_id) WHERE drive_id IS NOT NULL;
