//! Budget lines for a grant year and the spend logged against them.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::FromRow;
use ts_rs::TS;

use super::money::parse_pounds;
use super::period::{self, GrantPeriod};
use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::role::Action;
use crate::session::Session;
use crate::{id, validate, Error, Result};

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "BudgetLineInput.ts")]
pub struct BudgetLineInput {
    pub name: String,
    pub planned: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "SpendInput.ts")]
pub struct SpendInput {
    pub budget_line_id: String,
    pub spent_on: String,
    pub amount: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SpendEntry.ts")]
pub struct SpendEntry {
    pub id: String,
    pub budget_line: String,
    pub spent_on: String,
    #[ts(type = "number")]
    pub amount_pence: i64,
    pub description: String,
}

pub async fn add_line(s: &Session, grant_id: &str, input: BudgetLineInput) -> Result<GrantPeriod> {
    s.require(Action::ManageEvidence)?;
    let mut errors = FieldErrors::default();
    let name = validate::name(
        &mut errors,
        "name",
        "the budget line's name",
        &input.name,
        100,
    );
    let planned = parse_pounds(&input.planned)
        .map_err(|reason| errors.add("planned", reason))
        .ok();
    errors.finish()?;
    let planned = planned.ok_or_else(|| Error::internal("A checked amount is missing."))?;
    let mut tx = s.db().write().await?;
    let grant: Option<String> = sqlx::query_scalar("SELECT id FROM grant_periods WHERE id = ?")
        .bind(grant_id)
        .fetch_optional(&mut *tx)
        .await?;
    if grant.is_none() {
        return Err(Error::not_found("That grant period does not exist."));
    }
    let added = sqlx::query(
        "INSERT INTO budget_lines (id, grant_id, name, planned_pence) VALUES (?, ?, ?, ?) \
         ON CONFLICT DO NOTHING",
    )
    .bind(id::new_id())
    .bind(grant_id)
    .bind(&name)
    .bind(planned)
    .execute(&mut *tx)
    .await?;
    if added.rows_affected() == 0 {
        return Err(Error::field(
            "name",
            format!("There is already a line called {name}"),
        ));
    }
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "grant.budget_line_added",
            entity: "grant",
            entity_id: Some(grant_id),
            changes: json!({"name": name, "planned_pence": planned}),
        },
    )
    .await?;
    tx.commit().await?;
    period::get(s, grant_id).await
}

pub async fn record(s: &Session, input: SpendInput) -> Result<GrantPeriod> {
    s.require(Action::ManageEvidence)?;
    let mut errors = FieldErrors::default();
    let spent_on = validate::date(
        &mut errors,
        "spentOn",
        &input.spent_on,
        Some("Enter the date of the spending, for example 12/03/2026"),
    );
    let amount = match parse_pounds(&input.amount) {
        Ok(0) => {
            errors.add("amount", "Enter an amount more than £0");
            None
        }
        Ok(amount) => Some(amount),
        Err(reason) => {
            errors.add("amount", reason);
            None
        }
    };
    let description = validate::name(
        &mut errors,
        "description",
        "what it was spent on",
        &input.description,
        500,
    );
    errors.finish()?;
    let (Some(spent_on), Some(amount)) = (spent_on, amount) else {
        return Err(Error::internal("Checked spending is incomplete."));
    };
    let mut tx = s.db().write().await?;
    let line: Option<(String, String)> =
        sqlx::query_as("SELECT b.grant_id, g.starts_on FROM budget_lines b JOIN grant_periods g ON g.id = b.grant_id WHERE b.id = ?")
            .bind(&input.budget_line_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((grant_id, starts_on)) = line else {
        return Err(Error::field(
            "budgetLineId",
            "Select a budget line from the list",
        ));
    };
    // Spending belongs to the grant year it fell in.
    let start =
        id::parse_date(&starts_on).ok_or_else(|| Error::internal("A grant has a bad date."))?;
    let end = start
        .replace_year(start.year() + 1)
        .map_err(|e| Error::internal(e.to_string()))?;
    if spent_on < start || spent_on >= end {
        return Err(Error::field(
            "spentOn",
            format!(
                "The date must be in the grant year, {} to {}",
                validate::long_date(start),
                validate::long_date(end.previous_day().unwrap_or(end))
            ),
        ));
    }
    sqlx::query(
        "INSERT INTO spend (id, budget_line_id, spent_on, amount_pence, description, recorded_by, \
         created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id::new_id())
    .bind(&input.budget_line_id)
    .bind(spent_on.to_string())
    .bind(amount)
    .bind(&description)
    .bind(s.user_id())
    .bind(id::now_rfc3339())
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "grant.spend_recorded",
            entity: "grant",
            entity_id: Some(&grant_id),
            changes: json!({"amount_pence": amount, "spent_on": spent_on.to_string()}),
        },
    )
    .await?;
    tx.commit().await?;
    period::get(s, &grant_id).await
}

/// The spending logged against a grant year, newest first.
pub async fn log(s: &Session, grant_id: &str) -> Result<Vec<SpendEntry>> {
    s.require(Action::ManageEvidence)?;
    Ok(sqlx::query_as(
        "SELECT sp.id, b.name AS budget_line, sp.spent_on, sp.amount_pence, sp.description \
         FROM spend sp JOIN budget_lines b ON b.id = sp.budget_line_id WHERE b.grant_id = ? \
         ORDER BY sp.spent_on DESC, sp.created_at DESC",
    )
    .bind(grant_id)
    .fetch_all(s.db().reader())
    .await?)
}
