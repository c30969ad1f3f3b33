//! The breach register, and the ICO deadlines for the home screen's countdown.

use forumdesk::gdpr::breaches::{self, Breach, BreachDeadline, BreachInput};
use forumdesk::Error;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_breaches(state: State<'_, AppState>) -> Result<Vec<Breach>, Error> {
    state.activity();
    breaches::list(&*state.session().await?).await
}

#[tauri::command]
pub async fn record_breach(
    state: State<'_, AppState>,
    input: BreachInput,
) -> Result<Breach, Error> {
    state.activity();
    breaches::record(&*state.session().await?, input).await
}

#[tauri::command]
pub async fn update_breach(
    state: State<'_, AppState>,
    id: String,
    input: BreachInput,
) -> Result<Breach, Error> {
    state.activity();
    breaches::update(&*state.session().await?, &id, input).await
}

/// Polled by the home screen each minute: not user activity, so it does not hold off the
/// idle lock.
#[tauri::command]
pub async fn breach_deadlines(state: State<'_, AppState>) -> Result<Vec<BreachDeadline>, Error> {
    breaches::deadlines(&*state.session().await?).await
}
