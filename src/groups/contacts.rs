//! An organisation's contacts: links to people records with their role there (lead,
//! deputy, treasurer…). A person can hold roles at several organisations.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{FromRow, SqlitePool};
use ts_rs::TS;

use super::organisation::{self, Organisation};
use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::import::values;
use crate::role::Action;
use crate::session::Session;
use crate::{id, validate, Error, Result};

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "ContactInput.ts")]
pub struct ContactInput {
    pub person_id: String,
    /// Their role at the organisation, in the group's own words.
    pub role: String,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Contact.ts")]
pub struct Contact {
    pub id: String,
    pub person_id: String,
    pub first_name: String,
    pub last_name: String,
    pub role: String,
    pub email: Option<String>,
    #[sqlx(skip)]
    pub phone_display: Option<String>,
}

#[derive(FromRow)]
struct ContactRow {
    #[sqlx(flatten)]
    contact: Contact,
    phone: Option<String>,
}

pub(crate) async fn of(db: &SqlitePool, org_id: &str) -> Result<Vec<Contact>> {
    let rows: Vec<ContactRow> = sqlx::query_as(
        "SELECT c.id, c.person_id, p.first_name, p.last_name, c.role, p.email, p.phone \
         FROM organisation_contacts c JOIN people p ON p.id = c.person_id \
         WHERE c.organisation_id = ? ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, c.role",
    )
    .bind(org_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Contact {
            phone_display: row.phone.as_deref().map(values::phone_display),
            ..row.contact
        })
        .collect())
}

pub async fn add(s: &Session, org_id: &str, input: ContactInput) -> Result<Organisation> {
    s.require(Action::ManageGroups)?;
    let mut errors = FieldErrors::default();
    let role = validate::name(&mut errors, "role", "their role", &input.role, 100);
    if input.person_id.trim().is_empty() {
        errors.add("personId", "Select the person from the members list");
    }
    errors.finish()?;
    let mut tx = s.db().write().await?;
    let name = organisation::require_open(&mut tx, org_id).await?;
    crate::members::require_person(&mut tx, &input.person_id).await?;
    let added = sqlx::query(
        "INSERT INTO organisation_contacts (id, organisation_id, person_id, role, created_at) \
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (organisation_id, person_id, role) DO NOTHING",
    )
    .bind(id::new_id())
    .bind(org_id)
    .bind(&input.person_id)
    .bind(&role)
    .bind(id::now_rfc3339())
    .execute(&mut *tx)
    .await?;
    if added.rows_affected() == 0 {
        return Err(Error::field(
            "role",
            format!("They are already recorded as {role} at {name}"),
        ));
    }
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "organisation.contact_added",
            entity: "organisation",
            entity_id: Some(org_id),
            changes: json!({"person_id": input.person_id, "fields": ["role"]}),
        },
    )
    .await?;
    tx.commit().await?;
    organisation::load(s, org_id).await
}

pub async fn remove(s: &Session, org_id: &str, contact_id: &str) -> Result<Organisation> {
    s.require(Action::ManageGroups)?;
    let mut tx = s.db().write().await?;
    organisation::require_open(&mut tx, org_id).await?;
    let removed: Option<String> = sqlx::query_scalar(
        "DELETE FROM organisation_contacts WHERE id = ? AND organisation_id = ? \
         RETURNING person_id",
    )
    .bind(contact_id)
    .bind(org_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(person_id) = removed else {
        return Err(Error::not_found("That contact is not recorded."));
    };
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "organisation.contact_removed",
            entity: "organisation",
            entity_id: Some(org_id),
            changes: json!({"person_id": person_id, "fields": ["role"]}),
        },
    )
    .await?;
    tx.commit().await?;
    organisation::load(s, org_id).await
}
