-- Membership lifecycle: how long after the renewal date an unrenewed membership lapses.
-- 0 lapses it the day after the renewal date; the default gives members three months'
-- grace to renew, as forums chasing reconfirmations by post and at events usually need.
ALTER TABLE forum ADD COLUMN lapse_after_days INTEGER NOT NULL DEFAULT 90
    CHECK (lapse_after_days BETWEEN 0 AND 730);
