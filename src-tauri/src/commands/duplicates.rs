use forumdesk::members::duplicates::{self, DuplicateMatch, DuplicatePair};
use forumdesk::members::merge::{self, MergeInput, MergeOutcome};
use forumdesk::members::{MemberDetails, MemberRecord};
use forumdesk::Error;
use tauri::State;

use crate::AppState;

/// The likely duplicate pairs across the membership, strongest first, at most `limit` (the
/// core caps it).
#[tauri::command]
pub async fn duplicate_pairs(
    state: State<'_, AppState>,
    limit: u32,
) -> Result<Vec<DuplicatePair>, Error> {
    state.activity();
    duplicates::review_list(&*state.session().await?, limit).await
}

#[tauri::command]
pub async fn member_duplicates(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<DuplicateMatch>, Error> {
    state.activity();
    duplicates::for_member(&*state.session().await?, &person_id).await
}

/// Who the details on the add or edit form may already be; `exclude_id` is the record being
/// edited.
#[tauri::command]
pub async fn details_duplicates(
    state: State<'_, AppState>,
    details: MemberDetails,
    exclude_id: Option<String>,
) -> Result<Vec<DuplicateMatch>, Error> {
    state.activity();
    duplicates::for_details(&*state.session().await?, &details, exclude_id.as_deref()).await
}

/// "Not the same person": the pair is no longer suggested.
#[tauri::command]
pub async fn dismiss_duplicate(
    state: State<'_, AppState>,
    a: String,
    b: String,
) -> Result<(), Error> {
    state.activity();
    duplicates::dismiss(&*state.session().await?, &a, &b).await
}

#[tauri::command]
pub async fn merge_members(
    state: State<'_, AppState>,
    input: MergeInput,
) -> Result<MergeOutcome, Error> {
    state.activity();
    merge::merge(&*state.session().await?, input).await
}

#[tauri::command]
pub async fn undo_merge(
    state: State<'_, AppState>,
    merge_id: String,
) -> Result<MemberRecord, Error> {
    state.activity();
    merge::undo(&*state.session().await?, &merge_id).await
}
