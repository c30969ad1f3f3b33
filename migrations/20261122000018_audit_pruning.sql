-- Removing audit entries past the retention period (issue 6) without losing the chain.
--
-- The anchor is the last entry removed: its `seq` and `hash`. The first remaining entry's
-- `prev_hash` must equal `audit_base_hash`, so `verify` still checks every remaining entry,
-- and notices one changed or removed after the anchor. 0 and the genesis hash mean nothing
-- has been removed: an existing trail keeps verifying as before.
ALTER TABLE forum ADD COLUMN audit_base_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE forum ADD COLUMN audit_base_hash TEXT NOT NULL
    DEFAULT '0000000000000000000000000000000000000000000000000000000000000000';

-- Entries still may not be changed. They may be deleted only up to the anchor: pruning moves
-- the anchor forward to the last entry to go, then deletes up to it, in one transaction.
DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN OLD.seq > (SELECT audit_base_seq FROM forum WHERE id = 1)
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- The anchor only moves forward, never past the newest entry, and its hash changes only
-- when it moves.
CREATE TRIGGER forum_audit_base_forward BEFORE UPDATE OF audit_base_seq, audit_base_hash ON forum
WHEN NEW.audit_base_seq < OLD.audit_base_seq
    OR NEW.audit_base_seq > NEW.audit_head_seq
    OR (NEW.audit_base_seq = OLD.audit_base_seq AND NEW.audit_base_hash IS NOT OLD.audit_base_hash)
BEGIN
    SELECT RAISE(ABORT, 'the audit trail''s starting point only moves forward, up to its newest entry');
END;
