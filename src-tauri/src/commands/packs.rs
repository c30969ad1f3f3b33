//! Transfer packs: a drive's sign-ups exported to an encrypted file at the path the user
//! chose in the save dialog, and a pack picked in the app imported (its bytes as the raw IPC
//! body, its name and the passphrase in percent-encoded headers).

use forumdesk::drives::pack::{self, PackExportInput, PackFile, PackImportReport};
use forumdesk::Error;
use tauri::ipc::{InvokeBody, Request};
use tauri::State;

use super::reach::{bad_request, header, FILE_NAME_HEADER};
use crate::AppState;

/// The pack's passphrase, percent-encoded.
pub const PASSPHRASE_HEADER: &str = "x-pack-passphrase";

/// Makes the pack and writes it to `path`. Returns the counts and a suggested name, without
/// the bytes.
#[tauri::command]
pub async fn export_transfer_pack(
    state: State<'_, AppState>,
    drive_id: String,
    input: PackExportInput,
    path: String,
) -> Result<PackFile, Error> {
    state.activity();
    let file = pack::export(&*state.session().await?, &drive_id, &input).await?;
    tokio::fs::write(&path, &file.bytes)
        .await
        .map_err(|error| {
            Error::internal(format!("The pack could not be saved to {path}: {error}"))
        })?;
    Ok(file)
}

#[tauri::command]
pub async fn import_transfer_pack(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<PackImportReport, Error> {
    state.activity();
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(bad_request("The pack must be sent as raw bytes."));
    };
    let file_name = header(&request, FILE_NAME_HEADER)?;
    let passphrase = header(&request, PASSPHRASE_HEADER)?;
    pack::import(&*state.session().await?, &file_name, bytes, &passphrase).await
}
