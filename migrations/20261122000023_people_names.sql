-- Each person's names again, by row number, for sorting search matches. A search for a
-- few typed letters matches a thousand people or more, and choosing its page means reading
-- each match's names. From the people table that is a page of a 32 MB table per match; from
-- this one, a few bytes per person, 2.5 MB at 100,000 members. It matters because any write
-- (the audit entry for viewing a member is enough) empties every reader's page cache, so
-- the search a volunteer makes after looking at someone reads and decrypts every page it
-- touches again. `person` is `people.rowid`, as in the search index; the triggers keep the
-- names in step with every insert, rename, merge and erasure, in the same statement.

CREATE TABLE people_names (
    person      INTEGER PRIMARY KEY,
    last_name   TEXT NOT NULL,
    first_name  TEXT NOT NULL
) STRICT;

INSERT INTO people_names (person, last_name, first_name)
    SELECT rowid, last_name, first_name FROM people;

CREATE TRIGGER people_names_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_names (person, last_name, first_name)
        VALUES (new.rowid, new.last_name, new.first_name);
END;

CREATE TRIGGER people_names_update AFTER UPDATE OF last_name, first_name ON people BEGIN
    UPDATE people_names SET last_name = new.last_name, first_name = new.first_name
        WHERE person = new.rowid;
END;

CREATE TRIGGER people_names_delete AFTER DELETE ON people BEGIN
    DELETE FROM people_names WHERE person = old.rowid;
END;
