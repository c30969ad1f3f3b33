-- "You said, we did" stories for a period: one activity in fifty or so has an outcome, and
-- reading every activity of a year to find them took half a second at 1,000,000 activities.
-- A partial index holds only the ones with an outcome.
CREATE INDEX activities_outcomes ON activities (starts_on)
    WHERE you_said IS NOT NULL OR we_did IS NOT NULL OR what_changed IS NOT NULL;
