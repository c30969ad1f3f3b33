-- Subject access and erasure requests, with what the one-month deadline depends on.

-- One request from a data subject. `person_id` is set when a record matches; `requester`
-- holds who asked, as written, when none does (or someone asks on another's behalf).
-- Erasing the person unlinks the request but keeps it: the forum must be able to show
-- it answered.
CREATE TABLE gdpr_requests (
    id                     TEXT PRIMARY KEY NOT NULL,
    kind                   TEXT NOT NULL CHECK (kind IN ('access', 'erasure')),
    person_id              TEXT REFERENCES people (id) ON DELETE SET NULL,
    requester              TEXT,
    received_on            TEXT NOT NULL,
    identity_checked_on    TEXT,
    identity_check_method  TEXT,
    -- Up to two further months for a complex request (UK GDPR Art. 12(3)), with the reason.
    extension_months       INTEGER NOT NULL DEFAULT 0 CHECK (extension_months BETWEEN 0 AND 2),
    extension_reason       TEXT,
    status                 TEXT NOT NULL CHECK (status IN ('open', 'answered', 'refused', 'withdrawn')),
    answered_on            TEXT,
    notes                  TEXT,
    -- The last day the person's data was exported for this (access) request.
    exported_on            TEXT,
    recorded_by            TEXT REFERENCES users (id),
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    CHECK (person_id IS NOT NULL OR requester IS NOT NULL)
) STRICT;

CREATE INDEX gdpr_requests_person ON gdpr_requests (person_id);
CREATE INDEX gdpr_requests_status ON gdpr_requests (status, received_on);

-- Stop-the-clock periods: while identity or clarification is awaited the deadline moves on
-- by the days paused. `until_on` is NULL while the clock is still stopped.
CREATE TABLE gdpr_request_pauses (
    id          TEXT PRIMARY KEY NOT NULL,
    request_id  TEXT NOT NULL REFERENCES gdpr_requests (id) ON DELETE CASCADE,
    from_on     TEXT NOT NULL,
    until_on    TEXT,
    reason      TEXT NOT NULL,
    recorded_by TEXT REFERENCES users (id),
    CHECK (until_on IS NULL OR until_on >= from_on)
) STRICT;

CREATE INDEX gdpr_request_pauses_request ON gdpr_request_pauses (request_id);
