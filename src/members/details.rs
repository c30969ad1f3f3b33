//! Adding, changing and viewing a member's details.

use serde::Deserialize;
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::model::{MemberType, MembershipStatus};
use super::record::{self, MemberRecord};
use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::import::values;
use crate::role::Action;
use crate::session::Session;
use crate::{id, validate, Error, Result};

/// What a volunteer types on the member form. Optional text is an empty string when blank,
/// as a form sends it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "MemberDetails.ts")]
pub struct MemberDetails {
    pub first_name: String,
    pub last_name: String,
    pub preferred_name: String,
    pub email: String,
    pub phone: String,
    pub address_line1: String,
    pub address_line2: String,
    pub town: String,
    pub postcode: String,
    /// An area chosen by hand; `None` derives it from the postcode.
    pub area_id: Option<String>,
    pub heard_about: String,
    pub notes: String,
    pub member_type: Option<MemberType>,
    pub recruitment_source: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "MembershipStart.ts")]
pub struct MembershipStart {
    /// `applicant` or `active`.
    pub status: MembershipStatus,
    /// ISO date; today when absent.
    pub joined_on: Option<String>,
}

/// Checked and normalised details, ready to store.
pub(crate) struct Clean {
    pub first_name: String,
    pub last_name: String,
    pub preferred_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub town: Option<String>,
    pub postcode: Option<String>,
    pub area_override: Option<String>,
    pub heard_about: Option<String>,
    pub notes: Option<String>,
    pub member_type: MemberType,
    pub recruitment_source: Option<String>,
}

const MAX_NOTES: usize = 2000;
const MAX_LINE: usize = 200;

pub(crate) fn clean(d: &MemberDetails) -> Result<Clean> {
    let mut errors = FieldErrors::default();
    let first_name = validate::name(
        &mut errors,
        "firstName",
        "their first name",
        &d.first_name,
        100,
    );
    let last_name = validate::name(
        &mut errors,
        "lastName",
        "their last name",
        &d.last_name,
        100,
    );
    let optional = |errors: &mut FieldErrors, field: &str, label: &str, value: &str, max: usize| {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        Some(validate::name(errors, field, label, value, max))
    };
    let preferred_name = optional(
        &mut errors,
        "preferredName",
        "the name they like to be called",
        &d.preferred_name,
        100,
    );
    let normalised = |errors: &mut FieldErrors,
                      field: &str,
                      value: &str,
                      check: fn(&str) -> std::result::Result<String, String>| {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        match check(value) {
            Ok(v) => Some(v),
            Err(reason) => {
                errors.add(field, reason);
                None
            }
        }
    };
    let email = normalised(&mut errors, "email", &d.email, values::email);
    let phone = normalised(&mut errors, "phone", &d.phone, values::phone);
    let postcode = normalised(&mut errors, "postcode", &d.postcode, values::postcode);
    let address_line1 = optional(
        &mut errors,
        "addressLine1",
        "the first line of the address",
        &d.address_line1,
        MAX_LINE,
    );
    let address_line2 = optional(
        &mut errors,
        "addressLine2",
        "the second line of the address",
        &d.address_line2,
        MAX_LINE,
    );
    let town = optional(&mut errors, "town", "the town", &d.town, 100);
    let heard_about = optional(
        &mut errors,
        "heardAbout",
        "how they heard of the forum",
        &d.heard_about,
        MAX_LINE,
    );
    let recruitment_source = optional(
        &mut errors,
        "recruitmentSource",
        "who recruited them",
        &d.recruitment_source,
        MAX_LINE,
    );
    let notes = d.notes.trim();
    if notes.chars().count() > MAX_NOTES {
        errors.add(
            "notes",
            format!("Notes must be {MAX_NOTES} characters or fewer"),
        );
    }
    let member_type = d.member_type;
    if member_type.is_none() {
        errors.add(
            "memberType",
            "Select whether they are a parent carer or an associate member",
        );
    }
    errors.finish()?;
    Ok(Clean {
        first_name,
        last_name,
        preferred_name,
        email,
        phone,
        address_line1,
        address_line2,
        town,
        postcode,
        area_override: d.area_id.clone().filter(|a| !a.trim().is_empty()),
        heard_about,
        notes: (!notes.is_empty()).then(|| notes.to_owned()),
        member_type: member_type.unwrap_or(MemberType::ParentCarer),
        recruitment_source,
    })
}

/// The area for a person: the one chosen by hand, else the one their postcode district maps to.
pub(crate) async fn resolve_area(
    conn: &mut SqliteConnection,
    clean: &Clean,
) -> Result<(Option<String>, bool)> {
    if let Some(area) = &clean.area_override {
        let exists: Option<String> = sqlx::query_scalar("SELECT id FROM areas WHERE id = ?")
            .bind(area)
            .fetch_optional(&mut *conn)
            .await?;
        return match exists {
            Some(id) => Ok((Some(id), true)),
            None => Err(Error::field("areaId", "Select one of the forum's areas")),
        };
    }
    let district = clean
        .postcode
        .as_deref()
        .and_then(values::postcode_district);
    let Some(district) = district else {
        return Ok((None, false));
    };
    let area: Option<String> =
        sqlx::query_scalar("SELECT area_id FROM postcode_areas WHERE district = ?")
            .bind(district)
            .fetch_optional(&mut *conn)
            .await?;
    Ok((area, false))
}

pub async fn create(
    s: &Session,
    details: MemberDetails,
    start: MembershipStart,
) -> Result<MemberRecord> {
    s.require(Action::EditMembers)?;
    let clean = clean(&details)?;
    let joined_on = match start
        .joined_on
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        None => id::today_london(),
        Some(text) => values::uk_date(text).map_err(|reason| Error::field("joinedOn", reason))?,
    };
    if !matches!(
        start.status,
        MembershipStatus::Applicant | MembershipStatus::Active
    ) {
        return Err(Error::field(
            "status",
            "A new member is either an applicant or active",
        ));
    }
    let mut tx = s.db().write().await?;
    let person_id = insert(&mut tx, s, &clean, start.status, joined_on, "entered").await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "member.created",
            entity: "person",
            entity_id: Some(&person_id),
            changes: json!({"fields": changed_fields(&clean), "status": start.status.as_str()}),
        },
    )
    .await?;
    tx.commit().await?;
    record::load(s, &person_id).await
}

/// Inserts a person and their membership, and the "joined" event. Shared with the importer.
pub(crate) async fn insert(
    conn: &mut SqliteConnection,
    s: &Session,
    clean: &Clean,
    status: MembershipStatus,
    joined_on: time::Date,
    source: &str,
) -> Result<String> {
    let (area_id, overridden) = resolve_area(conn, clean).await?;
    let person_id = id::new_id();
    let now = id::now_rfc3339();
    sqlx::query(
        "INSERT INTO people (id, first_name, last_name, preferred_name, email, email_key, phone, \
         address_line1, address_line2, town, postcode, area_id, area_overridden, heard_about, notes, \
         source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&person_id)
    .bind(&clean.first_name)
    .bind(&clean.last_name)
    .bind(&clean.preferred_name)
    .bind(&clean.email)
    .bind(clean.email.as_deref().map(str::to_lowercase))
    .bind(&clean.phone)
    .bind(&clean.address_line1)
    .bind(&clean.address_line2)
    .bind(&clean.town)
    .bind(&clean.postcode)
    .bind(&area_id)
    .bind(overridden)
    .bind(&clean.heard_about)
    .bind(&clean.notes)
    .bind(source)
    .bind(&now)
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    let renewal_months: i64 = sqlx::query_scalar("SELECT renewal_months FROM forum WHERE id = 1")
        .fetch_one(&mut *conn)
        .await?;
    let renewal_due = add_months(joined_on, renewal_months);
    sqlx::query(
        "INSERT INTO memberships (person_id, member_type, status, joined_on, renewal_due_on, \
         recruitment_source) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(&person_id)
    .bind(clean.member_type.as_str())
    .bind(status.as_str())
    .bind(joined_on.to_string())
    .bind(renewal_due.to_string())
    .bind(&clean.recruitment_source)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO membership_events (id, person_id, kind, on_date, recorded_by, recorded_at) \
         VALUES (?, ?, 'joined', ?, ?, ?)",
    )
    .bind(id::new_id())
    .bind(&person_id)
    .bind(joined_on.to_string())
    .bind(s.user_id())
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    super::search::index(conn, &person_id).await?;
    Ok(person_id)
}

pub async fn update(s: &Session, person_id: &str, details: MemberDetails) -> Result<MemberRecord> {
    s.require(Action::EditMembers)?;
    let clean = clean(&details)?;
    let mut tx = s.db().write().await?;
    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM people WHERE id = ?")
        .bind(person_id)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Err(Error::not_found("That member does not exist."));
    }
    let (area_id, overridden) = resolve_area(&mut tx, &clean).await?;
    sqlx::query(
        "UPDATE people SET first_name = ?, last_name = ?, preferred_name = ?, email = ?, email_key = ?, \
         phone = ?, address_line1 = ?, address_line2 = ?, town = ?, postcode = ?, area_id = ?, \
         area_overridden = ?, heard_about = ?, notes = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&clean.first_name)
    .bind(&clean.last_name)
    .bind(&clean.preferred_name)
    .bind(&clean.email)
    .bind(clean.email.as_deref().map(str::to_lowercase))
    .bind(&clean.phone)
    .bind(&clean.address_line1)
    .bind(&clean.address_line2)
    .bind(&clean.town)
    .bind(&clean.postcode)
    .bind(&area_id)
    .bind(overridden)
    .bind(&clean.heard_about)
    .bind(&clean.notes)
    .bind(id::now_rfc3339())
    .bind(person_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE memberships SET member_type = ?, recruitment_source = ? WHERE person_id = ?",
    )
    .bind(clean.member_type.as_str())
    .bind(&clean.recruitment_source)
    .bind(person_id)
    .execute(&mut *tx)
    .await?;
    super::search::index(&mut tx, person_id).await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "member.updated",
            entity: "person",
            entity_id: Some(person_id),
            changes: json!({"fields": changed_fields(&clean)}),
        },
    )
    .await?;
    tx.commit().await?;
    record::load(s, person_id).await
}

/// Viewing a record is itself recorded: who looked at whose details, and when.
pub async fn get(s: &Session, person_id: &str) -> Result<MemberRecord> {
    s.require(Action::ViewMembers)?;
    let record = record::load(s, person_id).await?;
    let mut tx = s.db().write().await?;
    let changes = json!({"special_category": record.special.is_some()});
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "member.viewed",
            entity: "person",
            entity_id: Some(person_id),
            changes,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(record)
}

/// Field names only: the audit trail never holds the values.
fn changed_fields(clean: &Clean) -> Vec<&'static str> {
    let mut fields = vec!["first_name", "last_name", "member_type"];
    let optional = [
        ("preferred_name", clean.preferred_name.is_some()),
        ("email", clean.email.is_some()),
        ("phone", clean.phone.is_some()),
        (
            "address",
            clean.address_line1.is_some() || clean.town.is_some(),
        ),
        ("postcode", clean.postcode.is_some()),
        ("heard_about", clean.heard_about.is_some()),
        ("notes", clean.notes.is_some()),
    ];
    fields.extend(
        optional
            .iter()
            .filter(|(_, set)| *set)
            .map(|(name, _)| *name),
    );
    fields
}

pub(crate) fn add_months(date: time::Date, months: i64) -> time::Date {
    let total = i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1 + months;
    let year = i32::try_from(total.div_euclid(12)).unwrap_or(date.year());
    let month = time::Month::try_from(u8::try_from(total.rem_euclid(12) + 1).unwrap_or(1))
        .unwrap_or(time::Month::January);
    let last_day = month.length(year);
    time::Date::from_calendar_date(year, month, date.day().min(last_day)).unwrap_or(date)
}
