//! Meetings of the bodies: whether the forum was there, and whether the papers came 5
//! working days ahead (protocol §4.1); attendance rates by body over a period.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{FromRow, SqliteConnection};
use time::{Date, Weekday};
use ts_rs::TS;

use super::body;
use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::role::Action;
use crate::session::Session;
use crate::text_enum::text_enum;
use crate::{id, validate, Error, Result};

text_enum!(Attendance, "Attendance.ts" {
    Attended = "attended", Apologies = "apologies", NotRepresented = "not_represented",
});

/// The protocol asks for papers 5 working days before the meeting.
pub const PAPERS_WORKING_DAYS: u32 = 5;

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "MeetingInput.ts")]
pub struct MeetingInput {
    pub body_id: String,
    /// ISO or day-first. Required.
    pub held_on: String,
    pub attendance: Option<Attendance>,
    /// When the papers arrived; blank when they did not.
    pub papers_received_on: String,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "BodyMeeting.ts")]
pub struct BodyMeeting {
    pub id: String,
    pub body_id: String,
    pub body_name: String,
    pub held_on: String,
    pub attendance: Attendance,
    pub papers_received_on: Option<String>,
    /// Papers arrived 5 working days or more ahead.
    #[sqlx(skip)]
    pub papers_on_time: bool,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "BodyAttendance.ts")]
pub struct BodyAttendance {
    pub body_id: String,
    pub body_name: String,
    pub meetings: u32,
    pub attended: u32,
    pub apologies: u32,
    pub not_represented: u32,
    /// Attended as a whole percentage of the meetings, `None` when there were none.
    pub attendance_percent: Option<u32>,
    pub papers_on_time: u32,
}

/// Working days (Monday to Friday) from `received` up to the day before `held`: papers that
/// arrive on a Monday for the next Monday's meeting came 5 working days ahead. Bank holidays
/// are not known to ForumDesk, so they count as working days.
pub fn working_days_ahead(received: Date, held: Date) -> u32 {
    let mut days = 0;
    let mut day = received;
    while day < held {
        if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            days += 1;
        }
        day = day.next_day().unwrap_or(Date::MAX);
    }
    days
}

fn on_time(received: Option<&str>, held: &str) -> bool {
    match (received.and_then(id::parse_date), id::parse_date(held)) {
        (Some(received), Some(held)) => working_days_ahead(received, held) >= PAPERS_WORKING_DAYS,
        _ => false,
    }
}

pub async fn record(s: &Session, input: MeetingInput) -> Result<BodyMeeting> {
    s.require(Action::EditActivities)?;
    let mut tx = s.db().write().await?;
    let meeting = insert(&mut tx, s.user_id(), input).await?;
    tx.commit().await?;
    Ok(meeting)
}

/// Checks and records a meeting with its audit entry inside the caller's transaction, so
/// that the quick add can record it with its activity or not at all.
pub(crate) async fn insert(
    conn: &mut SqliteConnection,
    user_id: &str,
    input: MeetingInput,
) -> Result<BodyMeeting> {
    let mut errors = FieldErrors::default();
    let held = validate::date(
        &mut errors,
        "heldOn",
        &input.held_on,
        Some("Enter the date of the meeting, for example 12/03/2026"),
    );
    let attendance = input.attendance.unwrap_or_else(|| {
        errors.add("attendance", "Select whether the forum was represented");
        Attendance::NotRepresented
    });
    let received = validate::date(
        &mut errors,
        "papersReceivedOn",
        &input.papers_received_on,
        None,
    );
    if let (Some(held), Some(received)) = (held, received) {
        if received > held {
            errors.add(
                "papersReceivedOn",
                "Papers that came after the meeting did not come ahead of it: leave this blank",
            );
        }
    }
    let notes = validate::note(&mut errors, "notes", "the notes", &input.notes, 2000);
    errors.finish()?;
    let held = held.ok_or_else(|| Error::internal("A checked date is missing."))?;
    body::require_open(conn, &input.body_id).await?;
    let meeting_id = id::new_id();
    sqlx::query(
        "INSERT INTO body_meetings (id, body_id, held_on, attendance, papers_received_on, notes, \
         recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&meeting_id)
    .bind(&input.body_id)
    .bind(held.to_string())
    .bind(attendance)
    .bind(received.map(|d| d.to_string()))
    .bind(&notes)
    .bind(user_id)
    .bind(id::now_rfc3339())
    .execute(&mut *conn)
    .await?;
    audit::append(
        conn,
        Entry {
            actor_id: Some(user_id),
            action: "body.meeting_recorded",
            entity: "body",
            entity_id: Some(&input.body_id),
            changes: json!({"held_on": held.to_string(), "attendance": attendance.as_str()}),
        },
    )
    .await?;
    let body_name: String = sqlx::query_scalar("SELECT name FROM bodies WHERE id = ?")
        .bind(&input.body_id)
        .fetch_one(&mut *conn)
        .await?;
    let received = received.map(|d| d.to_string());
    Ok(BodyMeeting {
        papers_on_time: on_time(received.as_deref(), &held.to_string()),
        id: meeting_id,
        body_id: input.body_id,
        body_name,
        held_on: held.to_string(),
        attendance,
        papers_received_on: received,
        notes,
    })
}

/// Meetings held between `from` and `to` (ISO, inclusive), newest first.
pub async fn list(s: &Session, from: Date, to: Date) -> Result<Vec<BodyMeeting>> {
    s.require(Action::ViewActivities)?;
    let meetings: Vec<BodyMeeting> = sqlx::query_as(
        "SELECT m.id, m.body_id, b.name AS body_name, m.held_on, m.attendance, \
         m.papers_received_on, m.notes FROM body_meetings m JOIN bodies b ON b.id = m.body_id \
         WHERE m.held_on BETWEEN ? AND ? ORDER BY m.held_on DESC, b.sort_order",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(s.db().reader())
    .await?;
    Ok(meetings
        .into_iter()
        .map(|m| BodyMeeting {
            papers_on_time: on_time(m.papers_received_on.as_deref(), &m.held_on),
            ..m
        })
        .collect())
}

/// Attendance by body for meetings held between `from` and `to`, every body that is not
/// archived listed (a body with no meetings has no rate, not a rate of zero).
pub async fn attendance(s: &Session, from: Date, to: Date) -> Result<Vec<BodyAttendance>> {
    let meetings = list(s, from, to).await?;
    let bodies = body::list(s).await?;
    Ok(bodies
        .into_iter()
        .filter(|b| !b.archived || meetings.iter().any(|m| m.body_id == b.id))
        .map(|b| {
            let mut row = BodyAttendance {
                body_id: b.id.clone(),
                body_name: b.name,
                ..BodyAttendance::default()
            };
            for m in meetings.iter().filter(|m| m.body_id == b.id) {
                row.meetings += 1;
                match m.attendance {
                    Attendance::Attended => row.attended += 1,
                    Attendance::Apologies => row.apologies += 1,
                    Attendance::NotRepresented => row.not_represented += 1,
                }
                row.papers_on_time += u32::from(m.papers_on_time);
            }
            row.attendance_percent =
                (row.meetings > 0).then(|| (row.attended * 100 + row.meetings / 2) / row.meetings);
            row
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::working_days_ahead;
    use time::macros::date;

    #[test]
    fn papers_count_working_days_before_the_meeting() {
        // Monday to the next Monday: Mon–Fri, five working days.
        assert_eq!(
            working_days_ahead(date!(2026 - 03 - 02), date!(2026 - 03 - 09)),
            5
        );
        // Tuesday to Monday: four.
        assert_eq!(
            working_days_ahead(date!(2026 - 03 - 03), date!(2026 - 03 - 09)),
            4
        );
        // Friday to Monday: one (the Friday), the weekend does not count.
        assert_eq!(
            working_days_ahead(date!(2026 - 03 - 06), date!(2026 - 03 - 09)),
            1
        );
        // On the day, or after: none.
        assert_eq!(
            working_days_ahead(date!(2026 - 03 - 09), date!(2026 - 03 - 09)),
            0
        );
        assert_eq!(
            working_days_ahead(date!(2026 - 03 - 10), date!(2026 - 03 - 09)),
            0
        );
    }
}
