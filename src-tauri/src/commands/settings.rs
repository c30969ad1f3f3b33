use forumdesk::settings::{self, SettingsInput};
use forumdesk::{Error, SessionInfo};
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn update_settings(
    state: State<'_, AppState>,
    input: SettingsInput,
) -> Result<SessionInfo, Error> {
    state.activity();
    settings::update(&*state.session().await?, input).await
}
