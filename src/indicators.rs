//! The protocol's indicators (§6.10), reviewed every 3 months. Each quarter's review holds
//! the steering group's judgement (met, partly, not met, not yet due), a comment, and links
//! to the activities and documents that evidence it. Where the data can say something for
//! itself (attendance at a body, membership growth) the figure is shown beside the judgement,
//! never instead of it.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::FromRow;
use time::{Date, Month};
use ts_rs::TS;

use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::import::values;
use crate::representation::meeting;
use crate::role::Action;
use crate::session::Session;
use crate::text_enum::text_enum;
use crate::{id, validate, Error, Result};

text_enum!(ReviewStatus, "ReviewStatus.ts" {
    Met = "met", Partly = "partly", NotMet = "not_met", NotYetDue = "not_yet_due",
});

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "ReviewInput.ts")]
pub struct ReviewInput {
    /// Any date in the quarter reviewed (ISO or day-first).
    pub quarter: String,
    pub status: Option<ReviewStatus>,
    pub comment: String,
    pub activity_ids: Vec<String>,
    pub document_ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "EvidenceLink.ts")]
pub struct EvidenceLink {
    pub id: String,
    /// The activity's title, or the document's file name.
    pub title: String,
}

/// An indicator and its review for one quarter.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "IndicatorReview.ts")]
pub struct IndicatorReview {
    pub indicator_id: String,
    pub title: String,
    pub quarter_start: String,
    pub quarter_end: String,
    /// `None` until the quarter is reviewed.
    pub status: Option<ReviewStatus>,
    pub comment: Option<String>,
    pub reviewed_at: Option<String>,
    pub activities: Vec<EvidenceLink>,
    pub documents: Vec<EvidenceLink>,
    /// What the data says, in words, for indicators that compute themselves.
    pub computed: Option<String>,
}

/// The first day of the quarter holding `date`; quarters follow the grant year, so they
/// start in April, July, October and January.
pub fn quarter_start(date: Date) -> Date {
    let month = match u8::from(date.month()) {
        1..=3 => Month::January,
        4..=6 => Month::April,
        7..=9 => Month::July,
        _ => Month::October,
    };
    Date::from_calendar_date(date.year(), month, 1).unwrap_or(date)
}

/// The last day of the quarter starting on `start`.
pub fn quarter_end(start: Date) -> Date {
    let mut end = start;
    for _ in 0..3 {
        end = end
            .replace_day(1)
            .ok()
            .and_then(|d| d.checked_add(time::Duration::days(31)))
            .and_then(|d| d.replace_day(1).ok())
            .unwrap_or(end);
    }
    end.previous_day().unwrap_or(end)
}

fn quarter_of(errors: &mut FieldErrors, text: &str) -> Option<Date> {
    let text = text.trim();
    if text.is_empty() {
        return Some(quarter_start(id::today_london()));
    }
    values::uk_date(text)
        .map(quarter_start)
        .map_err(|reason| errors.add("quarter", validate::capitalise_first(&reason)))
        .ok()
}

/// Every indicator with its review for the quarter holding `quarter` (today's when blank).
pub async fn quarter(s: &Session, quarter: &str) -> Result<Vec<IndicatorReview>> {
    s.require(Action::ViewActivities)?;
    let mut errors = FieldErrors::default();
    let start = quarter_of(&mut errors, quarter);
    errors.finish()?;
    let start = start.ok_or_else(|| Error::internal("A checked date is missing."))?;
    let end = quarter_end(start);
    let db = s.db().reader();
    #[derive(FromRow)]
    struct Row {
        id: String,
        title: String,
        computed: Option<String>,
        body_id: Option<String>,
        review_id: Option<String>,
        status: Option<ReviewStatus>,
        comment: Option<String>,
        reviewed_at: Option<String>,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT i.id, i.title, i.computed, i.body_id, r.id AS review_id, r.status, r.comment, \
         r.reviewed_at FROM indicators i LEFT JOIN indicator_reviews r \
         ON r.indicator_id = i.id AND r.quarter_start = ? WHERE i.archived_at IS NULL \
         ORDER BY i.sort_order, i.title",
    )
    .bind(start.to_string())
    .fetch_all(db)
    .await?;
    let attendance = meeting::attendance(s, start, end).await?;
    let growth = membership_growth(s, start, end).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let (activities, documents) = match &row.review_id {
            Some(review) => (
                sqlx::query_as(
                    "SELECT a.id, a.title FROM indicator_review_activities ra \
                     JOIN activities a ON a.id = ra.activity_id WHERE ra.review_id = ? \
                     ORDER BY a.starts_on",
                )
                .bind(review)
                .fetch_all(db)
                .await?,
                sqlx::query_as(
                    "SELECT d.id, d.file_name AS title FROM indicator_review_documents rd \
                     JOIN activity_documents d ON d.id = rd.document_id WHERE rd.review_id = ? \
                     ORDER BY d.file_name",
                )
                .bind(review)
                .fetch_all(db)
                .await?,
            ),
            None => (Vec::new(), Vec::new()),
        };
        let computed = match row.computed.as_deref() {
            Some("body_attendance") => attendance
                .iter()
                .find(|a| Some(&a.body_id) == row.body_id.as_ref())
                .map(|a| match a.attendance_percent {
                    None => "No meetings recorded this quarter".to_owned(),
                    Some(percent) => format!(
                        "Attended {} of {} meetings ({percent}%); papers on time for {}",
                        a.attended, a.meetings, a.papers_on_time
                    ),
                }),
            Some("membership_growth") => Some(growth.clone()),
            _ => None,
        };
        out.push(IndicatorReview {
            indicator_id: row.id,
            title: row.title,
            quarter_start: start.to_string(),
            quarter_end: end.to_string(),
            status: row.status,
            comment: row.comment,
            reviewed_at: row.reviewed_at,
            activities,
            documents,
            computed,
        });
    }
    Ok(out)
}

/// Members gained and lost in the period, from the membership history, so a member who
/// later leaves still counted as joining when they did.
async fn membership_growth(s: &Session, start: Date, end: Date) -> Result<String> {
    let (gained, lost): (i64, i64) = sqlx::query_as(
        "SELECT coalesce(sum(kind IN ('joined', 'rejoined')), 0), \
         coalesce(sum(kind IN ('left', 'lapsed')), 0) FROM membership_events \
         WHERE on_date BETWEEN ? AND ?",
    )
    .bind(start.to_string())
    .bind(end.to_string())
    .fetch_one(s.db().reader())
    .await?;
    let net = gained - lost;
    Ok(format!(
        "{}{net} members ({gained} joined or rejoined, {lost} left or lapsed)",
        if net > 0 { "+" } else { "" }
    ))
}

/// Records (or replaces) the review of one indicator for a quarter.
pub async fn review(
    s: &Session,
    indicator_id: &str,
    input: ReviewInput,
) -> Result<IndicatorReview> {
    s.require(Action::ManageEvidence)?;
    let mut errors = FieldErrors::default();
    let start = quarter_of(&mut errors, &input.quarter);
    let status = input.status.unwrap_or_else(|| {
        errors.add("status", "Select whether the indicator was met");
        ReviewStatus::NotYetDue
    });
    let comment = validate::note(&mut errors, "comment", "the comment", &input.comment, 5000);
    if start.is_some_and(|q| q > quarter_start(id::today_london())) {
        errors.add(
            "quarter",
            "A quarter that has not begun cannot be reviewed yet",
        );
    }
    errors.finish()?;
    let start = start.ok_or_else(|| Error::internal("A checked date is missing."))?;
    let mut tx = s.db().write().await?;
    let known: Option<String> =
        sqlx::query_scalar("SELECT id FROM indicators WHERE id = ? AND archived_at IS NULL")
            .bind(indicator_id)
            .fetch_optional(&mut *tx)
            .await?;
    if known.is_none() {
        return Err(Error::not_found("That indicator does not exist."));
    }
    let review_id: String = sqlx::query_scalar(
        "INSERT INTO indicator_reviews (id, indicator_id, quarter_start, status, comment, \
         reviewed_by, reviewed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
         ON CONFLICT (indicator_id, quarter_start) DO UPDATE SET status = ?4, comment = ?5, \
         reviewed_by = ?6, reviewed_at = ?7 RETURNING id",
    )
    .bind(id::new_id())
    .bind(indicator_id)
    .bind(start.to_string())
    .bind(status)
    .bind(&comment)
    .bind(s.user_id())
    .bind(id::now_rfc3339())
    .fetch_one(&mut *tx)
    .await?;
    for table in ["indicator_review_activities", "indicator_review_documents"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE review_id = ?"))
            .bind(&review_id)
            .execute(&mut *tx)
            .await?;
    }
    let links = [
        (
            "activityIds",
            &input.activity_ids,
            "SELECT id FROM activities WHERE id = ?",
            "INSERT OR IGNORE INTO indicator_review_activities (review_id, activity_id) VALUES (?, ?)",
        ),
        (
            "documentIds",
            &input.document_ids,
            "SELECT id FROM activity_documents WHERE id = ?",
            "INSERT OR IGNORE INTO indicator_review_documents (review_id, document_id) VALUES (?, ?)",
        ),
    ];
    for (field, ids, check, insert) in links {
        for linked in ids {
            let found: Option<String> = sqlx::query_scalar(check)
                .bind(linked)
                .fetch_optional(&mut *tx)
                .await?;
            if found.is_none() {
                return Err(Error::field(field, "Select evidence from the list"));
            }
            sqlx::query(insert)
                .bind(&review_id)
                .bind(linked)
                .execute(&mut *tx)
                .await?;
        }
    }
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "indicator.reviewed",
            entity: "indicator",
            entity_id: Some(indicator_id),
            changes: json!({"quarter": start.to_string(), "status": status.as_str()}),
        },
    )
    .await?;
    tx.commit().await?;
    quarter(s, &start.to_string())
        .await?
        .into_iter()
        .find(|r| r.indicator_id == indicator_id)
        .ok_or_else(|| Error::internal("A reviewed indicator was not found."))
}

#[cfg(test)]
mod tests {
    use super::{quarter_end, quarter_start};
    use time::macros::date;

    #[test]
    fn quarters_follow_the_grant_year() {
        assert_eq!(quarter_start(date!(2026 - 05 - 17)), date!(2026 - 04 - 01));
        assert_eq!(quarter_start(date!(2026 - 04 - 01)), date!(2026 - 04 - 01));
        assert_eq!(quarter_start(date!(2027 - 03 - 31)), date!(2027 - 01 - 01));
        assert_eq!(quarter_start(date!(2026 - 12 - 31)), date!(2026 - 10 - 01));
        assert_eq!(quarter_end(date!(2026 - 04 - 01)), date!(2026 - 06 - 30));
        assert_eq!(quarter_end(date!(2026 - 10 - 01)), date!(2026 - 12 - 31));
        assert_eq!(quarter_end(date!(2027 - 01 - 01)), date!(2027 - 03 - 31));
        assert_eq!(quarter_end(date!(2026 - 07 - 01)), date!(2026 - 09 - 30));
    }
}
