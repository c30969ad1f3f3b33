-- The evidence pack counts a period's activities by kind, level and rung and sums their
-- parent carers and volunteer time. Activities are written in the order they are recorded,
-- not the order they happened, so a year's rows are scattered across the table; an index
-- holding exactly those columns lets the report read one compact range instead (at 1,000,000
-- activities, see docs/benchmarks.md). It starts with the start date, so it also serves
-- everything the plain start-date index did.
DROP INDEX activities_starts;
CREATE INDEX activities_report ON activities
    (starts_on, ends_on, kind, level, rung, parent_carers_engaged, volunteer_minutes);
