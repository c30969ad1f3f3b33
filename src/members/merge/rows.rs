//! The rows a merge changes or deletes, read and written whole so that undo can put them
//! back exactly. They are serialised into `merges.snapshot`.

use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};

use crate::{Error, Result};

/// Every column of `people`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, FromRow)]
pub(super) struct PersonRow {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub preferred_name: Option<String>,
    pub email: Option<String>,
    pub email_key: Option<String>,
    pub phone: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub town: Option<String>,
    pub postcode: Option<String>,
    pub area_id: Option<String>,
    pub area_overridden: bool,
    pub heard_about: Option<String>,
    pub notes: Option<String>,
    pub source: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, FromRow)]
pub(super) struct MembershipRow {
    pub member_type: String,
    pub status: String,
    pub joined_on: Option<String>,
    pub renewal_due_on: Option<String>,
    pub left_on: Option<String>,
    pub leaving_reason: Option<String>,
    pub recruitment_source: Option<String>,
    pub drive_id: Option<String>,
}

/// Special category: copied into a snapshot only when the kept person had their own and this
/// one would otherwise be lost with the merged person.
#[derive(Debug, Clone, Serialize, Deserialize, FromRow)]
pub(super) struct EqualityRow {
    pub ethnicity: Option<String>,
    pub first_language: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, FromRow)]
pub(super) struct DismissalRow {
    pub a_id: String,
    pub b_id: String,
    pub dismissed_by: String,
    pub at: String,
}

const PERSON_COLUMNS: &str = "id, first_name, last_name, preferred_name, email, email_key, phone, \
     address_line1, address_line2, town, postcode, area_id, area_overridden, heard_about, notes, \
     source, created_at, updated_at";

/// A member who can be merged: an erased person's tombstone cannot (merging it would give
/// the erased record a name again, or fold its anonymous figures into someone identified).
pub(super) async fn person(conn: &mut SqliteConnection, id: &str) -> Result<PersonRow> {
    sqlx::query_as(&format!(
        "SELECT {PERSON_COLUMNS} FROM people WHERE id = ? AND erased_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::not_found("That member does not exist."))
}

/// Writes every column but the id (and the row id the search index uses) over `row.id`.
/// An area deleted since the snapshot is left blank rather than failing the undo.
pub(super) async fn overwrite_person(conn: &mut SqliteConnection, row: &PersonRow) -> Result<()> {
    sqlx::query(
        "UPDATE people SET first_name = ?, last_name = ?, preferred_name = ?, email = ?, email_key = ?, \
         phone = ?, address_line1 = ?, address_line2 = ?, town = ?, postcode = ?, \
         area_id = (SELECT id FROM areas WHERE id = ?), area_overridden = ?, heard_about = ?, \
         notes = ?, source = ?, created_at = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&row.first_name)
    .bind(&row.last_name)
    .bind(&row.preferred_name)
    .bind(&row.email)
    .bind(&row.email_key)
    .bind(&row.phone)
    .bind(&row.address_line1)
    .bind(&row.address_line2)
    .bind(&row.town)
    .bind(&row.postcode)
    .bind(&row.area_id)
    .bind(row.area_overridden)
    .bind(&row.heard_about)
    .bind(&row.notes)
    .bind(&row.source)
    .bind(&row.created_at)
    .bind(&row.updated_at)
    .bind(&row.id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Puts a merged person back under their own id.
pub(super) async fn insert_person(conn: &mut SqliteConnection, row: &PersonRow) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO people ({PERSON_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \
         (SELECT id FROM areas WHERE id = ?), ?, ?, ?, ?, ?, ?)"
    ))
    .bind(&row.id)
    .bind(&row.first_name)
    .bind(&row.last_name)
    .bind(&row.preferred_name)
    .bind(&row.email)
    .bind(&row.email_key)
    .bind(&row.phone)
    .bind(&row.address_line1)
    .bind(&row.address_line2)
    .bind(&row.town)
    .bind(&row.postcode)
    .bind(&row.area_id)
    .bind(row.area_overridden)
    .bind(&row.heard_about)
    .bind(&row.notes)
    .bind(&row.source)
    .bind(&row.created_at)
    .bind(&row.updated_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn membership(
    conn: &mut SqliteConnection,
    person_id: &str,
) -> Result<Option<MembershipRow>> {
    Ok(sqlx::query_as(
        "SELECT member_type, status, joined_on, renewal_due_on, left_on, leaving_reason, \
         recruitment_source, drive_id FROM memberships WHERE person_id = ?",
    )
    .bind(person_id)
    .fetch_optional(&mut *conn)
    .await?)
}

pub(super) async fn insert_membership(
    conn: &mut SqliteConnection,
    person_id: &str,
    row: &MembershipRow,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO memberships (person_id, member_type, status, joined_on, renewal_due_on, \
         left_on, leaving_reason, recruitment_source, drive_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(person_id)
    .bind(&row.member_type)
    .bind(&row.status)
    .bind(&row.joined_on)
    .bind(&row.renewal_due_on)
    .bind(&row.left_on)
    .bind(&row.leaving_reason)
    .bind(&row.recruitment_source)
    .bind(&row.drive_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn equality(
    conn: &mut SqliteConnection,
    person_id: &str,
) -> Result<Option<EqualityRow>> {
    Ok(sqlx::query_as(
        "SELECT ethnicity, first_language, updated_at FROM equality WHERE person_id = ?",
    )
    .bind(person_id)
    .fetch_optional(&mut *conn)
    .await?)
}

pub(super) async fn insert_equality(
    conn: &mut SqliteConnection,
    person_id: &str,
    row: &EqualityRow,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO equality (person_id, ethnicity, first_language, updated_at) VALUES (?, ?, ?, ?)",
    )
    .bind(person_id)
    .bind(&row.ethnicity)
    .bind(&row.first_language)
    .bind(&row.updated_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn dismissals(
    conn: &mut SqliteConnection,
    person_id: &str,
) -> Result<Vec<DismissalRow>> {
    Ok(sqlx::query_as(
        "SELECT a_id, b_id, dismissed_by, at FROM duplicate_dismissals WHERE a_id = ?1 OR b_id = ?1",
    )
    .bind(person_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Puts a "not a duplicate" decision back, if both people still exist.
pub(super) async fn restore_dismissal(
    conn: &mut SqliteConnection,
    row: &DismissalRow,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO duplicate_dismissals (a_id, b_id, dismissed_by, at) SELECT ?1, ?2, ?3, ?4 \
         WHERE (SELECT count(*) FROM people WHERE id IN (?1, ?2)) = 2 \
         ON CONFLICT (a_id, b_id) DO NOTHING",
    )
    .bind(&row.a_id)
    .bind(&row.b_id)
    .bind(&row.dismissed_by)
    .bind(&row.at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
