//! Recording, changing, finding and deleting activities.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::documents::{self, DocumentInfo};
use super::model::{ActivityKind, Level, Rung};
use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::representation::meeting::{self, Attendance, MeetingInput};
use crate::role::Action;
use crate::session::Session;
use crate::{id, validate, Error, Result};

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "ActivityInput.ts")]
pub struct ActivityInput {
    pub title: String,
    pub kind: Option<ActivityKind>,
    /// ISO or day-first. Required.
    pub starts_on: String,
    /// For activities over several days; blank for one day.
    pub ends_on: String,
    pub level: Option<Level>,
    pub rung: Option<Rung>,
    /// The organisations it was with (partner bodies and groups).
    pub organisation_ids: Vec<String>,
    /// Forum members who took part.
    pub person_ids: Vec<String>,
    /// Parent carers engaged, members or not, as typed ("12").
    pub parent_carers_engaged: String,
    /// Volunteer hours as typed: "3", "2.5" or "1:30".
    pub volunteer_hours: String,
    pub topic: String,
    pub you_said: String,
    pub we_did: String,
    pub what_changed: String,
    /// When members were told what changed; blank while the loop is open.
    pub loop_closed_on: String,
}

/// The quick add of a meeting attended at a body.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "QuickMeetingInput.ts")]
pub struct QuickMeetingInput {
    pub body_id: String,
    /// ISO or day-first. Required.
    pub held_on: String,
    pub attendance: Option<Attendance>,
    /// When the papers arrived; blank when they did not.
    pub papers_received_on: String,
    /// Forum members who went.
    pub person_ids: Vec<String>,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "NamedRef.ts")]
pub struct NamedRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Activity.ts")]
pub struct Activity {
    pub id: String,
    pub title: String,
    pub kind: ActivityKind,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub level: Option<Level>,
    pub rung: Option<Rung>,
    pub organisations: Vec<NamedRef>,
    pub people: Vec<NamedRef>,
    pub parent_carers_engaged: u32,
    pub volunteer_minutes: u32,
    pub topic: Option<String>,
    pub you_said: Option<String>,
    pub we_did: Option<String>,
    pub what_changed: Option<String>,
    pub loop_closed_on: Option<String>,
    pub documents: Vec<DocumentInfo>,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ActivitySummary.ts")]
pub struct ActivitySummary {
    pub id: String,
    pub title: String,
    pub kind: ActivityKind,
    pub starts_on: String,
    pub level: Option<Level>,
    pub rung: Option<Rung>,
    pub parent_carers_engaged: u32,
    pub volunteer_minutes: u32,
    /// The organisations' names, comma separated.
    pub organisations: String,
    /// Whether there is a "you said, we did" outcome recorded.
    pub has_outcome: bool,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "ActivityFilter.ts")]
pub struct ActivityFilter {
    pub kind: Option<ActivityKind>,
    pub level: Option<Level>,
    pub rung: Option<Rung>,
    pub organisation_id: Option<String>,
    /// ISO dates, inclusive; blank for no limit.
    pub from: String,
    pub to: String,
    /// Words in the title or topic.
    pub text: String,
}

pub const MAX_TITLE: usize = 200;
pub const MAX_TEXT: usize = 5000;
/// A generous bound (a full-time year is about 1,800 hours) that still catches a slip of the
/// keyboard.
const MAX_MINUTES: u32 = 10_000 * 60;
const MAX_ENGAGED: u32 = 1_000_000;
/// The longest an activity may run. Bounding it lets a period's activities be found from
/// the start-date index: an activity overlapping a period started at most this long before.
pub const MAX_DAYS: i64 = 366;
/// More people or organisations than any one meeting could have.
const MAX_LINKS: usize = 500;

struct Clean {
    title: String,
    kind: ActivityKind,
    starts_on: String,
    ends_on: Option<String>,
    level: Option<Level>,
    rung: Option<Rung>,
    organisation_ids: Vec<String>,
    person_ids: Vec<String>,
    parent_carers_engaged: u32,
    volunteer_minutes: u32,
    topic: Option<String>,
    you_said: Option<String>,
    we_did: Option<String>,
    what_changed: Option<String>,
    loop_closed_on: Option<String>,
}

const ENTER_DATE: Option<&str> = Some("Enter the date, for example 12/03/2026");

fn whole_number(errors: &mut FieldErrors, field: &str, what: &str, text: &str, max: u32) -> u32 {
    let text = text.trim().replace(',', "");
    if text.is_empty() {
        return 0;
    }
    match text.parse::<u32>() {
        Ok(n) if n <= max => n,
        _ => {
            errors.add(
                field,
                format!("Enter the number of {what} as a whole number, like 12"),
            );
            0
        }
    }
}

/// "3", "2.5", "2,5" or "1:30" hours, as volunteers write them, in minutes.
pub fn parse_hours(text: &str) -> std::result::Result<u32, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    let minutes = if let Some((h, m)) = text.split_once(':') {
        let h: u32 = h.trim().parse().map_err(|_| hours_message())?;
        let m: u32 = m.trim().parse().map_err(|_| hours_message())?;
        if m >= 60 {
            return Err(hours_message());
        }
        h.checked_mul(60).and_then(|h| h.checked_add(m))
    } else {
        let hours: f64 = text
            .replace(',', ".")
            .parse()
            .map_err(|_| hours_message())?;
        if !hours.is_finite() || hours < 0.0 {
            return Err(hours_message());
        }
        let minutes = (hours * 60.0).round();
        (minutes <= f64::from(MAX_MINUTES)).then(|| {
            // In range and rounded, so the conversion is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let minutes = minutes as u32;
            minutes
        })
    };
    match minutes {
        Some(m) if m <= MAX_MINUTES => Ok(m),
        _ => Err("Volunteer hours must be 10,000 or fewer".to_owned()),
    }
}

fn hours_message() -> String {
    "Enter the volunteer hours as a number, like 3, 2.5 or 1:30".to_owned()
}

async fn clean(conn: &mut SqliteConnection, input: &ActivityInput) -> Result<Clean> {
    let mut errors = FieldErrors::default();
    let title = validate::name(
        &mut errors,
        "title",
        "the activity's title",
        &input.title,
        MAX_TITLE,
    );
    let kind = input.kind.unwrap_or_else(|| {
        errors.add("kind", "Select what kind of activity it was");
        ActivityKind::Other
    });
    let starts = validate::date(&mut errors, "startsOn", &input.starts_on, ENTER_DATE);
    let ends = validate::date(&mut errors, "endsOn", &input.ends_on, None);
    if let (Some(starts), Some(ends)) = (starts, ends) {
        if ends < starts {
            errors.add(
                "endsOn",
                format!(
                    "The end must be on or after the start, {}",
                    validate::long_date(starts)
                ),
            );
        } else if (ends - starts).whole_days() > MAX_DAYS {
            errors.add(
                "endsOn",
                "An activity can last at most a year: record longer work as one activity a year",
            );
        }
    }
    let loop_closed = validate::date(&mut errors, "loopClosedOn", &input.loop_closed_on, None);
    if let (Some(starts), Some(closed)) = (starts, loop_closed) {
        if closed < starts {
            errors.add(
                "loopClosedOn",
                "Members can only be told what changed after the activity began",
            );
        }
    }
    if loop_closed.is_some_and(|d| d > id::today_london()) {
        errors.add(
            "loopClosedOn",
            "The date members were told must be today or in the past",
        );
    }
    let parent_carers_engaged = whole_number(
        &mut errors,
        "parentCarersEngaged",
        "parent carers",
        &input.parent_carers_engaged,
        MAX_ENGAGED,
    );
    let volunteer_minutes = parse_hours(&input.volunteer_hours)
        .map_err(|reason| errors.add("volunteerHours", reason))
        .unwrap_or(0);
    let text = |errors: &mut FieldErrors, field: &str, label: &str, value: &str| {
        validate::note(errors, field, label, value, MAX_TEXT)
    };
    let topic = text(&mut errors, "topic", "the topic", &input.topic);
    let you_said = text(
        &mut errors,
        "youSaid",
        "\u{201c}you said\u{201d}",
        &input.you_said,
    );
    let we_did = text(
        &mut errors,
        "weDid",
        "\u{201c}we did\u{201d}",
        &input.we_did,
    );
    let what_changed = text(
        &mut errors,
        "whatChanged",
        "what changed",
        &input.what_changed,
    );
    let organisation_ids = known_ids(
        conn,
        &mut errors,
        "organisationIds",
        "SELECT id FROM organisations WHERE id = ?",
        "Select organisations from the list",
        &input.organisation_ids,
    )
    .await?;
    let person_ids = known_ids(
        conn,
        &mut errors,
        "personIds",
        "SELECT id FROM people WHERE id = ?",
        "Select the members who took part from the members list",
        &input.person_ids,
    )
    .await?;
    errors.finish()?;
    let starts = starts.ok_or_else(|| Error::internal("A checked date is missing."))?;
    Ok(Clean {
        title,
        kind,
        starts_on: starts.to_string(),
        ends_on: ends.map(|d| d.to_string()),
        level: input.level,
        rung: input.rung,
        organisation_ids,
        person_ids,
        parent_carers_engaged,
        volunteer_minutes,
        topic,
        you_said,
        we_did,
        what_changed,
        loop_closed_on: loop_closed.map(|d| d.to_string()),
    })
}

async fn known_ids(
    conn: &mut SqliteConnection,
    errors: &mut FieldErrors,
    field: &str,
    sql: &str,
    message: &str,
    ids: &[String],
) -> Result<Vec<String>> {
    let mut ids: Vec<String> = ids.to_vec();
    ids.sort();
    ids.dedup();
    if ids.len() > MAX_LINKS {
        errors.add(field, format!("Select at most {MAX_LINKS}"));
        return Ok(Vec::new());
    }
    for id in &ids {
        let found: Option<String> = sqlx::query_scalar(sql)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
        if found.is_none() {
            errors.add(field, message);
        }
    }
    Ok(ids)
}

pub async fn create(s: &Session, input: ActivityInput) -> Result<Activity> {
    s.require(Action::EditActivities)?;
    let mut tx = s.db().write().await?;
    let activity_id = insert(&mut tx, s.user_id(), &input).await?;
    tx.commit().await?;
    load(s, &activity_id).await
}

/// Checks and records a new activity with its links and audit entry inside the caller's
/// transaction, so that it can be written together with what it evidences.
async fn insert(
    conn: &mut SqliteConnection,
    user_id: &str,
    input: &ActivityInput,
) -> Result<String> {
    let clean = clean(conn, input).await?;
    let activity_id = id::new_id();
    let now = id::now_rfc3339();
    sqlx::query(
        "INSERT INTO activities (id, title, kind, starts_on, ends_on, level, rung, \
         parent_carers_engaged, volunteer_minutes, topic, you_said, we_did, what_changed, \
         loop_closed_on, created_by, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&activity_id)
    .bind(&clean.title)
    .bind(clean.kind)
    .bind(&clean.starts_on)
    .bind(&clean.ends_on)
    .bind(clean.level)
    .bind(clean.rung)
    .bind(clean.parent_carers_engaged)
    .bind(clean.volunteer_minutes)
    .bind(&clean.topic)
    .bind(&clean.you_said)
    .bind(&clean.we_did)
    .bind(&clean.what_changed)
    .bind(&clean.loop_closed_on)
    .bind(user_id)
    .bind(&now)
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    write_links(conn, &activity_id, &clean).await?;
    audit_change(conn, user_id, "activity.created", &activity_id, &clean).await?;
    Ok(activity_id)
}

/// Records "a meeting attended" at a body: a strategic board-meeting activity named after
/// the body, and the body's meeting for its attendance, both or neither. Recording them in
/// two calls let a failed second call leave an activity that a retry then duplicated.
pub async fn record_meeting_attended(s: &Session, input: QuickMeetingInput) -> Result<Activity> {
    s.require(Action::EditActivities)?;
    let mut tx = s.db().write().await?;
    let body_name: Option<String> = sqlx::query_scalar("SELECT name FROM bodies WHERE id = ?")
        .bind(&input.body_id)
        .fetch_optional(&mut *tx)
        .await?;
    let body_name =
        body_name.ok_or_else(|| Error::field("bodyId", "Select a body from the list"))?;
    let activity = ActivityInput {
        title: body_name,
        kind: Some(ActivityKind::BoardMeeting),
        starts_on: input.held_on.clone(),
        level: Some(Level::Strategic),
        person_ids: input.person_ids,
        ..ActivityInput::default()
    };
    let activity_id = insert(&mut tx, s.user_id(), &activity).await?;
    let meeting = MeetingInput {
        body_id: input.body_id,
        held_on: input.held_on,
        attendance: input.attendance,
        papers_received_on: input.papers_received_on,
        notes: input.notes,
    };
    meeting::insert(&mut tx, s.user_id(), meeting).await?;
    tx.commit().await?;
    load(s, &activity_id).await
}

pub async fn update(s: &Session, activity_id: &str, input: ActivityInput) -> Result<Activity> {
    s.require(Action::EditActivities)?;
    let mut tx = s.db().write().await?;
    require_exists(&mut tx, activity_id).await?;
    let clean = clean(&mut tx, &input).await?;
    sqlx::query(
        "UPDATE activities SET title = ?, kind = ?, starts_on = ?, ends_on = ?, level = ?, \
         rung = ?, parent_carers_engaged = ?, volunteer_minutes = ?, topic = ?, you_said = ?, \
         we_did = ?, what_changed = ?, loop_closed_on = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&clean.title)
    .bind(clean.kind)
    .bind(&clean.starts_on)
    .bind(&clean.ends_on)
    .bind(clean.level)
    .bind(clean.rung)
    .bind(clean.parent_carers_engaged)
    .bind(clean.volunteer_minutes)
    .bind(&clean.topic)
    .bind(&clean.you_said)
    .bind(&clean.we_did)
    .bind(&clean.what_changed)
    .bind(&clean.loop_closed_on)
    .bind(id::now_rfc3339())
    .bind(activity_id)
    .execute(&mut *tx)
    .await?;
    for table in ["activity_organisations", "activity_people"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE activity_id = ?"))
            .bind(activity_id)
            .execute(&mut *tx)
            .await?;
    }
    write_links(&mut tx, activity_id, &clean).await?;
    audit_change(
        &mut tx,
        s.user_id(),
        "activity.updated",
        activity_id,
        &clean,
    )
    .await?;
    tx.commit().await?;
    load(s, activity_id).await
}

async fn write_links(conn: &mut SqliteConnection, activity_id: &str, clean: &Clean) -> Result<()> {
    for org in &clean.organisation_ids {
        sqlx::query(
            "INSERT INTO activity_organisations (activity_id, organisation_id) VALUES (?, ?)",
        )
        .bind(activity_id)
        .bind(org)
        .execute(&mut *conn)
        .await?;
    }
    for person in &clean.person_ids {
        sqlx::query("INSERT INTO activity_people (activity_id, person_id) VALUES (?, ?)")
            .bind(activity_id)
            .bind(person)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Audits what kind of activity changed, never its free text: outcomes and topics can name
/// people.
async fn audit_change(
    conn: &mut SqliteConnection,
    user_id: &str,
    action: &str,
    activity_id: &str,
    clean: &Clean,
) -> Result<()> {
    audit::append(
        conn,
        Entry {
            actor_id: Some(user_id),
            action,
            entity: "activity",
            entity_id: Some(activity_id),
            changes: json!({
                "kind": clean.kind.as_str(),
                "starts_on": clean.starts_on,
                "people": clean.person_ids.len(),
                "organisations": clean.organisation_ids.len(),
            }),
        },
    )
    .await
}

pub(crate) async fn require_exists(conn: &mut SqliteConnection, activity_id: &str) -> Result<()> {
    let found: Option<String> = sqlx::query_scalar("SELECT id FROM activities WHERE id = ?")
        .bind(activity_id)
        .fetch_optional(&mut *conn)
        .await?;
    found
        .map(drop)
        .ok_or_else(|| Error::not_found("That activity does not exist."))
}

/// Deletes an activity with its links and documents. Officers and admins only: the evidence
/// of a grant year should not disappear by a volunteer's slip.
pub async fn delete(s: &Session, activity_id: &str) -> Result<()> {
    s.require(Action::DeleteActivities)?;
    let mut tx = s.db().write().await?;
    let row: Option<(String, ActivityKind)> =
        sqlx::query_as("DELETE FROM activities WHERE id = ? RETURNING starts_on, kind")
            .bind(activity_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((starts_on, kind)) = row else {
        return Err(Error::not_found("That activity does not exist."));
    };
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "activity.deleted",
            entity: "activity",
            entity_id: Some(activity_id),
            changes: json!({"kind": kind.as_str(), "starts_on": starts_on}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(FromRow)]
struct Row {
    id: String,
    title: String,
    kind: ActivityKind,
    starts_on: String,
    ends_on: Option<String>,
    level: Option<Level>,
    rung: Option<Rung>,
    parent_carers_engaged: u32,
    volunteer_minutes: u32,
    topic: Option<String>,
    you_said: Option<String>,
    we_did: Option<String>,
    what_changed: Option<String>,
    loop_closed_on: Option<String>,
}

pub async fn get(s: &Session, activity_id: &str) -> Result<Activity> {
    s.require(Action::ViewActivities)?;
    load(s, activity_id).await
}

async fn load(s: &Session, activity_id: &str) -> Result<Activity> {
    let db = s.db().reader();
    let row: Row = sqlx::query_as(
        "SELECT id, title, kind, starts_on, ends_on, level, rung, parent_carers_engaged, \
         volunteer_minutes, topic, you_said, we_did, what_changed, loop_closed_on \
         FROM activities WHERE id = ?",
    )
    .bind(activity_id)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| Error::not_found("That activity does not exist."))?;
    let organisations: Vec<NamedRef> = sqlx::query_as(
        "SELECT o.id, o.name FROM activity_organisations ao JOIN organisations o \
         ON o.id = ao.organisation_id WHERE ao.activity_id = ? ORDER BY o.name COLLATE NOCASE",
    )
    .bind(activity_id)
    .fetch_all(db)
    .await?;
    let people: Vec<NamedRef> = sqlx::query_as(
        "SELECT p.id, p.first_name || ' ' || p.last_name AS name FROM activity_people ap \
         JOIN people p ON p.id = ap.person_id WHERE ap.activity_id = ? \
         ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE",
    )
    .bind(activity_id)
    .fetch_all(db)
    .await?;
    Ok(Activity {
        documents: documents::of(db, activity_id).await?,
        id: row.id,
        title: row.title,
        kind: row.kind,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        level: row.level,
        rung: row.rung,
        organisations,
        people,
        parent_carers_engaged: row.parent_carers_engaged,
        volunteer_minutes: row.volunteer_minutes,
        topic: row.topic,
        you_said: row.you_said,
        we_did: row.we_did,
        what_changed: row.what_changed,
        loop_closed_on: row.loop_closed_on,
    })
}

/// The most an activity list returns at once; narrower filters find the rest.
pub const MAX_LIST: i64 = 500;

/// Activities, newest first.
pub async fn list(s: &Session, filter: &ActivityFilter) -> Result<Vec<ActivitySummary>> {
    s.require(Action::ViewActivities)?;
    let mut errors = FieldErrors::default();
    let from = validate::date(&mut errors, "from", &filter.from, None);
    let to = validate::date(&mut errors, "to", &filter.to, None);
    errors.finish()?;
    let mut q = QueryBuilder::<Sqlite>::new(
        "SELECT a.id, a.title, a.kind, a.starts_on, a.level, a.rung, a.parent_carers_engaged, \
         a.volunteer_minutes, coalesce((SELECT group_concat(name, ', ') FROM (SELECT o.name \
         FROM activity_organisations ao JOIN organisations o ON o.id = ao.organisation_id \
         WHERE ao.activity_id = a.id ORDER BY o.name)), '') AS organisations, \
         (a.you_said IS NOT NULL OR a.we_did IS NOT NULL OR a.what_changed IS NOT NULL) \
         AS has_outcome FROM activities a WHERE 1 = 1",
    );
    if let Some(kind) = filter.kind {
        q.push(" AND a.kind = ").push_bind(kind.as_str());
    }
    if let Some(level) = filter.level {
        q.push(" AND a.level = ").push_bind(level.as_str());
    }
    if let Some(rung) = filter.rung {
        q.push(" AND a.rung = ").push_bind(rung.as_str());
    }
    if let Some(org) = &filter.organisation_id {
        q.push(" AND EXISTS (SELECT 1 FROM activity_organisations ao WHERE ao.activity_id = a.id AND ao.organisation_id = ")
            .push_bind(org.clone())
            .push(")");
    }
    // An activity over several days counts in any period it overlaps.
    if let Some(from) = from {
        q.push(" AND coalesce(a.ends_on, a.starts_on) >= ")
            .push_bind(from.to_string())
            .push(" AND a.starts_on >= ")
            .push_bind((from - time::Duration::days(MAX_DAYS)).to_string());
    }
    if let Some(to) = to {
        q.push(" AND a.starts_on <= ").push_bind(to.to_string());
    }
    for word in filter.text.split_whitespace().take(8) {
        let pattern = format!(
            "%{}%",
            word.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        q.push(" AND (a.title LIKE ")
            .push_bind(pattern.clone())
            .push(" ESCAPE '\\' OR a.topic LIKE ")
            .push_bind(pattern)
            .push(" ESCAPE '\\')");
    }
    q.push(" ORDER BY a.starts_on DESC, a.created_at DESC LIMIT ")
        .push_bind(MAX_LIST);
    Ok(q.build_query_as().fetch_all(s.db().reader()).await?)
}

#[cfg(test)]
mod tests {
    use super::parse_hours;

    #[test]
    fn hours_as_volunteers_write_them() {
        assert_eq!(parse_hours(""), Ok(0));
        assert_eq!(parse_hours("3"), Ok(180));
        assert_eq!(parse_hours("2.5"), Ok(150));
        assert_eq!(parse_hours("2,5"), Ok(150));
        assert_eq!(parse_hours("1:30"), Ok(90));
        assert_eq!(parse_hours("0.25"), Ok(15));
        assert_eq!(parse_hours("10000"), Ok(600_000));
        for bad in ["-1", "lots", "1:75", "NaN", "inf", "1e9", "10001", "=1+1"] {
            assert!(parse_hours(bad).is_err(), "{bad}");
        }
    }
}
