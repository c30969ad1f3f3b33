//! Recruitment drives: a stall or event where the forum signs people up. A drive records
//! where and when, who it aims at (areas, needs, age bands, communities), who helped (users
//! with an account, plus a count of helpers without one), what it cost, and notes.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::members::model::{AgeBand, Need};
use crate::role::{Action, Role};
use crate::session::Session;
use crate::{id, validate, Error, Result};

const MAX_NAME: usize = 200;
const MAX_VENUE: usize = 200;
const MAX_COMMUNITIES: usize = 500;
const MAX_NOTES: usize = 4000;
const MAX_EXTRA_VOLUNTEERS: u32 = 1000;
/// £1,000,000: more than any stall costs, and well inside the column.
const MAX_COST_PENCE: i64 = 100_000_000;

/// What the drive form sends. Optional text is an empty string when blank.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "DriveInput.ts")]
pub struct DriveInput {
    pub name: String,
    /// ISO or day-first.
    pub starts_on: String,
    /// Blank for a one-day stall.
    pub ends_on: String,
    pub venue: String,
    pub area_id: Option<String>,
    pub target_areas: Vec<String>,
    pub target_needs: Vec<Need>,
    pub target_age_bands: Vec<AgeBand>,
    pub target_communities: String,
    /// Users with an account who helped at the stall.
    pub volunteer_ids: Vec<String>,
    /// Helpers without an account.
    pub extra_volunteers: u32,
    /// In pounds, as typed: "120", "120.50" or "£120.50". Blank is nothing.
    pub cost: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DriveVolunteer.ts")]
pub struct DriveVolunteer {
    pub user_id: String,
    pub display_name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Drive.ts")]
pub struct Drive {
    pub id: String,
    pub name: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub venue: String,
    pub area_id: Option<String>,
    pub area_name: Option<String>,
    pub target_areas: Vec<String>,
    pub target_needs: Vec<Need>,
    pub target_age_bands: Vec<AgeBand>,
    pub target_communities: String,
    pub volunteers: Vec<DriveVolunteer>,
    pub extra_volunteers: u32,
    /// Users with an account plus the helpers without one.
    pub volunteers_present: u32,
    pub cost_pence: u32,
    pub notes: String,
    pub created_at: String,
    pub updated_at: String,
}

/// A line of the drives list.
#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DriveSummary.ts")]
pub struct DriveSummary {
    pub id: String,
    pub name: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub venue: String,
    pub area_name: Option<String>,
    /// Every sign-up still on record (not discarded).
    pub signups: u32,
    /// Sign-ups waiting for review.
    pub pending: u32,
}

/// Checked form values, ready to store.
struct Clean {
    name: String,
    starts_on: time::Date,
    ends_on: Option<time::Date>,
    venue: String,
    area_id: Option<String>,
    target_areas: Vec<String>,
    target_needs: Vec<Need>,
    target_age_bands: Vec<AgeBand>,
    target_communities: String,
    volunteer_ids: Vec<String>,
    extra_volunteers: u32,
    cost_pence: i64,
    notes: String,
}

/// Pounds and pence as typed ("120", "120.5", "£1,200.50") → pence.
pub fn parse_cost(text: &str) -> std::result::Result<i64, String> {
    let text = text.trim().trim_start_matches('£').replace(',', "");
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    let wrong = || "Enter the cost in pounds and pence, like 120.50".to_owned();
    let (pounds, pence) = match text.split_once('.') {
        Some((p, d)) => (p, d),
        None => (text, ""),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(pounds) || (!pence.is_empty() && (!digits(pence) || pence.len() > 2)) {
        return Err(wrong());
    }
    if pounds.len() > 9 {
        return Err("The cost must be £1,000,000 or less".to_owned());
    }
    let pounds: i64 = pounds.parse().map_err(|_| wrong())?;
    let pence: i64 = match pence.len() {
        0 => 0,
        1 => pence.parse::<i64>().map_err(|_| wrong())? * 10,
        _ => pence.parse().map_err(|_| wrong())?,
    };
    let total = pounds * 100 + pence;
    if total > MAX_COST_PENCE {
        return Err("The cost must be £1,000,000 or less".to_owned());
    }
    Ok(total)
}

async fn clean(conn: &mut SqliteConnection, input: &DriveInput) -> Result<Clean> {
    let mut errors = FieldErrors::default();
    let name = validate::name(
        &mut errors,
        "name",
        "the name of the drive",
        &input.name,
        MAX_NAME,
    );
    let starts_on = validate::date(
        &mut errors,
        "startsOn",
        &input.starts_on,
        Some("Enter the date of the drive"),
    );
    let ends_on = validate::date(&mut errors, "endsOn", &input.ends_on, None);
    if let (Some(start), Some(end)) = (starts_on, ends_on) {
        if end < start {
            errors.add(
                "endsOn",
                "The last day must be the same as or after the first day",
            );
        }
    }
    let venue = if input.venue.trim().is_empty() {
        String::new()
    } else {
        validate::name(&mut errors, "venue", "the venue", &input.venue, MAX_VENUE)
    };
    let area_id = input.area_id.clone().filter(|a| !a.trim().is_empty());
    if let Some(area) = &area_id {
        if !area_exists(conn, area).await? {
            errors.add("areaId", "Select one of the forum's areas");
        }
    }
    let mut target_areas = Vec::new();
    let mut seen = BTreeSet::new();
    for area in &input.target_areas {
        if !seen.insert(area.as_str()) {
            continue;
        }
        if area_exists(conn, area).await? {
            target_areas.push(area.clone());
        } else {
            errors.add("targetAreas", "Select areas from the forum's list");
        }
    }
    let mut target_needs = input.target_needs.clone();
    dedupe(&mut target_needs);
    let mut target_age_bands = input.target_age_bands.clone();
    dedupe(&mut target_age_bands);
    let target_communities = validate::note(
        &mut errors,
        "targetCommunities",
        "the communities it aims at",
        &input.target_communities,
        MAX_COMMUNITIES,
    )
    .unwrap_or_default();
    let mut volunteer_ids = Vec::new();
    let mut seen = BTreeSet::new();
    for user in &input.volunteer_ids {
        if !seen.insert(user.as_str()) {
            continue;
        }
        let role: Option<String> =
            sqlx::query_scalar("SELECT role FROM users WHERE id = ? AND disabled_at IS NULL")
                .bind(user)
                .fetch_optional(&mut *conn)
                .await?;
        match role.as_deref().and_then(Role::parse) {
            Some(role) if role != Role::Kiosk => volunteer_ids.push(user.clone()),
            _ => errors.add(
                "volunteerIds",
                "Select volunteers from the forum's active users",
            ),
        }
    }
    if input.extra_volunteers > MAX_EXTRA_VOLUNTEERS {
        errors.add(
            "extraVolunteers",
            format!("Enter a number of helpers from 0 to {MAX_EXTRA_VOLUNTEERS}"),
        );
    }
    let cost_pence = parse_cost(&input.cost)
        .map_err(|reason| errors.add("cost", reason))
        .unwrap_or(0);
    let notes =
        validate::note(&mut errors, "notes", "notes", &input.notes, MAX_NOTES).unwrap_or_default();
    errors.finish()?;
    Ok(Clean {
        name,
        starts_on: starts_on
            .ok_or_else(|| Error::field("startsOn", "Enter the date of the drive"))?,
        ends_on,
        venue,
        area_id,
        target_areas,
        target_needs,
        target_age_bands,
        target_communities,
        volunteer_ids,
        extra_volunteers: input.extra_volunteers,
        cost_pence,
        notes,
    })
}

fn dedupe<T: PartialEq + Copy>(items: &mut Vec<T>) {
    let mut kept: Vec<T> = Vec::with_capacity(items.len());
    for item in items.iter() {
        if !kept.contains(item) {
            kept.push(*item);
        }
    }
    *items = kept;
}

async fn area_exists(conn: &mut SqliteConnection, area: &str) -> Result<bool> {
    let found: Option<String> = sqlx::query_scalar("SELECT id FROM areas WHERE id = ?")
        .bind(area)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(found.is_some())
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<Vec<T>> {
    serde_json::from_str(text)
        .map_err(|e| Error::internal(format!("A drive's targets cannot be read: {e}")))
}

fn json_list<T: Serialize>(items: &[T]) -> Result<String> {
    serde_json::to_string(items).map_err(|e| Error::internal(e.to_string()))
}

/// The audit trail names the fields, never their values.
const FIELDS: [&str; 11] = [
    "name",
    "starts_on",
    "ends_on",
    "venue",
    "area_id",
    "targets",
    "target_communities",
    "volunteers",
    "extra_volunteers",
    "cost_pence",
    "notes",
];

pub async fn create(s: &Session, input: DriveInput) -> Result<Drive> {
    s.require(Action::ManageDrives)?;
    let mut tx = s.db().write().await?;
    let clean = clean(&mut tx, &input).await?;
    let drive_id = id::new_id();
    let now = id::now_rfc3339();
    sqlx::query(
        "INSERT INTO drives (id, name, starts_on, ends_on, venue, area_id, target_areas, target_needs, \
         target_age_bands, target_communities, extra_volunteers, cost_pence, notes, created_by, \
         created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&drive_id)
    .bind(&clean.name)
    .bind(clean.starts_on.to_string())
    .bind(clean.ends_on.map(|d| d.to_string()))
    .bind(&clean.venue)
    .bind(&clean.area_id)
    .bind(json_list(&clean.target_areas)?)
    .bind(json_list(&clean.target_needs)?)
    .bind(json_list(&clean.target_age_bands)?)
    .bind(&clean.target_communities)
    .bind(clean.extra_volunteers)
    .bind(clean.cost_pence)
    .bind(&clean.notes)
    .bind(s.user_id())
    .bind(&now)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    set_volunteers(&mut tx, &drive_id, &clean.volunteer_ids).await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "drive.created",
            entity: "drive",
            entity_id: Some(&drive_id),
            changes: json!({"fields": FIELDS}),
        },
    )
    .await?;
    tx.commit().await?;
    load(&mut *s.db().reader().acquire().await?, &drive_id).await
}

pub async fn update(s: &Session, drive_id: &str, input: DriveInput) -> Result<Drive> {
    s.require(Action::ManageDrives)?;
    let mut tx = s.db().write().await?;
    let before = load(&mut tx, drive_id).await?;
    let clean = clean(&mut tx, &input).await?;
    sqlx::query(
        "UPDATE drives SET name = ?, starts_on = ?, ends_on = ?, venue = ?, area_id = ?, \
         target_areas = ?, target_needs = ?, target_age_bands = ?, target_communities = ?, \
         extra_volunteers = ?, cost_pence = ?, notes = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&clean.name)
    .bind(clean.starts_on.to_string())
    .bind(clean.ends_on.map(|d| d.to_string()))
    .bind(&clean.venue)
    .bind(&clean.area_id)
    .bind(json_list(&clean.target_areas)?)
    .bind(json_list(&clean.target_needs)?)
    .bind(json_list(&clean.target_age_bands)?)
    .bind(&clean.target_communities)
    .bind(clean.extra_volunteers)
    .bind(clean.cost_pence)
    .bind(&clean.notes)
    .bind(id::now_rfc3339())
    .bind(drive_id)
    .execute(&mut *tx)
    .await?;
    set_volunteers(&mut tx, drive_id, &clean.volunteer_ids).await?;
    let after_volunteers: Vec<&str> = clean.volunteer_ids.iter().map(String::as_str).collect();
    let before_volunteers: Vec<&str> = before
        .volunteers
        .iter()
        .map(|v| v.user_id.as_str())
        .collect();
    let mut changed = Vec::new();
    let checks = [
        ("name", before.name != clean.name),
        ("starts_on", before.starts_on != clean.starts_on.to_string()),
        (
            "ends_on",
            before.ends_on != clean.ends_on.map(|d| d.to_string()),
        ),
        ("venue", before.venue != clean.venue),
        ("area_id", before.area_id != clean.area_id),
        (
            "targets",
            before.target_areas != clean.target_areas
                || before.target_needs != clean.target_needs
                || before.target_age_bands != clean.target_age_bands,
        ),
        (
            "target_communities",
            before.target_communities != clean.target_communities,
        ),
        ("volunteers", {
            let mut a = before_volunteers.clone();
            let mut b = after_volunteers.clone();
            a.sort_unstable();
            b.sort_unstable();
            a != b
        }),
        (
            "extra_volunteers",
            before.extra_volunteers != clean.extra_volunteers,
        ),
        (
            "cost_pence",
            i64::from(before.cost_pence) != clean.cost_pence,
        ),
        ("notes", before.notes != clean.notes),
    ];
    changed.extend(checks.iter().filter(|(_, c)| *c).map(|(f, _)| *f));
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "drive.updated",
            entity: "drive",
            entity_id: Some(drive_id),
            changes: json!({"fields": changed}),
        },
    )
    .await?;
    tx.commit().await?;
    load(&mut *s.db().reader().acquire().await?, drive_id).await
}

async fn set_volunteers(
    conn: &mut SqliteConnection,
    drive_id: &str,
    users: &[String],
) -> Result<()> {
    sqlx::query("DELETE FROM drive_volunteers WHERE drive_id = ?")
        .bind(drive_id)
        .execute(&mut *conn)
        .await?;
    for user in users {
        sqlx::query("INSERT INTO drive_volunteers (drive_id, user_id) VALUES (?, ?)")
            .bind(drive_id)
            .bind(user)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn get(s: &Session, drive_id: &str) -> Result<Drive> {
    s.require(Action::ViewDrives)?;
    load(&mut *s.db().reader().acquire().await?, drive_id).await
}

/// Every drive, the latest first, with its sign-up counts.
pub async fn list(s: &Session) -> Result<Vec<DriveSummary>> {
    s.require(Action::ViewDrives)?;
    Ok(sqlx::query_as(
        "SELECT d.id, d.name, d.starts_on, d.ends_on, d.venue, a.name AS area_name, \
         (SELECT count(*) FROM drive_signups g WHERE g.drive_id = d.id AND g.status != 'discarded') AS signups, \
         (SELECT count(*) FROM drive_signups g WHERE g.drive_id = d.id AND g.status = 'pending') AS pending \
         FROM drives d LEFT JOIN areas a ON a.id = d.area_id \
         ORDER BY d.starts_on DESC, d.name COLLATE NOCASE",
    )
    .fetch_all(s.db().reader())
    .await?)
}

/// The people who can be named as volunteers at a drive: active users who are not kiosks.
/// For the drive form, whose users may not see the user list itself (an admin's).
pub async fn volunteer_choices(s: &Session) -> Result<Vec<DriveVolunteer>> {
    s.require(Action::ManageDrives)?;
    Ok(sqlx::query_as(
        "SELECT id AS user_id, display_name FROM users WHERE disabled_at IS NULL AND role != 'kiosk' \
         ORDER BY display_name COLLATE NOCASE",
    )
    .fetch_all(s.db().reader())
    .await?)
}

/// A drive by its id, or else by its exact name (ignoring case), as the CLI takes it. A name
/// two drives share is refused with their ids.
pub async fn find(s: &Session, id_or_name: &str) -> Result<Drive> {
    s.require(Action::ViewDrives)?;
    let mut conn = s.db().reader().acquire().await?;
    let by_id: Option<String> = sqlx::query_scalar("SELECT id FROM drives WHERE id = ?")
        .bind(id_or_name)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(found) = by_id {
        return load(&mut conn, &found).await;
    }
    let by_name: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM drives WHERE name = ? COLLATE NOCASE ORDER BY starts_on",
    )
    .bind(id_or_name.trim())
    .fetch_all(&mut *conn)
    .await?;
    match by_name.as_slice() {
        [] => Err(Error::not_found(format!(
            "There is no drive with the id or name \u{201c}{}\u{201d}.",
            id_or_name.trim()
        ))),
        [one] => load(&mut conn, one).await,
        many => Err(Error::conflict(format!(
            "{} drives have that name; give one of their ids: {}",
            many.len(),
            many.join(", ")
        ))),
    }
}

#[derive(FromRow)]
struct DriveRow {
    id: String,
    name: String,
    starts_on: String,
    ends_on: Option<String>,
    venue: String,
    area_id: Option<String>,
    area_name: Option<String>,
    target_areas: String,
    target_needs: String,
    target_age_bands: String,
    target_communities: String,
    extra_volunteers: i64,
    cost_pence: i64,
    notes: String,
    created_at: String,
    updated_at: String,
}

pub(crate) async fn load(conn: &mut SqliteConnection, drive_id: &str) -> Result<Drive> {
    let row: DriveRow = sqlx::query_as(
        "SELECT d.id, d.name, d.starts_on, d.ends_on, d.venue, d.area_id, a.name AS area_name, \
         d.target_areas, d.target_needs, d.target_age_bands, d.target_communities, \
         d.extra_volunteers, d.cost_pence, d.notes, d.created_at, d.updated_at \
         FROM drives d LEFT JOIN areas a ON a.id = d.area_id WHERE d.id = ?",
    )
    .bind(drive_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::not_found("That drive does not exist."))?;
    let volunteers: Vec<DriveVolunteer> = sqlx::query_as(
        "SELECT u.id AS user_id, u.display_name FROM drive_volunteers v JOIN users u ON u.id = v.user_id \
         WHERE v.drive_id = ? ORDER BY u.display_name COLLATE NOCASE",
    )
    .bind(drive_id)
    .fetch_all(&mut *conn)
    .await?;
    let extra = u32::try_from(row.extra_volunteers).unwrap_or(0);
    let present = extra.saturating_add(u32::try_from(volunteers.len()).unwrap_or(u32::MAX));
    Ok(Drive {
        id: row.id,
        name: row.name,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        venue: row.venue,
        area_id: row.area_id,
        area_name: row.area_name,
        target_areas: from_json(&row.target_areas)?,
        target_needs: from_json(&row.target_needs)?,
        target_age_bands: from_json(&row.target_age_bands)?,
        target_communities: row.target_communities,
        volunteers,
        extra_volunteers: extra,
        volunteers_present: present,
        cost_pence: u32::try_from(row.cost_pence).unwrap_or(u32::MAX),
        notes: row.notes,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

#[cfg(test)]
mod tests {
    use super::parse_cost;

    #[test]
    fn costs_are_read_as_pounds_and_pence() {
        assert_eq!(parse_cost(""), Ok(0));
        assert_eq!(parse_cost("120"), Ok(12_000));
        assert_eq!(parse_cost("£1,200.5"), Ok(120_050));
        assert_eq!(parse_cost(" 0.07 "), Ok(7));
        assert!(parse_cost("12.345").is_err());
        assert!(parse_cost("-5").is_err());
        assert!(parse_cost("=1+1").is_err());
        assert!(parse_cost("2000000").is_err());
    }
}
