-- Indexes for the evidence pack and the reach figures. Each pack is read cold: any write
-- (an audit entry for viewing a member is enough) makes every reader connection drop its
-- page cache, so every page a report touches is read and decrypted again, and the report's
-- cost is the pages it reads. These let the hot queries read small indexes, not tables.
-- An import builds them once at the end (see members::import::indexes).

-- Joinings and losses by date ("on_date BETWEEN ? AND ?", several times per pack): the
-- period's entries only, holding the kind and the person so the counts never touch the table.
CREATE INDEX membership_events_on ON membership_events (on_date, kind, person_id);

-- Active members and their areas (the reach table): from two covering indexes instead of a
-- lookup in the people table (tens of megabytes at 100,000 members) for each member.
CREATE INDEX memberships_active ON memberships (status, person_id);
CREATE INDEX people_id_area ON people (id, area_id);
