use forumdesk::app_types::{AppState as Status, AppStatus, SetupResult};
use forumdesk::{Error, SetupInput};
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Result<AppStatus, Error> {
    state.activity();
    let session = state.session.read().await;
    let (state, session) = match session.as_ref() {
        Some(session) => (Status::Unlocked, Some(session.info().await?)),
        None if state.vault.is_initialised() => (Status::Locked, None),
        None => (Status::NeedsSetup, None),
    };
    Ok(AppStatus { state, session })
}

#[tauri::command]
pub async fn setup_forum(
    state: State<'_, AppState>,
    input: SetupInput,
) -> Result<SetupResult, Error> {
    state.activity();
    let (session, recovery_key) = state.vault.init(input).await?;
    let info = session.info().await?;
    state.replace_session(session).await;
    Ok(SetupResult {
        recovery_key: recovery_key.expose().to_owned(),
        session: info,
    })
}
