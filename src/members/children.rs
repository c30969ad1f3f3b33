//! Children and young people's needs: special-category data, held only while the parent
//! carer's explicit consent is active, and minimised (a year of birth or an age band, never
//! a name or a full date of birth).

use serde::Deserialize;
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::consent::{self, SPECIAL_CATEGORY};
use super::model::{AgeBand, Need, Provision, SchoolPhase, SettingType};
use super::record::{self, MemberRecord};
use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::role::Action;
use crate::session::Session;
use crate::{id, Error, Result};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ChildInput.ts")]
pub struct ChildInput {
    pub year_of_birth: Option<i32>,
    pub age_band: Option<AgeBand>,
    pub primary_need: Option<Need>,
    #[serde(default)]
    pub secondary_needs: Vec<Need>,
    /// `None` until the volunteer chooses (not known is a choice).
    pub provision: Option<Provision>,
    pub school_phase: Option<SchoolPhase>,
    pub setting_type: Option<SettingType>,
    #[serde(default)]
    pub local_authority: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "EqualityInput.ts")]
pub struct EqualityInput {
    pub ethnicity: String,
    pub first_language: String,
}

/// Adds a child (`child_id` None) or changes one.
pub async fn save(
    s: &Session,
    person_id: &str,
    child_id: Option<&str>,
    input: ChildInput,
) -> Result<MemberRecord> {
    s.require(Action::EditSpecialCategory)?;
    let today = id::today_london();
    let mut errors = FieldErrors::default();
    match (input.year_of_birth, input.age_band) {
        (None, None) => errors.add("yearOfBirth", "Enter the year they were born, or choose an age band"),
        (Some(year), _) if year < today.year() - 25 || year > today.year() => errors.add(
            "yearOfBirth",
            format!("Enter a year between {} and {}: the forum works with children and young people up to 25", today.year() - 25, today.year()),
        ),
        _ => {}
    }
    if input.provision.is_none() {
        errors.add(
            "provision",
            "Select the support they get: an EHCP, SEN support, none, or not known",
        );
    }
    let provision = input.provision.unwrap_or(Provision::NotKnown);
    if input.primary_need.is_some()
        && input
            .secondary_needs
            .iter()
            .any(|n| Some(*n) == input.primary_need)
    {
        errors.add(
            "secondaryNeeds",
            "A secondary need cannot be the same as the primary need",
        );
    }
    if input.local_authority.trim().chars().count() > 100 {
        errors.add(
            "localAuthority",
            "Local authority must be 100 characters or fewer",
        );
    }
    errors.finish()?;

    let mut tx = s.db().write().await?;
    require_consent(&mut tx, person_id).await?;
    let now = id::now_rfc3339();
    let secondary = serde_json::to_string(&input.secondary_needs)
        .map_err(|e| Error::internal(e.to_string()))?;
    let local_authority = Some(input.local_authority.trim()).filter(|l| !l.is_empty());
    let child_id = match child_id {
        Some(existing) => {
            let updated = sqlx::query(
                "UPDATE children SET year_of_birth = ?, age_band = ?, primary_need = ?, secondary_needs = ?, \
                 provision = ?, school_phase = ?, setting_type = ?, local_authority = ?, updated_at = ? \
                 WHERE id = ? AND person_id = ?",
            )
            .bind(input.year_of_birth)
            .bind(input.age_band.map(AgeBand::as_str))
            .bind(input.primary_need.map(Need::as_str))
            .bind(&secondary)
            .bind(provision.as_str())
            .bind(input.school_phase.map(SchoolPhase::as_str))
            .bind(input.setting_type.map(SettingType::as_str))
            .bind(local_authority)
            .bind(&now)
            .bind(existing)
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
            if updated.rows_affected() == 0 {
                return Err(Error::not_found("That child's details do not exist."));
            }
            existing.to_owned()
        }
        None => {
            let new_id = id::new_id();
            sqlx::query(
                "INSERT INTO children (id, person_id, year_of_birth, age_band, primary_need, secondary_needs, \
                 provision, school_phase, setting_type, local_authority, created_at, updated_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&new_id)
            .bind(person_id)
            .bind(input.year_of_birth)
            .bind(input.age_band.map(AgeBand::as_str))
            .bind(input.primary_need.map(Need::as_str))
            .bind(&secondary)
            .bind(provision.as_str())
            .bind(input.school_phase.map(SchoolPhase::as_str))
            .bind(input.setting_type.map(SettingType::as_str))
            .bind(local_authority)
            .bind(&now)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
            new_id
        }
    };
    audit::append(&mut tx, Entry { actor_id: Some(s.user_id()), action: "child.saved", entity: "child", entity_id: Some(&child_id), changes: json!({"person": person_id, "fields": ["year_of_birth", "age_band", "needs", "provision", "school", "local_authority"]}) }).await?;
    tx.commit().await?;
    record::load(s, person_id).await
}

pub async fn save_equality(
    s: &Session,
    person_id: &str,
    input: EqualityInput,
) -> Result<MemberRecord> {
    s.require(Action::EditSpecialCategory)?;
    let mut errors = FieldErrors::default();
    for (field, value) in [
        ("ethnicity", &input.ethnicity),
        ("firstLanguage", &input.first_language),
    ] {
        if value.trim().chars().count() > 100 {
            errors.add(field, "This must be 100 characters or fewer");
        }
    }
    errors.finish()?;
    let mut tx = s.db().write().await?;
    require_consent(&mut tx, person_id).await?;
    let blank = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
    sqlx::query(
        "INSERT INTO equality (person_id, ethnicity, first_language, updated_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (person_id) DO UPDATE SET ethnicity = excluded.ethnicity, \
         first_language = excluded.first_language, updated_at = excluded.updated_at",
    )
    .bind(person_id)
    .bind(blank(&input.ethnicity))
    .bind(blank(&input.first_language))
    .bind(id::now_rfc3339())
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "equality.saved",
            entity: "person",
            entity_id: Some(person_id),
            changes: json!({"fields": ["ethnicity", "first_language"]}),
        },
    )
    .await?;
    tx.commit().await?;
    record::load(s, person_id).await
}

/// Removes one child's details (for example, entered by mistake). The anonymous counts stay.
pub async fn remove(s: &Session, person_id: &str, child_id: &str) -> Result<MemberRecord> {
    s.require(Action::EditSpecialCategory)?;
    let mut tx = s.db().write().await?;
    let removed = anonymise_and_delete(
        &mut tx,
        Which::One {
            person_id,
            child_id,
        },
    )
    .await?;
    if removed == 0 {
        return Err(Error::not_found("That child's details do not exist."));
    }
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "child.removed",
            entity: "child",
            entity_id: Some(child_id),
            changes: json!({"person": person_id}),
        },
    )
    .await?;
    tx.commit().await?;
    record::load(s, person_id).await
}

async fn require_consent(conn: &mut SqliteConnection, person_id: &str) -> Result<()> {
    if consent::is_given(conn, person_id, SPECIAL_CATEGORY).await? {
        return Ok(());
    }
    Err(Error::conflict(
        "Children's needs and equality information can only be kept with the parent carer's \
         explicit consent. Record their consent first.",
    ))
}

/// How many children's records, and whether equality data, a withdrawal would delete.
pub(crate) async fn count_held(
    conn: &mut SqliteConnection,
    person_id: &str,
) -> Result<(i64, bool)> {
    Ok(sqlx::query_as(
        "SELECT (SELECT count(*) FROM children WHERE person_id = ?1), \
         EXISTS (SELECT 1 FROM equality WHERE person_id = ?1)",
    )
    .bind(person_id)
    .fetch_one(&mut *conn)
    .await?)
}

/// On withdrawal of consent: every child's details and the equality data go, and anonymous
/// rows (no person, no id) keep the counts that reports need.
pub(crate) async fn delete_all_for_withdrawal(
    conn: &mut SqliteConnection,
    person_id: &str,
) -> Result<u64> {
    let removed = anonymise_and_delete(conn, Which::AllOf { person_id }).await?;
    sqlx::query("DELETE FROM equality WHERE person_id = ?")
        .bind(person_id)
        .execute(&mut *conn)
        .await?;
    Ok(removed)
}

/// On erasure: as on withdrawal; and the two figures the evidence pack counts for the
/// members of a day (primary need, age band) are kept against the erased person's tombstone,
/// which identifies no one, so past packs give the same totals (see `gdpr::erase`).
pub(crate) async fn delete_all_for_erasure(
    conn: &mut SqliteConnection,
    person_id: &str,
) -> Result<u64> {
    sqlx::query(
        "INSERT INTO erased_children (id, person_id, primary_need, age_band) \
         SELECT lower(hex(randomblob(16))), person_id, primary_need, age_band FROM children \
         WHERE person_id = ?",
    )
    .bind(person_id)
    .execute(&mut *conn)
    .await?;
    delete_all_for_withdrawal(conn, person_id).await
}

/// One child's details removed by the retention schedule (the young person is past the age
/// the forum works with), keeping the anonymous counts.
pub(crate) async fn remove_for_retention(
    conn: &mut SqliteConnection,
    person_id: &str,
    child_id: &str,
) -> Result<u64> {
    anonymise_and_delete(
        conn,
        Which::One {
            person_id,
            child_id,
        },
    )
    .await
}

/// Which children's details to remove.
enum Which<'a> {
    One {
        person_id: &'a str,
        child_id: &'a str,
    },
    AllOf {
        person_id: &'a str,
    },
}

/// Copies what reports need into `children_removed` (no person, no id), then deletes.
async fn anonymise_and_delete(conn: &mut SqliteConnection, which: Which<'_>) -> Result<u64> {
    macro_rules! copy {
        ($filter:literal) => {
            concat!(
                "INSERT INTO children_removed (id, removed_on, year_of_birth, age_band, primary_need, ",
                "provision, school_phase, area_id) SELECT lower(hex(randomblob(16))), ?, c.year_of_birth, ",
                "c.age_band, c.primary_need, c.provision, c.school_phase, p.area_id FROM children c ",
                "JOIN people p ON p.id = c.person_id WHERE c.person_id = ?",
                $filter
            )
        };
    }
    let today = id::today_london().to_string();
    let (copy, delete) = match which {
        Which::One {
            person_id,
            child_id,
        } => (
            sqlx::query(copy!(" AND c.id = ?"))
                .bind(today)
                .bind(person_id)
                .bind(child_id),
            sqlx::query("DELETE FROM children WHERE person_id = ? AND id = ?")
                .bind(person_id)
                .bind(child_id),
        ),
        Which::AllOf { person_id } => (
            sqlx::query(copy!("")).bind(today).bind(person_id),
            sqlx::query("DELETE FROM children WHERE person_id = ?").bind(person_id),
        ),
    };
    copy.execute(&mut *conn).await?;
    Ok(delete.execute(&mut *conn).await?.rows_affected())
}
