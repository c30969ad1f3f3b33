//! The audit trail: who did what, to which record, when. Entries are appended in the same
//! transaction as the change they describe, and each carries the hash of the one before, so
//! `verify` notices an entry that was changed, removed or moved.

pub mod prune;
pub mod view;

use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::role::Action;
use crate::session::Session;
use crate::{id, Result};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One thing that happened, as a service describes it. `changes` names fields, and holds
/// values only when they are not personal (a role, a setting), never a name or a password.
pub struct Entry<'a> {
    pub actor_id: Option<&'a str>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<&'a str>,
    pub changes: serde_json::Value,
}

/// Appends `entry` inside the caller's write transaction.
pub async fn append(tx: &mut SqliteConnection, entry: Entry<'_>) -> Result<()> {
    let (head_seq, head_hash): (i64, String) =
        sqlx::query_as("SELECT audit_head_seq, audit_head_hash FROM forum WHERE id = 1")
            .fetch_one(&mut *tx)
            .await?;
    let row = Stored {
        seq: head_seq + 1,
        id: id::new_id(),
        at: id::now_rfc3339(),
        actor_id: entry.actor_id.map(str::to_owned),
        action: entry.action.to_owned(),
        entity: entry.entity.to_owned(),
        entity_id: entry.entity_id.map(str::to_owned),
        changes: entry.changes.to_string(),
        prev_hash: head_hash,
        hash: String::new(),
    };
    let hash = row.compute_hash();
    sqlx::query(
        "INSERT INTO audit_log (seq, id, at, actor_id, action, entity, entity_id, changes, \
         prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(row.seq)
    .bind(&row.id)
    .bind(&row.at)
    .bind(&row.actor_id)
    .bind(&row.action)
    .bind(&row.entity)
    .bind(&row.entity_id)
    .bind(&row.changes)
    .bind(&row.prev_hash)
    .bind(&hash)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE forum SET audit_head_seq = ?, audit_head_hash = ? WHERE id = 1")
        .bind(row.seq)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AuditReport.ts")]
pub struct AuditReport {
    #[ts(type = "number")]
    pub entries: i64,
    pub intact: bool,
    /// The first problem found, in plain words, when `intact` is false.
    pub problem: Option<String>,
}

pub async fn verify(session: &Session) -> Result<AuditReport> {
    session.require(Action::VerifyAudit)?;
    let mut conn = session.db().reader().acquire().await?;
    verify_chain(&mut conn).await
}

/// Entries read at a time by [`verify_chain`].
const VERIFY_BATCH: i64 = 10_000;

/// Walks the whole chain in one read transaction, so a concurrent write cannot make a sound
/// chain look broken.
pub async fn verify_chain(conn: &mut SqliteConnection) -> Result<AuditReport> {
    verify_chain_in_batches(conn, VERIFY_BATCH).await
}

/// [`verify_chain`], reading `batch` entries at a time (tests use small batches so the
/// chain crosses batch boundaries).
pub async fn verify_chain_in_batches(
    conn: &mut SqliteConnection,
    batch: i64,
) -> Result<AuditReport> {
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    let (head_seq, head_hash, base_seq, base_hash): (i64, String, i64, String) = sqlx::query_as(
        "SELECT audit_head_seq, audit_head_hash, audit_base_seq, audit_base_hash \
             FROM forum WHERE id = 1",
    )
    .fetch_one(&mut *tx)
    .await?;
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log")
        .fetch_one(&mut *tx)
        .await?;
    let broken = |problem: String| AuditReport {
        entries: count,
        intact: false,
        problem: Some(problem),
    };
    // Entries up to the anchor were removed past their retention period (see `prune`): the
    // chain starts after it, from the removed entry's hash.
    let mut expected_prev = base_hash;
    let mut expected_seq = base_seq + 1;
    // Read in batches inside the one read transaction: a million entries held at once took
    // hundreds of megabytes; a batch at a time keeps memory flat and sees the same snapshot.
    let mut after = 0_i64;
    loop {
        let batch: Vec<Stored> = sqlx::query_as(
            "SELECT seq, id, at, actor_id, action, entity, entity_id, changes, prev_hash, hash \
             FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
        )
        .bind(after)
        .bind(batch.max(1))
        .fetch_all(&mut *tx)
        .await?;
        if batch.is_empty() {
            break;
        }
        for stored in batch {
            let seq = stored.seq;
            if seq <= base_seq {
                return Ok(broken(format!(
                    "Entry {seq} should have been removed with the entries before {}.",
                    base_seq + 1
                )));
            }
            if seq != expected_seq {
                return Ok(broken(format!(
                    "Entry {expected_seq} is missing: the next entry found is {seq}."
                )));
            }
            if stored.prev_hash != expected_prev {
                return Ok(broken(format!(
                    "Entry {seq} does not follow on from the entry before it: entries were removed or reordered."
                )));
            }
            if stored.compute_hash() != stored.hash {
                return Ok(broken(format!(
                    "Entry {seq} has been changed since it was written."
                )));
            }
            expected_prev = stored.hash;
            expected_seq += 1;
            after = seq;
        }
    }
    tx.commit().await?;
    if count != head_seq - base_seq || expected_prev != head_hash {
        let expected = head_seq - base_seq;
        return Ok(broken(format!(
            "The audit trail should have {expected} entries ending in a known entry, but has {count}: entries were removed from the end."
        )));
    }
    Ok(AuditReport {
        entries: count,
        intact: true,
        problem: None,
    })
}

#[derive(sqlx::FromRow)]
struct Stored {
    seq: i64,
    id: String,
    at: String,
    actor_id: Option<String>,
    action: String,
    entity: String,
    entity_id: Option<String>,
    changes: String,
    prev_hash: String,
    hash: String,
}

impl Stored {
    /// SHA-256 over a JSON array of every field but the hash: JSON quoting keeps field
    /// boundaries unambiguous whatever the values contain.
    fn compute_hash(&self) -> String {
        let canonical = serde_json::json!([
            self.seq,
            self.id,
            self.at,
            self.actor_id,
            self.action,
            self.entity,
            self.entity_id,
            self.changes,
            self.prev_hash
        ]);
        hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
    }
}
