use forumdesk::members::areas::{self, Area, AreaInput};
use forumdesk::Error;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_areas(state: State<'_, AppState>) -> Result<Vec<Area>, Error> {
    state.activity();
    areas::list(&*state.session().await?).await
}

/// Adds an area (`area_id` null) or changes one.
#[tauri::command]
pub async fn save_area(
    state: State<'_, AppState>,
    area_id: Option<String>,
    input: AreaInput,
) -> Result<Area, Error> {
    state.activity();
    areas::save(&*state.session().await?, area_id.as_deref(), input).await
}
