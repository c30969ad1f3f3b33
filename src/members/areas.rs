//! The forum's districts, and the postcode-district table that places members in them.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::FromRow;
use ts_rs::TS;

use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::import::values;
use crate::role::Action;
use crate::session::Session;
use crate::{id, validate, Error, Result};

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Area.ts")]
pub struct Area {
    pub id: String,
    pub name: String,
    /// Postcode districts (outward codes such as "PR1") that fall in this area.
    #[sqlx(json)]
    pub districts: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AreaInput.ts")]
pub struct AreaInput {
    pub name: String,
    /// Separated by commas, spaces or new lines, as an admin would type them.
    pub districts: String,
}

pub async fn list(s: &Session) -> Result<Vec<Area>> {
    s.require(Action::ViewMembers)?;
    Ok(sqlx::query_as(
        "SELECT a.id, a.name, json_group_array(pa.district) FILTER (WHERE pa.district IS NOT NULL) \
         AS districts FROM areas a LEFT JOIN postcode_areas pa ON pa.area_id = a.id \
         GROUP BY a.id ORDER BY a.name COLLATE NOCASE",
    )
    .fetch_all(s.db().reader())
    .await?)
}

/// Adds an area (`area_id` None) or changes one. A district already in another area moves to
/// this one, and members whose area was not chosen by hand are placed again.
pub async fn save(s: &Session, area_id: Option<&str>, input: AreaInput) -> Result<Area> {
    s.require(Action::ManageAreas)?;
    let mut errors = FieldErrors::default();
    let name = validate::name(&mut errors, "name", "the area's name", &input.name, 100);
    let mut districts = Vec::new();
    for part in input
        .districts
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        match values::postcode_district(&format!("{part} 1AA")) {
            Some(d) if d.eq_ignore_ascii_case(part) => districts.push(d),
            _ => errors.add(
                "districts",
                format!("{part:?} is not a postcode district (for example PR1 or BB11)"),
            ),
        }
    }
    errors.finish()?;
    districts.sort();
    districts.dedup();

    let mut tx = s.db().write().await?;
    let clash: Option<String> =
        sqlx::query_scalar("SELECT id FROM areas WHERE name = ? AND id IS NOT ?")
            .bind(&name)
            .bind(area_id)
            .fetch_optional(&mut *tx)
            .await?;
    if clash.is_some() {
        return Err(Error::field(
            "name",
            "There is already an area with that name",
        ));
    }
    let id = match area_id {
        Some(existing) => {
            let done = sqlx::query("UPDATE areas SET name = ? WHERE id = ?")
                .bind(&name)
                .bind(existing)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(Error::not_found("That area does not exist."));
            }
            existing.to_owned()
        }
        None => {
            let new_id = id::new_id();
            sqlx::query("INSERT INTO areas (id, name, created_at) VALUES (?, ?, ?)")
                .bind(&new_id)
                .bind(&name)
                .bind(id::now_rfc3339())
                .execute(&mut *tx)
                .await?;
            new_id
        }
    };
    sqlx::query("DELETE FROM postcode_areas WHERE area_id = ?")
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    for district in &districts {
        sqlx::query(
            "INSERT INTO postcode_areas (district, area_id) VALUES (?, ?) \
             ON CONFLICT (district) DO UPDATE SET area_id = excluded.area_id",
        )
        .bind(district)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    }
    // Place again everyone whose area follows their postcode.
    sqlx::query(
        "UPDATE people SET area_id = (SELECT pa.area_id FROM postcode_areas pa WHERE pa.district = \
         substr(people.postcode, 1, instr(people.postcode, ' ') - 1)) WHERE area_overridden = 0 \
         AND postcode IS NOT NULL",
    )
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "area.saved",
            entity: "area",
            entity_id: Some(&id),
            changes: json!({"districts": districts}),
        },
    )
    .await?;
    tx.commit().await?;
    list(s)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Error::internal("The area was saved but could not be read back."))
}
