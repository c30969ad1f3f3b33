//! A member's whole record as the member page shows it.

use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use super::model::{
    AgeBand, ConsentMethod, MemberType, MembershipStatus, Need, Provision, SchoolPhase, SettingType,
};
use crate::import::values;
use crate::role::Action;
use crate::session::Session;
use crate::{id, Error, Result};

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "MemberRecord.ts")]
pub struct MemberRecord {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub preferred_name: Option<String>,
    pub email: Option<String>,
    /// E.164, as stored: for matching and exports.
    pub phone: Option<String>,
    /// `phone` as a volunteer reads and dials it ("07911 123456", "+33 1 23 45 67 89"), and
    /// as the edit form shows it.
    #[sqlx(skip)]
    pub phone_display: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub town: Option<String>,
    pub postcode: Option<String>,
    pub area_id: Option<String>,
    pub area_name: Option<String>,
    pub area_overridden: bool,
    pub heard_about: Option<String>,
    pub notes: Option<String>,
    pub source: String,
    pub created_at: String,
    pub updated_at: String,
    #[sqlx(skip)]
    pub membership: Option<Membership>,
    #[sqlx(skip)]
    pub consents: Vec<ConsentState>,
    /// `None` when the signed-in role may not see special-category data.
    #[sqlx(skip)]
    pub special: Option<SpecialCategory>,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Membership.ts")]
pub struct Membership {
    pub member_type: MemberType,
    pub status: MembershipStatus,
    pub joined_on: Option<String>,
    pub renewal_due_on: Option<String>,
    pub left_on: Option<String>,
    pub leaving_reason: Option<String>,
    pub recruitment_source: Option<String>,
    pub drive_id: Option<String>,
}

/// The current state of one consent purpose for a person, derived from their latest event.
#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ConsentState.ts")]
pub struct ConsentState {
    pub purpose_id: String,
    pub purpose_name: String,
    /// `None`: never asked, or not known (an import without that column).
    pub given: Option<bool>,
    pub method: Option<ConsentMethod>,
    pub statement_version: Option<i32>,
    pub at: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SpecialCategory.ts")]
pub struct SpecialCategory {
    pub children: Vec<ChildRecord>,
    pub ethnicity: Option<String>,
    pub first_language: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ChildRecord.ts")]
pub struct ChildRecord {
    pub id: String,
    pub year_of_birth: Option<i32>,
    pub age_band: Option<AgeBand>,
    pub primary_need: Option<Need>,
    /// Stored as a JSON array of codes.
    #[sqlx(json)]
    pub secondary_needs: Vec<Need>,
    pub provision: Provision,
    pub school_phase: Option<SchoolPhase>,
    pub setting_type: Option<SettingType>,
    pub local_authority: Option<String>,
}

pub(crate) async fn load(s: &Session, person_id: &str) -> Result<MemberRecord> {
    let db = s.db().reader();
    let mut record: MemberRecord = sqlx::query_as(
        "SELECT p.id, p.first_name, p.last_name, p.preferred_name, p.email, p.phone, p.address_line1, \
         p.address_line2, p.town, p.postcode, p.area_id, a.name AS area_name, p.area_overridden, \
         p.heard_about, p.notes, p.source, p.created_at, p.updated_at \
         FROM people p LEFT JOIN areas a ON a.id = p.area_id WHERE p.id = ? AND p.erased_at IS NULL",
    )
    .bind(person_id)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| Error::not_found("That member does not exist."))?;
    record.phone_display = record.phone.as_deref().map(values::phone_display);
    let today = id::today_london().to_string();
    record.membership = sqlx::query_as(
        "SELECT member_type, CASE WHEN status = 'active' AND renewal_due_on <= ? THEN 'renewal_due' \
         ELSE status END AS status, joined_on, renewal_due_on, left_on, leaving_reason, \
         recruitment_source, drive_id FROM memberships WHERE person_id = ?",
    )
    .bind(&today)
    .bind(person_id)
    .fetch_optional(db)
    .await?;
    // Each purpose's current answer is in the person's latest capture that answered it.
    // Read from the captures, not the `consent_events` view, which SQLite would first
    // materialise and index for every page load.
    record.consents = sqlx::query_as(
        "SELECT p.id AS purpose_id, p.name AS purpose_name, (c.given >> p.bit) & 1 AS given, \
         c.method AS method, c.versions ->> p.bit AS statement_version, c.at AS at \
         FROM consent_purposes p LEFT JOIN consent_captures c ON c.person_id = ?1 AND c.id = \
         (SELECT max(l.id) FROM consent_captures l WHERE l.person_id = ?1 \
         AND (l.answered >> p.bit) & 1) \
         WHERE p.active = 1 ORDER BY p.sort_order",
    )
    .bind(person_id)
    .fetch_all(db)
    .await?;
    if s.require(Action::ViewSpecialCategory).is_ok() {
        let children = sqlx::query_as(
            "SELECT id, year_of_birth, age_band, primary_need, secondary_needs, provision, school_phase, \
             setting_type, local_authority FROM children WHERE person_id = ? ORDER BY created_at",
        )
        .bind(person_id)
        .fetch_all(db)
        .await?;
        let equality: Option<(Option<String>, Option<String>)> =
            sqlx::query_as("SELECT ethnicity, first_language FROM equality WHERE person_id = ?")
                .bind(person_id)
                .fetch_optional(db)
                .await?;
        let (ethnicity, first_language) = equality.unwrap_or_default();
        record.special = Some(SpecialCategory {
            children,
            ethnicity,
            first_language,
        });
    }
    Ok(record)
}
