-- Members: people, their membership, consent, and (under explicit consent only) their
-- children's needs and equality data. Dates are ISO calendar dates; times RFC 3339 UTC.

ALTER TABLE forum ADD COLUMN renewal_months INTEGER NOT NULL DEFAULT 12
    CHECK (renewal_months BETWEEN 1 AND 60);

-- The forum's districts, configured by an admin.
CREATE TABLE areas (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at  TEXT NOT NULL
) STRICT;

-- Postcode district (the outward code, e.g. "PR1") → area. Editable.
CREATE TABLE postcode_areas (
    district  TEXT PRIMARY KEY NOT NULL,
    area_id   TEXT NOT NULL REFERENCES areas (id) ON DELETE CASCADE
) STRICT;

CREATE TABLE people (
    id                 TEXT PRIMARY KEY NOT NULL,
    first_name         TEXT NOT NULL,
    last_name          TEXT NOT NULL,
    preferred_name     TEXT,
    email              TEXT,
    -- Lower-cased, for duplicate matching: e-mail is not unique (families share addresses).
    email_key          TEXT,
    phone              TEXT,            -- E.164
    address_line1      TEXT,
    address_line2      TEXT,
    town               TEXT,
    postcode           TEXT,            -- "PR1 2HE"
    area_id            TEXT REFERENCES areas (id) ON DELETE SET NULL,
    -- 1 when a volunteer chose the area, so a postcode change does not overwrite it.
    area_overridden    INTEGER NOT NULL DEFAULT 0 CHECK (area_overridden IN (0, 1)),
    heard_about        TEXT,
    notes              TEXT,
    -- Where the record came from: "entered", or "import: <file> <time>".
    source             TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;

CREATE INDEX people_email_key ON people (email_key);
CREATE INDEX people_phone ON people (phone);
CREATE INDEX people_postcode ON people (postcode);
CREATE INDEX people_area ON people (area_id);
CREATE INDEX people_sort ON people (last_name COLLATE NOCASE, first_name COLLATE NOCASE);

CREATE TABLE memberships (
    person_id           TEXT PRIMARY KEY NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    member_type         TEXT NOT NULL CHECK (member_type IN ('parent_carer', 'associate')),
    -- "Renewal due" is not stored: it is an active membership whose renewal date has come.
    status              TEXT NOT NULL CHECK (status IN ('applicant', 'active', 'lapsed', 'left')),
    joined_on           TEXT,
    renewal_due_on      TEXT,
    left_on             TEXT,
    leaving_reason      TEXT,
    recruitment_source  TEXT,
    -- Recruitment drives arrive with a later release; the link is kept ready.
    drive_id            TEXT
) STRICT;

CREATE INDEX memberships_status ON memberships (status, renewal_due_on);

CREATE TABLE membership_events (
    id           TEXT PRIMARY KEY NOT NULL,
    person_id    TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('joined', 'renewed', 'lapsed', 'left', 'rejoined')),
    on_date      TEXT NOT NULL,
    reason       TEXT,
    recorded_by  TEXT REFERENCES users (id),
    recorded_at  TEXT NOT NULL
) STRICT;

CREATE INDEX membership_events_person ON membership_events (person_id, on_date);

CREATE TABLE consent_purposes (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    -- The channel a mailing list for this purpose uses, if any.
    channel     TEXT CHECK (channel IN ('email', 'sms', 'post', 'phone')),
    -- 'consent' and 'explicit_consent' need a recorded yes; the others are lawful bases
    -- that do not (membership administration runs on 'legitimate_interests').
    basis       TEXT NOT NULL CHECK (basis IN ('consent', 'explicit_consent', 'legitimate_interests', 'contract', 'legal_obligation')),
    special     INTEGER NOT NULL DEFAULT 0 CHECK (special IN (0, 1)),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sort_order  INTEGER NOT NULL
) STRICT;

CREATE TABLE consent_statements (
    purpose_id  TEXT NOT NULL REFERENCES consent_purposes (id),
    version     INTEGER NOT NULL,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (purpose_id, version)
) STRICT;

-- Every consent given or withdrawn, never updated or deleted while the person exists.
CREATE TABLE consent_events (
    id                 TEXT PRIMARY KEY NOT NULL,
    person_id          TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    purpose_id         TEXT NOT NULL REFERENCES consent_purposes (id),
    given              INTEGER NOT NULL CHECK (given IN (0, 1)),
    statement_version  INTEGER NOT NULL,
    method             TEXT NOT NULL CHECK (method IN ('paper', 'online', 'verbal', 'kiosk', 'import')),
    captured_by        TEXT REFERENCES users (id),
    at                 TEXT NOT NULL,
    FOREIGN KEY (purpose_id, statement_version) REFERENCES consent_statements (purpose_id, version)
) STRICT;

CREATE INDEX consent_events_person ON consent_events (person_id, purpose_id, at);

-- The latest event per person and purpose, kept in the same transaction as each event so
-- "can be e-mailed" filters stay fast at 100,000 members. Derived; the events are the record.
CREATE TABLE consent_current (
    person_id   TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    purpose_id  TEXT NOT NULL REFERENCES consent_purposes (id),
    given       INTEGER NOT NULL CHECK (given IN (0, 1)),
    event_id    TEXT NOT NULL REFERENCES consent_events (id) ON DELETE CASCADE,
    PRIMARY KEY (person_id, purpose_id)
) STRICT;

CREATE INDEX consent_current_purpose ON consent_current (purpose_id, given);

-- Special category: held only while the person's explicit consent is active.
CREATE TABLE children (
    id               TEXT PRIMARY KEY NOT NULL,
    person_id        TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- Data minimisation: a year of birth or an age band, never a name or a full date.
    year_of_birth    INTEGER CHECK (year_of_birth BETWEEN 1990 AND 2100),
    age_band         TEXT CHECK (age_band IN ('0-4', '5-10', '11-15', '16-19', '20-25')),
    primary_need     TEXT CHECK (primary_need IN ('SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA')),
    secondary_needs  TEXT NOT NULL DEFAULT '[]',
    provision        TEXT NOT NULL DEFAULT 'not_known' CHECK (provision IN ('ehcp', 'sen_support', 'none', 'not_known')),
    school_phase     TEXT CHECK (school_phase IN ('early_years', 'primary', 'secondary', 'post_16', 'not_in_education')),
    setting_type     TEXT CHECK (setting_type IN ('mainstream', 'special', 'resourced_provision', 'alternative_provision', 'independent', 'home_educated', 'college', 'other')),
    local_authority  TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;

CREATE INDEX children_person ON children (person_id);
CREATE INDEX children_need ON children (primary_need, provision);

CREATE TABLE equality (
    person_id       TEXT PRIMARY KEY NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    ethnicity       TEXT,
    first_language  TEXT,
    updated_at      TEXT NOT NULL
) STRICT;

-- What survives the deletion of a child's details: no person, no id, just the counts that
-- reports need (needs, provision, age, area), dated.
CREATE TABLE children_removed (
    id              TEXT PRIMARY KEY NOT NULL,
    removed_on      TEXT NOT NULL,
    year_of_birth   INTEGER,
    age_band        TEXT,
    primary_need    TEXT,
    provision       TEXT,
    school_phase    TEXT,
    area_id         TEXT
) STRICT;

-- Search as you type: names, e-mail, phone (international and as typed in the UK) and
-- postcode (with and without its space). Accents and case are folded by the tokenizer.
CREATE VIRTUAL TABLE people_search USING fts5(
    names, email, phone, postcode,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '1 2 3'
);

INSERT INTO consent_purposes (id, name, channel, basis, special, sort_order) VALUES
    ('membership_admin', 'Membership administration', NULL, 'legitimate_interests', 0, 1),
    ('email_news', 'News and invitations by e-mail', 'email', 'consent', 0, 2),
    ('sms', 'Text messages', 'sms', 'consent', 0, 3),
    ('post', 'Letters by post', 'post', 'consent', 0, 4),
    ('phone', 'Phone calls', 'phone', 'consent', 0, 5),
    ('surveys', 'Surveys and research invitations', NULL, 'consent', 0, 6),
    ('photos', 'Photos and film at events', NULL, 'consent', 0, 7),
    ('special_category', 'Children''s needs and equality information', NULL, 'explicit_consent', 1, 8);

INSERT INTO consent_statements (purpose_id, version, text, created_at) VALUES
    ('membership_admin', 1, 'We keep your name and contact details to run your membership of the forum. You can leave at any time.', '2026-11-22T00:00:00Z'),
    ('email_news', 1, 'I would like to receive the forum''s news, events and invitations to have my say by e-mail.', '2026-11-22T00:00:00Z'),
    ('sms', 1, 'I would like to receive reminders and news from the forum by text message.', '2026-11-22T00:00:00Z'),
    ('post', 1, 'I would like to receive the forum''s news and invitations by post.', '2026-11-22T00:00:00Z'),
    ('phone', 1, 'I am happy for the forum to phone me about its work and events.', '2026-11-22T00:00:00Z'),
    ('surveys', 1, 'I would like to be invited to take part in surveys and research about SEND services.', '2026-11-22T00:00:00Z'),
    ('photos', 1, 'I agree that photos or film of me taken at forum events may be used in the forum''s publicity.', '2026-11-22T00:00:00Z'),
    ('special_category', 1, 'I agree that the forum may keep information about my child''s special educational needs or disabilities, and my equality information, to show whose voices the forum represents. I can withdraw this at any time and the information will be deleted.', '2026-11-22T00:00:00Z');
