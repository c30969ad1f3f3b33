//! A grant year with its tranches and returns.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{FromRow, SqlitePool};
use time::{Date, Month};
use ts_rs::TS;

use super::money::{format_pounds, parse_pounds};
use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::role::Action;
use crate::session::Session;
use crate::{id, validate, Error, Result};

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "TrancheInput.ts")]
pub struct TrancheInput {
    pub due_on: String,
    pub amount: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "GrantReturnInput.ts")]
pub struct GrantReturnInput {
    pub title: String,
    pub due_on: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "GrantInput.ts")]
pub struct GrantInput {
    /// The year it starts: "2026", or "2026/27" or "2026-27" as grant letters write it.
    pub year: String,
    pub amount: String,
    pub tranches: Vec<TrancheInput>,
    pub returns: Vec<GrantReturnInput>,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Tranche.ts")]
pub struct Tranche {
    pub id: String,
    pub due_on: String,
    #[ts(type = "number")]
    pub amount_pence: i64,
    pub received_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "GrantReturn.ts")]
pub struct GrantReturn {
    pub id: String,
    pub title: String,
    pub due_on: String,
    pub submitted_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "BudgetLine.ts")]
pub struct BudgetLine {
    pub id: String,
    pub name: String,
    #[ts(type = "number")]
    pub planned_pence: i64,
    #[ts(type = "number")]
    pub actual_pence: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "GrantPeriod.ts")]
pub struct GrantPeriod {
    pub id: String,
    /// "2026–27".
    pub label: String,
    pub starts_on: String,
    pub ends_on: String,
    #[ts(type = "number")]
    pub amount_pence: i64,
    pub notes: Option<String>,
    pub tranches: Vec<Tranche>,
    pub returns: Vec<GrantReturn>,
    pub budget: Vec<BudgetLine>,
    #[ts(type = "number")]
    pub planned_pence: i64,
    #[ts(type = "number")]
    pub spent_pence: i64,
}

const MAX_PARTS: usize = 12;

/// 1 April of the year typed.
fn year_start(errors: &mut FieldErrors, text: &str) -> Option<Date> {
    let text = text.trim();
    let first = text.split(['/', '-', '–']).next().unwrap_or("").trim();
    let year = first
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y));
    match year {
        Some(year) => Date::from_calendar_date(year, Month::April, 1).ok(),
        None => {
            errors.add(
                "year",
                "Enter the year the grant starts, like 2026 or 2026/27",
            );
            None
        }
    }
}

fn label(start: Date) -> String {
    format!("{}–{:02}", start.year(), (start.year() + 1) % 100)
}

fn due_date(errors: &mut FieldErrors, field: &str, text: &str) -> Option<Date> {
    let missing = "Enter the date it is due, for example 30/09/2026";
    validate::date(errors, field, text, Some(missing))
}

pub async fn create(s: &Session, input: GrantInput) -> Result<GrantPeriod> {
    s.require(Action::ManageEvidence)?;
    let mut errors = FieldErrors::default();
    let start = year_start(&mut errors, &input.year);
    let amount = parse_pounds(&input.amount)
        .map_err(|reason| errors.add("amount", reason))
        .ok();
    let notes = validate::note(&mut errors, "notes", "the notes", &input.notes, 2000);
    if input.tranches.len() > MAX_PARTS || input.returns.len() > MAX_PARTS {
        errors.add(
            "tranches",
            format!("Enter at most {MAX_PARTS} tranches and returns"),
        );
    }
    let mut tranches = Vec::new();
    for (i, t) in input.tranches.iter().enumerate() {
        let due = due_date(&mut errors, &format!("tranches.{i}.dueOn"), &t.due_on);
        let amount = parse_pounds(&t.amount)
            .map_err(|reason| errors.add(&format!("tranches.{i}.amount"), reason))
            .ok();
        if let (Some(due), Some(amount)) = (due, amount) {
            tranches.push((due, amount));
        }
    }
    let mut returns = Vec::new();
    for (i, r) in input.returns.iter().enumerate() {
        let title = validate::name(
            &mut errors,
            &format!("returns.{i}.title"),
            "the return's name",
            &r.title,
            200,
        );
        if let Some(due) = due_date(&mut errors, &format!("returns.{i}.dueOn"), &r.due_on) {
            returns.push((title, due));
        }
    }
    if let Some(amount) = amount {
        let total: i64 = tranches.iter().map(|(_, a)| a).sum();
        if !tranches.is_empty() && total != amount && input.tranches.len() == tranches.len() {
            errors.add(
                "tranches",
                format!(
                    "The tranches add up to {}, not the grant's {}",
                    format_pounds(total),
                    format_pounds(amount)
                ),
            );
        }
    }
    errors.finish()?;
    let (Some(start), Some(amount)) = (start, amount) else {
        return Err(Error::internal("A checked grant is incomplete."));
    };
    let mut tx = s.db().write().await?;
    let taken: Option<String> =
        sqlx::query_scalar("SELECT id FROM grant_periods WHERE starts_on = ?")
            .bind(start.to_string())
            .fetch_optional(&mut *tx)
            .await?;
    if taken.is_some() {
        return Err(Error::field(
            "year",
            format!("The {} grant is already recorded", label(start)),
        ));
    }
    let grant_id = id::new_id();
    sqlx::query(
        "INSERT INTO grant_periods (id, starts_on, amount_pence, notes, created_at) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(&grant_id)
    .bind(start.to_string())
    .bind(amount)
    .bind(&notes)
    .bind(id::now_rfc3339())
    .execute(&mut *tx)
    .await?;
    for (due, amount) in &tranches {
        sqlx::query(
            "INSERT INTO grant_tranches (id, grant_id, due_on, amount_pence) VALUES (?, ?, ?, ?)",
        )
        .bind(id::new_id())
        .bind(&grant_id)
        .bind(due.to_string())
        .bind(amount)
        .execute(&mut *tx)
        .await?;
    }
    for (title, due) in &returns {
        sqlx::query("INSERT INTO grant_returns (id, grant_id, title, due_on) VALUES (?, ?, ?, ?)")
            .bind(id::new_id())
            .bind(&grant_id)
            .bind(title)
            .bind(due.to_string())
            .execute(&mut *tx)
            .await?;
    }
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "grant.created",
            entity: "grant",
            entity_id: Some(&grant_id),
            changes: json!({"year": label(start), "amount_pence": amount}),
        },
    )
    .await?;
    tx.commit().await?;
    get(s, &grant_id).await
}

pub async fn list(s: &Session) -> Result<Vec<GrantPeriod>> {
    s.require(Action::ManageEvidence)?;
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT id FROM grant_periods ORDER BY starts_on DESC")
            .fetch_all(s.db().reader())
            .await?;
    let mut out = Vec::with_capacity(ids.len());
    for grant_id in ids {
        out.push(load(s.db().reader(), &grant_id).await?);
    }
    Ok(out)
}

pub async fn get(s: &Session, grant_id: &str) -> Result<GrantPeriod> {
    s.require(Action::ManageEvidence)?;
    load(s.db().reader(), grant_id).await
}

async fn load(db: &SqlitePool, grant_id: &str) -> Result<GrantPeriod> {
    let (starts_on, amount_pence, notes): (String, i64, Option<String>) =
        sqlx::query_as("SELECT starts_on, amount_pence, notes FROM grant_periods WHERE id = ?")
            .bind(grant_id)
            .fetch_optional(db)
            .await?
            .ok_or_else(|| Error::not_found("That grant period does not exist."))?;
    let start =
        id::parse_date(&starts_on).ok_or_else(|| Error::internal("A grant has a bad date."))?;
    let end = Date::from_calendar_date(start.year() + 1, Month::March, 31)
        .map_err(|e| Error::internal(e.to_string()))?;
    let tranches: Vec<Tranche> = sqlx::query_as(
        "SELECT id, due_on, amount_pence, received_on FROM grant_tranches WHERE grant_id = ? \
         ORDER BY due_on",
    )
    .bind(grant_id)
    .fetch_all(db)
    .await?;
    let returns: Vec<GrantReturn> = sqlx::query_as(
        "SELECT id, title, due_on, submitted_on FROM grant_returns WHERE grant_id = ? \
         ORDER BY due_on",
    )
    .bind(grant_id)
    .fetch_all(db)
    .await?;
    let budget: Vec<BudgetLine> = sqlx::query_as(
        "SELECT b.id, b.name, b.planned_pence, coalesce((SELECT sum(amount_pence) FROM spend \
         WHERE budget_line_id = b.id), 0) AS actual_pence FROM budget_lines b \
         WHERE b.grant_id = ? ORDER BY b.name COLLATE NOCASE",
    )
    .bind(grant_id)
    .fetch_all(db)
    .await?;
    Ok(GrantPeriod {
        id: grant_id.to_owned(),
        label: label(start),
        starts_on,
        ends_on: end.to_string(),
        amount_pence,
        notes,
        planned_pence: budget.iter().map(|b| b.planned_pence).sum(),
        spent_pence: budget.iter().map(|b| b.actual_pence).sum(),
        tranches,
        returns,
        budget,
    })
}

/// Records that a tranche arrived, or a return was submitted, on a date (today when blank).
pub async fn mark_done(s: &Session, part_id: &str, on_date: &str) -> Result<GrantPeriod> {
    s.require(Action::ManageEvidence)?;
    let mut errors = FieldErrors::default();
    let on = validate::past_date(&mut errors, "onDate", on_date);
    errors.finish()?;
    let on = on.ok_or_else(|| Error::internal("A checked date is missing."))?;
    let mut tx = s.db().write().await?;
    let mut grant_id: Option<String> = sqlx::query_scalar(
        "UPDATE grant_tranches SET received_on = ? WHERE id = ? RETURNING grant_id",
    )
    .bind(on.to_string())
    .bind(part_id)
    .fetch_optional(&mut *tx)
    .await?;
    if grant_id.is_none() {
        grant_id = sqlx::query_scalar(
            "UPDATE grant_returns SET submitted_on = ? WHERE id = ? RETURNING grant_id",
        )
        .bind(on.to_string())
        .bind(part_id)
        .fetch_optional(&mut *tx)
        .await?;
    }
    let grant_id =
        grant_id.ok_or_else(|| Error::not_found("That tranche or return is not recorded."))?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "grant.part_done",
            entity: "grant",
            entity_id: Some(&grant_id),
            changes: json!({"part_id": part_id, "on": on.to_string()}),
        },
    )
    .await?;
    tx.commit().await?;
    load(s.db().reader(), &grant_id).await
}
