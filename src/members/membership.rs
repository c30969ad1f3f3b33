//! The membership lifecycle: applicant → active → (renewal due) → lapsed or left, and back by
//! rejoining. Each change is a `membership_events` row and an audit entry written in the same
//! transaction as the new state, so the history and the current status cannot disagree.
//!
//! "Renewal due" is never stored: it is an active membership whose renewal date has come, so
//! it needs no job to keep it true.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};
use time::Date;
use ts_rs::TS;

use super::details::{add_months, renewal_months};
use super::model::{MemberType, MembershipEventKind, MembershipStatus};
use super::record::{self, MemberRecord};
use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::import::values;
use crate::role::Action;
use crate::session::Session;
use crate::{id, storage, validate, Error, Result};

/// A change that takes effect on a date: blank means today.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "MembershipDateInput.ts")]
pub struct MembershipDateInput {
    /// ISO (`2026-03-01`) or day-first (`1/3/2026`); today in the UK when blank.
    pub on_date: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "LeavingInput.ts")]
pub struct LeavingInput {
    /// ISO or day-first; today in the UK when blank.
    pub on_date: String,
    /// Why they left, in the volunteer's words. Required.
    pub reason: String,
}

/// One entry in a member's membership history.
#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "MembershipEvent.ts")]
pub struct MembershipEvent {
    pub id: String,
    pub kind: MembershipEventKind,
    pub on_date: String,
    pub reason: Option<String>,
    /// The display name of the user who recorded it; `None` when ForumDesk lapsed the
    /// membership itself because it was not renewed in time.
    pub recorded_by: Option<String>,
    pub recorded_at: String,
}

/// What [`lapse_overdue`] did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LapseReport {
    pub lapsed: u32,
    pub lapse_after_days: u32,
}

pub const MAX_REASON: usize = 2000;

/// The membership as stored, read inside the write transaction that changes it.
struct Current {
    status: MembershipStatus,
    member_type: MemberType,
    joined_on: Option<Date>,
    renewal_due_on: Option<Date>,
    /// The newest event, so a change is never dated before the one it follows.
    last_event: Option<(MembershipEventKind, Date)>,
}

async fn current(conn: &mut SqliteConnection, person_id: &str) -> Result<Current> {
    let row: Option<(MembershipStatus, MemberType, Option<String>, Option<String>)> =
        sqlx::query_as(
            "SELECT status, member_type, joined_on, renewal_due_on FROM memberships \
             WHERE person_id = ?",
        )
        .bind(person_id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some((status, member_type, joined_on, renewal_due_on)) = row else {
        let person: Option<String> = sqlx::query_scalar("SELECT id FROM people WHERE id = ?")
            .bind(person_id)
            .fetch_optional(&mut *conn)
            .await?;
        return Err(match person {
            Some(_) => Error::conflict("There is no membership recorded for this person."),
            None => Error::not_found("That member does not exist."),
        });
    };
    let last: Option<(MembershipEventKind, String)> = sqlx::query_as(
        "SELECT kind, on_date FROM membership_events WHERE person_id = ? \
         ORDER BY on_date DESC, recorded_at DESC, id DESC LIMIT 1",
    )
    .bind(person_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(Current {
        status,
        member_type,
        joined_on: joined_on.as_deref().and_then(id::parse_date),
        renewal_due_on: renewal_due_on.as_deref().and_then(id::parse_date),
        last_event: last.and_then(|(kind, on)| id::parse_date(&on).map(|d| (kind, d))),
    })
}

/// The date a change takes effect: today when blank, never in the future (a renewal not yet
/// paid is not a renewal), and never before the membership's last recorded change, so the
/// history reads in order.
fn effective_date(errors: &mut FieldErrors, text: &str, current: &Current) -> Option<Date> {
    let today = id::today_london();
    let text = text.trim();
    let date = if text.is_empty() {
        today
    } else {
        match values::uk_date(text) {
            Ok(date) => date,
            Err(reason) => {
                errors.add("onDate", validate::capitalise_first(&reason));
                return None;
            }
        }
    };
    if date > today {
        errors.add(
            "onDate",
            format!(
                "The date must be today or in the past (today is {})",
                validate::long_date(today)
            ),
        );
        return None;
    }
    let floor = match (current.joined_on, current.last_event) {
        (Some(joined), Some((kind, on))) if on > joined => Some((on, kind)),
        (Some(joined), _) => Some((joined, MembershipEventKind::Joined)),
        (None, Some((kind, on))) => Some((on, kind)),
        (None, None) => None,
    };
    if let Some((floor, kind)) = floor {
        if date < floor {
            let when = match kind {
                MembershipEventKind::Joined if current.status == MembershipStatus::Applicant => {
                    "they applied"
                }
                MembershipEventKind::Joined => "they joined",
                MembershipEventKind::Renewed => "they last renewed",
                MembershipEventKind::Lapsed => "their membership lapsed",
                MembershipEventKind::Left => "they left",
                MembershipEventKind::Rejoined => "they rejoined",
            };
            errors.add(
                "onDate",
                format!(
                    "The date must be on or after {}, when {when}",
                    validate::long_date(floor)
                ),
            );
            return None;
        }
    }
    Some(date)
}

/// A leaving reason is free text from a textarea: line breaks are kept (as `\n`), other control
/// characters are refused, and it is bounded so one record cannot swamp a screen or an export.
fn leaving_reason(errors: &mut FieldErrors, text: &str) -> Option<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim();
    let length = text.chars().count();
    if text.is_empty() {
        errors.add("reason", "Enter the reason they left");
        None
    } else if length > MAX_REASON {
        errors.add(
            "reason",
            format!(
                "The reason for leaving must be {MAX_REASON} characters or fewer; it is {length}"
            ),
        );
        None
    } else if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        errors.add(
            "reason",
            "The reason for leaving contains characters that cannot be stored; retype it",
        );
        None
    } else {
        Some(text.to_owned())
    }
}

async fn append_event(
    conn: &mut SqliteConnection,
    person_id: &str,
    kind: MembershipEventKind,
    on: Date,
    reason: Option<&str>,
    recorded_by: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO membership_events (id, person_id, kind, on_date, reason, recorded_by, \
         recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id::new_id())
    .bind(person_id)
    .bind(kind.as_str())
    .bind(on.to_string())
    .bind(reason)
    .bind(recorded_by)
    .bind(id::now_rfc3339())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Field names and dates only: the audit trail never holds a leaving reason's words.
async fn audit_change(
    conn: &mut SqliteConnection,
    s: &Session,
    action: &str,
    person_id: &str,
    changes: serde_json::Value,
) -> Result<()> {
    audit::append(
        conn,
        Entry {
            actor_id: Some(s.user_id()),
            action,
            entity: "person",
            entity_id: Some(person_id),
            changes,
        },
    )
    .await
}

/// Approves an applicant: they become an active member from the date given, with their first
/// renewal one renewal period later.
pub async fn approve(
    s: &Session,
    person_id: &str,
    input: MembershipDateInput,
) -> Result<MemberRecord> {
    s.require(Action::EditMembers)?;
    let mut tx = s.db().write().await?;
    approve_in(&mut tx, s, person_id, &input).await?;
    tx.commit().await?;
    record::load(s, person_id).await
}

/// [`approve`] inside the caller's transaction, for a caller that has checked the session's
/// role itself (the drives' review queue, which marks the sign-up accepted in the same
/// transaction).
pub(crate) async fn approve_in(
    conn: &mut SqliteConnection,
    s: &Session,
    person_id: &str,
    input: &MembershipDateInput,
) -> Result<()> {
    let current = current(conn, person_id).await?;
    if current.status != MembershipStatus::Applicant {
        return Err(Error::conflict("Only an applicant can be approved."));
    }
    let mut errors = FieldErrors::default();
    let on = effective_date(&mut errors, &input.on_date, &current);
    errors.finish()?;
    let on = on.ok_or_else(|| Error::internal("The date was checked but not kept."))?;
    let due = add_months(on, renewal_months(conn).await?);
    sqlx::query(
        "UPDATE memberships SET status = 'active', joined_on = ?, renewal_due_on = ? \
         WHERE person_id = ?",
    )
    .bind(on.to_string())
    .bind(due.to_string())
    .bind(person_id)
    .execute(&mut *conn)
    .await?;
    append_event(
        conn,
        person_id,
        MembershipEventKind::Joined,
        on,
        None,
        Some(s.user_id()),
    )
    .await?;
    let changes = json!({"from": "applicant", "to": "active", "on": on.to_string(),
        "renewal_due_on": due.to_string()});
    audit_change(conn, s, "membership.approved", person_id, changes).await
}

/// Renews an active membership (including one whose renewal is due).
///
/// The new renewal date is one renewal period after the later of the renewal date and the
/// date of renewing. Renewing early then costs the member nothing (the weeks they had left
/// are kept), and renewing late gives a full period from the day they reconfirmed, which is
/// what the forum knows them to have agreed to. A membership already renewed a full period
/// ahead is refused, so a second click or a renewal recorded twice does not add a year.
pub async fn renew(
    s: &Session,
    person_id: &str,
    input: MembershipDateInput,
) -> Result<MemberRecord> {
    s.require(Action::EditMembers)?;
    let mut tx = s.db().write().await?;
    let current = current(&mut tx, person_id).await?;
    if current.status != MembershipStatus::Active {
        return Err(Error::conflict(
            "Only an active member, or one whose renewal is due, can renew. A lapsed or \
             former member can rejoin instead.",
        ));
    }
    let mut errors = FieldErrors::default();
    let on = effective_date(&mut errors, &input.on_date, &current);
    errors.finish()?;
    let on = on.ok_or_else(|| Error::internal("The date was checked but not kept."))?;
    let months = renewal_months(&mut tx).await?;
    // A renewal recorded twice (a double click, or the same renewal typed in twice) would
    // otherwise add a second period: a date already a full period ahead is as far as one
    // renewal on `on` can reach.
    if let Some(due) = current.renewal_due_on {
        if due >= add_months(on, months) {
            return Err(Error::conflict(format!(
                "Their membership is already renewed until {}.",
                validate::long_date(due)
            )));
        }
    }
    let base = current.renewal_due_on.map_or(on, |due| due.max(on));
    let new_due = add_months(base, months);
    sqlx::query("UPDATE memberships SET renewal_due_on = ? WHERE person_id = ?")
        .bind(new_due.to_string())
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
    append_event(
        &mut tx,
        person_id,
        MembershipEventKind::Renewed,
        on,
        None,
        Some(s.user_id()),
    )
    .await?;
    let changes = json!({"on": on.to_string(),
        "renewal_due_on": {"from": current.renewal_due_on.map(|d| d.to_string()),
                           "to": new_due.to_string()}});
    audit_change(&mut tx, s, "membership.renewed", person_id, changes).await?;
    tx.commit().await?;
    record::load(s, person_id).await
}

/// Marks an active membership as lapsed by hand, for example when a reconfirmation letter
/// comes back "not known at this address".
pub async fn lapse(
    s: &Session,
    person_id: &str,
    input: MembershipDateInput,
) -> Result<MemberRecord> {
    s.require(Action::EditMembers)?;
    let mut tx = s.db().write().await?;
    let current = current(&mut tx, person_id).await?;
    if current.status != MembershipStatus::Active {
        return Err(Error::conflict(
            "Only an active member, or one whose renewal is due, can be marked as lapsed.",
        ));
    }
    let mut errors = FieldErrors::default();
    let on = effective_date(&mut errors, &input.on_date, &current);
    errors.finish()?;
    let on = on.ok_or_else(|| Error::internal("The date was checked but not kept."))?;
    sqlx::query("UPDATE memberships SET status = 'lapsed' WHERE person_id = ?")
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
    append_event(
        &mut tx,
        person_id,
        MembershipEventKind::Lapsed,
        on,
        None,
        Some(s.user_id()),
    )
    .await?;
    let changes = json!({"from": "active", "to": "lapsed", "on": on.to_string()});
    audit_change(&mut tx, s, "membership.lapsed", person_id, changes).await?;
    tx.commit().await?;
    record::load(s, person_id).await
}

/// Records that someone left (or withdrew their application), on a date and for a reason.
pub async fn leave(s: &Session, person_id: &str, input: LeavingInput) -> Result<MemberRecord> {
    s.require(Action::EditMembers)?;
    let mut tx = s.db().write().await?;
    let current = current(&mut tx, person_id).await?;
    if current.status == MembershipStatus::Left {
        return Err(Error::conflict(
            "They have already left the forum. A former member can rejoin instead.",
        ));
    }
    let mut errors = FieldErrors::default();
    let on = effective_date(&mut errors, &input.on_date, &current);
    let reason = leaving_reason(&mut errors, &input.reason);
    errors.finish()?;
    let (Some(on), Some(reason)) = (on, reason) else {
        return Err(Error::internal(
            "The leaving form was checked but not kept.",
        ));
    };
    sqlx::query(
        "UPDATE memberships SET status = 'left', left_on = ?, leaving_reason = ? \
         WHERE person_id = ?",
    )
    .bind(on.to_string())
    .bind(&reason)
    .bind(person_id)
    .execute(&mut *tx)
    .await?;
    append_event(
        &mut tx,
        person_id,
        MembershipEventKind::Left,
        on,
        Some(&reason),
        Some(s.user_id()),
    )
    .await?;
    let changes = json!({"from": current.status.as_str(), "to": "left", "on": on.to_string(),
        "fields": ["leaving_reason"]});
    audit_change(&mut tx, s, "membership.left", person_id, changes).await?;
    tx.commit().await?;
    record::load(s, person_id).await
}

/// Brings a lapsed or former member back: active again from the date given, with a full
/// renewal period. The date they first joined is kept (the history shows the rejoining),
/// and the leaving date and reason are cleared from the current record but stay in the
/// history's "left" event.
pub async fn rejoin(
    s: &Session,
    person_id: &str,
    input: MembershipDateInput,
) -> Result<MemberRecord> {
    s.require(Action::EditMembers)?;
    let mut tx = s.db().write().await?;
    let current = current(&mut tx, person_id).await?;
    if !matches!(
        current.status,
        MembershipStatus::Lapsed | MembershipStatus::Left
    ) {
        return Err(Error::conflict(
            "Only a lapsed or former member can rejoin.",
        ));
    }
    let mut errors = FieldErrors::default();
    let on = effective_date(&mut errors, &input.on_date, &current);
    errors.finish()?;
    let on = on.ok_or_else(|| Error::internal("The date was checked but not kept."))?;
    let due = add_months(on, renewal_months(&mut tx).await?);
    sqlx::query(
        "UPDATE memberships SET status = 'active', renewal_due_on = ?, left_on = NULL, \
         leaving_reason = NULL, joined_on = coalesce(joined_on, ?) WHERE person_id = ?",
    )
    .bind(due.to_string())
    .bind(on.to_string())
    .bind(person_id)
    .execute(&mut *tx)
    .await?;
    append_event(
        &mut tx,
        person_id,
        MembershipEventKind::Rejoined,
        on,
        None,
        Some(s.user_id()),
    )
    .await?;
    let changes = json!({"from": current.status.as_str(), "to": "active", "on": on.to_string(),
        "renewal_due_on": due.to_string()});
    audit_change(&mut tx, s, "membership.rejoined", person_id, changes).await?;
    tx.commit().await?;
    record::load(s, person_id).await
}

/// Changes whether someone is a parent carer or an associate member. Not a lifecycle event,
/// so it is in the audit trail but not the membership history. Choosing the type they
/// already have changes nothing and writes nothing.
pub async fn change_type(
    s: &Session,
    person_id: &str,
    member_type: MemberType,
) -> Result<MemberRecord> {
    s.require(Action::EditMembers)?;
    let mut tx = s.db().write().await?;
    let current = current(&mut tx, person_id).await?;
    if current.member_type == member_type {
        drop(tx);
        return record::load(s, person_id).await;
    }
    sqlx::query("UPDATE memberships SET member_type = ? WHERE person_id = ?")
        .bind(member_type.as_str())
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
    let changes = json!({"member_type": {"from": current.member_type.as_str(),
        "to": member_type.as_str()}});
    audit_change(&mut tx, s, "membership.type_changed", person_id, changes).await?;
    tx.commit().await?;
    record::load(s, person_id).await
}

/// The membership history, newest first.
pub async fn history(s: &Session, person_id: &str) -> Result<Vec<MembershipEvent>> {
    s.require(Action::ViewMembers)?;
    Ok(sqlx::query_as(
        "SELECT e.id, e.kind, e.on_date, e.reason, u.display_name AS recorded_by, e.recorded_at \
         FROM membership_events e LEFT JOIN users u ON u.id = e.recorded_by \
         WHERE e.person_id = ? ORDER BY e.on_date DESC, e.recorded_at DESC, e.id DESC",
    )
    .bind(person_id)
    .fetch_all(s.db().reader())
    .await?)
}

/// Lapses every active membership whose renewal date is more than the forum's grace period
/// (`lapse_after_days`) in the past, dated the first day after the grace ran out.
///
/// The desktop app runs this each time someone who may edit members unlocks. Lapsing is a
/// rule the admin set, not a judgement a volunteer makes member by member, so nobody should
/// have to remember to run it; and unlocking is the first moment it can run, because while
/// ForumDesk is locked the key is gone and nothing can be written. Running it then means the
/// lists are right before anyone reads them. It writes nothing when nothing is overdue, so an
/// ordinary unlock adds no audit entry; when it does lapse anyone, the events carry no
/// recorder (ForumDesk did it) and one audit entry names the user whose unlock triggered it
/// and how many were lapsed.
pub async fn lapse_overdue(s: &Session) -> Result<LapseReport> {
    s.require(Action::EditMembers)?;
    let mut tx = s.db().write().await?;
    let days: i64 = sqlx::query_scalar("SELECT lapse_after_days FROM forum WHERE id = 1")
        .fetch_one(&mut *tx)
        .await?;
    let lapse_after_days = u32::try_from(days).unwrap_or(0);
    let grace = time::Duration::days(days);
    let cutoff = id::today_london() - grace;
    let lapsed: Vec<(String, String)> = sqlx::query_as(
        "UPDATE memberships SET status = 'lapsed' WHERE status = 'active' \
         AND renewal_due_on < ? RETURNING person_id, renewal_due_on",
    )
    .bind(cutoff.to_string())
    .fetch_all(&mut *tx)
    .await?;
    if lapsed.is_empty() {
        return Ok(LapseReport {
            lapsed: 0,
            lapse_after_days,
        });
    }
    let reason = format!("Not renewed within {days} days of the renewal date");
    let now = id::now_rfc3339();
    let events: Vec<(String, String, String)> = lapsed
        .iter()
        .map(|(person_id, due)| {
            let on = id::parse_date(due).map_or(cutoff, |due| due + grace + time::Duration::DAY);
            (id::new_id(), person_id.clone(), on.to_string())
        })
        .collect();
    for chunk in storage::batches(&events, 6) {
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO membership_events (id, person_id, kind, on_date, reason, recorded_at) ",
        );
        insert.push_values(chunk, |mut b, (id, person_id, on)| {
            b.push_bind(id.as_str())
                .push_bind(person_id.as_str())
                .push("'lapsed'")
                .push_bind(on.as_str())
                .push_bind(reason.as_str())
                .push_bind(now.as_str());
        });
        insert.build().execute(&mut *tx).await?;
    }
    let count = u32::try_from(lapsed.len()).unwrap_or(u32::MAX);
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "membership.lapsed_overdue",
            entity: "forum",
            entity_id: None,
            changes: json!({"lapsed": count, "lapse_after_days": lapse_after_days}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(LapseReport {
        lapsed: count,
        lapse_after_days,
    })
}
