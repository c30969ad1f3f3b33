//! Organisations: affiliated parent groups and partner bodies, with the areas they cover,
//! their needs focus, how they meet, public contact details and a dated estimate of the
//! families they reach.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::affiliation::{self, AffiliationEvent, AffiliationState};
use super::co_option::{self, CoOption};
use super::contacts::{self, Contact};
use super::model::{AffiliationStatus, Meets, OrganisationKind};
use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::import::values;
use crate::members::model::Need;
use crate::role::Action;
use crate::session::Session;
use crate::{id, validate, Error, Result};

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "OrganisationInput.ts")]
pub struct OrganisationInput {
    pub name: String,
    pub kind: Option<OrganisationKind>,
    /// The forum's areas it covers: one or more.
    pub area_ids: Vec<String>,
    /// For families whatever their child's needs; `needs` is then ignored.
    pub all_needs: bool,
    pub needs: Vec<Need>,
    pub meets: Option<Meets>,
    pub website: String,
    pub public_email: String,
    pub public_phone: String,
    /// About how many families it reaches, as typed ("120", "about 120").
    pub families_reached: String,
    /// When that estimate was made; today when blank and an estimate is given.
    pub families_estimated_on: String,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AreaRef.ts")]
pub struct AreaRef {
    pub id: String,
    pub name: String,
}

/// Everything the group page shows.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Organisation.ts")]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub kind: OrganisationKind,
    pub areas: Vec<AreaRef>,
    pub all_needs: bool,
    pub needs: Vec<Need>,
    pub meets: Option<Meets>,
    pub website: Option<String>,
    pub public_email: Option<String>,
    /// E.164, as stored.
    pub public_phone: Option<String>,
    /// As UK volunteers read it ("01772 123456").
    pub public_phone_display: Option<String>,
    #[ts(type = "number | null")]
    pub families_reached: Option<i64>,
    pub families_estimated_on: Option<String>,
    pub notes: Option<String>,
    pub archived: bool,
    pub affiliation: Option<AffiliationState>,
    pub timeline: Vec<AffiliationEvent>,
    pub contacts: Vec<Contact>,
    pub co_options: Vec<CoOption>,
    /// What the forum offers affiliated groups and asks of them (a forum setting).
    pub benefits: String,
}

/// One row of the organisations list.
#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "OrganisationSummary.ts")]
pub struct OrganisationSummary {
    pub id: String,
    pub name: String,
    pub kind: OrganisationKind,
    pub status: Option<AffiliationStatus>,
    pub renewal_due_on: Option<String>,
    /// The names of the areas it covers, comma separated.
    pub areas: String,
    #[ts(type = "number | null")]
    pub families_reached: Option<i64>,
    pub archived: bool,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "OrganisationFilter.ts")]
pub struct OrganisationFilter {
    pub kind: Option<OrganisationKind>,
    /// `RenewalDue` finds affiliated groups whose renewal date has come.
    pub status: Option<AffiliationStatus>,
    pub area_id: Option<String>,
    pub include_archived: bool,
    /// Only organisations that never enquired about affiliating: mostly partner bodies (the
    /// local authority, the NHS, schools), which a status filter cannot find as they have none.
    pub without_affiliation: bool,
}

/// What [`remove`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "RemoveOutcome.ts")]
pub enum RemoveOutcome {
    /// It had no history, so it is gone.
    Deleted,
    /// It had history (affiliation steps, contacts, co-options), which is kept.
    Archived,
}

pub const MAX_NAME: usize = 200;
pub const MAX_NOTES: usize = 5000;
const MAX_FAMILIES: i64 = 1_000_000;

/// An input checked and ready to store.
pub(crate) struct Clean {
    name: String,
    kind: OrganisationKind,
    area_ids: Vec<String>,
    all_needs: bool,
    needs: Vec<Need>,
    meets: Option<Meets>,
    website: Option<String>,
    public_email: Option<String>,
    public_phone: Option<String>,
    families_reached: Option<i64>,
    families_estimated_on: Option<String>,
    notes: Option<String>,
}

pub(crate) async fn clean(conn: &mut SqliteConnection, input: &OrganisationInput) -> Result<Clean> {
    let mut errors = FieldErrors::default();
    let name = validate::name(
        &mut errors,
        "name",
        "the organisation's name",
        &input.name,
        MAX_NAME,
    );
    let kind = input.kind.unwrap_or_else(|| {
        errors.add("kind", "Select what kind of organisation it is");
        OrganisationKind::Other
    });
    let mut area_ids: Vec<String> = input.area_ids.clone();
    area_ids.sort();
    area_ids.dedup();
    if area_ids.is_empty() {
        errors.add("areaIds", "Select the areas it covers");
    }
    for area in &area_ids {
        let known: Option<String> = sqlx::query_scalar("SELECT id FROM areas WHERE id = ?")
            .bind(area)
            .fetch_optional(&mut *conn)
            .await?;
        if known.is_none() {
            errors.add("areaIds", "Select areas from the list");
        }
    }
    let mut needs = input.needs.clone();
    needs.sort_by_key(|n| n.as_str());
    needs.dedup();
    if input.all_needs {
        needs.clear();
    } else if needs.is_empty() {
        errors.add(
            "needs",
            "Select the needs it focuses on, or \u{201c}all needs\u{201d}",
        );
    }
    let website = website(&mut errors, &input.website);
    let public_email = optional(&input.public_email).and_then(|text| {
        values::email(text)
            .map_err(|reason| errors.add("publicEmail", reason))
            .ok()
    });
    let public_phone = optional(&input.public_phone).and_then(|text| {
        values::phone(text)
            .map_err(|reason| errors.add("publicPhone", reason))
            .ok()
    });
    let families_reached = optional(&input.families_reached).and_then(|text| {
        let digits: String = text
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .chars()
            .filter(|c| *c != ',')
            .collect();
        match digits.trim().parse::<i64>() {
            Ok(n) if (0..=MAX_FAMILIES).contains(&n) => Some(n),
            Ok(_) => {
                errors.add(
                    "familiesReached",
                    "The number of families must be between 0 and 1,000,000",
                );
                None
            }
            Err(_) => {
                errors.add(
                    "familiesReached",
                    "Enter the number of families as a whole number, like 120",
                );
                None
            }
        }
    });
    let families_estimated_on = match (families_reached, optional(&input.families_estimated_on)) {
        (None, None) => None,
        (None, Some(_)) => {
            errors.add(
                "familiesReached",
                "Enter the number of families the estimate is of, or clear its date",
            );
            None
        }
        (Some(_), text) => {
            validate::past_date(&mut errors, "familiesEstimatedOn", text.unwrap_or(""))
                .map(|d| d.to_string())
        }
    };
    let notes = validate::note(&mut errors, "notes", "the notes", &input.notes, MAX_NOTES);
    errors.finish()?;
    Ok(Clean {
        name,
        kind,
        area_ids,
        all_needs: input.all_needs,
        needs,
        meets: input.meets,
        website,
        public_email,
        public_phone,
        families_reached,
        families_estimated_on,
        notes,
    })
}

fn optional(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

/// A website as people type it ("www.group.org.uk", "https://…"): stored with its scheme so
/// it can be opened, and only http or https, so a stored link can never run script.
fn website(errors: &mut FieldErrors, text: &str) -> Option<String> {
    let text = optional(text)?;
    let with_scheme = if text.contains("://") {
        text.to_owned()
    } else {
        format!("https://{text}")
    };
    let lower = with_scheme.to_ascii_lowercase();
    let host = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
    let ok = with_scheme.chars().count() <= 500
        && !with_scheme
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
        && host.is_some_and(|h| {
            h.contains('.')
                && !h.starts_with('.')
                && !h.ends_with('.')
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        });
    if ok {
        Some(with_scheme)
    } else {
        errors.add(
            "website",
            "Enter the website address like www.group.org.uk or https://group.org.uk",
        );
        None
    }
}

pub async fn create(s: &Session, input: OrganisationInput) -> Result<Organisation> {
    s.require(Action::ManageGroups)?;
    let mut tx = s.db().write().await?;
    let org_id = insert(&mut tx, s, &input).await?;
    tx.commit().await?;
    load(s, &org_id).await
}

/// Inserts a checked organisation and audits it; shared with a volunteer's first enquiry.
pub(crate) async fn insert(
    conn: &mut SqliteConnection,
    s: &Session,
    input: &OrganisationInput,
) -> Result<String> {
    let clean = clean(conn, input).await?;
    let org_id = id::new_id();
    let now = id::now_rfc3339();
    sqlx::query(
        "INSERT INTO organisations (id, name, kind, meets, all_needs, website, public_email, \
         public_phone, families_reached, families_estimated_on, notes, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&org_id)
    .bind(&clean.name)
    .bind(clean.kind)
    .bind(clean.meets)
    .bind(clean.all_needs)
    .bind(&clean.website)
    .bind(&clean.public_email)
    .bind(&clean.public_phone)
    .bind(clean.families_reached)
    .bind(&clean.families_estimated_on)
    .bind(&clean.notes)
    .bind(&now)
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    write_areas_and_needs(conn, &org_id, &clean).await?;
    audit::append(
        conn,
        Entry {
            actor_id: Some(s.user_id()),
            action: "organisation.created",
            entity: "organisation",
            entity_id: Some(&org_id),
            changes: json!({"name": clean.name, "kind": clean.kind.as_str()}),
        },
    )
    .await?;
    Ok(org_id)
}

pub async fn update(s: &Session, org_id: &str, input: OrganisationInput) -> Result<Organisation> {
    s.require(Action::ManageGroups)?;
    let mut tx = s.db().write().await?;
    require_open(&mut tx, org_id).await?;
    let clean = clean(&mut tx, &input).await?;
    sqlx::query(
        "UPDATE organisations SET name = ?, kind = ?, meets = ?, all_needs = ?, website = ?, \
         public_email = ?, public_phone = ?, families_reached = ?, families_estimated_on = ?, \
         notes = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&clean.name)
    .bind(clean.kind)
    .bind(clean.meets)
    .bind(clean.all_needs)
    .bind(&clean.website)
    .bind(&clean.public_email)
    .bind(&clean.public_phone)
    .bind(clean.families_reached)
    .bind(&clean.families_estimated_on)
    .bind(&clean.notes)
    .bind(id::now_rfc3339())
    .bind(org_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM organisation_areas WHERE organisation_id = ?")
        .bind(org_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM organisation_needs WHERE organisation_id = ?")
        .bind(org_id)
        .execute(&mut *tx)
        .await?;
    write_areas_and_needs(&mut tx, org_id, &clean).await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "organisation.updated",
            entity: "organisation",
            entity_id: Some(org_id),
            changes: json!({"name": clean.name, "kind": clean.kind.as_str()}),
        },
    )
    .await?;
    tx.commit().await?;
    load(s, org_id).await
}

async fn write_areas_and_needs(
    conn: &mut SqliteConnection,
    org_id: &str,
    clean: &Clean,
) -> Result<()> {
    for area in &clean.area_ids {
        sqlx::query("INSERT INTO organisation_areas (organisation_id, area_id) VALUES (?, ?)")
            .bind(org_id)
            .bind(area)
            .execute(&mut *conn)
            .await?;
    }
    for need in &clean.needs {
        sqlx::query("INSERT INTO organisation_needs (organisation_id, need) VALUES (?, ?)")
            .bind(org_id)
            .bind(*need)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The organisation must exist and not be archived for anything to change it.
pub(crate) async fn require_open(conn: &mut SqliteConnection, org_id: &str) -> Result<String> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT name, archived_at FROM organisations WHERE id = ?")
            .bind(org_id)
            .fetch_optional(&mut *conn)
            .await?;
    match row {
        None => Err(Error::not_found("That organisation does not exist.")),
        Some((name, Some(_))) => Err(Error::conflict(format!(
            "{name} is archived, so it cannot be changed."
        ))),
        Some((name, None)) => Ok(name),
    }
}

/// Removes an organisation: deleted when it has no history, archived (kept, hidden from
/// lists, unchangeable) when it has any, so its timeline stays on record.
pub async fn remove(s: &Session, org_id: &str) -> Result<RemoveOutcome> {
    s.require(Action::ManageGroups)?;
    let mut tx = s.db().write().await?;
    let name = require_open(&mut tx, org_id).await?;
    let history: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM affiliation_events WHERE organisation_id = ?1) \
         + (SELECT count(*) FROM organisation_contacts WHERE organisation_id = ?1) \
         + (SELECT count(*) FROM co_options WHERE organisation_id = ?1)",
    )
    .bind(org_id)
    .fetch_one(&mut *tx)
    .await?;
    let outcome = if history > 0 {
        sqlx::query("UPDATE organisations SET archived_at = ?1, updated_at = ?1 WHERE id = ?2")
            .bind(id::now_rfc3339())
            .bind(org_id)
            .execute(&mut *tx)
            .await?;
        RemoveOutcome::Archived
    } else {
        sqlx::query("DELETE FROM organisations WHERE id = ?")
            .bind(org_id)
            .execute(&mut *tx)
            .await?;
        RemoveOutcome::Deleted
    };
    let action = match outcome {
        RemoveOutcome::Archived => "organisation.archived",
        RemoveOutcome::Deleted => "organisation.deleted",
    };
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action,
            entity: "organisation",
            entity_id: Some(org_id),
            changes: json!({ "name": name }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

/// The group page. Its contacts are people's names, so each view is audited like a member's
/// record.
pub async fn get(s: &Session, org_id: &str) -> Result<Organisation> {
    s.require(Action::ViewGroups)?;
    let organisation = load(s, org_id).await?;
    let mut tx = s.db().write().await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "organisation.viewed",
            entity: "organisation",
            entity_id: Some(org_id),
            changes: json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(organisation)
}

#[derive(FromRow)]
struct Row {
    id: String,
    name: String,
    kind: OrganisationKind,
    all_needs: bool,
    meets: Option<Meets>,
    website: Option<String>,
    public_email: Option<String>,
    public_phone: Option<String>,
    families_reached: Option<i64>,
    families_estimated_on: Option<String>,
    notes: Option<String>,
    archived: bool,
}

pub(crate) async fn load(s: &Session, org_id: &str) -> Result<Organisation> {
    let db = s.db().reader();
    let row: Row = sqlx::query_as(
        "SELECT id, name, kind, all_needs, meets, website, public_email, public_phone, \
         families_reached, families_estimated_on, notes, archived_at IS NOT NULL AS archived \
         FROM organisations WHERE id = ?",
    )
    .bind(org_id)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| Error::not_found("That organisation does not exist."))?;
    let areas: Vec<AreaRef> = sqlx::query_as(
        "SELECT a.id, a.name FROM organisation_areas oa JOIN areas a ON a.id = oa.area_id \
         WHERE oa.organisation_id = ? ORDER BY a.name COLLATE NOCASE",
    )
    .bind(org_id)
    .fetch_all(db)
    .await?;
    let needs: Vec<Need> = sqlx::query_scalar(
        "SELECT need FROM organisation_needs WHERE organisation_id = ? ORDER BY need",
    )
    .bind(org_id)
    .fetch_all(db)
    .await?;
    let benefits: String =
        sqlx::query_scalar("SELECT affiliation_benefits FROM forum WHERE id = 1")
            .fetch_one(db)
            .await?;
    Ok(Organisation {
        public_phone_display: row.public_phone.as_deref().map(values::phone_display),
        id: row.id,
        name: row.name,
        kind: row.kind,
        areas,
        all_needs: row.all_needs,
        needs,
        meets: row.meets,
        website: row.website,
        public_email: row.public_email,
        public_phone: row.public_phone,
        families_reached: row.families_reached,
        families_estimated_on: row.families_estimated_on,
        notes: row.notes,
        archived: row.archived,
        affiliation: affiliation::state(db, org_id).await?,
        timeline: affiliation::timeline_of(db, org_id).await?,
        contacts: contacts::of(db, org_id).await?,
        co_options: co_option::of(db, org_id).await?,
        benefits,
    })
}

pub async fn list(s: &Session, filter: &OrganisationFilter) -> Result<Vec<OrganisationSummary>> {
    s.require(Action::ViewGroups)?;
    let today = id::today_london().to_string();
    let mut q = QueryBuilder::<Sqlite>::new(
        "SELECT o.id, o.name, o.kind, CASE WHEN af.status = 'affiliated' AND af.renewal_due_on <= ",
    );
    q.push_bind(today.clone());
    q.push(
        " THEN 'renewal_due' ELSE af.status END AS status, af.renewal_due_on, \
         coalesce((SELECT group_concat(name, ', ') FROM (SELECT a.name FROM organisation_areas oa \
         JOIN areas a ON a.id = oa.area_id WHERE oa.organisation_id = o.id ORDER BY a.name)), '') \
         AS areas, o.families_reached, o.archived_at IS NOT NULL AS archived \
         FROM organisations o LEFT JOIN affiliations af ON af.organisation_id = o.id WHERE 1 = 1",
    );
    if !filter.include_archived {
        q.push(" AND o.archived_at IS NULL");
    }
    if let Some(kind) = filter.kind {
        q.push(" AND o.kind = ").push_bind(kind.as_str());
    }
    if let Some(area) = &filter.area_id {
        q.push(" AND EXISTS (SELECT 1 FROM organisation_areas oa WHERE oa.organisation_id = o.id AND oa.area_id = ")
            .push_bind(area.clone())
            .push(")");
    }
    if filter.without_affiliation {
        q.push(" AND af.organisation_id IS NULL");
    }
    match filter.status {
        None => {}
        Some(AffiliationStatus::RenewalDue) => {
            q.push(" AND af.status = 'affiliated' AND af.renewal_due_on <= ")
                .push_bind(today);
        }
        Some(AffiliationStatus::Affiliated) => {
            q.push(" AND af.status = 'affiliated' AND af.renewal_due_on > ")
                .push_bind(today);
        }
        Some(status) => {
            q.push(" AND af.status = ").push_bind(status.as_str());
        }
    }
    q.push(" ORDER BY o.name COLLATE NOCASE, o.id");
    Ok(q.build_query_as().fetch_all(s.db().reader()).await?)
}
