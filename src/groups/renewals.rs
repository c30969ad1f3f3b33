//! The renewals-due list: affiliations overdue for renewal, and those falling due in the
//! next 60 days, soonest first.

use serde::Serialize;
use sqlx::FromRow;
use ts_rs::TS;

use crate::role::Action;
use crate::session::Session;
use crate::{id, Result};

/// How far ahead the list looks.
pub const WINDOW_DAYS: i64 = 60;

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "RenewalDue.ts")]
pub struct RenewalDue {
    pub organisation_id: String,
    pub name: String,
    pub renewal_due_on: String,
    /// Days from today to the renewal date: negative when overdue, 0 when due today.
    #[ts(type = "number")]
    pub days: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Renewals.ts")]
pub struct Renewals {
    /// The renewal date has passed (or is today), most overdue first.
    pub overdue: Vec<RenewalDue>,
    /// Falls due within the next 60 days, soonest first.
    pub due_soon: Vec<RenewalDue>,
    #[ts(type = "number")]
    pub window_days: i64,
}

pub async fn renewals(s: &Session) -> Result<Renewals> {
    s.require(Action::ViewGroups)?;
    let today = id::today_london();
    let until = today + time::Duration::days(WINDOW_DAYS);
    let rows: Vec<RenewalDue> = sqlx::query_as(
        "SELECT o.id AS organisation_id, o.name, a.renewal_due_on, \
         CAST(julianday(a.renewal_due_on) - julianday(?1) AS INTEGER) AS days \
         FROM affiliations a JOIN organisations o ON o.id = a.organisation_id \
         WHERE a.status = 'affiliated' AND o.archived_at IS NULL AND a.renewal_due_on <= ?2 \
         ORDER BY a.renewal_due_on, o.name COLLATE NOCASE",
    )
    .bind(today.to_string())
    .bind(until.to_string())
    .fetch_all(s.db().reader())
    .await?;
    let (overdue, due_soon) = rows.into_iter().partition(|r| r.days <= 0);
    Ok(Renewals {
        overdue,
        due_soon,
        window_days: WINDOW_DAYS,
    })
}
