//! Erasing a person (admin only; the screen has had the erasure typed-confirmed).

use forumdesk::gdpr::erase::{self, ErasureReport};
use forumdesk::Error;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn erase_person(
    state: State<'_, AppState>,
    person_id: String,
    request_id: Option<String>,
) -> Result<ErasureReport, Error> {
    state.activity();
    erase::erase(&*state.session().await?, &person_id, request_id.as_deref()).await
}
