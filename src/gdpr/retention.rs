//! The retention schedule and its review queue. Nothing is ever deleted silently: the rules
//! only list what they catch, each with a reason in words, and an officer or admin erases
//! the entries (through the same tombstone path as an erasure request) or keeps them with a
//! recorded reason. A kept entry leaves the queue for a year; if the rule still catches it
//! then, it comes back.
//!
//! The rules (months and the age are settings, defaults in brackets):
//! - lapsed or left members, lapsed or left more than N months ago (24);
//! - applicants never confirmed, applied more than N months ago (6): where kiosk sign-ups
//!   land;
//! - people whose only basis was consent, now withdrawn: no membership, or they left, and
//!   every consent they gave has been withdrawn;
//! - children's needs of young people now past 25: just those children's details go, leaving
//!   the anonymous counts;
//! - audit entries older than N months (72): one queue entry for all of them; applying it
//!   removes them and records where the trail now starts (`audit::prune`), so the rest still
//!   verifies.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use super::erase::{self, ErasureReport};
use crate::audit::{self, prune, Entry};
use crate::error::FieldErrors;
use crate::members::children;
use crate::role::Action;
use crate::session::Session;
use crate::text_enum::text_enum;
use crate::{id, validate, Error, Result};

text_enum!(
    /// Which retention rule caught an entry of the review queue.
    RetentionRule, "RetentionRule.ts" {
        LeftMembers = "left_members", UnconfirmedApplicants = "unconfirmed_applicants",
        ConsentWithdrawn = "consent_withdrawn", ChildrenOverAge = "children_over_age",
        AuditEntries = "audit_entries",
    }
);

pub const LEFT_MONTHS_RANGE: std::ops::RangeInclusive<u32> = 1..=240;
pub const APPLICANT_MONTHS_RANGE: std::ops::RangeInclusive<u32> = 1..=120;
pub const CHILD_AGE_RANGE: std::ops::RangeInclusive<u32> = 16..=30;
pub const AUDIT_MONTHS_RANGE: std::ops::RangeInclusive<u32> = 12..=240;

/// How long the forum keeps what each rule covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "RetentionSettings.ts")]
pub struct RetentionSettings {
    /// Months after a membership lapsed or ended (default 24).
    pub left_months: u32,
    /// Months after applying, for applicants never confirmed (default 6).
    pub applicant_months: u32,
    /// The age past which a young person's needs are no longer kept (default 25).
    pub child_age: u32,
    /// Months an audit entry is kept (default 72, six years).
    pub audit_months: u32,
}

/// One entry of the review queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "RetentionEntry.ts")]
pub struct RetentionEntry {
    pub rule: RetentionRule,
    /// The person, or the child for the children's-needs rule; `AUDIT_SUBJECT` for the
    /// audit entries (one queue entry for all of them).
    pub subject_id: Option<String>,
    /// The person the entry is about (the parent carer, for a child).
    pub person_id: Option<String>,
    /// The person's name as the members list shows it.
    pub name: Option<String>,
    /// Why the rule caught it, in words: "Left on 03/01/2024, more than 24 months ago".
    pub reason: String,
    /// False for what cannot be applied. Every rule can be applied now; kept so a rule
    /// added later can list without applying.
    pub actionable: bool,
}

/// An entry chosen in the queue, by its rule and subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "RetentionChoice.ts")]
pub struct RetentionChoice {
    pub rule: RetentionRule,
    pub subject_id: String,
}

/// What applying the chosen entries did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "RetentionOutcome.ts")]
pub struct RetentionOutcome {
    pub people_erased: u32,
    pub children_removed: u32,
    pub audit_entries_removed: u32,
}

/// The subject of the audit rule's one queue entry (and of a decision to keep them).
pub const AUDIT_SUBJECT: &str = "audit_log";

/// The moment before which audit entries are past their retention period: midnight at the
/// start of the day `months` before `today`, as RFC 3339 UTC.
fn audit_cutoff(today: time::Date, months: u32) -> String {
    let mut year = today.year();
    let mut month = i32::from(u8::from(today.month())) - i32::try_from(months).unwrap_or(0);
    while month < 1 {
        month += 12;
        year -= 1;
    }
    let month =
        time::Month::try_from(u8::try_from(month).unwrap_or(1)).unwrap_or(time::Month::January);
    let day = today.day().min(month.length(year));
    let date = time::Date::from_calendar_date(year, month, day).unwrap_or(today);
    format!("{date}T00:00:00Z")
}

pub async fn settings(s: &Session) -> Result<RetentionSettings> {
    s.require(Action::ApplyRetention)?;
    read_settings(&mut *s.db().reader().acquire().await?).await
}

async fn read_settings(conn: &mut SqliteConnection) -> Result<RetentionSettings> {
    Ok(sqlx::query_as(
        "SELECT retention_left_months AS left_months, retention_applicant_months AS \
         applicant_months, retention_child_age AS child_age, retention_audit_months AS \
         audit_months FROM forum WHERE id = 1",
    )
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn update_settings(s: &Session, input: RetentionSettings) -> Result<RetentionSettings> {
    s.require(Action::UpdateSettings)?;
    let mut errors = FieldErrors::default();
    for (field, value, range, what) in [
        (
            "leftMonths",
            input.left_months,
            LEFT_MONTHS_RANGE,
            "a number of months",
        ),
        (
            "applicantMonths",
            input.applicant_months,
            APPLICANT_MONTHS_RANGE,
            "a number of months",
        ),
        ("childAge", input.child_age, CHILD_AGE_RANGE, "an age"),
        (
            "auditMonths",
            input.audit_months,
            AUDIT_MONTHS_RANGE,
            "a number of months",
        ),
    ] {
        if !range.contains(&value) {
            errors.add(
                field,
                format!("Enter {what} between {} and {}", range.start(), range.end()),
            );
        }
    }
    errors.finish()?;
    let mut tx = s.db().write().await?;
    sqlx::query(
        "UPDATE forum SET retention_left_months = ?, retention_applicant_months = ?, \
         retention_child_age = ?, retention_audit_months = ? WHERE id = 1",
    )
    .bind(input.left_months)
    .bind(input.applicant_months)
    .bind(input.child_age)
    .bind(input.audit_months)
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "settings.retention_updated",
            entity: "forum",
            entity_id: None,
            changes: json!(input),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(input)
}

/// What the rules catch today, less what someone chose to keep (until its review date).
pub async fn queue(s: &Session) -> Result<Vec<RetentionEntry>> {
    s.require(Action::ApplyRetention)?;
    let mut conn = s.db().reader().acquire().await?;
    caught(&mut conn, id::today_london()).await
}

/// How many entries can be acted on, for the home screen.
pub async fn queue_count(s: &Session) -> Result<u32> {
    let entries = queue(s).await?;
    Ok(u32::try_from(entries.iter().filter(|e| e.actionable).count()).unwrap_or(u32::MAX))
}

/// "2024-01-03" as "03/01/2024".
fn uk(date: &str) -> String {
    match id::parse_date(date.get(..10).unwrap_or(date)) {
        Some(d) => format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year()),
        None => date.to_owned(),
    }
}

/// A child: id, person, name, year of birth, age band, the date it was recorded.
type ChildRow = (String, String, String, Option<i32>, Option<String>, String);

/// A person row a rule caught: id, name, the date the rule counts from, and what happened.
type Caught = (String, String, String, String);

async fn caught(conn: &mut SqliteConnection, today: time::Date) -> Result<Vec<RetentionEntry>> {
    let settings = read_settings(conn).await?;
    let today_s = today.to_string();
    let mut entries: Vec<RetentionEntry> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut person =
        |entries: &mut Vec<RetentionEntry>, rule: RetentionRule, (id, name, _, reason): Caught| {
            if seen.insert(id.clone()) {
                entries.push(RetentionEntry {
                    rule,
                    subject_id: Some(id.clone()),
                    person_id: Some(id),
                    name: Some(name),
                    reason,
                    actionable: true,
                });
            }
        };
    const NAME: &str = "trim(coalesce(p.preferred_name, p.first_name || ' ' || p.last_name))";

    // Lapsed or left more than N months ago. A lapse's date is its latest "lapsed" event.
    let left: Vec<(String, String, String, String)> = sqlx::query_as(&format!(
        "SELECT p.id, {NAME}, x.on_date, x.status FROM ( \
           SELECT m.person_id, m.status, CASE m.status WHEN 'left' THEN m.left_on ELSE \
             coalesce((SELECT max(e.on_date) FROM membership_events e WHERE e.person_id = \
             m.person_id AND e.kind = 'lapsed'), m.renewal_due_on) END AS on_date \
           FROM memberships m WHERE m.status IN ('left', 'lapsed')) x \
         JOIN people p ON p.id = x.person_id \
         WHERE p.erased_at IS NULL AND x.on_date IS NOT NULL \
         AND x.on_date <= date(?1, '-' || ?2 || ' months') ORDER BY x.on_date, p.id"
    ))
    .bind(&today_s)
    .bind(settings.left_months)
    .fetch_all(&mut *conn)
    .await?;
    for (id, name, on, status) in left {
        let what = if status == "left" {
            "Left"
        } else {
            "Membership lapsed"
        };
        let reason = format!(
            "{what} on {}, more than {} months ago",
            uk(&on),
            settings.left_months
        );
        person(
            &mut entries,
            RetentionRule::LeftMembers,
            (id, name, on, reason),
        );
    }

    // Applicants never confirmed.
    let applicants: Vec<(String, String, String)> = sqlx::query_as(&format!(
        "SELECT p.id, {NAME}, date(p.created_at) FROM memberships m JOIN people p \
         ON p.id = m.person_id WHERE m.status = 'applicant' AND p.erased_at IS NULL \
         AND date(p.created_at) <= date(?1, '-' || ?2 || ' months') ORDER BY p.created_at, p.id"
    ))
    .bind(&today_s)
    .bind(settings.applicant_months)
    .fetch_all(&mut *conn)
    .await?;
    for (id, name, on) in applicants {
        let reason = format!(
            "Applied on {} and was never confirmed, more than {} months ago",
            uk(&on),
            settings.applicant_months
        );
        person(
            &mut entries,
            RetentionRule::UnconfirmedApplicants,
            (id, name, on, reason),
        );
    }

    // Only consent was left, and it is all withdrawn.
    let withdrawn: Vec<(String, String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT p.id, {NAME}, m.left_on FROM people p LEFT JOIN memberships m \
         ON m.person_id = p.id WHERE p.erased_at IS NULL AND p.consent_given = 0 \
         AND (m.person_id IS NULL OR m.status = 'left') \
         AND EXISTS (SELECT 1 FROM consent_captures c WHERE c.person_id = p.id) ORDER BY p.id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    for (id, name, left_on) in withdrawn {
        let reason = match &left_on {
            Some(on) => format!(
                "Left on {}, and every consent they gave has been withdrawn",
                uk(on)
            ),
            None => "Not a member, and every consent they gave has been withdrawn".to_owned(),
        };
        person(
            &mut entries,
            RetentionRule::ConsentWithdrawn,
            (id, name, left_on.unwrap_or_default(), reason),
        );
    }

    // Young people now past the age (from the year of birth, or the age band and when it
    // was recorded): only certain once even a late birthday has passed.
    let kids: Vec<ChildRow> = sqlx::query_as(&format!(
        "SELECT c.id, p.id, {NAME}, c.year_of_birth, c.age_band, date(c.created_at) \
             FROM children c JOIN people p ON p.id = c.person_id WHERE p.erased_at IS NULL \
             ORDER BY c.year_of_birth, c.created_at, c.id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    let limit = i32::try_from(settings.child_age).unwrap_or(25);
    for (child, person_id, name, year, band, recorded) in kids {
        // The youngest they can be today.
        let (youngest, how) = match (year, band.as_deref()) {
            (Some(y), _) => (today.year() - y - 1, format!("Born in {y}")),
            (None, Some(band)) => {
                let low: i32 = band
                    .split('-')
                    .next()
                    .and_then(|l| l.parse().ok())
                    .unwrap_or(0);
                let since = id::parse_date(&recorded).map_or(0, |d| {
                    let mut years = today.year() - d.year();
                    if (today.month(), today.day()) < (d.month(), d.day()) {
                        years -= 1;
                    }
                    years
                });
                (
                    low + since,
                    format!("Aged {band} when recorded on {}", uk(&recorded)),
                )
            }
            (None, None) => continue,
        };
        if youngest > limit {
            entries.push(RetentionEntry {
                rule: RetentionRule::ChildrenOverAge,
                subject_id: Some(child),
                person_id: Some(person_id),
                name: Some(name),
                reason: format!("{how}: their child is now over {limit}"),
                actionable: true,
            });
        }
    }

    // Old audit entries: one entry for all of them.
    let cutoff = audit_cutoff(today, settings.audit_months);
    if let Some((_, old_audit)) = prune::prunable(conn, &cutoff).await? {
        entries.push(RetentionEntry {
            rule: RetentionRule::AuditEntries,
            subject_id: Some(AUDIT_SUBJECT.to_owned()),
            person_id: None,
            name: None,
            reason: format!(
                "{old_audit} audit {} written before {}, more than {} months ago. Applying \
                 removes {}; the trail keeps the last one's fingerprint, so what remains can \
                 still be checked.",
                if old_audit == 1 {
                    "entry was"
                } else {
                    "entries were"
                },
                uk(&cutoff),
                settings.audit_months,
                if old_audit == 1 { "it" } else { "them" },
            ),
            actionable: true,
        });
    }

    // Kept entries stay out of the queue until their review date.
    let kept: Vec<(String, String)> =
        sqlx::query_as("SELECT rule, subject_id FROM retention_keeps WHERE review_on > ?")
            .bind(&today_s)
            .fetch_all(&mut *conn)
            .await?;
    entries.retain(|e| {
        !kept.iter().any(|(rule, subject)| {
            rule == e.rule.as_str() && Some(subject.as_str()) == e.subject_id.as_deref()
        })
    });
    Ok(entries)
}

/// The chosen entries that the rules still catch (a stale screen cannot erase someone who
/// has since renewed), or an error naming what is wrong.
fn still_caught<'a>(
    caught: &'a [RetentionEntry],
    chosen: &[RetentionChoice],
) -> Result<Vec<&'a RetentionEntry>> {
    if chosen.is_empty() {
        return Err(Error::field("entries", "Select at least one entry"));
    }
    let mut out = Vec::new();
    for choice in chosen {
        let entry = caught
            .iter()
            .find(|e| e.rule == choice.rule && e.subject_id.as_deref() == Some(&choice.subject_id))
            .ok_or_else(|| {
                Error::conflict(
                    "An entry you chose is no longer in the queue (someone may have renewed or \
                     been kept since). Refresh the queue and choose again.",
                )
            })?;
        out.push(entry);
    }
    Ok(out)
}

/// Applies the chosen entries: people are erased (the tombstone path: irreversible), and
/// children past the age have their details removed. One audit entry, with counts only.
pub async fn apply(s: &Session, chosen: &[RetentionChoice]) -> Result<RetentionOutcome> {
    s.require(Action::ApplyRetention)?;
    let mut tx = s.db().write().await?;
    let today = id::today_london();
    let caught = caught(&mut tx, today).await?;
    let entries = still_caught(&caught, chosen)?;
    let mut people: Vec<String> = Vec::new();
    let mut outcome = RetentionOutcome::default();
    let mut rules = serde_json::Map::new();
    for entry in &entries {
        let n = rules.entry(entry.rule.as_str()).or_insert(json!(0));
        *n = json!(n.as_u64().unwrap_or(0) + 1);
    }
    for entry in &entries {
        let subject = entry.subject_id.clone().unwrap_or_default();
        match entry.rule {
            RetentionRule::ChildrenOverAge => {
                let person = entry.person_id.as_deref().unwrap_or_default();
                outcome.children_removed +=
                    u32::try_from(children::remove_for_retention(&mut tx, person, &subject).await?)
                        .unwrap_or(0);
            }
            RetentionRule::AuditEntries => {
                let months = read_settings(&mut tx).await?.audit_months;
                let cutoff = audit_cutoff(today, months);
                let removed = prune::prune_before(&mut tx, Some(s.user_id()), &cutoff).await?;
                outcome.audit_entries_removed = u32::try_from(removed).unwrap_or(u32::MAX);
            }
            _ => {
                if !people.contains(&subject) {
                    people.push(subject);
                }
            }
        }
    }
    let report: ErasureReport = erase::erase_all(&mut tx, &people).await?;
    outcome.people_erased = report.people;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "retention.applied",
            entity: "retention",
            entity_id: None,
            changes: json!({"rules": rules, "people_erased": outcome.people_erased,
                "children_removed": outcome.children_removed,
                "audit_entries_removed": outcome.audit_entries_removed}),
        },
    )
    .await?;
    tx.commit().await?;
    erase::forget(s).await?;
    Ok(outcome)
}

/// Keeps the chosen entries for a year, with the reason recorded.
pub async fn keep(s: &Session, chosen: &[RetentionChoice], reason: &str) -> Result<u32> {
    s.require(Action::ApplyRetention)?;
    let mut errors = FieldErrors::default();
    let reason = validate::note(&mut errors, "reason", "the reason", reason, 500);
    if reason.is_none() {
        errors.add("reason", "Enter why the forum is keeping this");
    }
    errors.finish()?;
    let reason = reason.unwrap_or_default();
    let mut tx = s.db().write().await?;
    let today = id::today_london();
    let caught = caught(&mut tx, today).await?;
    let entries = still_caught(&caught, chosen)?;
    let review_on = today
        .replace_year(today.year() + 1)
        .unwrap_or_else(|_| today + time::Duration::days(365))
        .to_string();
    let now = id::now_rfc3339();
    for entry in &entries {
        let keep_id = id::new_id();
        sqlx::query(
            "INSERT INTO retention_keeps (id, rule, person_id, subject_id, reason, kept_by, \
             kept_at, review_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&keep_id)
        .bind(entry.rule.as_str())
        .bind(&entry.person_id)
        .bind(&entry.subject_id)
        .bind(&reason)
        .bind(s.user_id())
        .bind(&now)
        .bind(&review_on)
        .execute(&mut *tx)
        .await?;
        audit::append(
            &mut tx,
            Entry {
                actor_id: Some(s.user_id()),
                action: "retention.kept",
                entity: "retention_keep",
                entity_id: Some(&keep_id),
                changes: json!({"rule": entry.rule.as_str(), "person_id": entry.person_id,
                    "review_on": review_on, "fields": ["reason"]}),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(u32::try_from(entries.len()).unwrap_or(u32::MAX))
}
