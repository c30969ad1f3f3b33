-- Participation activities: what the forum did (meetings, consultations, co-production,
-- training, events), with whom, at what level and rung of the co-production ladder, how many
-- parent carers took part, the volunteer time given, and what changed as a result ("you
-- said, we did"), with attached documents held inside the encrypted database.

CREATE TABLE activities (
    id                     TEXT PRIMARY KEY NOT NULL,
    title                  TEXT NOT NULL,
    kind                   TEXT NOT NULL CHECK (kind IN ('board_meeting', 'priority_group', 'task_and_finish', 'consultation', 'co_production_request', 'survey', 'training_delivered', 'training_received', 'event', 'coffee_morning', 'other')),
    starts_on              TEXT NOT NULL,
    ends_on                TEXT,
    -- The Lancashire protocol's levels (§7.3) and co-production ladder (§7.4).
    level                  TEXT CHECK (level IN ('individual', 'operational', 'strategic')),
    rung                   TEXT CHECK (rung IN ('co_production', 'co_design', 'engagement', 'consultation', 'information', 'education')),
    -- Members and non-members alike: the figure the grant return asks for.
    parent_carers_engaged  INTEGER NOT NULL DEFAULT 0 CHECK (parent_carers_engaged >= 0),
    volunteer_minutes      INTEGER NOT NULL DEFAULT 0 CHECK (volunteer_minutes >= 0),
    topic                  TEXT,
    you_said               TEXT,
    we_did                 TEXT,
    what_changed           TEXT,
    -- When members were told what changed ("closing the loop"); NULL until then.
    loop_closed_on         TEXT,
    created_by             TEXT REFERENCES users (id),
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
) STRICT;

CREATE INDEX activities_starts ON activities (starts_on);
CREATE INDEX activities_kind ON activities (kind, starts_on);

CREATE TABLE activity_organisations (
    activity_id      TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (activity_id, organisation_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX activity_organisations_organisation ON activity_organisations (organisation_id);

-- Forum members who took part. An erased member's link goes with them; the activity's
-- parent-carer count, which reports use, does not change.
CREATE TABLE activity_people (
    activity_id  TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, person_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX activity_people_person ON activity_people (person_id);

-- Minutes, reports, photos of flip charts: inside the encrypted file, like everything else.
CREATE TABLE activity_documents (
    id           TEXT PRIMARY KEY NOT NULL,
    activity_id  TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    file_name    TEXT NOT NULL,
    media_type   TEXT NOT NULL,
    size         INTEGER NOT NULL CHECK (size >= 0),
    content      BLOB NOT NULL,
    added_by     TEXT REFERENCES users (id),
    added_at     TEXT NOT NULL
) STRICT;

CREATE INDEX activity_documents_activity ON activity_documents (activity_id);
