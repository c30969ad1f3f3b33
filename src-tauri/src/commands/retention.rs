//! The retention schedule's review queue: list, count for the home screen, apply, keep; and
//! the schedule's settings.

use forumdesk::gdpr::retention::{
    self, RetentionChoice, RetentionEntry, RetentionOutcome, RetentionSettings,
};
use forumdesk::Error;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn retention_queue(state: State<'_, AppState>) -> Result<Vec<RetentionEntry>, Error> {
    state.activity();
    retention::queue(&*state.session().await?).await
}

#[tauri::command]
pub async fn retention_queue_count(state: State<'_, AppState>) -> Result<u32, Error> {
    retention::queue_count(&*state.session().await?).await
}

#[tauri::command]
pub async fn apply_retention(
    state: State<'_, AppState>,
    chosen: Vec<RetentionChoice>,
) -> Result<RetentionOutcome, Error> {
    state.activity();
    retention::apply(&*state.session().await?, &chosen).await
}

#[tauri::command]
pub async fn keep_retention(
    state: State<'_, AppState>,
    chosen: Vec<RetentionChoice>,
    reason: String,
) -> Result<u32, Error> {
    state.activity();
    retention::keep(&*state.session().await?, &chosen, &reason).await
}

#[tauri::command]
pub async fn retention_settings(state: State<'_, AppState>) -> Result<RetentionSettings, Error> {
    state.activity();
    retention::settings(&*state.session().await?).await
}

#[tauri::command]
pub async fn update_retention_settings(
    state: State<'_, AppState>,
    input: RetentionSettings,
) -> Result<RetentionSettings, Error> {
    state.activity();
    retention::update_settings(&*state.session().await?, input).await
}
