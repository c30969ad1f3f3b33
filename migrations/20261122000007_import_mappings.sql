-- Column choices remembered for import files laid out the same way, so the volunteer who
-- corrected the mapping once for the forum's spreadsheet need not do it for every export of
-- it. Keyed by the file's heading row as a JSON array of trimmed, lower-cased headings:
-- "Surname" and " surname " are the same heading, but a column added, removed or moved is a
-- different layout and gets its own choices (the mapping is by position).
CREATE TABLE import_mappings (
    id        TEXT PRIMARY KEY NOT NULL,
    headings  TEXT NOT NULL UNIQUE
              CHECK (json_valid(headings) AND json_type(headings) = 'array' AND length(headings) <= 16384),
    -- An array with one field name (or null) per heading, as `Mapping` serialises it.
    mapping   TEXT NOT NULL CHECK (json_valid(mapping) AND json_type(mapping) = 'array'),
    saved_by  TEXT NOT NULL REFERENCES users (id),
    saved_at  TEXT NOT NULL
) STRICT;
