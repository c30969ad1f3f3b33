//! The evidence pack for a period, shown in the app and saved out as CSV, JSON or a Word
//! document.

use forumdesk::report::docx;
use forumdesk::report::evidence::{self, EvidencePack};
use forumdesk::report::figures::{self, FiguresFile, FiguresFormat};
use forumdesk::Error;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn evidence_pack(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<EvidencePack, Error> {
    state.activity();
    evidence::evidence_pack(&*state.session().await?, &from, &to).await
}

/// Writes the pack's figures to `path` (from the native save dialog). Returns the row count,
/// without the bytes.
#[tauri::command]
pub async fn save_evidence_figures(
    state: State<'_, AppState>,
    from: String,
    to: String,
    format: FiguresFormat,
    path: String,
) -> Result<FiguresFile, Error> {
    state.activity();
    let file = figures::figures(&*state.session().await?, &from, &to, format).await?;
    tokio::fs::write(&path, &file.bytes)
        .await
        .map_err(|error| {
            Error::internal(format!("The file could not be saved to {path}: {error}"))
        })?;
    Ok(file)
}

/// Writes the pack as a Word document to `path` (from the native save dialog). Returns the
/// file's size in bytes, without the bytes.
#[tauri::command]
pub async fn save_evidence_docx(
    state: State<'_, AppState>,
    from: String,
    to: String,
    path: String,
) -> Result<u64, Error> {
    state.activity();
    let bytes = {
        let session = state.session().await?;
        let pack = evidence::evidence_pack(&session, &from, &to).await?;
        docx::render(&pack, &session.info().await?.forum_name)?
    };
    tokio::fs::write(&path, &bytes).await.map_err(|error| {
        Error::internal(format!("The file could not be saved to {path}: {error}"))
    })?;
    Ok(bytes.len() as u64)
}
