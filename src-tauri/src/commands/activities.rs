//! Participation activities and their documents. A document arrives as the raw IPC body (a
//! 20 MB scan as a JSON array of numbers would be several times larger and slow to parse),
//! with its name in a header; it goes back out only to a path the user chose in the save
//! dialog, so the webview never needs file-system access.

use forumdesk::activities::documents::{self, DocumentInfo};
use forumdesk::activities::{
    activity, Activity, ActivityFilter, ActivityInput, ActivitySummary, QuickMeetingInput,
};
use forumdesk::{Error, ErrorKind};
use percent_encoding::percent_decode_str;
use tauri::ipc::{InvokeBody, Request};
use tauri::State;

use crate::AppState;

/// The file's name, percent-encoded (`encodeURIComponent`): header values are ASCII only.
pub const FILE_NAME_HEADER: &str = "x-file-name";
/// The activity the document belongs to, in a header because the body is the file.
pub const ACTIVITY_HEADER: &str = "x-activity-id";

#[tauri::command]
pub async fn list_activities(
    state: State<'_, AppState>,
    filter: ActivityFilter,
) -> Result<Vec<ActivitySummary>, Error> {
    state.activity();
    activity::list(&*state.session().await?, &filter).await
}

#[tauri::command]
pub async fn get_activity(
    state: State<'_, AppState>,
    activity_id: String,
) -> Result<Activity, Error> {
    state.activity();
    activity::get(&*state.session().await?, &activity_id).await
}

#[tauri::command]
pub async fn create_activity(
    state: State<'_, AppState>,
    input: ActivityInput,
) -> Result<Activity, Error> {
    state.activity();
    activity::create(&*state.session().await?, input).await
}

/// A meeting attended at a body: the activity and the body's meeting in one transaction.
#[tauri::command]
pub async fn record_meeting_attended(
    state: State<'_, AppState>,
    input: QuickMeetingInput,
) -> Result<Activity, Error> {
    state.activity();
    activity::record_meeting_attended(&*state.session().await?, input).await
}

#[tauri::command]
pub async fn update_activity(
    state: State<'_, AppState>,
    activity_id: String,
    input: ActivityInput,
) -> Result<Activity, Error> {
    state.activity();
    activity::update(&*state.session().await?, &activity_id, input).await
}

#[tauri::command]
pub async fn delete_activity(state: State<'_, AppState>, activity_id: String) -> Result<(), Error> {
    state.activity();
    activity::delete(&*state.session().await?, &activity_id).await
}

fn bad_request(message: &str) -> Error {
    Error::new(ErrorKind::Validation, message)
}

fn header(request: &Request<'_>, name: &str) -> Result<String, Error> {
    let unreadable = || bad_request("The document's details are not readable. Try again.");
    let value = request.headers().get(name).ok_or_else(unreadable)?;
    let value = value.to_str().map_err(|_| unreadable())?;
    percent_decode_str(value)
        .decode_utf8()
        .map(|decoded| decoded.into_owned())
        .map_err(|_| unreadable())
}

#[tauri::command]
pub async fn add_activity_document(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<DocumentInfo, Error> {
    state.activity();
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(bad_request("The file must be sent as raw bytes."));
    };
    let activity_id = header(&request, ACTIVITY_HEADER)?;
    let file_name = header(&request, FILE_NAME_HEADER)?;
    documents::add(&*state.session().await?, &activity_id, &file_name, bytes).await
}

/// Writes the document to `path` (from the native save dialog).
#[tauri::command]
pub async fn save_activity_document(
    state: State<'_, AppState>,
    document_id: String,
    path: String,
) -> Result<(), Error> {
    state.activity();
    let document = documents::open(&*state.session().await?, &document_id).await?;
    tokio::fs::write(&path, &document.content)
        .await
        .map_err(|error| Error::internal(format!("The file could not be saved to {path}: {error}")))
}

#[tauri::command]
pub async fn remove_activity_document(
    state: State<'_, AppState>,
    document_id: String,
) -> Result<(), Error> {
    state.activity();
    documents::remove(&*state.session().await?, &document_id).await
}
