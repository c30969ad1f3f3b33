//! Subject access and erasure requests: the log, its steps, the home screen's due list, and
//! the subject access export to a folder the user chose.

use std::path::Path;

use forumdesk::gdpr::requests::{
    self, CloseRequestInput, DataRequest, DataRequestFilter, DataRequestInput, ExtensionInput,
    IdentityCheckInput, PauseInput,
};
use forumdesk::gdpr::sar::{self, SarExport};
use forumdesk::Error;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_data_requests(
    state: State<'_, AppState>,
    filter: DataRequestFilter,
) -> Result<Vec<DataRequest>, Error> {
    state.activity();
    requests::list(&*state.session().await?, &filter).await
}

#[tauri::command]
pub async fn data_requests_due(state: State<'_, AppState>) -> Result<Vec<DataRequest>, Error> {
    state.activity();
    requests::due(&*state.session().await?).await
}

#[tauri::command]
pub async fn record_data_request(
    state: State<'_, AppState>,
    input: DataRequestInput,
) -> Result<DataRequest, Error> {
    state.activity();
    requests::record(&*state.session().await?, input).await
}

#[tauri::command]
pub async fn data_request_identity_checked(
    state: State<'_, AppState>,
    request_id: String,
    input: IdentityCheckInput,
) -> Result<DataRequest, Error> {
    state.activity();
    requests::identity_checked(&*state.session().await?, &request_id, input).await
}

#[tauri::command]
pub async fn extend_data_request(
    state: State<'_, AppState>,
    request_id: String,
    input: ExtensionInput,
) -> Result<DataRequest, Error> {
    state.activity();
    requests::extend(&*state.session().await?, &request_id, input).await
}

#[tauri::command]
pub async fn pause_data_request(
    state: State<'_, AppState>,
    request_id: String,
    input: PauseInput,
) -> Result<DataRequest, Error> {
    state.activity();
    requests::pause(&*state.session().await?, &request_id, input).await
}

#[tauri::command]
pub async fn resume_data_request(
    state: State<'_, AppState>,
    request_id: String,
    input: PauseInput,
) -> Result<DataRequest, Error> {
    state.activity();
    requests::resume(&*state.session().await?, &request_id, input).await
}

#[tauri::command]
pub async fn close_data_request(
    state: State<'_, AppState>,
    request_id: String,
    input: CloseRequestInput,
) -> Result<DataRequest, Error> {
    state.activity();
    requests::close(&*state.session().await?, &request_id, input).await
}

/// Writes the person's subject access export into the folder holding `path`, which the
/// user chose in the native "Save as" dialog (the only dialog the app may open); the export
/// makes its own dated folder there.
#[tauri::command]
pub async fn export_subject_access(
    state: State<'_, AppState>,
    person_id: String,
    request_id: Option<String>,
    path: String,
) -> Result<SarExport, Error> {
    state.activity();
    let chosen = Path::new(&path);
    let folder = if chosen.is_dir() {
        chosen
    } else {
        chosen
            .parent()
            .ok_or_else(|| Error::field("path", "Choose a folder to save the export in"))?
    };
    sar::export(
        &*state.session().await?,
        &person_id,
        folder,
        request_id.as_deref(),
    )
    .await
}
