use forumdesk::{Error, RecoveryInput, SessionInfo, UnlockInput};
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, input: UnlockInput) -> Result<SessionInfo, Error> {
    state.activity();
    let session = state.vault.unlock(input).await?;
    super::membership::lapse_overdue_on_unlock(&session).await;
    let info = session.info().await?;
    state.replace_session(session).await;
    Ok(info)
}

#[tauri::command]
pub async fn unlock_with_recovery_key(
    state: State<'_, AppState>,
    input: RecoveryInput,
) -> Result<SessionInfo, Error> {
    state.activity();
    let session = state.vault.unlock_with_recovery_key(input).await?;
    super::membership::lapse_overdue_on_unlock(&session).await;
    let info = session.info().await?;
    state.replace_session(session).await;
    Ok(info)
}

/// Both "Lock" and "Sign out" end here; locking twice is not an error.
#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> Result<(), Error> {
    state.activity();
    state.lock_session().await;
    Ok(())
}

/// Key and pointer activity in the window, throttled by the UI, keeps auto-lock away.
#[tauri::command]
pub async fn report_activity(state: State<'_, AppState>) -> Result<(), Error> {
    state.activity();
    Ok(())
}
