use forumdesk::members::children::{self, ChildInput, EqualityInput};
use forumdesk::members::consent::{self, ConsentEvent, ConsentInput, ConsentPurpose};
use forumdesk::members::search::{self, MemberPage, MemberQuery};
use forumdesk::members::{self, MemberDetails, MemberRecord, MembershipStart};
use forumdesk::Error;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn search_members(
    state: State<'_, AppState>,
    query: MemberQuery,
) -> Result<MemberPage, Error> {
    state.activity();
    search::search(&*state.session().await?, &query).await
}

#[tauri::command]
pub async fn get_member(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<MemberRecord, Error> {
    state.activity();
    members::get(&*state.session().await?, &person_id).await
}

#[tauri::command]
pub async fn create_member(
    state: State<'_, AppState>,
    details: MemberDetails,
    start: MembershipStart,
) -> Result<MemberRecord, Error> {
    state.activity();
    members::create(&*state.session().await?, details, start).await
}

#[tauri::command]
pub async fn update_member(
    state: State<'_, AppState>,
    person_id: String,
    details: MemberDetails,
) -> Result<MemberRecord, Error> {
    state.activity();
    members::update(&*state.session().await?, &person_id, details).await
}

#[tauri::command]
pub async fn consent_purposes(state: State<'_, AppState>) -> Result<Vec<ConsentPurpose>, Error> {
    state.activity();
    consent::purposes(&*state.session().await?).await
}

#[tauri::command]
pub async fn consent_history(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<ConsentEvent>, Error> {
    state.activity();
    consent::history(&*state.session().await?, &person_id).await
}

#[tauri::command]
pub async fn record_consent(
    state: State<'_, AppState>,
    person_id: String,
    input: ConsentInput,
) -> Result<MemberRecord, Error> {
    state.activity();
    consent::record(&*state.session().await?, &person_id, input).await
}

/// Adds a child (`child_id` null) or changes one.
#[tauri::command]
pub async fn save_child(
    state: State<'_, AppState>,
    person_id: String,
    child_id: Option<String>,
    input: ChildInput,
) -> Result<MemberRecord, Error> {
    state.activity();
    children::save(
        &*state.session().await?,
        &person_id,
        child_id.as_deref(),
        input,
    )
    .await
}

#[tauri::command]
pub async fn remove_child(
    state: State<'_, AppState>,
    person_id: String,
    child_id: String,
) -> Result<MemberRecord, Error> {
    state.activity();
    children::remove(&*state.session().await?, &person_id, &child_id).await
}

#[tauri::command]
pub async fn save_equality(
    state: State<'_, AppState>,
    person_id: String,
    input: EqualityInput,
) -> Result<MemberRecord, Error> {
    state.activity();
    children::save_equality(&*state.session().await?, &person_id, input).await
}
