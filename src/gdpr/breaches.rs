//! The breach register (UK GDPR Art. 33(5)): every personal data breach is logged, whether or
//! not it is reported, with what happened, what it touched, the risk, the decision about the
//! ICO, whether the people affected were told, what was done and what was learned.
//!
//! A reportable breach must reach the ICO within 72 hours of the forum becoming aware of it
//! (Art. 33(1)). The deadline is computed from `discovered_at`, never stored, and
//! [`deadlines`] feeds the countdown on the home screen.
//!
//! Times are typed in UK time (a date and a 24-hour time) and stored as RFC 3339 UTC. The
//! free text may describe people, so audit entries name the fields changed, never values.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::FromRow;
use time::{OffsetDateTime, PrimitiveDateTime};
use ts_rs::TS;

use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::role::Action;
use crate::session::Session;
use crate::text_enum::text_enum;
use crate::{id, validate, Error, Result};

/// Hours from discovery to tell the ICO (Art. 33(1)).
pub const ICO_HOURS: i64 = 72;
pub const LONG_TEXT: usize = 5000;
pub const SHORT_TEXT: usize = 2000;

text_enum!(
    /// The risk to people's rights and freedoms: `unlikely` need not be reported to the ICO;
    /// `risk` must be; `high` must be, and the people affected told without undue delay.
    RiskLevel, "RiskLevel.ts" { Unlikely = "unlikely", Risk = "risk", High = "high" }
);

text_enum!(
    /// Whether the people affected were told (Art. 34).
    IndividualsTold, "IndividualsTold.ts" { NotYet = "not_yet", Yes = "yes", No = "no" }
);

text_enum!(BreachStatus, "BreachStatus.ts" { Open = "open", Closed = "closed" });

/// The form, as typed. Dates are 2026-04-01 or 01/04/2026; times are 24-hour, 14:30.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "BreachInput.ts")]
pub struct BreachInput {
    pub happened_on: String,
    pub happened_time: String,
    pub discovered_on: String,
    pub discovered_time: String,
    pub what_happened: String,
    pub data_affected: String,
    /// How many people, as typed (blank when not known).
    pub people_affected_count: String,
    /// Who they are, in words ("members on the May mailing list").
    pub people_affected: String,
    pub risk_level: Option<RiskLevel>,
    pub risk_assessment: String,
    pub reportable: Option<bool>,
    pub not_reportable_reason: String,
    pub reported_on: String,
    pub reported_time: String,
    pub ico_reference: String,
    pub individuals_told: Option<IndividualsTold>,
    pub individuals_told_on: String,
    pub individuals_not_told_reason: String,
    pub actions_taken: String,
    pub lessons_learned: String,
    pub status: Option<BreachStatus>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Breach.ts")]
pub struct Breach {
    pub id: String,
    /// RFC 3339 UTC.
    pub happened_at: String,
    pub discovered_at: String,
    /// The same moments in UK time, for the form: date (ISO) and time (HH:MM).
    pub happened_on: String,
    pub happened_time: String,
    pub discovered_on: String,
    pub discovered_time: String,
    pub what_happened: String,
    pub data_affected: String,
    pub people_affected_count: Option<u32>,
    pub people_affected: Option<String>,
    pub risk_level: RiskLevel,
    pub risk_assessment: String,
    pub reportable: bool,
    pub not_reportable_reason: Option<String>,
    pub reported_at: Option<String>,
    pub reported_on: Option<String>,
    pub reported_time: Option<String>,
    pub ico_reference: Option<String>,
    pub individuals_told: IndividualsTold,
    pub individuals_told_on: Option<String>,
    pub individuals_not_told_reason: Option<String>,
    pub actions_taken: Option<String>,
    pub lessons_learned: Option<String>,
    pub status: BreachStatus,
    pub closed_at: Option<String>,
    /// Discovery plus 72 hours, RFC 3339 UTC: computed, not stored.
    pub ico_deadline: String,
    pub recorded_by_name: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// A reportable breach not yet reported, for the home screen's countdown.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "BreachDeadline.ts")]
pub struct BreachDeadline {
    pub id: String,
    pub discovered_at: String,
    /// RFC 3339 UTC.
    pub deadline: String,
    /// Whole minutes left when this was read; negative when overdue.
    #[ts(type = "number")]
    pub minutes_left: i64,
    pub overdue: bool,
    /// "2 days 5 hours left", "40 minutes left", "overdue by 3 hours".
    pub in_words: String,
    /// The first line of what happened, shortened, to say which breach.
    pub summary: String,
}

#[derive(FromRow)]
struct Row {
    id: String,
    happened_at: String,
    discovered_at: String,
    what_happened: String,
    data_affected: String,
    people_affected_count: Option<i64>,
    people_affected: Option<String>,
    risk_level: RiskLevel,
    risk_assessment: String,
    reportable: bool,
    not_reportable_reason: Option<String>,
    reported_at: Option<String>,
    ico_reference: Option<String>,
    individuals_told: IndividualsTold,
    individuals_told_at: Option<String>,
    individuals_not_told_reason: Option<String>,
    actions_taken: Option<String>,
    lessons_learned: Option<String>,
    status: BreachStatus,
    closed_at: Option<String>,
    recorded_by_name: Option<String>,
    created_at: String,
    updated_at: String,
}

const SELECT: &str = "SELECT b.id, b.happened_at, b.discovered_at, b.what_happened, \
    b.data_affected, b.people_affected_count, b.people_affected, b.risk_level, \
    b.risk_assessment, b.reportable, b.not_reportable_reason, b.reported_at, b.ico_reference, \
    b.individuals_told, b.individuals_told_at, b.individuals_not_told_reason, b.actions_taken, \
    b.lessons_learned, b.status, b.closed_at, u.display_name AS recorded_by_name, \
    b.created_at, b.updated_at FROM breaches b LEFT JOIN users u ON u.id = b.recorded_by";

fn split_local(utc: &str) -> (String, String) {
    match id::parse_rfc3339(utc) {
        Some(at) => {
            let local = to_london(at);
            (
                local.date().to_string(),
                format!("{:02}:{:02}", local.hour(), local.minute()),
            )
        }
        None => (String::new(), String::new()),
    }
}

impl Row {
    fn into_breach(self) -> Breach {
        let (happened_on, happened_time) = split_local(&self.happened_at);
        let (discovered_on, discovered_time) = split_local(&self.discovered_at);
        let reported = self.reported_at.as_deref().map(split_local);
        let ico_deadline = deadline_of(&self.discovered_at)
            .map(id::rfc3339)
            .unwrap_or_default();
        Breach {
            id: self.id,
            happened_at: self.happened_at,
            discovered_at: self.discovered_at,
            happened_on,
            happened_time,
            discovered_on,
            discovered_time,
            what_happened: self.what_happened,
            data_affected: self.data_affected,
            people_affected_count: self
                .people_affected_count
                .and_then(|n| u32::try_from(n).ok()),
            people_affected: self.people_affected,
            risk_level: self.risk_level,
            risk_assessment: self.risk_assessment,
            reportable: self.reportable,
            not_reportable_reason: self.not_reportable_reason,
            reported_at: self.reported_at,
            reported_on: reported.as_ref().map(|r| r.0.clone()),
            reported_time: reported.map(|r| r.1),
            ico_reference: self.ico_reference,
            individuals_told: self.individuals_told,
            individuals_told_on: self.individuals_told_at,
            individuals_not_told_reason: self.individuals_not_told_reason,
            actions_taken: self.actions_taken,
            lessons_learned: self.lessons_learned,
            status: self.status,
            closed_at: self.closed_at,
            ico_deadline,
            recorded_by_name: self.recorded_by_name,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

fn deadline_of(discovered_at: &str) -> Option<OffsetDateTime> {
    id::parse_rfc3339(discovered_at).map(|d| d + time::Duration::hours(ICO_HOURS))
}

/// Every breach, the most recently discovered first.
pub async fn list(s: &Session) -> Result<Vec<Breach>> {
    s.require(Action::ManageBreaches)?;
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} ORDER BY b.discovered_at DESC, b.id DESC"
    ))
    .fetch_all(s.db().reader())
    .await?;
    Ok(rows.into_iter().map(Row::into_breach).collect())
}

pub async fn get(s: &Session, breach_id: &str) -> Result<Breach> {
    s.require(Action::ManageBreaches)?;
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE b.id = ?"))
        .bind(breach_id)
        .fetch_optional(s.db().reader())
        .await?;
    row.map(Row::into_breach)
        .ok_or_else(|| Error::not_found("There is no such breach in the register."))
}

/// Open reportable breaches not yet reported to the ICO, the nearest deadline first.
pub async fn deadlines(s: &Session) -> Result<Vec<BreachDeadline>> {
    s.require(Action::ManageBreaches)?;
    deadlines_at(s, id::now_utc()).await
}

/// [`deadlines`] as at `now` (for tests and the CLI).
pub async fn deadlines_at(s: &Session, now: OffsetDateTime) -> Result<Vec<BreachDeadline>> {
    s.require(Action::ManageBreaches)?;
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT id, discovered_at, what_happened FROM breaches \
         WHERE status = 'open' AND reportable = 1 AND reported_at IS NULL \
         ORDER BY discovered_at, id",
    )
    .fetch_all(s.db().reader())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, discovered_at, what)| {
            let deadline = deadline_of(&discovered_at)?;
            let minutes_left = (deadline - now).whole_minutes();
            Some(BreachDeadline {
                id,
                discovered_at,
                deadline: id::rfc3339(deadline),
                minutes_left,
                overdue: minutes_left < 0,
                in_words: time_left_in_words(minutes_left),
                summary: summary(&what),
            })
        })
        .collect())
}

/// "2 days 5 hours left", "1 hour 5 minutes left", "overdue by 3 hours 2 minutes".
pub fn time_left_in_words(minutes_left: i64) -> String {
    let m = minutes_left.unsigned_abs();
    let (days, hours, minutes) = (m / 1440, (m % 1440) / 60, m % 60);
    let unit = |n: u64, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(unit(days, "day"));
    }
    if hours > 0 {
        parts.push(unit(hours, "hour"));
    }
    if days == 0 && (minutes > 0 || hours == 0) {
        parts.push(unit(minutes, "minute"));
    }
    let span = parts.join(" ");
    if minutes_left < 0 {
        format!("overdue by {span}")
    } else {
        format!("{span} left")
    }
}

fn summary(what: &str) -> String {
    let first = what.lines().next().unwrap_or("").trim();
    if first.chars().count() > 80 {
        let cut: String = first.chars().take(77).collect();
        format!("{}…", cut.trim_end())
    } else {
        first.to_owned()
    }
}

/// What was checked, ready to store.
struct Clean {
    happened_at: String,
    discovered_at: String,
    what_happened: String,
    data_affected: String,
    people_affected_count: Option<i64>,
    people_affected: Option<String>,
    risk_level: RiskLevel,
    risk_assessment: String,
    reportable: bool,
    not_reportable_reason: Option<String>,
    reported_at: Option<String>,
    ico_reference: Option<String>,
    individuals_told: IndividualsTold,
    individuals_told_at: Option<String>,
    individuals_not_told_reason: Option<String>,
    actions_taken: Option<String>,
    lessons_learned: Option<String>,
    status: BreachStatus,
}

impl Clean {
    /// Field name → stored value, to tell which fields an update changed.
    fn fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("happened_at", Some(self.happened_at.clone())),
            ("discovered_at", Some(self.discovered_at.clone())),
            ("what_happened", Some(self.what_happened.clone())),
            ("data_affected", Some(self.data_affected.clone())),
            (
                "people_affected_count",
                self.people_affected_count.map(|n| n.to_string()),
            ),
            ("people_affected", self.people_affected.clone()),
            ("risk_level", Some(self.risk_level.as_str().to_owned())),
            ("risk_assessment", Some(self.risk_assessment.clone())),
            ("reportable", Some(self.reportable.to_string())),
            ("not_reportable_reason", self.not_reportable_reason.clone()),
            ("reported_at", self.reported_at.clone()),
            ("ico_reference", self.ico_reference.clone()),
            (
                "individuals_told",
                Some(self.individuals_told.as_str().to_owned()),
            ),
            ("individuals_told_at", self.individuals_told_at.clone()),
            (
                "individuals_not_told_reason",
                self.individuals_not_told_reason.clone(),
            ),
            ("actions_taken", self.actions_taken.clone()),
            ("lessons_learned", self.lessons_learned.clone()),
            ("status", Some(self.status.as_str().to_owned())),
        ]
    }
}

fn required_text(
    errors: &mut FieldErrors,
    field: &str,
    label: &str,
    missing: &str,
    value: &str,
    max: usize,
) -> String {
    match validate::note(errors, field, label, value, max) {
        Some(text) => text,
        None => {
            errors.add(field, missing);
            String::new()
        }
    }
}

/// A 24-hour time, "14:30" or "9:05" (a dot is accepted too).
fn parse_time(text: &str) -> Option<time::Time> {
    let text = text.trim();
    let (h, m) = text.split_once(':').or_else(|| text.split_once('.'))?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: u8 = h.parse().ok()?;
    let m: u8 = m.parse().ok()?;
    time::Time::from_hms(h, m, 0).ok()
}

/// A UK date and time from the form, as a UTC moment. `what` names it in messages ("when
/// the breach happened").
fn moment(
    errors: &mut FieldErrors,
    date_field: &str,
    time_field: &str,
    date_text: &str,
    time_text: &str,
    what: &str,
    required: bool,
) -> Option<OffsetDateTime> {
    if !required && date_text.trim().is_empty() && time_text.trim().is_empty() {
        return None;
    }
    let missing = format!("Enter the date {what}");
    let date = validate::date(errors, date_field, date_text, Some(&missing));
    let time = if time_text.trim().is_empty() {
        errors.add(
            time_field,
            format!("Enter the time {what}, for example 14:30"),
        );
        None
    } else {
        let t = parse_time(time_text);
        if t.is_none() {
            errors.add(
                time_field,
                "Enter the time as hours and minutes on the 24-hour clock, for example 14:30",
            );
        }
        t
    };
    let at = from_london(PrimitiveDateTime::new(date?, time?));
    // A minute's grace for a clock read just before the form was sent.
    if at > id::now_utc() + time::Duration::MINUTE {
        errors.add(
            date_field,
            format!("The date and time {what} must not be in the future"),
        );
        return None;
    }
    Some(at)
}

fn clean(input: &BreachInput) -> Result<Clean> {
    let mut e = FieldErrors::default();
    let happened = moment(
        &mut e,
        "happenedOn",
        "happenedTime",
        &input.happened_on,
        &input.happened_time,
        "the breach happened",
        true,
    );
    let discovered = moment(
        &mut e,
        "discoveredOn",
        "discoveredTime",
        &input.discovered_on,
        &input.discovered_time,
        "the breach was discovered",
        true,
    );
    if let (Some(h), Some(d)) = (happened, discovered) {
        if d < h {
            e.add(
                "discoveredOn",
                "The breach cannot have been discovered before it happened",
            );
        }
    }
    let what_happened = required_text(
        &mut e,
        "whatHappened",
        "what happened",
        "Describe what happened",
        &input.what_happened,
        LONG_TEXT,
    );
    let data_affected = required_text(
        &mut e,
        "dataAffected",
        "the data affected",
        "Say what data was affected",
        &input.data_affected,
        SHORT_TEXT,
    );
    let count_text = input.people_affected_count.trim().replace(',', "");
    let people_affected_count = if count_text.is_empty() {
        None
    } else {
        match count_text.parse::<i64>() {
            Ok(n) if (0..=100_000_000).contains(&n) => Some(n),
            _ => {
                e.add(
                    "peopleAffectedCount",
                    "Enter the number of people affected as a whole number, like 12",
                );
                None
            }
        }
    };
    let people_affected = validate::note(
        &mut e,
        "peopleAffected",
        "the people affected",
        &input.people_affected,
        SHORT_TEXT,
    );
    if people_affected_count.is_none() && people_affected.is_none() && !e.has("peopleAffectedCount")
    {
        e.add(
            "peopleAffected",
            "Say how many people were affected, or describe who they are",
        );
    }
    let risk_level = input.risk_level;
    if risk_level.is_none() {
        e.add("riskLevel", "Select the risk to the people affected");
    }
    let risk_assessment = required_text(
        &mut e,
        "riskAssessment",
        "the risk assessment",
        "Explain the risk to the people affected",
        &input.risk_assessment,
        LONG_TEXT,
    );
    let reportable = input.reportable;
    if reportable.is_none() {
        e.add(
            "reportable",
            "Select whether the breach must be reported to the ICO",
        );
    }
    let not_reportable_reason = validate::note(
        &mut e,
        "notReportableReason",
        "the reason",
        &input.not_reportable_reason,
        SHORT_TEXT,
    );
    if reportable == Some(false) && not_reportable_reason.is_none() {
        e.add(
            "notReportableReason",
            "Explain why the breach does not need reporting to the ICO",
        );
    }
    if reportable == Some(false) && risk_level.is_some_and(|r| r != RiskLevel::Unlikely) {
        e.add(
            "reportable",
            "A breach that is likely to put people at risk must be reported to the ICO",
        );
    }
    let reported = moment(
        &mut e,
        "reportedOn",
        "reportedTime",
        &input.reported_on,
        &input.reported_time,
        "it was reported to the ICO",
        false,
    );
    if reported.is_some() && reportable == Some(false) {
        e.add(
            "reportedOn",
            "You said the breach does not need reporting: leave the report date blank, or change that answer",
        );
    }
    if let (Some(r), Some(d)) = (reported, discovered) {
        if r < d {
            e.add(
                "reportedOn",
                "The breach cannot have been reported before it was discovered",
            );
        }
    }
    let ico_reference = {
        let r = input.ico_reference.trim();
        if r.is_empty() {
            None
        } else {
            Some(validate::name(
                &mut e,
                "icoReference",
                "the ICO reference",
                r,
                100,
            ))
        }
    };
    let individuals_told = input.individuals_told.unwrap_or(IndividualsTold::NotYet);
    let individuals_told_at = match individuals_told {
        IndividualsTold::Yes => {
            let date = validate::past_date(&mut e, "individualsToldOn", &input.individuals_told_on);
            if let (Some(date), Some(d)) = (date, discovered) {
                if date < to_london(d).date() {
                    e.add(
                        "individualsToldOn",
                        "People cannot have been told before the breach was discovered",
                    );
                }
            }
            date.map(|d| d.to_string())
        }
        _ => None,
    };
    let individuals_not_told_reason = validate::note(
        &mut e,
        "individualsNotToldReason",
        "the reason",
        &input.individuals_not_told_reason,
        SHORT_TEXT,
    );
    if individuals_told == IndividualsTold::No && individuals_not_told_reason.is_none() {
        e.add(
            "individualsNotToldReason",
            "Explain why the people affected were not told",
        );
    }
    let actions_taken = validate::note(
        &mut e,
        "actionsTaken",
        "the actions taken",
        &input.actions_taken,
        LONG_TEXT,
    );
    let lessons_learned = validate::note(
        &mut e,
        "lessonsLearned",
        "the lessons learned",
        &input.lessons_learned,
        LONG_TEXT,
    );
    e.finish()?;
    let (Some(happened), Some(discovered), Some(risk_level), Some(reportable)) =
        (happened, discovered, risk_level, reportable)
    else {
        return Err(Error::internal("a checked field was missing"));
    };
    Ok(Clean {
        happened_at: id::rfc3339(happened),
        discovered_at: id::rfc3339(discovered),
        what_happened,
        data_affected,
        people_affected_count,
        people_affected,
        risk_level,
        risk_assessment,
        reportable,
        not_reportable_reason: if reportable {
            None
        } else {
            not_reportable_reason
        },
        reported_at: reported.map(id::rfc3339),
        ico_reference,
        individuals_told,
        individuals_told_at,
        individuals_not_told_reason: if individuals_told == IndividualsTold::No {
            individuals_not_told_reason
        } else {
            None
        },
        actions_taken,
        lessons_learned,
        status: input.status.unwrap_or(BreachStatus::Open),
    })
}

/// Records a breach (reportable or not). Audited by field names only.
pub async fn record(s: &Session, input: BreachInput) -> Result<Breach> {
    s.require(Action::ManageBreaches)?;
    let c = clean(&input)?;
    let breach_id = id::new_id();
    let now = id::now_rfc3339();
    let closed_at = (c.status == BreachStatus::Closed).then(|| now.clone());
    let mut tx = s.db().write().await?;
    write(
        &mut tx,
        &breach_id,
        &c,
        closed_at.as_deref(),
        &now,
        true,
        s.user_id(),
    )
    .await?;
    let fields: Vec<&str> = c
        .fields()
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(k, _)| k)
        .collect();
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "breach.recorded",
            entity: "breach",
            entity_id: Some(&breach_id),
            changes: json!({"fields": fields, "reportable": c.reportable, "risk": c.risk_level.as_str()}),
        },
    )
    .await?;
    tx.commit().await?;
    get(s, &breach_id).await
}

/// Updates a breach: the whole form again. Audited with the names of the fields changed.
pub async fn update(s: &Session, breach_id: &str, input: BreachInput) -> Result<Breach> {
    s.require(Action::ManageBreaches)?;
    let c = clean(&input)?;
    let before = get(s, breach_id).await?;
    let now = id::now_rfc3339();
    let closed_at = match (before.status, c.status) {
        (_, BreachStatus::Open) => None,
        (BreachStatus::Closed, BreachStatus::Closed) => before.closed_at.clone(),
        (BreachStatus::Open, BreachStatus::Closed) => Some(now.clone()),
    };
    let old = Clean {
        happened_at: before.happened_at.clone(),
        discovered_at: before.discovered_at.clone(),
        what_happened: before.what_happened.clone(),
        data_affected: before.data_affected.clone(),
        people_affected_count: before.people_affected_count.map(i64::from),
        people_affected: before.people_affected.clone(),
        risk_level: before.risk_level,
        risk_assessment: before.risk_assessment.clone(),
        reportable: before.reportable,
        not_reportable_reason: before.not_reportable_reason.clone(),
        reported_at: before.reported_at.clone(),
        ico_reference: before.ico_reference.clone(),
        individuals_told: before.individuals_told,
        individuals_told_at: before.individuals_told_on.clone(),
        individuals_not_told_reason: before.individuals_not_told_reason.clone(),
        actions_taken: before.actions_taken.clone(),
        lessons_learned: before.lessons_learned.clone(),
        status: before.status,
    };
    let changed: Vec<&str> = c
        .fields()
        .into_iter()
        .zip(old.fields())
        .filter(|((_, new), (_, old))| new != old)
        .map(|((k, _), _)| k)
        .collect();
    if changed.is_empty() {
        return Ok(before);
    }
    let mut tx = s.db().write().await?;
    write(
        &mut tx,
        breach_id,
        &c,
        closed_at.as_deref(),
        &now,
        false,
        s.user_id(),
    )
    .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "breach.updated",
            entity: "breach",
            entity_id: Some(breach_id),
            changes: json!({"fields": changed}),
        },
    )
    .await?;
    tx.commit().await?;
    get(s, breach_id).await
}

async fn write(
    tx: &mut sqlx::SqliteConnection,
    breach_id: &str,
    c: &Clean,
    closed_at: Option<&str>,
    now: &str,
    insert: bool,
    user_id: &str,
) -> Result<()> {
    let sql = if insert {
        "INSERT INTO breaches (happened_at, discovered_at, what_happened, data_affected, \
         people_affected_count, people_affected, risk_level, risk_assessment, reportable, \
         not_reportable_reason, reported_at, ico_reference, individuals_told, \
         individuals_told_at, individuals_not_told_reason, actions_taken, lessons_learned, \
         status, closed_at, updated_at, id, recorded_by, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    } else {
        "UPDATE breaches SET happened_at = ?, discovered_at = ?, what_happened = ?, \
         data_affected = ?, people_affected_count = ?, people_affected = ?, risk_level = ?, \
         risk_assessment = ?, reportable = ?, not_reportable_reason = ?, reported_at = ?, \
         ico_reference = ?, individuals_told = ?, individuals_told_at = ?, \
         individuals_not_told_reason = ?, actions_taken = ?, lessons_learned = ?, status = ?, \
         closed_at = ?, updated_at = ? WHERE id = ?"
    };
    let mut q = sqlx::query(sql)
        .bind(&c.happened_at)
        .bind(&c.discovered_at)
        .bind(&c.what_happened)
        .bind(&c.data_affected)
        .bind(c.people_affected_count)
        .bind(&c.people_affected)
        .bind(c.risk_level)
        .bind(&c.risk_assessment)
        .bind(c.reportable)
        .bind(&c.not_reportable_reason)
        .bind(&c.reported_at)
        .bind(&c.ico_reference)
        .bind(c.individuals_told)
        .bind(&c.individuals_told_at)
        .bind(&c.individuals_not_told_reason)
        .bind(&c.actions_taken)
        .bind(&c.lessons_learned)
        .bind(c.status)
        .bind(closed_at)
        .bind(now)
        .bind(breach_id);
    if insert {
        q = q.bind(user_id).bind(now);
    }
    let done = q.execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(Error::not_found("There is no such breach in the register."));
    }
    Ok(())
}

/// UK clocks: BST (UTC+1) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
/// last Sunday of October.
fn bst(at: OffsetDateTime) -> bool {
    let year = at.year();
    let last_sunday = |month: time::Month| {
        let mut day = time::Date::from_calendar_date(year, month, 31).unwrap_or(time::Date::MIN);
        while day.weekday() != time::Weekday::Sunday {
            day = day.previous_day().unwrap_or(time::Date::MIN);
        }
        day.with_hms(1, 0, 0)
            .map(|t| t.assume_utc())
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    };
    at >= last_sunday(time::Month::March) && at < last_sunday(time::Month::October)
}

fn to_london(at: OffsetDateTime) -> PrimitiveDateTime {
    let at = at.to_offset(time::UtcOffset::UTC);
    let local = if bst(at) {
        at + time::Duration::HOUR
    } else {
        at
    };
    PrimitiveDateTime::new(local.date(), local.time())
}

/// A UK wall-clock time as UTC. In the hour the clocks go back, the earlier (BST) reading
/// is taken; a time in the hour skipped in spring is read as GMT.
fn from_london(local: PrimitiveDateTime) -> OffsetDateTime {
    let as_bst = local.assume_utc() - time::Duration::HOUR;
    if bst(as_bst) {
        as_bst
    } else {
        local.assume_utc()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn uk_wall_clock_round_trips() {
        assert_eq!(
            from_london(datetime!(2026-07-14 14:30)),
            datetime!(2026-07-14 13:30 UTC)
        );
        assert_eq!(
            from_london(datetime!(2026-01-14 14:30)),
            datetime!(2026-01-14 14:30 UTC)
        );
        assert_eq!(
            to_london(datetime!(2026-07-14 23:30 UTC)),
            datetime!(2026-07-15 00:30)
        );
    }

    #[test]
    fn time_left_reads_naturally() {
        assert_eq!(time_left_in_words(72 * 60), "3 days left");
        assert_eq!(time_left_in_words(26 * 60 + 5), "1 day 2 hours left");
        assert_eq!(time_left_in_words(65), "1 hour 5 minutes left");
        assert_eq!(time_left_in_words(40), "40 minutes left");
        assert_eq!(time_left_in_words(0), "0 minutes left");
        assert_eq!(time_left_in_words(-180), "overdue by 3 hours");
        assert_eq!(parse_time("9:05"), time::Time::from_hms(9, 5, 0).ok());
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("1430"), None);
    }
}
