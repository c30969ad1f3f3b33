//! The bodies where the forum holds seats, seeded from the protocol and editable.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::FromRow;
use ts_rs::TS;

use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::role::Action;
use crate::session::Session;
use crate::{id, validate, Error, Result};

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Body.ts")]
pub struct Body {
    pub id: String,
    pub name: String,
    /// The forum co-chairs it.
    pub forum_chairs: bool,
    pub archived: bool,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "BodyInput.ts")]
pub struct BodyInput {
    pub name: String,
    pub forum_chairs: bool,
}

pub async fn list(s: &Session) -> Result<Vec<Body>> {
    s.require(Action::ViewActivities)?;
    Ok(sqlx::query_as(
        "SELECT id, name, forum_chairs, archived_at IS NOT NULL AS archived FROM bodies \
         ORDER BY archived_at IS NOT NULL, sort_order, name COLLATE NOCASE",
    )
    .fetch_all(s.db().reader())
    .await?)
}

fn check(input: &BodyInput) -> Result<String> {
    let mut errors = FieldErrors::default();
    let name = validate::name(&mut errors, "name", "the body's name", &input.name, 200);
    errors.finish()?;
    Ok(name)
}

/// Adds a body (`body_id` None) or renames one.
pub async fn save(s: &Session, body_id: Option<&str>, input: BodyInput) -> Result<Body> {
    s.require(Action::ManageEvidence)?;
    let name = check(&input)?;
    let mut tx = s.db().write().await?;
    let taken: Option<String> = sqlx::query_scalar(
        "SELECT id FROM bodies WHERE name = ? COLLATE NOCASE AND id IS NOT coalesce(?, '')",
    )
    .bind(&name)
    .bind(body_id)
    .fetch_optional(&mut *tx)
    .await?;
    if taken.is_some() {
        return Err(Error::field(
            "name",
            format!("There is already a body called {name}"),
        ));
    }
    let id = match body_id {
        Some(body_id) => {
            let changed = sqlx::query("UPDATE bodies SET name = ?, forum_chairs = ? WHERE id = ?")
                .bind(&name)
                .bind(input.forum_chairs)
                .bind(body_id)
                .execute(&mut *tx)
                .await?;
            if changed.rows_affected() == 0 {
                return Err(Error::not_found("That body does not exist."));
            }
            body_id.to_owned()
        }
        None => {
            let new_id = id::new_id();
            sqlx::query(
                "INSERT INTO bodies (id, name, forum_chairs, sort_order, created_at) VALUES \
                 (?, ?, ?, (SELECT coalesce(max(sort_order), 0) + 1 FROM bodies), ?)",
            )
            .bind(&new_id)
            .bind(&name)
            .bind(input.forum_chairs)
            .bind(id::now_rfc3339())
            .execute(&mut *tx)
            .await?;
            new_id
        }
    };
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: if body_id.is_some() {
                "body.updated"
            } else {
                "body.added"
            },
            entity: "body",
            entity_id: Some(&id),
            changes: json!({ "name": name }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Body {
        id,
        name,
        forum_chairs: input.forum_chairs,
        archived: false,
    })
}

/// Archives a body the forum no longer sits on: its seats and meetings stay on record.
pub async fn archive(s: &Session, body_id: &str) -> Result<()> {
    s.require(Action::ManageEvidence)?;
    let mut tx = s.db().write().await?;
    let changed =
        sqlx::query("UPDATE bodies SET archived_at = ? WHERE id = ? AND archived_at IS NULL")
            .bind(id::now_rfc3339())
            .bind(body_id)
            .execute(&mut *tx)
            .await?;
    if changed.rows_affected() == 0 {
        return Err(Error::not_found(
            "That body does not exist or is already archived.",
        ));
    }
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "body.archived",
            entity: "body",
            entity_id: Some(body_id),
            changes: json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The body must exist and not be archived for anything new to be recorded against it.
pub(crate) async fn require_open(conn: &mut sqlx::SqliteConnection, body_id: &str) -> Result<()> {
    let row: Option<Option<String>> =
        sqlx::query_scalar("SELECT archived_at FROM bodies WHERE id = ?")
            .bind(body_id)
            .fetch_optional(&mut *conn)
            .await?;
    match row {
        None => Err(Error::field("bodyId", "Select a body from the list")),
        Some(Some(_)) => Err(Error::conflict(
            "That body is archived, so nothing new can be recorded for it.",
        )),
        Some(None) => Ok(()),
    }
}
