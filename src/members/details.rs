//! Adding, changing and viewing a member's details.

use serde::Deserialize;
use serde_json::json;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::model::{MemberType, MembershipStatus};
use super::record::{self, MemberRecord};
use super::search;
use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::import::values;
use crate::role::Action;
use crate::session::Session;
use crate::{id, storage, validate, Error, Result};

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
    /// `applicant` or `active`; `None` until the volunteer chooses.
    pub status: Option<MembershipStatus>,
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

impl Clean {
    /// The key duplicate matching uses: e-mail is compared without regard to case.
    pub(crate) fn email_key(&self) -> Option<String> {
        self.email.as_deref().map(str::to_lowercase)
    }
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
    // Every problem on the form at once: details, join date and status together.
    let mut errors = FieldErrors::default();
    let cleaned = clean(&details);
    let joined_on = match start
        .joined_on
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        None => Some(id::today_london()),
        Some(text) => values::uk_date(text)
            .map_err(|reason| errors.add("joinedOn", reason))
            .ok(),
    };
    let status = match start.status {
        Some(status @ (MembershipStatus::Applicant | MembershipStatus::Active)) => Some(status),
        Some(_) => {
            errors.add("status", "A new member is either an applicant or active");
            None
        }
        None => {
            errors.add(
                "status",
                "Select whether they are an applicant or an active member",
            );
            None
        }
    };
    let clean = match cleaned {
        Ok(clean) => Some(clean),
        Err(err) => {
            errors.merge(Err(err))?;
            None
        }
    };
    errors.finish()?;
    let (Some(clean), Some(joined_on), Some(status)) = (clean, joined_on, status) else {
        return Err(Error::internal(
            "The member form was checked but not complete.",
        ));
    };
    let mut tx = s.db().write().await?;
    let fields = changed_fields(&clean);
    let person_id = insert(&mut tx, s, clean, status, joined_on, "entered").await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "member.created",
            entity: "person",
            entity_id: Some(&person_id),
            changes: json!({"fields": fields, "status": status.as_str()}),
        },
    )
    .await?;
    tx.commit().await?;
    record::load(s, &person_id).await
}

/// Inserts a person and their membership, and the "joined" event unless they are applying.
pub(crate) async fn insert(
    conn: &mut SqliteConnection,
    s: &Session,
    clean: Clean,
    status: MembershipStatus,
    joined_on: time::Date,
    source: &str,
) -> Result<String> {
    insert_one(conn, s.user_id(), clean, status, joined_on, source, 0).await
}

/// One person, their membership, their search index row and their consent bits
/// (`consent_given`, whose events the caller writes in the same transaction), as the member
/// form stores them. Shared with the kiosk and transfer packs, which record for a user other
/// than a session's.
pub(crate) async fn insert_one(
    conn: &mut SqliteConnection,
    recorded_by: &str,
    clean: Clean,
    status: MembershipStatus,
    joined_on: time::Date,
    source: &str,
    consent_given: i64,
) -> Result<String> {
    let (area_id, area_overridden) = resolve_area(conn, &clean).await?;
    let renewal_months = renewal_months(conn).await?;
    let mut person = NewPerson::new(clean, area_id, area_overridden, status, joined_on);
    person.consent_given = consent_given;
    let person_id = person.id.clone();
    let index = insert_many(
        conn,
        std::slice::from_ref(&person),
        recorded_by,
        source,
        renewal_months,
    )
    .await?;
    search::index_new(conn, &index).await?;
    Ok(person_id)
}

/// The forum's renewal (or reconfirmation) period, in months.
pub(crate) async fn renewal_months(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT renewal_months FROM forum WHERE id = 1")
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// A person ready to insert: checked details, their area already resolved, a new id.
pub(crate) struct NewPerson {
    pub id: String,
    pub clean: Clean,
    pub area_id: Option<String>,
    pub area_overridden: bool,
    pub status: MembershipStatus,
    pub joined_on: time::Date,
    /// When the record was created (RFC 3339).
    pub now: String,
    /// The bits of the purposes their consent answers give (`people.consent_given`); the
    /// caller writes those events in the same transaction.
    pub consent_given: i64,
}

impl NewPerson {
    pub(crate) fn new(
        clean: Clean,
        area_id: Option<String>,
        area_overridden: bool,
        status: MembershipStatus,
        joined_on: time::Date,
    ) -> NewPerson {
        NewPerson {
            id: id::new_id(),
            clean,
            area_id,
            area_overridden,
            status,
            joined_on,
            now: id::now_rfc3339(),
            consent_given: 0,
        }
    }
}

/// Inserts people, their memberships and (for all but applicants) their "joined" events, a
/// few hundred rows per statement, and returns their rows for the search index, which the
/// caller must write (with [`search::index_new`]) before the transaction ends. Shared by the
/// member form (one person) and the importer (a batch at a time, indexing the whole file at
/// the end).
pub(crate) async fn insert_many(
    conn: &mut SqliteConnection,
    people: &[NewPerson],
    recorded_by: &str,
    source: &str,
    renewal_months: i64,
) -> Result<Vec<search::IndexRow>> {
    let mut index_rows = Vec::with_capacity(people.len());
    // Each person's row number is chosen here, as SQLite itself would choose it (one past
    // the largest), so the search index learns it without `RETURNING`: that sent every new
    // row back from SQLite's thread one message at a time, and the writer waited on each
    // (an import spent about a quarter less time in these statements without it). Nothing
    // else writes in this transaction, so the numbers cannot be taken meanwhile.
    let mut next_rowid: i64 = sqlx::query_scalar("SELECT coalesce(max(rowid), 0) + 1 FROM people")
        .fetch_one(&mut *conn)
        .await?;
    for chunk in storage::batches(people, 20) {
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO people (rowid, id, first_name, last_name, preferred_name, email, email_key, \
             phone, address_line1, address_line2, town, postcode, area_id, area_overridden, \
             heard_about, notes, source, created_at, updated_at, consent_given) ",
        );
        insert.push_values(chunk, |mut b, p| {
            let c = &p.clean;
            b.push_bind(next_rowid)
                .push_bind(p.id.as_str())
                .push_bind(c.first_name.as_str())
                .push_bind(c.last_name.as_str())
                .push_bind(c.preferred_name.as_deref())
                .push_bind(c.email.as_deref())
                .push_bind(c.email_key())
                .push_bind(c.phone.as_deref())
                .push_bind(c.address_line1.as_deref())
                .push_bind(c.address_line2.as_deref())
                .push_bind(c.town.as_deref())
                .push_bind(c.postcode.as_deref())
                .push_bind(p.area_id.as_deref())
                .push_bind(p.area_overridden)
                .push_bind(c.heard_about.as_deref())
                .push_bind(c.notes.as_deref())
                .push_bind(source)
                .push_bind(p.now.as_str())
                .push_bind(p.now.as_str())
                .push_bind(p.consent_given);
            index_rows.push(search::IndexRow::new(
                next_rowid,
                &c.first_name,
                &c.last_name,
                c.preferred_name.as_deref(),
                c.email.as_deref(),
                c.phone.as_deref(),
                c.postcode.as_deref(),
            ));
            next_rowid += 1;
        });
        insert.build().execute(&mut *conn).await?;
    }
    for chunk in storage::batches(people, 6) {
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO memberships (person_id, member_type, status, joined_on, renewal_due_on, \
             recruitment_source) ",
        );
        insert.push_values(chunk, |mut b, p| {
            b.push_bind(p.id.as_str())
                .push_bind(p.clean.member_type.as_str())
                .push_bind(p.status.as_str())
                .push_bind(p.joined_on.to_string())
                // An applicant has nothing to renew until approval sets their first date.
                .push_bind(
                    (p.status != MembershipStatus::Applicant)
                        .then(|| add_months(p.joined_on, renewal_months).to_string()),
                )
                .push_bind(p.clean.recruitment_source.as_deref());
        });
        insert.build().execute(&mut *conn).await?;
    }
    // An applicant has not joined yet: approving them writes the "joined" event, dated the
    // day they were accepted. Their membership row keeps the date they applied.
    let joined: Vec<&NewPerson> = people
        .iter()
        .filter(|p| p.status != MembershipStatus::Applicant)
        .collect();
    for chunk in storage::batches(&joined, 5) {
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO membership_events (id, person_id, kind, on_date, recorded_by, recorded_at) ",
        );
        insert.push_values(chunk, |mut b, p| {
            b.push_bind(id::new_id())
                .push_bind(p.id.as_str())
                .push("'joined'")
                .push_bind(p.joined_on.to_string())
                .push_bind(recorded_by)
                .push_bind(p.now.as_str());
        });
        insert.build().execute(&mut *conn).await?;
    }
    Ok(index_rows)
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
    .bind(clean.email_key())
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
