//! Recruitment drives, their results, and the officers' review of kiosk sign-ups.

use forumdesk::drives::drive::{self, Drive, DriveInput, DriveSummary, DriveVolunteer};
use forumdesk::drives::results::{self, DriveResults};
use forumdesk::drives::review::{self, PendingSignUp, SignUpMergeInput};
use forumdesk::members::membership::MembershipDateInput;
use forumdesk::Error;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_drives(state: State<'_, AppState>) -> Result<Vec<DriveSummary>, Error> {
    state.activity();
    drive::list(&*state.session().await?).await
}

#[tauri::command]
pub async fn get_drive(state: State<'_, AppState>, drive_id: String) -> Result<Drive, Error> {
    state.activity();
    drive::get(&*state.session().await?, &drive_id).await
}

#[tauri::command]
pub async fn create_drive(state: State<'_, AppState>, input: DriveInput) -> Result<Drive, Error> {
    state.activity();
    drive::create(&*state.session().await?, input).await
}

#[tauri::command]
pub async fn update_drive(
    state: State<'_, AppState>,
    drive_id: String,
    input: DriveInput,
) -> Result<Drive, Error> {
    state.activity();
    drive::update(&*state.session().await?, &drive_id, input).await
}

/// Who can be named as a volunteer on the drive form (active users who are not kiosks).
#[tauri::command]
pub async fn drive_volunteer_choices(
    state: State<'_, AppState>,
) -> Result<Vec<DriveVolunteer>, Error> {
    state.activity();
    drive::volunteer_choices(&*state.session().await?).await
}

#[tauri::command]
pub async fn drive_results(
    state: State<'_, AppState>,
    drive_id: String,
) -> Result<DriveResults, Error> {
    state.activity();
    results::results(&*state.session().await?, &drive_id).await
}

/// The review queue, for one drive or all.
#[tauri::command]
pub async fn pending_signups(
    state: State<'_, AppState>,
    drive_id: Option<String>,
) -> Result<Vec<PendingSignUp>, Error> {
    state.activity();
    review::pending(&*state.session().await?, drive_id.as_deref()).await
}

#[tauri::command]
pub async fn accept_signup(
    state: State<'_, AppState>,
    signup_id: String,
    input: MembershipDateInput,
) -> Result<(), Error> {
    state.activity();
    review::accept(&*state.session().await?, &signup_id, input).await
}

#[tauri::command]
pub async fn merge_signup(
    state: State<'_, AppState>,
    signup_id: String,
    input: SignUpMergeInput,
) -> Result<(), Error> {
    state.activity();
    review::merge_into(&*state.session().await?, &signup_id, input).await
}

#[tauri::command]
pub async fn discard_signup(state: State<'_, AppState>, signup_id: String) -> Result<(), Error> {
    state.activity();
    review::discard(&*state.session().await?, &signup_id).await
}
