//! Representation: the bodies where the forum holds seats, their holders, and the meetings
//! the forum attended or missed.

use forumdesk::representation::body::{self, Body, BodyInput};
use forumdesk::representation::meeting::{self, BodyAttendance, BodyMeeting, MeetingInput};
use forumdesk::representation::seat::{self, Seat, SeatInput};
use forumdesk::{id, Error};
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_bodies(state: State<'_, AppState>) -> Result<Vec<Body>, Error> {
    state.activity();
    body::list(&*state.session().await?).await
}

/// Adds a body when `body_id` is absent, renames it otherwise.
#[tauri::command]
pub async fn save_body(
    state: State<'_, AppState>,
    body_id: Option<String>,
    input: BodyInput,
) -> Result<Body, Error> {
    state.activity();
    body::save(&*state.session().await?, body_id.as_deref(), input).await
}

#[tauri::command]
pub async fn archive_body(state: State<'_, AppState>, body_id: String) -> Result<(), Error> {
    state.activity();
    body::archive(&*state.session().await?, &body_id).await
}

#[tauri::command]
pub async fn list_seats(state: State<'_, AppState>) -> Result<Vec<Seat>, Error> {
    state.activity();
    seat::list(&*state.session().await?).await
}

#[tauri::command]
pub async fn add_seat(state: State<'_, AppState>, input: SeatInput) -> Result<Seat, Error> {
    state.activity();
    seat::add(&*state.session().await?, input).await
}

#[tauri::command]
pub async fn end_seat(
    state: State<'_, AppState>,
    seat_id: String,
    until_on: String,
) -> Result<(), Error> {
    state.activity();
    seat::end(&*state.session().await?, &seat_id, &until_on).await
}

#[tauri::command]
pub async fn record_body_meeting(
    state: State<'_, AppState>,
    input: MeetingInput,
) -> Result<BodyMeeting, Error> {
    state.activity();
    meeting::record(&*state.session().await?, input).await
}

/// The period's dates come from the UI's own date fields, so always ISO; a bad one is still
/// reported against its field so the form shows where.
fn date(text: &str, field: &str) -> Result<time::Date, Error> {
    id::parse_date(text).ok_or_else(|| Error::field(field, "Enter a real date"))
}

#[tauri::command]
pub async fn list_body_meetings(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<Vec<BodyMeeting>, Error> {
    state.activity();
    let (from, to) = (date(&from, "from")?, date(&to, "to")?);
    meeting::list(&*state.session().await?, from, to).await
}

#[tauri::command]
pub async fn body_attendance(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<Vec<BodyAttendance>, Error> {
    state.activity();
    let (from, to) = (date(&from, "from")?, date(&to, "to")?);
    meeting::attendance(&*state.session().await?, from, to).await
}
