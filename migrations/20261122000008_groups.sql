-- Affiliated parent groups and partner bodies: organisations, their contacts (links to
-- people), the affiliation lifecycle with its dated steps, the versioned affiliation terms,
-- and group leaders co-opted onto the steering group.

ALTER TABLE forum ADD COLUMN affiliation_renewal_months INTEGER NOT NULL DEFAULT 12
    CHECK (affiliation_renewal_months BETWEEN 1 AND 60);
-- What the forum offers affiliated groups and asks of them, in its own words.
ALTER TABLE forum ADD COLUMN affiliation_benefits TEXT NOT NULL DEFAULT '';

CREATE TABLE organisations (
    id                     TEXT PRIMARY KEY NOT NULL,
    name                   TEXT NOT NULL,
    kind                   TEXT NOT NULL CHECK (kind IN ('parent_group', 'charity', 'school_or_college', 'local_authority', 'nhs', 'sendiass', 'other')),
    meets                  TEXT CHECK (meets IN ('online', 'in_person', 'both')),
    -- 1 when the group is for families whatever the needs; its listed needs are then empty.
    all_needs              INTEGER NOT NULL DEFAULT 0 CHECK (all_needs IN (0, 1)),
    website                TEXT,
    public_email           TEXT,
    public_phone           TEXT,   -- E.164
    families_reached       INTEGER CHECK (families_reached >= 0),
    families_estimated_on  TEXT,
    notes                  TEXT,
    -- Set instead of deleting an organisation that has history.
    archived_at            TEXT,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
) STRICT;

CREATE INDEX organisations_name ON organisations (name COLLATE NOCASE);

CREATE TABLE organisation_areas (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    area_id          TEXT NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    PRIMARY KEY (organisation_id, area_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX organisation_areas_area ON organisation_areas (area_id);

CREATE TABLE organisation_needs (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    need             TEXT NOT NULL CHECK (need IN ('SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA')),
    PRIMARY KEY (organisation_id, need)
) STRICT, WITHOUT ROWID;

-- A person's role at an organisation (lead, deputy, treasurer...). A person can hold roles
-- at several organisations, and more than one at the same one.
CREATE TABLE organisation_contacts (
    id               TEXT PRIMARY KEY NOT NULL,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    person_id        TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role             TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    UNIQUE (organisation_id, person_id, role)
) STRICT;

CREATE INDEX organisation_contacts_person ON organisation_contacts (person_id);

-- The terms a group accepts when it affiliates, versioned like consent statements.
CREATE TABLE affiliation_terms (
    version     INTEGER PRIMARY KEY NOT NULL,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

INSERT INTO affiliation_terms (version, text, created_at) VALUES (1,
    'The group is run by and for parent carers of children and young people with SEND, shares the forum''s aims, passes on the forum''s news and invitations to its families, tells the forum what its families say about local services, and reviews its affiliation each year.',
    '2026-11-22T00:00:00Z');

-- An organisation's current affiliation. "Renewal due" is not stored: it is an affiliated
-- group whose renewal date has come.
CREATE TABLE affiliations (
    organisation_id  TEXT PRIMARY KEY NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    status           TEXT NOT NULL CHECK (status IN ('enquiry', 'applied', 'affiliated', 'lapsed', 'withdrawn', 'declined')),
    terms_version    INTEGER REFERENCES affiliation_terms (version),
    approved_on      TEXT,
    renewal_due_on   TEXT,
    CHECK (status != 'affiliated' OR (approved_on IS NOT NULL AND renewal_due_on IS NOT NULL))
) STRICT;

CREATE INDEX affiliations_status ON affiliations (status, renewal_due_on);

-- Every step, dated, with who recorded it and a note or minute reference.
CREATE TABLE affiliation_events (
    id               TEXT PRIMARY KEY NOT NULL,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    step             TEXT NOT NULL CHECK (step IN ('enquiry', 'applied', 'approved', 'renewed', 'lapsed', 'withdrawn', 'declined')),
    on_date          TEXT NOT NULL,
    note             TEXT,
    terms_version    INTEGER REFERENCES affiliation_terms (version),
    recorded_by      TEXT REFERENCES users (id),
    recorded_at      TEXT NOT NULL
) STRICT;

CREATE INDEX affiliation_events_organisation ON affiliation_events (organisation_id, on_date);

-- Group leaders co-opted onto the forum's steering group.
CREATE TABLE co_options (
    id               TEXT PRIMARY KEY NOT NULL,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    person_id        TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    from_on          TEXT NOT NULL,
    until_on         TEXT,
    note             TEXT,
    recorded_by      TEXT REFERENCES users (id),
    created_at       TEXT NOT NULL,
    CHECK (until_on IS NULL OR until_on >= from_on)
) STRICT;

CREATE INDEX co_options_organisation ON co_options (organisation_id);
CREATE INDEX co_options_person ON co_options (person_id);
