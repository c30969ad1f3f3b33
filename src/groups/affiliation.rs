//! The affiliation lifecycle: enquiry → application received → approved (affiliated) →
//! renewal due → lapsed, withdrawn or declined. Each step is an `affiliation_events` row
//! (dated, with who recorded it and a note or minute reference) and an audit entry, written
//! in the same transaction as the new state, so the timeline and the status cannot disagree.
//! "Renewal due" is never stored: it is an affiliated group whose renewal date has come.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{FromRow, SqliteConnection, SqlitePool};
use time::Date;
use ts_rs::TS;

use super::model::{AffiliationStatus, AffiliationStep};
use super::organisation::{self, Organisation, OrganisationInput};
use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::members::details::add_months;
use crate::role::Action;
use crate::session::Session;
use crate::{id, validate, Error, Result};

/// A step's date, and a note or minute reference ("approved at steering group 12/03/2025,
/// minute 4").
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "StepInput.ts")]
pub struct StepInput {
    /// ISO or day-first; today in the UK when blank.
    pub on_date: String,
    pub note: String,
    /// For an application: the version of the affiliation terms the group accepted; the
    /// current version when not given.
    pub terms_version: Option<i32>,
}

/// An organisation's affiliation as it stands.
#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AffiliationState.ts")]
pub struct AffiliationState {
    pub status: AffiliationStatus,
    pub terms_version: Option<i32>,
    pub approved_on: Option<String>,
    pub renewal_due_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AffiliationEvent.ts")]
pub struct AffiliationEvent {
    pub id: String,
    pub step: AffiliationStep,
    pub on_date: String,
    pub note: Option<String>,
    pub terms_version: Option<i32>,
    /// The display name of the user who recorded it.
    pub recorded_by: Option<String>,
    pub recorded_at: String,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AffiliationTerms.ts")]
pub struct AffiliationTerms {
    pub version: i32,
    pub text: String,
    pub created_at: String,
}

pub const MAX_NOTE: usize = 2000;

pub(crate) async fn state(db: &SqlitePool, org_id: &str) -> Result<Option<AffiliationState>> {
    let today = id::today_london().to_string();
    Ok(sqlx::query_as(
        "SELECT CASE WHEN status = 'affiliated' AND renewal_due_on <= ? THEN 'renewal_due' \
         ELSE status END AS status, terms_version, approved_on, renewal_due_on \
         FROM affiliations WHERE organisation_id = ?",
    )
    .bind(today)
    .bind(org_id)
    .fetch_optional(db)
    .await?)
}

pub(crate) async fn timeline_of(db: &SqlitePool, org_id: &str) -> Result<Vec<AffiliationEvent>> {
    Ok(sqlx::query_as(
        "SELECT e.id, e.step, e.on_date, e.note, e.terms_version, u.display_name AS recorded_by, \
         e.recorded_at FROM affiliation_events e LEFT JOIN users u ON u.id = e.recorded_by \
         WHERE e.organisation_id = ? ORDER BY e.on_date DESC, e.recorded_at DESC, e.id DESC",
    )
    .bind(org_id)
    .fetch_all(db)
    .await?)
}

/// The versions of the affiliation terms, newest first.
pub async fn terms(s: &Session) -> Result<Vec<AffiliationTerms>> {
    s.require(Action::ViewGroups)?;
    Ok(sqlx::query_as(
        "SELECT version, text, created_at FROM affiliation_terms ORDER BY version DESC",
    )
    .fetch_all(s.db().reader())
    .await?)
}

/// Publishes a new version of the affiliation terms. Groups that applied under an earlier
/// version keep it on record; new applications take the new one unless told otherwise.
pub async fn add_terms(s: &Session, text: &str) -> Result<AffiliationTerms> {
    s.require(Action::ManageGroups)?;
    let mut errors = FieldErrors::default();
    let text = validate::note(&mut errors, "text", "the terms", text, MAX_NOTE * 5);
    if text.is_none() {
        errors.add(
            "text",
            "Enter the terms groups agree to when they affiliate",
        );
    }
    errors.finish()?;
    let text = text.unwrap_or_default();
    let mut tx = s.db().write().await?;
    let version: i32 =
        sqlx::query_scalar("SELECT coalesce(max(version), 0) + 1 FROM affiliation_terms")
            .fetch_one(&mut *tx)
            .await?;
    let created_at = id::now_rfc3339();
    sqlx::query("INSERT INTO affiliation_terms (version, text, created_at) VALUES (?, ?, ?)")
        .bind(version)
        .bind(&text)
        .bind(&created_at)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "affiliation.terms_added",
            entity: "forum",
            entity_id: None,
            changes: json!({ "version": version }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(AffiliationTerms {
        version,
        text,
        created_at,
    })
}

/// The stored affiliation, read inside the transaction that changes it.
struct Current {
    status: Option<AffiliationStatus>,
    approved_on: Option<Date>,
    renewal_due_on: Option<Date>,
    /// The newest step, so a step is never dated before the one it follows.
    last: Option<(AffiliationStep, Date)>,
}

async fn current(conn: &mut SqliteConnection, org_id: &str) -> Result<Current> {
    let row: Option<(AffiliationStatus, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT status, approved_on, renewal_due_on FROM affiliations WHERE organisation_id = ?",
    )
    .bind(org_id)
    .fetch_optional(&mut *conn)
    .await?;
    let last: Option<(AffiliationStep, String)> = sqlx::query_as(
        "SELECT step, on_date FROM affiliation_events WHERE organisation_id = ? \
         ORDER BY on_date DESC, recorded_at DESC, id DESC LIMIT 1",
    )
    .bind(org_id)
    .fetch_optional(&mut *conn)
    .await?;
    let (status, approved_on, renewal_due_on) = match row {
        Some((status, approved, due)) => (Some(status), approved, due),
        None => (None, None, None),
    };
    Ok(Current {
        status,
        approved_on: approved_on.as_deref().and_then(id::parse_date),
        renewal_due_on: renewal_due_on.as_deref().and_then(id::parse_date),
        last: last.and_then(|(step, on)| id::parse_date(&on).map(|d| (step, d))),
    })
}

/// Whether `step` may follow `status`, and if not, why not in words a volunteer can act on.
fn allowed(step: AffiliationStep, status: Option<AffiliationStatus>) -> Result<()> {
    use AffiliationStatus as S;
    use AffiliationStep as T;
    let closed = status.is_none_or(S::is_closed);
    let ok = match step {
        T::Enquiry => closed,
        T::Applied => closed || status == Some(S::Enquiry),
        T::Approved => status == Some(S::Applied),
        T::Declined => matches!(status, Some(S::Enquiry | S::Applied)),
        T::Renewed | T::Lapsed => status == Some(S::Affiliated),
        T::Withdrawn => matches!(status, Some(S::Enquiry | S::Applied | S::Affiliated)),
    };
    if ok {
        return Ok(());
    }
    let now = match status {
        None => "it has not enquired or applied".to_owned(),
        Some(status) => format!("its affiliation is {}", status.label().to_lowercase()),
    };
    let rule = match step {
        T::Enquiry => "An enquiry can only be recorded for a group that is not already enquiring, applying or affiliated",
        T::Applied => "An application can only be received from a group that is not already applying or affiliated",
        T::Approved => "Only a received application can be approved",
        T::Declined => "Only an enquiry or an application can be declined",
        T::Renewed => "Only an affiliated group can renew",
        T::Lapsed => "Only an affiliated group's affiliation can lapse",
        T::Withdrawn => "Only an enquiry, an application or an affiliation can be withdrawn",
    };
    Err(Error::conflict(format!("{rule}: {now}.")))
}

/// Records one step and moves the affiliation on.
async fn step(
    conn: &mut SqliteConnection,
    s: &Session,
    org_id: &str,
    step: AffiliationStep,
    input: &StepInput,
) -> Result<()> {
    let name = organisation::require_open(conn, org_id).await?;
    let current = current(conn, org_id).await?;
    let mut errors = FieldErrors::default();
    let date = validate::past_date(&mut errors, "onDate", &input.on_date);
    let note = validate::note(&mut errors, "note", "the note", &input.note, MAX_NOTE);
    // A new enquiry or application after a closed affiliation starts a new timeline, but
    // still cannot be dated before the last step recorded.
    if let (Some(date), Some((last_step, last_on))) = (date, current.last) {
        if date < last_on {
            errors.add(
                "onDate",
                format!(
                    "The date must be on or after {}, the date of the last step ({})",
                    validate::long_date(last_on),
                    step_words(last_step)
                ),
            );
        }
    }
    if step == AffiliationStep::Renewed {
        if let (Some(date), Some(approved)) = (date, current.approved_on) {
            if date < approved {
                errors.add(
                    "onDate",
                    format!(
                        "A renewal cannot come before the approval on {}",
                        validate::long_date(approved)
                    ),
                );
            }
        }
    }
    // Refused transitions are reported before field problems: no date makes them possible.
    allowed(step, current.status)?;
    let terms_version = match step {
        AffiliationStep::Applied => Some(terms_version(conn, &mut errors, input).await?),
        _ => None,
    };
    errors.finish()?;
    let date = date.ok_or_else(|| Error::internal("A checked step has no date."))?;
    let months = renewal_months(conn).await?;
    let on = date.to_string();
    match step {
        AffiliationStep::Enquiry => {
            upsert(conn, org_id, AffiliationStatus::Enquiry, None, None, None).await?;
        }
        AffiliationStep::Applied => {
            upsert(
                conn,
                org_id,
                AffiliationStatus::Applied,
                terms_version,
                None,
                None,
            )
            .await?;
        }
        AffiliationStep::Approved => {
            let due = add_months(date, months).to_string();
            sqlx::query(
                "UPDATE affiliations SET status = 'affiliated', approved_on = ?, \
                 renewal_due_on = ? WHERE organisation_id = ?",
            )
            .bind(&on)
            .bind(due)
            .bind(org_id)
            .execute(&mut *conn)
            .await?;
        }
        AffiliationStep::Renewed => {
            // Renewing early keeps the time left; renewing late gives a full period from
            // the day it was renewed.
            let from = current.renewal_due_on.map_or(date, |due| due.max(date));
            sqlx::query("UPDATE affiliations SET renewal_due_on = ? WHERE organisation_id = ?")
                .bind(add_months(from, months).to_string())
                .bind(org_id)
                .execute(&mut *conn)
                .await?;
        }
        AffiliationStep::Lapsed | AffiliationStep::Withdrawn | AffiliationStep::Declined => {
            let status = match step {
                AffiliationStep::Lapsed => AffiliationStatus::Lapsed,
                AffiliationStep::Withdrawn => AffiliationStatus::Withdrawn,
                _ => AffiliationStatus::Declined,
            };
            sqlx::query("UPDATE affiliations SET status = ? WHERE organisation_id = ?")
                .bind(status)
                .bind(org_id)
                .execute(&mut *conn)
                .await?;
        }
    }
    sqlx::query(
        "INSERT INTO affiliation_events (id, organisation_id, step, on_date, note, terms_version, \
         recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id::new_id())
    .bind(org_id)
    .bind(step)
    .bind(&on)
    .bind(&note)
    .bind(terms_version)
    .bind(s.user_id())
    .bind(id::now_rfc3339())
    .execute(&mut *conn)
    .await?;
    audit::append(
        conn,
        Entry {
            actor_id: Some(s.user_id()),
            action: "affiliation.step",
            entity: "organisation",
            entity_id: Some(org_id),
            changes: json!({"step": step.as_str(), "on": on, "organisation": name}),
        },
    )
    .await?;
    Ok(())
}

async fn upsert(
    conn: &mut SqliteConnection,
    org_id: &str,
    status: AffiliationStatus,
    terms_version: Option<i32>,
    approved_on: Option<String>,
    renewal_due_on: Option<String>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO affiliations (organisation_id, status, terms_version, approved_on, \
         renewal_due_on) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (organisation_id) DO UPDATE SET \
         status = ?2, terms_version = ?3, approved_on = ?4, renewal_due_on = ?5",
    )
    .bind(org_id)
    .bind(status)
    .bind(terms_version)
    .bind(approved_on)
    .bind(renewal_due_on)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn terms_version(
    conn: &mut SqliteConnection,
    errors: &mut FieldErrors,
    input: &StepInput,
) -> Result<i32> {
    let latest: i32 = sqlx::query_scalar("SELECT max(version) FROM affiliation_terms")
        .fetch_one(&mut *conn)
        .await?;
    let Some(version) = input.terms_version else {
        return Ok(latest);
    };
    let known: Option<i32> =
        sqlx::query_scalar("SELECT version FROM affiliation_terms WHERE version = ?")
            .bind(version)
            .fetch_optional(&mut *conn)
            .await?;
    if known.is_none() {
        errors.add(
            "termsVersion",
            format!("Select a version of the terms from 1 to {latest}"),
        );
    }
    Ok(version)
}

async fn renewal_months(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT affiliation_renewal_months FROM forum WHERE id = 1")
            .fetch_one(&mut *conn)
            .await?,
    )
}

fn step_words(step: AffiliationStep) -> &'static str {
    match step {
        AffiliationStep::Enquiry => "enquiry",
        AffiliationStep::Applied => "application received",
        AffiliationStep::Approved => "approved",
        AffiliationStep::Renewed => "renewed",
        AffiliationStep::Lapsed => "lapsed",
        AffiliationStep::Withdrawn => "withdrawn",
        AffiliationStep::Declined => "declined",
    }
}

/// A volunteer's first contact from a group the forum does not know yet: the organisation
/// and its enquiry, in one transaction.
pub async fn new_enquiry(
    s: &Session,
    organisation: OrganisationInput,
    input: StepInput,
) -> Result<Organisation> {
    s.require(Action::RecordGroupEnquiry)?;
    let mut tx = s.db().write().await?;
    // Both halves' field problems at once, so the form shows them together.
    let mut errors = FieldErrors::default();
    validate::past_date(&mut errors, "onDate", &input.on_date);
    validate::note(&mut errors, "note", "the note", &input.note, MAX_NOTE);
    let org_id = match organisation::insert(&mut tx, s, &organisation).await {
        Ok(org_id) => Some(org_id),
        Err(err) => {
            errors.merge(Err(err))?;
            None
        }
    };
    errors.finish()?;
    let org_id = org_id.ok_or_else(|| Error::internal("A checked organisation was not stored."))?;
    step(&mut tx, s, &org_id, AffiliationStep::Enquiry, &input).await?;
    tx.commit().await?;
    organisation::load(s, &org_id).await
}

/// Records one step for an existing organisation. Volunteers may record enquiries; every
/// other step is for officers and admins.
pub async fn record(
    s: &Session,
    org_id: &str,
    step_taken: AffiliationStep,
    input: StepInput,
) -> Result<Organisation> {
    s.require(match step_taken {
        AffiliationStep::Enquiry => Action::RecordGroupEnquiry,
        _ => Action::ManageGroups,
    })?;
    let mut tx = s.db().write().await?;
    step(&mut tx, s, org_id, step_taken, &input).await?;
    tx.commit().await?;
    organisation::load(s, org_id).await
}

pub async fn timeline(s: &Session, org_id: &str) -> Result<Vec<AffiliationEvent>> {
    s.require(Action::ViewGroups)?;
    timeline_of(s.db().reader(), org_id).await
}

/// The forum's affiliation settings: the renewal period and its benefits text.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AffiliationSettings.ts")]
pub struct AffiliationSettings {
    #[ts(type = "number")]
    pub renewal_months: i64,
    pub benefits: String,
}

pub async fn settings(s: &Session) -> Result<AffiliationSettings> {
    s.require(Action::ViewGroups)?;
    let (renewal_months, benefits): (i64, String) = sqlx::query_as(
        "SELECT affiliation_renewal_months, affiliation_benefits FROM forum WHERE id = 1",
    )
    .fetch_one(s.db().reader())
    .await?;
    Ok(AffiliationSettings {
        renewal_months,
        benefits,
    })
}

pub async fn update_settings(
    s: &Session,
    input: AffiliationSettings,
) -> Result<AffiliationSettings> {
    s.require(Action::ManageGroups)?;
    let mut errors = FieldErrors::default();
    if !(1..=60).contains(&input.renewal_months) {
        errors.add(
            "renewalMonths",
            "The renewal period must be between 1 and 60 months",
        );
    }
    let benefits = validate::note(
        &mut errors,
        "benefits",
        "the benefits and commitments",
        &input.benefits,
        MAX_NOTE * 5,
    )
    .unwrap_or_default();
    errors.finish()?;
    let mut tx = s.db().write().await?;
    sqlx::query(
        "UPDATE forum SET affiliation_renewal_months = ?, affiliation_benefits = ? WHERE id = 1",
    )
    .bind(input.renewal_months)
    .bind(&benefits)
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "affiliation.settings_updated",
            entity: "forum",
            entity_id: None,
            changes: json!({"renewal_months": input.renewal_months}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(AffiliationSettings {
        renewal_months: input.renewal_months,
        benefits,
    })
}
