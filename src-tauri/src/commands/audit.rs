//! The audit viewer: a filtered page, the filters' choices, the chain check, and the CSV for
//! an auditor saved where the native dialog said.

use forumdesk::audit::view::{self, AuditAction, AuditExport, AuditFilter, AuditPage, AuditUser};
use forumdesk::audit::{self, AuditReport};
use forumdesk::Error;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_audit(
    state: State<'_, AppState>,
    filter: AuditFilter,
) -> Result<AuditPage, Error> {
    state.activity();
    view::list(&*state.session().await?, &filter).await
}

#[tauri::command]
pub async fn audit_users(state: State<'_, AppState>) -> Result<Vec<AuditUser>, Error> {
    view::users(&*state.session().await?).await
}

#[tauri::command]
pub async fn audit_actions(state: State<'_, AppState>) -> Result<Vec<AuditAction>, Error> {
    view::actions(&*state.session().await?)
}

#[tauri::command]
pub async fn verify_audit(state: State<'_, AppState>) -> Result<AuditReport, Error> {
    state.activity();
    audit::verify(&*state.session().await?).await
}

/// Writes the filtered entries to `path` (from the native save dialog); returns the count,
/// without the bytes.
#[tauri::command]
pub async fn save_audit_export(
    state: State<'_, AppState>,
    filter: AuditFilter,
    path: String,
) -> Result<AuditExport, Error> {
    state.activity();
    let export = view::export_csv(&*state.session().await?, &filter).await?;
    tokio::fs::write(&path, &export.bytes)
        .await
        .map_err(|error| {
            Error::internal(format!("The file could not be saved to {path}: {error}"))
        })?;
    Ok(export)
}
