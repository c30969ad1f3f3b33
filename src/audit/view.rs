//! The audit viewer: the trail filtered by person, user, action and dates, a page at a time,
//! and an export for an auditor.
//!
//! Pages are keyset pages by `seq`, newest first: a page asks for entries `seq < before`, so
//! the thousandth page costs what the first does (never `OFFSET`). Every filter has an index
//! ending in `seq` (migration 017), and dates become a `seq` range with one probe each of the
//! `at` index, because entries are appended in time order. See docs/benchmarks.md for the
//! figures at 1,000,000 entries.
//!
//! Entries never hold personal values (the services write field names and ids into
//! `changes`), so what is shown or exported here names staff users, but members only by id.

use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use time::OffsetDateTime;
use ts_rs::TS;

use crate::error::FieldErrors;
use crate::export::neutralise;
use crate::role::Action;
use crate::session::Session;
use crate::{id, validate, Error, Result};

pub const DEFAULT_PAGE_SIZE: u32 = 50;
pub const MAX_PAGE_SIZE: u32 = 500;

/// What to show. Every field is optional; blank text counts as not given.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "AuditFilter.ts")]
pub struct AuditFilter {
    /// Entries about this person (their record, membership, consent and children).
    pub person_id: Option<String>,
    /// Entries made by this ForumDesk user (their id).
    pub user_id: Option<String>,
    /// One kind of entry, e.g. `member.viewed`.
    pub action: Option<String>,
    /// From this date (UK), inclusive: 2026-04-01 or 01/04/2026.
    pub from: Option<String>,
    /// To this date (UK), inclusive.
    pub to: Option<String>,
    /// The cursor: only entries older than this `seq` (the previous page's `nextBefore`).
    #[ts(type = "number | null")]
    pub before: Option<i64>,
    /// Entries per page: 50 unless given, at most 500.
    pub page_size: Option<u32>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AuditRow.ts")]
pub struct AuditRow {
    #[ts(type = "number")]
    pub seq: i64,
    /// RFC 3339 UTC.
    pub at: String,
    pub user_id: Option<String>,
    /// The user's own name, or None for entries made without a user (set-up, the system).
    pub user_name: Option<String>,
    pub username: Option<String>,
    pub action: String,
    /// The action in words ("Opened a member's record"), or the action itself when unknown.
    pub action_words: String,
    pub entity: String,
    pub entity_id: Option<String>,
    /// The fields changed and ids involved: never personal values.
    #[ts(type = "unknown")]
    pub changes: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AuditPage.ts")]
pub struct AuditPage {
    pub entries: Vec<AuditRow>,
    /// Pass as `before` for the next (older) page; None when this is the last.
    #[ts(type = "number | null")]
    pub next_before: Option<i64>,
}

/// A ForumDesk user as the audit log names them, for the user filter.
#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AuditUser.ts")]
pub struct AuditUser {
    pub id: String,
    pub username: String,
    pub display_name: String,
}

/// One kind of entry, for the action filter.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AuditAction.ts")]
pub struct AuditAction {
    pub action: String,
    pub words: String,
}

/// The CSV for an auditor.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AuditExport.ts")]
pub struct AuditExport {
    pub file_name: String,
    pub entries: u32,
    #[ts(skip)]
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

/// The actions services write, in words. Unknown actions (from a later version, or a typo'd
/// filter) are shown as they are.
pub const ACTIONS: &[(&str, &str)] = &[
    ("forum.created", "Set up the forum"),
    ("recovery_key.created", "Made the recovery key"),
    ("settings.updated", "Changed the forum's settings"),
    (
        "settings.membership_updated",
        "Changed the membership settings",
    ),
    ("user.created", "Added a user"),
    ("user.disabled", "Disabled a user"),
    ("user.enabled", "Re-enabled a user"),
    ("user.signed_in", "Signed in"),
    ("user.password_changed", "Changed their password"),
    ("user.password_reset", "Reset a user's password"),
    (
        "user.password_recovered",
        "Set a password with the recovery key",
    ),
    ("key_slot.strengthened", "Strengthened a key"),
    ("backup.created", "Made a backup"),
    ("backup.restored", "Restored a backup"),
    ("member.created", "Added a member"),
    ("member.updated", "Changed a member's record"),
    ("member.viewed", "Opened a member's record"),
    ("member.merged", "Merged two members' records"),
    ("member.merge_undone", "Undid a merge"),
    (
        "member.not_duplicate",
        "Marked two records as different people",
    ),
    ("members.imported", "Imported members"),
    ("members.exported", "Exported members"),
    ("membership.lapsed_overdue", "Marked memberships as lapsed"),
    ("membership.approved", "Approved a membership"),
    ("membership.renewed", "Renewed a membership"),
    ("membership.lapsed", "Marked a membership as lapsed"),
    ("membership.left", "Recorded a member leaving"),
    ("membership.rejoined", "Recorded a member rejoining"),
    ("membership.type_changed", "Changed a member's type"),
    ("consent.recorded", "Recorded consent"),
    ("child.saved", "Saved a child's needs"),
    ("child.removed", "Removed a child's needs"),
    ("equality.saved", "Saved equality information"),
    ("area.saved", "Saved an area"),
    ("import_mapping.saved", "Saved an import mapping"),
    ("organisation.created", "Added an organisation"),
    ("organisation.updated", "Changed an organisation"),
    ("organisation.viewed", "Opened an organisation"),
    (
        "organisation.contact_added",
        "Added a contact to an organisation",
    ),
    (
        "organisation.contact_removed",
        "Removed a contact from an organisation",
    ),
    ("organisation.co_opted", "Co-opted a group leader"),
    ("organisation.co_option_ended", "Ended a co-option"),
    ("affiliation.step", "Took an affiliation step"),
    ("affiliation.terms_added", "Added affiliation terms"),
    (
        "affiliation.settings_updated",
        "Changed the affiliation settings",
    ),
    ("activity.created", "Recorded an activity"),
    ("activity.updated", "Changed an activity"),
    ("activity.deleted", "Deleted an activity"),
    (
        "activity.document_added",
        "Attached a document to an activity",
    ),
    ("activity.document_opened", "Opened an activity's document"),
    (
        "activity.document_removed",
        "Removed an activity's document",
    ),
    ("body.archived", "Archived a body"),
    ("body.meeting_recorded", "Recorded a body's meeting"),
    ("seat.added", "Added a seat"),
    ("seat.ended", "Ended a seat"),
    ("grant.created", "Added a grant"),
    ("grant.budget_line_added", "Added a budget line"),
    ("grant.spend_recorded", "Recorded spending"),
    ("grant.part_done", "Marked part of a grant return done"),
    ("indicator.reviewed", "Reviewed an indicator"),
    ("report.evidence_pack", "Made an evidence pack"),
    ("audit.exported", "Exported the audit log"),
    (
        "audit.pruned",
        "Removed audit entries past the retention period",
    ),
    ("breach.recorded", "Recorded a data breach"),
    ("breach.updated", "Updated a data breach"),
    (
        "gdpr_request.recorded",
        "Logged a subject access or erasure request",
    ),
    (
        "gdpr_request.identity_checked",
        "Recorded an identity check for a request",
    ),
    ("gdpr_request.extended", "Extended a request's deadline"),
    ("gdpr_request.paused", "Stopped a request's clock"),
    ("gdpr_request.resumed", "Restarted a request's clock"),
    ("gdpr_request.closed", "Closed a request"),
    (
        "person.subject_access_exported",
        "Exported a person's data (subject access)",
    ),
    ("person.erased", "Erased a person"),
    ("retention.applied", "Applied the retention schedule"),
    ("retention.kept", "Kept records past the retention schedule"),
    (
        "settings.retention_updated",
        "Changed the retention schedule",
    ),
    ("drive.created", "Added a recruitment drive"),
    ("drive.updated", "Changed a recruitment drive"),
    ("drive.signup", "Recorded a sign-up at a drive"),
    (
        "drive.signup_accepted",
        "Accepted a drive sign-up as a member",
    ),
    ("drive.signup_discarded", "Discarded a drive sign-up"),
    ("kiosk.started", "Started the sign-up kiosk"),
    ("kiosk.left", "Ended the sign-up kiosk"),
    (
        "kiosk.leave_refused",
        "Tried to end the sign-up kiosk with a wrong password",
    ),
    ("population.cell_saved", "Saved a population figure"),
    ("population.cell_removed", "Removed a population figure"),
    (
        "population.source_set",
        "Recorded where the population figures come from",
    ),
    ("population.imported", "Imported population figures"),
    ("pack.exported", "Exported a transfer pack of sign-ups"),
    ("pack.imported", "Imported a transfer pack of sign-ups"),
];

pub fn action_words(action: &str) -> String {
    ACTIONS
        .iter()
        .find(|(a, _)| *a == action)
        .map_or_else(|| action.to_owned(), |(_, w)| (*w).to_owned())
}

/// The kinds of entry, for the action filter.
pub fn actions(s: &Session) -> Result<Vec<AuditAction>> {
    s.require(Action::ViewAudit)?;
    let mut all: Vec<AuditAction> = ACTIONS
        .iter()
        .map(|(a, w)| AuditAction {
            action: (*a).to_owned(),
            words: (*w).to_owned(),
        })
        .collect();
    all.sort_by(|a, b| a.words.cmp(&b.words));
    Ok(all)
}

/// Everyone who has used ForumDesk (disabled users too: their entries stay).
pub async fn users(s: &Session) -> Result<Vec<AuditUser>> {
    s.require(Action::ViewAudit)?;
    Ok(sqlx::query_as(
        "SELECT id, username, display_name FROM users ORDER BY display_name COLLATE NOCASE, username",
    )
    .fetch_all(s.db().reader())
    .await?)
}

/// A user named by user name (any case) or id, for the CLI's `--actor`.
pub async fn find_user(s: &Session, name: &str) -> Result<AuditUser> {
    s.require(Action::ViewAudit)?;
    sqlx::query_as("SELECT id, username, display_name FROM users WHERE username = ?1 COLLATE NOCASE OR id = ?1")
        .bind(name.trim())
        .fetch_optional(s.db().reader())
        .await?
        .ok_or_else(|| Error::not_found(format!("There is no ForumDesk user called {:?}.", name.trim())))
}

#[derive(FromRow)]
struct RawRow {
    seq: i64,
    at: String,
    actor_id: Option<String>,
    display_name: Option<String>,
    username: Option<String>,
    action: String,
    entity: String,
    entity_id: Option<String>,
    changes: String,
    prev_hash: String,
    hash: String,
}

impl RawRow {
    fn into_row(self) -> AuditRow {
        AuditRow {
            seq: self.seq,
            action_words: action_words(&self.action),
            at: self.at,
            user_id: self.actor_id,
            user_name: self.display_name,
            username: self.username,
            action: self.action,
            entity: self.entity,
            entity_id: self.entity_id,
            changes: serde_json::from_str(&self.changes)
                .unwrap_or(serde_json::Value::String(self.changes)),
        }
    }
}

/// One page of entries, newest first.
pub async fn list(s: &Session, filter: &AuditFilter) -> Result<AuditPage> {
    s.require(Action::ViewAudit)?;
    let size = page_size(filter.page_size);
    let plan = Plan::new(s, filter).await?;
    let mut rows = plan.fetch(s, filter.before, size + 1).await?;
    let more = rows.len() > size as usize;
    rows.truncate(size as usize);
    let next_before = if more {
        rows.last().map(|r| r.seq)
    } else {
        None
    };
    Ok(AuditPage {
        entries: rows.into_iter().map(RawRow::into_row).collect(),
        next_before,
    })
}

/// Every entry the filter matches (the cursor and page size are ignored), as a CSV for an
/// auditor: staff users by name, members only by id, every cell formula-safe. Audited.
pub async fn export_csv(s: &Session, filter: &AuditFilter) -> Result<AuditExport> {
    s.require(Action::ViewAudit)?;
    let plan = Plan::new(s, filter).await?;
    let mut out = Vec::with_capacity(64 * 1024);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    let mut writer = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(out);
    let write_err = |e: csv::Error| Error::internal(format!("Could not write the export: {e}"));
    writer
        .write_record([
            "Entry",
            "Time (UTC)",
            "User",
            "User name",
            "Action",
            "In words",
            "Record type",
            "Record id",
            "Changes",
            "Previous hash",
            "Hash",
        ])
        .map_err(write_err)?;
    let mut before = None;
    let mut count: u32 = 0;
    loop {
        let rows = plan.fetch(s, before, 5000).await?;
        let Some(last) = rows.last() else { break };
        before = Some(last.seq);
        for r in rows {
            let words = action_words(&r.action);
            let seq = r.seq.to_string();
            let cells = [
                seq.as_str(),
                r.at.as_str(),
                r.username.as_deref().unwrap_or(""),
                r.display_name.as_deref().unwrap_or(""),
                r.action.as_str(),
                words.as_str(),
                r.entity.as_str(),
                r.entity_id.as_deref().unwrap_or(""),
                r.changes.as_str(),
                r.prev_hash.as_str(),
                r.hash.as_str(),
            ];
            writer
                .write_record(cells.iter().map(|c| neutralise(c).into_owned()))
                .map_err(write_err)?;
            count = count.saturating_add(1);
        }
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::internal(format!("Could not write the export: {e}")))?;

    let mut used = Vec::new();
    for (name, given) in [
        ("person", plan.person.is_some()),
        ("user", plan.user.is_some()),
        ("action", plan.action.is_some()),
        (
            "from",
            filter.from.as_deref().is_some_and(|t| !t.trim().is_empty()),
        ),
        (
            "to",
            filter.to.as_deref().is_some_and(|t| !t.trim().is_empty()),
        ),
    ] {
        if given {
            used.push(name);
        }
    }
    let mut tx = s.db().write().await?;
    super::append(
        &mut tx,
        super::Entry {
            actor_id: Some(s.user_id()),
            action: "audit.exported",
            entity: "audit_log",
            entity_id: None,
            changes: serde_json::json!({"entries": count, "filters": used}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(AuditExport {
        file_name: format!("audit-log-{}.csv", id::today_london()),
        entries: count,
        bytes,
    })
}

fn page_size(asked: Option<u32>) -> u32 {
    asked.unwrap_or(DEFAULT_PAGE_SIZE).clamp(1, MAX_PAGE_SIZE)
}

/// A filter checked and turned into index ranges.
struct Plan {
    person: Option<Vec<String>>,
    user: Option<String>,
    action: Option<String>,
    /// Inclusive `seq` bounds from the dates.
    min_seq: Option<i64>,
    max_seq: Option<i64>,
    /// The dates themselves, checked on each row in the `seq` range too, so an entry written
    /// while a laptop's clock was wrong never shows under the wrong dates.
    from_at: Option<String>,
    to_at: Option<String>,
    /// The dates match no entry at all.
    empty: bool,
}

fn given(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

impl Plan {
    async fn new(s: &Session, filter: &AuditFilter) -> Result<Plan> {
        let mut errors = FieldErrors::default();
        let from = given(&filter.from).and_then(|t| validate::date(&mut errors, "from", &t, None));
        let to = given(&filter.to).and_then(|t| validate::date(&mut errors, "to", &t, None));
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                errors.add(
                    "to",
                    "The end date must be the same as or after the start date",
                );
            }
        }
        let action = given(&filter.action);
        if action.as_ref().is_some_and(|a| a.chars().count() > 100) {
            errors.add("action", "The action must be 100 characters or fewer");
        }
        let person = given(&filter.person_id);
        let user = given(&filter.user_id);
        for (field, value) in [("personId", &person), ("userId", &user)] {
            if value.as_ref().is_some_and(|v| v.chars().count() > 100) {
                errors.add(field, "The id must be 100 characters or fewer");
            }
        }
        errors.finish()?;

        let db = s.db().reader();
        // A person's entries: their record, and their children's (by the children's ids).
        let person = match person {
            None => None,
            Some(p) => {
                let mut ids: Vec<String> =
                    sqlx::query_scalar("SELECT id FROM children WHERE person_id = ?")
                        .bind(&p)
                        .fetch_all(db)
                        .await?;
                ids.insert(0, p);
                Some(ids)
            }
        };
        let mut min_seq = None;
        let mut max_seq = None;
        let mut empty = false;
        let from_at = from.map(utc_bound);
        let to_at = to.and_then(time::Date::next_day).map(utc_bound);
        if let Some(bound) = &from_at {
            let seq: Option<i64> = sqlx::query_scalar(
                "SELECT seq FROM audit_log WHERE at >= ? ORDER BY at, seq LIMIT 1",
            )
            .bind(bound)
            .fetch_optional(db)
            .await?;
            match seq {
                Some(seq) => min_seq = Some(seq),
                None => empty = true,
            }
        }
        if let Some(bound) = &to_at {
            let seq: Option<i64> = sqlx::query_scalar(
                "SELECT seq FROM audit_log WHERE at < ? ORDER BY at DESC, seq DESC LIMIT 1",
            )
            .bind(bound)
            .fetch_optional(db)
            .await?;
            match seq {
                Some(seq) => max_seq = Some(seq),
                None => empty = true,
            }
        }
        Ok(Plan {
            person,
            user,
            action,
            min_seq,
            max_seq,
            from_at,
            to_at,
            empty,
        })
    }

    async fn fetch(&self, s: &Session, before: Option<i64>, limit: u32) -> Result<Vec<RawRow>> {
        if self.empty {
            return Ok(Vec::new());
        }
        let mut sql = String::from(
            "SELECT a.seq, a.at, a.actor_id, u.display_name, u.username, a.action, a.entity, \
             a.entity_id, a.changes, a.prev_hash, a.hash \
             FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id WHERE 1 = 1",
        );
        if let Some(ids) = &self.person {
            sql.push_str(" AND a.entity IN ('person', 'child') AND a.entity_id IN (");
            sql.push_str(&vec!["?"; ids.len()].join(", "));
            sql.push(')');
        }
        if self.user.is_some() {
            sql.push_str(" AND a.actor_id = ?");
        }
        if self.action.is_some() {
            sql.push_str(" AND a.action = ?");
        }
        let upper = match (before, self.max_seq) {
            (Some(b), Some(m)) => Some(b.min(m.saturating_add(1))),
            (Some(b), None) => Some(b),
            (None, Some(m)) => Some(m.saturating_add(1)),
            (None, None) => None,
        };
        if upper.is_some() {
            sql.push_str(" AND a.seq < ?");
        }
        if self.min_seq.is_some() {
            sql.push_str(" AND a.seq >= ?");
        }
        // The unary `+` keeps the planner on the `seq` range rather than the `at` index
        // (which would read the whole date range and sort it).
        if self.from_at.is_some() {
            sql.push_str(" AND +a.at >= ?");
        }
        if self.to_at.is_some() {
            sql.push_str(" AND +a.at < ?");
        }
        sql.push_str(" ORDER BY a.seq DESC LIMIT ?");
        let mut query = sqlx::query_as::<_, RawRow>(&sql);
        if let Some(ids) = &self.person {
            for id in ids {
                query = query.bind(id);
            }
        }
        if let Some(user) = &self.user {
            query = query.bind(user);
        }
        if let Some(action) = &self.action {
            query = query.bind(action);
        }
        if let Some(upper) = upper {
            query = query.bind(upper);
        }
        if let Some(min) = self.min_seq {
            query = query.bind(min);
        }
        if let Some(at) = &self.from_at {
            query = query.bind(at);
        }
        if let Some(at) = &self.to_at {
            query = query.bind(at);
        }
        query = query.bind(i64::from(limit));
        Ok(query.fetch_all(s.db().reader()).await?)
    }
}

/// The UTC moment a UK date starts, as a prefix of the stored RFC 3339 text: without the
/// trailing `Z`, so that `at >= bound` holds for every entry in that second, whatever its
/// fraction of a second.
fn utc_bound(date: time::Date) -> String {
    let midnight_utc = date.midnight().assume_utc();
    // In summer (BST) the UK day starts at 23:00 UTC the day before.
    let bst_start = midnight_utc - time::Duration::HOUR;
    let start: OffsetDateTime = if id::london_date(bst_start) == date {
        bst_start
    } else {
        midnight_utc
    };
    let text = id::rfc3339(start);
    text.trim_end_matches('Z').to_owned()
}

#[cfg(test)]
mod tests {
    use super::utc_bound;
    use time::macros::date;

    #[test]
    fn uk_days_start_at_midnight_london_time() {
        assert_eq!(utc_bound(date!(2026 - 01 - 14)), "2026-01-14T00:00:00");
        assert_eq!(utc_bound(date!(2026 - 07 - 14)), "2026-07-13T23:00:00");
        // "2026-07-13T23:00:00.5Z" is on 14 July in London and compares after the bound.
        assert!("2026-07-13T23:00:00.5Z" >= utc_bound(date!(2026 - 07 - 14)).as_str());
        assert!("2026-07-13T22:59:59.9Z" < utc_bound(date!(2026 - 07 - 14)).as_str());
    }
}
