//! Removing audit entries past their retention period, keeping the rest verifiable.
//!
//! The trail is a chain: each entry carries the hash of the one before. Removing its start
//! records an anchor in `forum` (migration 018): the `seq` and hash of the last entry
//! removed. `verify` then starts from the anchor, so every remaining entry is still checked,
//! and one changed or removed after it is still noticed. The delete trigger allows deleting
//! only up to the anchor, and the anchor only moves forward.
//!
//! Only a prefix is removed: the entries before the first one written on or after the
//! cut-off (entries are appended in time order; should a clock have gone back, an older
//! entry after a newer one stays until everything before it goes).

use serde_json::json;
use sqlx::SqliteConnection;

use super::{append, Entry, Stored};
use crate::{Error, Result};

/// The last entry written before `cutoff` (RFC 3339) with every entry before it, and how
/// many entries that is, counting only those not already removed; `None` when there are
/// none.
pub(crate) async fn prunable(
    conn: &mut SqliteConnection,
    cutoff: &str,
) -> Result<Option<(i64, u64)>> {
    let (base_seq, head_seq): (i64, i64) =
        sqlx::query_as("SELECT audit_base_seq, audit_head_seq FROM forum WHERE id = 1")
            .fetch_one(&mut *conn)
            .await?;
    // Walks from the oldest entry and stops at the first one on or after the cut-off (`+at`
    // keeps the planner off the `at` index, which would visit every newer entry instead).
    let first_kept: Option<i64> =
        sqlx::query_scalar("SELECT seq FROM audit_log WHERE +at >= ? ORDER BY seq LIMIT 1")
            .bind(cutoff)
            .fetch_optional(&mut *conn)
            .await?;
    let through = first_kept.map_or(head_seq, |seq| seq - 1);
    if through <= base_seq {
        return Ok(None);
    }
    Ok(Some((
        through,
        u64::try_from(through - base_seq).unwrap_or(0),
    )))
}

/// Removes the entries written before `cutoff` (RFC 3339 UTC, e.g. `2020-11-22T00:00:00Z`)
/// inside the caller's write transaction, then appends one `audit.pruned` entry (counts and
/// the cut-off only). Refuses when the entries to remove do not check out: removing tampered
/// entries and anchoring on them would hide the tampering. (Only those are checked, with
/// the link to the next entry, so the write lock is not held for a walk of the whole trail:
/// a problem after them stays for `verify` to find.) Returns how many entries went.
pub async fn prune_before(
    tx: &mut SqliteConnection,
    actor_id: Option<&str>,
    cutoff: &str,
) -> Result<u64> {
    let Some((through, _)) = prunable(tx, cutoff).await? else {
        return Ok(0);
    };
    if let Err(problem) = check_segment(tx, through).await? {
        return Err(Error::conflict(format!(
            "The audit trail does not check out, so no entries were removed (removing them \
             could hide the problem). {problem}"
        )));
    }
    let hash: String = sqlx::query_scalar("SELECT hash FROM audit_log WHERE seq = ?")
        .bind(through)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("UPDATE forum SET audit_base_seq = ?, audit_base_hash = ? WHERE id = 1")
        .bind(through)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
    let removed = sqlx::query("DELETE FROM audit_log WHERE seq <= ?")
        .bind(through)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    append(
        tx,
        Entry {
            actor_id,
            action: "audit.pruned",
            entity: "audit_log",
            entity_id: None,
            changes: json!({"entries_removed": removed, "before": cutoff}),
        },
    )
    .await?;
    Ok(removed)
}

/// Checks the entries from the anchor up to `through` as `verify` would: each present,
/// unchanged, and following on from the one before (the first from the anchor's hash), and
/// the entry after `through` (or the head) following on from it. `Err` holds the problem in
/// words.
async fn check_segment(
    conn: &mut SqliteConnection,
    through: i64,
) -> Result<std::result::Result<(), String>> {
    let (base_seq, base_hash, head_seq, head_hash): (i64, String, i64, String) = sqlx::query_as(
        "SELECT audit_base_seq, audit_base_hash, audit_head_seq, audit_head_hash \
         FROM forum WHERE id = 1",
    )
    .fetch_one(&mut *conn)
    .await?;
    let rows: Vec<Stored> = sqlx::query_as(
        "SELECT seq, id, at, actor_id, action, entity, entity_id, changes, prev_hash, hash \
         FROM audit_log WHERE seq <= ? ORDER BY seq",
    )
    .bind(through)
    .fetch_all(&mut *conn)
    .await?;
    let mut expected_prev = base_hash;
    let mut expected_seq = base_seq + 1;
    for stored in rows {
        let seq = stored.seq;
        if seq != expected_seq {
            return Ok(Err(format!(
                "Entry {expected_seq} is missing: the next entry found is {seq}."
            )));
        }
        if stored.prev_hash != expected_prev {
            return Ok(Err(format!(
                "Entry {seq} does not follow on from the entry before it: entries were removed or reordered."
            )));
        }
        if stored.compute_hash() != stored.hash {
            return Ok(Err(format!(
                "Entry {seq} has been changed since it was written."
            )));
        }
        expected_prev = stored.hash;
        expected_seq += 1;
    }
    if expected_seq != through + 1 {
        return Ok(Err(format!("Entry {expected_seq} is missing.")));
    }
    let next: Option<String> = sqlx::query_scalar("SELECT prev_hash FROM audit_log WHERE seq = ?")
        .bind(through + 1)
        .fetch_optional(&mut *conn)
        .await?;
    let follows = match next {
        Some(prev) => prev == expected_prev,
        None => through == head_seq && head_hash == expected_prev,
    };
    if !follows {
        return Ok(Err(format!(
            "Entry {} does not follow on from the entry before it: entries were removed or reordered.",
            through + 1
        )));
    }
    Ok(Ok(()))
}
