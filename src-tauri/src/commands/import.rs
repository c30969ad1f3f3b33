//! Importing members from a spreadsheet. The file arrives as the raw IPC body (not a JSON
//! array of numbers, which would make a 20 MB spreadsheet several times larger and slow to
//! parse); its name and the options travel in request headers. Progress goes back to the
//! main window as `import-progress` events while the command runs.

use forumdesk::members::import::{self, ImportOptions, ImportProgress, ImportReport};
use forumdesk::{Error, ErrorKind};
use percent_encoding::percent_decode_str;
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::AppState;

/// The file's name, percent-encoded (`encodeURIComponent`): header values are ASCII only.
pub const FILE_NAME_HEADER: &str = "x-file-name";
/// The [`ImportOptions`] as JSON, percent-encoded.
pub const OPTIONS_HEADER: &str = "x-import-options";
/// Sent to the main window after each batch of rows, with an [`ImportProgress`].
pub const PROGRESS_EVENT: &str = "import-progress";
/// Only the app's one window shows the wizard; no other webview needs the counts.
const PROGRESS_WINDOW: &str = "main";

fn bad_request(message: &str) -> Error {
    Error::new(ErrorKind::Validation, message)
}

fn header(request: &Request<'_>, name: &str) -> Result<String, Error> {
    let value = request
        .headers()
        .get(name)
        .ok_or_else(|| bad_request("The import request is missing its details. Try again."))?;
    let value = value
        .to_str()
        .map_err(|_| bad_request("The import request's details are not readable."))?;
    percent_decode_str(value)
        .decode_utf8()
        .map(|decoded| decoded.into_owned())
        .map_err(|_| bad_request("The import request's details are not readable."))
}

#[tauri::command]
pub async fn import_members<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<ImportReport, Error> {
    state.activity();
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(bad_request("The file must be sent as raw bytes."));
    };
    let file_name = header(&request, FILE_NAME_HEADER)?;
    let options: ImportOptions = serde_json::from_str(&header(&request, OPTIONS_HEADER)?)
        .map_err(|_| bad_request("The import options are not valid."))?;
    let progress = |progress: ImportProgress| {
        // A lost update only leaves the bar behind until the next one or the result, so the
        // import carries on.
        let _ = app.emit_to(PROGRESS_WINDOW, PROGRESS_EVENT, progress);
    };
    let session = state.session().await?;
    import::import_with_progress(&session, &file_name, bytes, options, progress).await
}
