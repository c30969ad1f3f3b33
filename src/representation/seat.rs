//! Who holds the forum's seats on each body, from when until when.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::FromRow;
use ts_rs::TS;

use super::body;
use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::role::Action;
use crate::session::Session;
use crate::{id, validate, Error, Result};

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "SeatInput.ts")]
pub struct SeatInput {
    pub body_id: String,
    pub person_id: String,
    /// For example "Parent carer representative" or "Co-chair".
    pub role: String,
    /// ISO or day-first; today when blank.
    pub from_on: String,
    /// Blank while they hold it.
    pub until_on: String,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Seat.ts")]
pub struct Seat {
    pub id: String,
    pub body_id: String,
    pub body_name: String,
    pub person_id: String,
    pub holder: String,
    pub role: String,
    pub from_on: String,
    pub until_on: Option<String>,
}

const SELECT: &str = "SELECT s.id, s.body_id, b.name AS body_name, s.person_id, \
     p.first_name || ' ' || p.last_name AS holder, s.role, s.from_on, s.until_on FROM seats s \
     JOIN bodies b ON b.id = s.body_id JOIN people p ON p.id = s.person_id";

/// Every seat, current ones first, then by body.
pub async fn list(s: &Session) -> Result<Vec<Seat>> {
    s.require(Action::ViewActivities)?;
    let today = id::today_london().to_string();
    Ok(sqlx::query_as(&format!(
        "{SELECT} ORDER BY (s.until_on IS NOT NULL AND s.until_on < ?) , b.sort_order, \
         s.from_on DESC, s.id"
    ))
    .bind(today)
    .fetch_all(s.db().reader())
    .await?)
}

pub async fn add(s: &Session, input: SeatInput) -> Result<Seat> {
    s.require(Action::ManageEvidence)?;
    let mut errors = FieldErrors::default();
    let role = validate::name(
        &mut errors,
        "role",
        "their role on the body",
        &input.role,
        100,
    );
    let from = validate::past_date(&mut errors, "fromOn", &input.from_on);
    let until = validate::date(&mut errors, "untilOn", &input.until_on, None);
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
    if input.person_id.trim().is_empty() {
        errors.add("personId", "Select the person from the members list");
    }
    errors.finish()?;
    let from = from.ok_or_else(|| Error::internal("A checked date is missing."))?;
    let mut tx = s.db().write().await?;
    body::require_open(&mut tx, &input.body_id).await?;
    crate::members::require_person(&mut tx, &input.person_id).await?;
    let seat_id = id::new_id();
    sqlx::query(
        "INSERT INTO seats (id, body_id, person_id, role, from_on, until_on, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&seat_id)
    .bind(&input.body_id)
    .bind(&input.person_id)
    .bind(&role)
    .bind(from.to_string())
    .bind(until.map(|d| d.to_string()))
    .bind(id::now_rfc3339())
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "seat.added",
            entity: "body",
            entity_id: Some(&input.body_id),
            changes: json!({"person_id": input.person_id, "from": from.to_string()}),
        },
    )
    .await?;
    tx.commit().await?;
    let seat: Seat = sqlx::query_as(&format!("{SELECT} WHERE s.id = ?"))
        .bind(&seat_id)
        .fetch_one(s.db().reader())
        .await?;
    Ok(seat)
}

/// Ends a seat on a date (today when blank), never before it began.
pub async fn end(s: &Session, seat_id: &str, until_on: &str) -> Result<()> {
    s.require(Action::ManageEvidence)?;
    let mut errors = FieldErrors::default();
    let until = validate::past_date(&mut errors, "untilOn", until_on);
    errors.finish()?;
    let until = until.ok_or_else(|| Error::internal("A checked date is missing."))?;
    let mut tx = s.db().write().await?;
    let row: Option<(String, String, Option<String>)> =
        sqlx::query_as("SELECT body_id, from_on, until_on FROM seats WHERE id = ?")
            .bind(seat_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((body_id, from, ended)) = row else {
        return Err(Error::not_found("That seat is not recorded."));
    };
    if ended.is_some() {
        return Err(Error::conflict("That seat has already been given up."));
    }
    if until.to_string() < from {
        return Err(Error::field(
            "untilOn",
            format!("The end must be on or after the start ({from})"),
        ));
    }
    sqlx::query("UPDATE seats SET until_on = ? WHERE id = ?")
        .bind(until.to_string())
        .bind(seat_id)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "seat.ended",
            entity: "body",
            entity_id: Some(&body_id),
            changes: json!({"seat_id": seat_id, "until": until.to_string()}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
