//! The officers' queue of kiosk sign-ups: each is accepted as a member, merged into the
//! record of someone already known (found by the members' duplicate detection), or
//! discarded (a test, a joke, someone who changed their mind: the person it created is
//! deleted, as they never became a member).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use crate::audit::{self, Entry};
use crate::members::duplicates::{self, DuplicateMatch};
use crate::members::membership::{self, MembershipDateInput};
use crate::members::merge::{self, MergeInput, Side};
use crate::role::Action;
use crate::session::Session;
use crate::{id, Error, Result};

/// The most sign-ups the queue shows at once (the oldest first).
pub const MAX_QUEUE: i64 = 500;

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PendingSignUp.ts")]
pub struct PendingSignUp {
    pub signup_id: String,
    pub drive_id: String,
    pub drive_name: String,
    pub signed_up_at: String,
    pub person_id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub postcode: Option<String>,
    pub area_name: Option<String>,
    /// The transfer pack it came in, if any.
    pub imported_from: Option<String>,
    /// People already on record who may be the same person.
    #[sqlx(skip)]
    pub duplicates: Vec<DuplicateMatch>,
}

/// Merging a sign-up into someone already on record.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SignUpMergeInput.ts")]
pub struct SignUpMergeInput {
    /// The existing record that stays.
    pub keep_id: String,
    /// Field → the record whose value to keep (`merge` takes the sign-up's), as for a
    /// members merge; fields not named keep the existing record's value.
    #[serde(default)]
    pub picks: BTreeMap<String, Side>,
}

/// The sign-ups waiting for review, the oldest first, optionally for one drive, each with
/// the existing members it may duplicate.
pub async fn pending(s: &Session, drive_id: Option<&str>) -> Result<Vec<PendingSignUp>> {
    s.require(Action::ReviewSignUps)?;
    let mut rows: Vec<PendingSignUp> = sqlx::query_as(
        "SELECT g.id AS signup_id, g.drive_id, d.name AS drive_name, g.signed_up_at, \
         p.id AS person_id, p.first_name, p.last_name, p.email, p.phone, p.postcode, \
         a.name AS area_name, g.imported_from FROM drive_signups g \
         JOIN drives d ON d.id = g.drive_id JOIN people p ON p.id = g.person_id \
         LEFT JOIN areas a ON a.id = p.area_id \
         WHERE g.status = 'pending' AND (?1 IS NULL OR g.drive_id = ?1) \
         ORDER BY g.signed_up_at, g.id LIMIT ?2",
    )
    .bind(drive_id)
    .bind(MAX_QUEUE)
    .fetch_all(s.db().reader())
    .await?;
    for row in &mut rows {
        row.duplicates = duplicates::for_member(s, &row.person_id).await?;
    }
    Ok(rows)
}

/// A pending sign-up's person, or why it cannot be reviewed.
async fn pending_person(conn: &mut SqliteConnection, signup_id: &str) -> Result<String> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT status, person_id FROM drive_signups WHERE id = ?")
            .bind(signup_id)
            .fetch_optional(&mut *conn)
            .await?;
    match row {
        None => Err(Error::not_found("That sign-up does not exist.")),
        Some((status, Some(person))) if status == "pending" => Ok(person),
        Some((status, _)) => Err(Error::conflict(format!(
            "This sign-up has already been reviewed ({status})."
        ))),
    }
}

async fn mark(
    conn: &mut SqliteConnection,
    s: &Session,
    signup_id: &str,
    status: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE drive_signups SET status = ?, reviewed_by = ?, reviewed_at = ? WHERE id = ?",
    )
    .bind(status)
    .bind(s.user_id())
    .bind(id::now_rfc3339())
    .bind(signup_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Accepts a sign-up: the applicant becomes an active member (from `input`'s date, today
/// when blank), with a "joined" event, as approving an applicant does.
pub async fn accept(s: &Session, signup_id: &str, input: MembershipDateInput) -> Result<()> {
    s.require(Action::ReviewSignUps)?;
    let mut tx = s.db().write().await?;
    let person = pending_person(&mut tx, signup_id).await?;
    membership::approve_in(&mut tx, s, &person, &input).await?;
    mark(&mut tx, s, signup_id, "accepted").await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "drive.signup_accepted",
            entity: "drive_signup",
            entity_id: Some(signup_id),
            changes: json!({"person": person}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Merges a sign-up into an existing record, which is kept; the sign-up then points at it
/// and is marked `merged` (by the members merge itself). The merge can be undone from the
/// member's record like any other, which puts the sign-up back in the queue.
pub async fn merge_into(s: &Session, signup_id: &str, input: SignUpMergeInput) -> Result<()> {
    s.require(Action::ReviewSignUps)?;
    let person = {
        let mut conn = s.db().reader().acquire().await?;
        pending_person(&mut conn, signup_id).await?
    };
    if person == input.keep_id {
        return Err(Error::field(
            "keepId",
            "Choose the existing record to merge this sign-up into",
        ));
    }
    merge::merge(
        s,
        MergeInput {
            keep_id: input.keep_id,
            merge_id: person,
            picks: input.picks,
        },
    )
    .await?;
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM drive_signups WHERE id = ?")
            .bind(signup_id)
            .fetch_optional(s.db().reader())
            .await?;
    if status.as_deref() != Some("merged") {
        return Err(Error::internal(
            "The records were merged but the sign-up was not marked as merged.",
        ));
    }
    Ok(())
}

/// Discards a sign-up: the person it created is deleted (with their consent answers and
/// any children's details), and the sign-up stays, marked `discarded`, with no person.
pub async fn discard(s: &Session, signup_id: &str) -> Result<()> {
    s.require(Action::ReviewSignUps)?;
    let mut tx = s.db().write().await?;
    let person = pending_person(&mut tx, signup_id).await?;
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM memberships WHERE person_id = ?")
            .bind(&person)
            .fetch_optional(&mut *tx)
            .await?;
    if status.as_deref() != Some("applicant") {
        return Err(Error::conflict(
            "This sign-up's record is a member now, not an applicant: it cannot be discarded.",
        ));
    }
    mark(&mut tx, s, signup_id, "discarded").await?;
    let rowid: i64 = sqlx::query_scalar("SELECT rowid FROM people WHERE id = ?")
        .bind(&person)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM people_search WHERE rowid = ?")
        .bind(rowid)
        .execute(&mut *tx)
        .await?;
    let deleted = sqlx::query("DELETE FROM people WHERE id = ?")
        .bind(&person)
        .execute(&mut *tx)
        .await;
    if let Err(sqlx::Error::Database(e)) = &deleted {
        if e.is_foreign_key_violation() {
            return Err(Error::conflict(
                "This sign-up's record is linked from elsewhere (a group contact, a seat or a \
                 request), so it cannot be discarded. Remove those links first.",
            ));
        }
    }
    deleted?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "drive.signup_discarded",
            entity: "drive_signup",
            entity_id: Some(signup_id),
            changes: json!({"person_deleted": person}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
