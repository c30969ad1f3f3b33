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

use super::{append, verify_chain, Entry};
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
    let first_kept: Option<i64> =
        sqlx::query_scalar("SELECT min(seq) FROM audit_log WHERE at >= ?")
            .bind(cutoff)
            .fetch_one(&mut *conn)
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
/// the cut-off only). Refuses when the trail does not verify: removing tampered entries and
/// anchoring on them would hide the tampering. Returns how many entries went.
pub async fn prune_before(
    tx: &mut SqliteConnection,
    actor_id: Option<&str>,
    cutoff: &str,
) -> Result<u64> {
    let Some((through, _)) = prunable(tx, cutoff).await? else {
        return Ok(0);
    };
    let report = verify_chain(tx).await?;
    if !report.intact {
        return Err(Error::conflict(format!(
            "The audit trail does not check out, so no entries were removed (removing them \
             could hide the problem). {}",
            report.problem.unwrap_or_default()
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
