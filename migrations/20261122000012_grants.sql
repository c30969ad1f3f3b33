-- Grant periods (the DfE participation grant runs April to March): the amount, its
-- tranches, the returns due, and a spend log against budget lines (planned against actual,
-- as returns ask). Money is whole pence.

CREATE TABLE grant_periods (
    id            TEXT PRIMARY KEY NOT NULL,
    -- 1 April of the grant year.
    starts_on     TEXT NOT NULL UNIQUE CHECK (substr(starts_on, 6) = '04-01'),
    amount_pence  INTEGER NOT NULL CHECK (amount_pence >= 0),
    notes         TEXT,
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE grant_tranches (
    id            TEXT PRIMARY KEY NOT NULL,
    grant_id      TEXT NOT NULL REFERENCES grant_periods (id) ON DELETE CASCADE,
    due_on        TEXT NOT NULL,
    amount_pence  INTEGER NOT NULL CHECK (amount_pence >= 0),
    received_on   TEXT
) STRICT;

CREATE INDEX grant_tranches_grant ON grant_tranches (grant_id, due_on);

CREATE TABLE grant_returns (
    id            TEXT PRIMARY KEY NOT NULL,
    grant_id      TEXT NOT NULL REFERENCES grant_periods (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    due_on        TEXT NOT NULL,
    submitted_on  TEXT
) STRICT;

CREATE INDEX grant_returns_grant ON grant_returns (grant_id, due_on);

CREATE TABLE budget_lines (
    id             TEXT PRIMARY KEY NOT NULL,
    grant_id       TEXT NOT NULL REFERENCES grant_periods (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    planned_pence  INTEGER NOT NULL CHECK (planned_pence >= 0)
) STRICT;

CREATE UNIQUE INDEX budget_lines_name ON budget_lines (grant_id, name COLLATE NOCASE);

CREATE TABLE spend (
    id              TEXT PRIMARY KEY NOT NULL,
    budget_line_id  TEXT NOT NULL REFERENCES budget_lines (id) ON DELETE CASCADE,
    spent_on        TEXT NOT NULL,
    amount_pence    INTEGER NOT NULL CHECK (amount_pence > 0),
    description     TEXT NOT NULL,
    recorded_by     TEXT REFERENCES users (id),
    created_at      TEXT NOT NULL
) STRICT;

CREATE INDEX spend_line ON spend (budget_line_id, spent_on);
