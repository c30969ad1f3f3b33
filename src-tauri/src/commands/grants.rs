//! Grant periods: the April–March year, its tranches and returns, budget lines and spend.

use forumdesk::grants::period::{self, GrantInput, GrantPeriod};
use forumdesk::grants::spend::{self, BudgetLineInput, SpendEntry, SpendInput};
use forumdesk::Error;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_grants(state: State<'_, AppState>) -> Result<Vec<GrantPeriod>, Error> {
    state.activity();
    period::list(&*state.session().await?).await
}

#[tauri::command]
pub async fn create_grant(
    state: State<'_, AppState>,
    input: GrantInput,
) -> Result<GrantPeriod, Error> {
    state.activity();
    period::create(&*state.session().await?, input).await
}

/// Marks a tranche received or a return submitted on `on_date` (today when blank).
#[tauri::command]
pub async fn mark_grant_part_done(
    state: State<'_, AppState>,
    part_id: String,
    on_date: String,
) -> Result<GrantPeriod, Error> {
    state.activity();
    period::mark_done(&*state.session().await?, &part_id, &on_date).await
}

#[tauri::command]
pub async fn add_budget_line(
    state: State<'_, AppState>,
    grant_id: String,
    input: BudgetLineInput,
) -> Result<GrantPeriod, Error> {
    state.activity();
    spend::add_line(&*state.session().await?, &grant_id, input).await
}

#[tauri::command]
pub async fn record_spend(
    state: State<'_, AppState>,
    input: SpendInput,
) -> Result<GrantPeriod, Error> {
    state.activity();
    spend::record(&*state.session().await?, input).await
}

#[tauri::command]
pub async fn spend_log(
    state: State<'_, AppState>,
    grant_id: String,
) -> Result<Vec<SpendEntry>, Error> {
    state.activity();
    spend::log(&*state.session().await?, &grant_id).await
}
