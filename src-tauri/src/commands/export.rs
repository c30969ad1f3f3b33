//! Exporting a consent-limited mailing list to a file the user chose in the save dialog.

use forumdesk::members::export::{self, ExportFile, ExportInput};
use forumdesk::Error;
use tauri::State;

use crate::AppState;

/// Builds the list and writes it to `path` (from the native save dialog). Returns what was
/// written, without the bytes.
#[tauri::command]
pub async fn export_members(
    state: State<'_, AppState>,
    input: ExportInput,
    path: String,
) -> Result<ExportFile, Error> {
    state.activity();
    let file = export::mailing_list(&*state.session().await?, &input).await?;
    tokio::fs::write(&path, &file.bytes)
        .await
        .map_err(|error| {
            Error::internal(format!("The file could not be saved to {path}: {error}"))
        })?;
    Ok(file)
}
