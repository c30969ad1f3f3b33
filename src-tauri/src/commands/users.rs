use forumdesk::users::{self, ChangePasswordInput, NewUserInput, ResetPasswordInput, UserSummary};
use forumdesk::Error;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_users(state: State<'_, AppState>) -> Result<Vec<UserSummary>, Error> {
    state.activity();
    users::list(&*state.session().await?).await
}

#[tauri::command]
pub async fn add_user(
    state: State<'_, AppState>,
    input: NewUserInput,
) -> Result<UserSummary, Error> {
    state.activity();
    users::add(&*state.session().await?, input).await
}

#[tauri::command]
pub async fn disable_user(
    state: State<'_, AppState>,
    user_id: String,
) -> Result<UserSummary, Error> {
    state.activity();
    users::disable(&*state.session().await?, &user_id).await
}

#[tauri::command]
pub async fn reset_user_password(
    state: State<'_, AppState>,
    input: ResetPasswordInput,
) -> Result<UserSummary, Error> {
    state.activity();
    users::reset_password(&*state.session().await?, input).await
}

#[tauri::command]
pub async fn change_own_password(
    state: State<'_, AppState>,
    input: ChangePasswordInput,
) -> Result<(), Error> {
    state.activity();
    users::change_own_password(&*state.session().await?, input).await
}
