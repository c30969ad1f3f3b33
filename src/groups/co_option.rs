//! Group leaders co-opted onto the forum's steering group: who, from which group, from when
//! until when.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{FromRow, SqlitePool};
use ts_rs::TS;

use super::organisation::{self, Organisation};
use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::role::Action;
use crate::session::Session;
use crate::{id, validate, Error, Result};

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "CoOptionInput.ts")]
pub struct CoOptionInput {
    pub person_id: String,
    /// ISO or day-first; today when blank.
    pub from_on: String,
    /// Blank while they serve.
    pub until_on: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CoOption.ts")]
pub struct CoOption {
    pub id: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub person_id: String,
    pub first_name: String,
    pub last_name: String,
    pub from_on: String,
    pub until_on: Option<String>,
    pub note: Option<String>,
}

const SELECT: &str = "SELECT c.id, c.organisation_id, o.name AS organisation_name, c.person_id, \
     p.first_name, p.last_name, c.from_on, c.until_on, c.note FROM co_options c \
     JOIN organisations o ON o.id = c.organisation_id JOIN people p ON p.id = c.person_id";

pub(crate) async fn of(db: &SqlitePool, org_id: &str) -> Result<Vec<CoOption>> {
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE c.organisation_id = ? ORDER BY c.from_on DESC, c.id"
    ))
    .bind(org_id)
    .fetch_all(db)
    .await?)
}

/// Everyone co-opted onto the steering group today, from every group.
pub async fn serving(s: &Session) -> Result<Vec<CoOption>> {
    s.require(Action::ViewGroups)?;
    let today = id::today_london().to_string();
    Ok(sqlx::query_as(&format!(
        "{SELECT} WHERE c.from_on <= ?1 AND (c.until_on IS NULL OR c.until_on >= ?1) \
         ORDER BY o.name COLLATE NOCASE, p.last_name COLLATE NOCASE"
    ))
    .bind(today)
    .fetch_all(s.db().reader())
    .await?)
}

pub async fn co_opt(s: &Session, org_id: &str, input: CoOptionInput) -> Result<Organisation> {
    s.require(Action::ManageGroups)?;
    let mut errors = FieldErrors::default();
    let from = validate::past_date(&mut errors, "fromOn", &input.from_on);
    let until = if input.until_on.trim().is_empty() {
        None
    } else {
        match crate::import::values::uk_date(input.until_on.trim()) {
            Ok(date) => Some(date),
            Err(reason) => {
                errors.add("untilOn", reason);
                None
            }
        }
    };
    if let (Some(from), Some(until)) = (from, until) {
        if until < from {
            errors.add(
                "untilOn",
                format!(
                    "The end must be on or after the start, {}",
                    validate::long_date(from)
                ),
            );
        }
    }
    let note = validate::note(&mut errors, "note", "the note", &input.note, 2000);
    if input.person_id.trim().is_empty() {
        errors.add("personId", "Select the person from the members list");
    }
    errors.finish()?;
    let from = from.ok_or_else(|| Error::internal("A checked date is missing."))?;
    let mut tx = s.db().write().await?;
    organisation::require_open(&mut tx, org_id).await?;
    crate::members::require_person(&mut tx, &input.person_id).await?;
    let co_option_id = id::new_id();
    sqlx::query(
        "INSERT INTO co_options (id, organisation_id, person_id, from_on, until_on, note, \
         recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&co_option_id)
    .bind(org_id)
    .bind(&input.person_id)
    .bind(from.to_string())
    .bind(until.map(|d| d.to_string()))
    .bind(&note)
    .bind(s.user_id())
    .bind(id::now_rfc3339())
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "organisation.co_opted",
            entity: "organisation",
            entity_id: Some(org_id),
            changes: json!({"person_id": input.person_id, "from": from.to_string()}),
        },
    )
    .await?;
    tx.commit().await?;
    organisation::load(s, org_id).await
}

/// Ends a co-option on a date (today when blank), which cannot be before it began.
pub async fn end(
    s: &Session,
    org_id: &str,
    co_option_id: &str,
    until_on: &str,
) -> Result<Organisation> {
    s.require(Action::ManageGroups)?;
    let mut errors = FieldErrors::default();
    let until = validate::past_date(&mut errors, "untilOn", until_on);
    errors.finish()?;
    let until = until.ok_or_else(|| Error::internal("A checked date is missing."))?;
    let mut tx = s.db().write().await?;
    organisation::require_open(&mut tx, org_id).await?;
    let from: Option<(String, Option<String>)> = sqlx::query_as(
        "SELECT from_on, until_on FROM co_options WHERE id = ? AND organisation_id = ?",
    )
    .bind(co_option_id)
    .bind(org_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((from, ended)) = from else {
        return Err(Error::not_found("That co-option is not recorded."));
    };
    if ended.is_some() {
        return Err(Error::conflict("That co-option has already ended."));
    }
    if until.to_string() < from {
        return Err(Error::field(
            "untilOn",
            format!("The end must be on or after the start ({from})"),
        ));
    }
    sqlx::query("UPDATE co_options SET until_on = ? WHERE id = ?")
        .bind(until.to_string())
        .bind(co_option_id)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "organisation.co_option_ended",
            entity: "organisation",
            entity_id: Some(org_id),
            changes: json!({"co_option_id": co_option_id, "until": until.to_string()}),
        },
    )
    .await?;
    tx.commit().await?;
    organisation::load(s, org_id).await
}
