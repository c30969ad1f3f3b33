//! Erasure that keeps the statistics true (UK GDPR Art. 17).
//!
//! An erased person keeps their `people` row as a tombstone: its id, area, membership and
//! membership events (kinds and dates), activity attendance, seats, recruitment source and
//! where the record came from (the kind only), so every figure, past report and evidence pack
//! gives the same totals. Everything that identifies them goes: names (blanked to a fixed
//! marker), e-mail, phone, address, postcode, notes, how they heard of the forum, free-text
//! reasons; their special-category data (children's details become the anonymous
//! `children_removed` counts, equality data is deleted), consent events, group contact roles,
//! co-options, "not a duplicate" decisions, merge snapshots naming them, retention "keep"
//! reasons, and their row in the search index. Subject access and erasure requests that named
//! them are kept (the forum must show it answered) but unlinked from the tombstone.
//!
//! One audit entry records the erasure without naming the person: who, when, which request.
//! After the transaction the write-ahead log is checkpointed and truncated; `secure_delete`
//! (set on every connection) overwrites the freed space, and the search index deletes words
//! in place (FTS5 `secure-delete`, set by the migration).

use serde::Serialize;
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::{self, Entry};
use crate::members::children;
use crate::members::consent;
use crate::role::Action;
use crate::session::Session;
use crate::{id, Error, Result};

/// What an erased person's first name becomes. The last name is [`ERASED_NAME`].
pub const ERASED_FIRST_NAME: &str = "";
/// What an erased person's last name becomes, so a list that still shows the tombstone (an
/// old activity's attendance, a past seat) reads "Erased person" rather than nothing.
pub const ERASED_NAME: &str = "Erased person";

/// What one erasure removed, for the admin who asked for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ErasureReport.ts")]
pub struct ErasureReport {
    /// How many people were erased (1, or more from the retention queue).
    pub people: u32,
    pub children_removed: u32,
    pub consent_events_deleted: u32,
    pub contact_roles_deleted: u32,
    pub co_options_deleted: u32,
    pub merge_snapshots_cleared: u32,
    pub requests_unlinked: u32,
    /// When it happened (RFC 3339, UTC).
    pub erased_at: String,
}

impl ErasureReport {
    fn add(&mut self, other: &ErasureReport) {
        self.people += other.people;
        self.children_removed += other.children_removed;
        self.consent_events_deleted += other.consent_events_deleted;
        self.contact_roles_deleted += other.contact_roles_deleted;
        self.co_options_deleted += other.co_options_deleted;
        self.merge_snapshots_cleared += other.merge_snapshots_cleared;
        self.requests_unlinked += other.requests_unlinked;
    }
}

/// Erases one person, answering the erasure request `request_id` if given. Irreversible;
/// admins only. The caller (UI or CLI) must have had the erasure confirmed.
pub async fn erase(
    s: &Session,
    person_id: &str,
    request_id: Option<&str>,
) -> Result<ErasureReport> {
    s.require(Action::ErasePeople)?;
    let request_id = request_id.map(str::trim).filter(|r| !r.is_empty());
    let mut tx = s.db().write().await?;
    if let Some(request) = request_id {
        let found: Option<String> = sqlx::query_scalar("SELECT id FROM gdpr_requests WHERE id = ?")
            .bind(request)
            .fetch_optional(&mut *tx)
            .await?;
        if found.is_none() {
            return Err(Error::field(
                "requestId",
                "There is no data protection request with that reference",
            ));
        }
    }
    let now = id::now_rfc3339();
    let report = erase_in(&mut tx, person_id, &now).await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "person.erased",
            entity: "gdpr_request",
            entity_id: request_id,
            changes: json!({"people": 1}),
        },
    )
    .await?;
    tx.commit().await?;
    forget(s).await?;
    Ok(report)
}

/// Erases each of `person_ids` in the caller's transaction (the retention queue's bulk
/// erasure); the caller checks the role, audits and commits, then calls [`forget`].
pub(crate) async fn erase_all(
    conn: &mut SqliteConnection,
    person_ids: &[String],
) -> Result<ErasureReport> {
    let now = id::now_rfc3339();
    let mut total = ErasureReport {
        erased_at: now.clone(),
        ..ErasureReport::default()
    };
    for person in person_ids {
        total.add(&erase_in(conn, person, &now).await?);
    }
    Ok(total)
}

/// After an erasure has committed: the WAL is checkpointed into the file (where
/// `secure_delete` has overwritten the old values) and truncated.
pub(crate) async fn forget(s: &Session) -> Result<()> {
    // A contentless search index deletes a row by marking it gone; its words stay in the
    // index's segments until they are merged. Merging every segment into one now drops
    // them (the old segments' pages are then overwritten, as `secure_delete` is on). At
    // 100,000 members this rewrites a few megabytes: erasure is rare, and it must not wait.
    let mut tx = s.db().write().await?;
    sqlx::query("INSERT INTO people_search (people_search) VALUES ('optimize')")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    s.db().checkpoint_truncate().await
}

fn n(rows: u64) -> u32 {
    u32::try_from(rows).unwrap_or(u32::MAX)
}

/// Turns one person into a tombstone, inside the caller's transaction.
async fn erase_in(
    conn: &mut SqliteConnection,
    person_id: &str,
    now: &str,
) -> Result<ErasureReport> {
    let found: Option<(i64, Option<String>)> =
        sqlx::query_as("SELECT rowid, erased_at FROM people WHERE id = ?")
            .bind(person_id)
            .fetch_optional(&mut *conn)
            .await?;
    let rowid =
        match found {
            None => return Err(Error::not_found("That member does not exist.")),
            Some((_, Some(_))) => return Err(Error::conflict(
                "This person's details have already been erased. There is nothing left to erase.",
            )),
            Some((rowid, None)) => rowid,
        };
    let mut report = ErasureReport {
        people: 1,
        erased_at: now.to_owned(),
        ..ErasureReport::default()
    };

    // The search row first, while it is still there to delete by row id.
    sqlx::query("DELETE FROM people_search WHERE rowid = ?")
        .bind(rowid)
        .execute(&mut *conn)
        .await?;

    // Special category: the anonymous counts stay, tied only to the tombstone.
    report.children_removed = n(children::delete_all_for_erasure(conn, person_id).await?);

    let exec = |sql: &'static str| sqlx::query(sql).bind(person_id);
    // Counted as the answers they held, one per purpose, as the member page listed them.
    let events: i64 = sqlx::query_scalar("SELECT count(*) FROM consent_events WHERE person_id = ?")
        .bind(person_id)
        .fetch_one(&mut *conn)
        .await?;
    exec("DELETE FROM consent_captures WHERE person_id = ?")
        .execute(&mut *conn)
        .await?;
    report.consent_events_deleted = n(u64::try_from(events).unwrap_or_default());
    report.contact_roles_deleted = n(
        exec("DELETE FROM organisation_contacts WHERE person_id = ?")
            .execute(&mut *conn)
            .await?
            .rows_affected(),
    );
    report.co_options_deleted = n(exec("DELETE FROM co_options WHERE person_id = ?")
        .execute(&mut *conn)
        .await?
        .rows_affected());
    sqlx::query("DELETE FROM duplicate_dismissals WHERE a_id = ?1 OR b_id = ?1")
        .bind(person_id)
        .execute(&mut *conn)
        .await?;
    report.merge_snapshots_cleared = n(sqlx::query(
        "UPDATE merges SET snapshot = NULL WHERE (kept_id = ?1 OR merged_id = ?1) \
         AND snapshot IS NOT NULL",
    )
    .bind(person_id)
    .execute(&mut *conn)
    .await?
    .rows_affected());
    exec("DELETE FROM retention_keeps WHERE person_id = ?")
        .execute(&mut *conn)
        .await?;
    // The request log keeps the request (the forum must show it answered), but not the link
    // to the tombstone; who asked stays as it was written, or "Erased person".
    report.requests_unlinked = n(sqlx::query(
        "UPDATE gdpr_requests SET person_id = NULL, requester = coalesce(requester, ?2), \
         updated_at = ?3 WHERE person_id = ?1",
    )
    .bind(person_id)
    .bind(ERASED_NAME)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected());

    // Membership: kinds, dates, type and recruitment source stay (the figures read them);
    // the free-text reasons go.
    exec("UPDATE memberships SET leaving_reason = NULL WHERE person_id = ?")
        .execute(&mut *conn)
        .await?;
    exec("UPDATE membership_events SET reason = NULL WHERE person_id = ?")
        .execute(&mut *conn)
        .await?;
    exec("UPDATE co_options SET note = NULL WHERE person_id = ?")
        .execute(&mut *conn)
        .await?;

    // The tombstone. `source` keeps only its kind ("entered" or "import"), not the file name.
    sqlx::query(
        "UPDATE people SET first_name = ?2, last_name = ?3, preferred_name = NULL, email = NULL, \
         email_key = NULL, phone = NULL, address_line1 = NULL, address_line2 = NULL, town = NULL, \
         postcode = NULL, heard_about = NULL, notes = NULL, \
         source = CASE WHEN source LIKE 'import%' THEN 'import' ELSE 'entered' END, \
         consent_given = 0, erased_at = ?4, updated_at = ?4 WHERE id = ?1",
    )
    .bind(person_id)
    .bind(ERASED_FIRST_NAME)
    .bind(ERASED_NAME)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    // No events are left, so this sets the bits to nothing; kept so the bits are always
    // derived the one way.
    consent::refresh_given(conn, person_id).await?;
    Ok(report)
}
