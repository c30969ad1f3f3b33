use forumdesk::members::membership::{self, LeavingInput, MembershipDateInput, MembershipEvent};
use forumdesk::members::model::MemberType;
use forumdesk::members::MemberRecord;
use forumdesk::settings::{self, MembershipSettings};
use forumdesk::{Action, Error, Session};
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn membership_history(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<MembershipEvent>, Error> {
    state.activity();
    membership::history(&*state.session().await?, &person_id).await
}

#[tauri::command]
pub async fn approve_membership(
    state: State<'_, AppState>,
    person_id: String,
    input: MembershipDateInput,
) -> Result<MemberRecord, Error> {
    state.activity();
    membership::approve(&*state.session().await?, &person_id, input).await
}

#[tauri::command]
pub async fn renew_membership(
    state: State<'_, AppState>,
    person_id: String,
    input: MembershipDateInput,
) -> Result<MemberRecord, Error> {
    state.activity();
    membership::renew(&*state.session().await?, &person_id, input).await
}

#[tauri::command]
pub async fn lapse_membership(
    state: State<'_, AppState>,
    person_id: String,
    input: MembershipDateInput,
) -> Result<MemberRecord, Error> {
    state.activity();
    membership::lapse(&*state.session().await?, &person_id, input).await
}

#[tauri::command]
pub async fn record_leaving(
    state: State<'_, AppState>,
    person_id: String,
    input: LeavingInput,
) -> Result<MemberRecord, Error> {
    state.activity();
    membership::leave(&*state.session().await?, &person_id, input).await
}

#[tauri::command]
pub async fn rejoin_membership(
    state: State<'_, AppState>,
    person_id: String,
    input: MembershipDateInput,
) -> Result<MemberRecord, Error> {
    state.activity();
    membership::rejoin(&*state.session().await?, &person_id, input).await
}

#[tauri::command]
pub async fn change_member_type(
    state: State<'_, AppState>,
    person_id: String,
    member_type: MemberType,
) -> Result<MemberRecord, Error> {
    state.activity();
    membership::change_type(&*state.session().await?, &person_id, member_type).await
}

#[tauri::command]
pub async fn membership_settings(state: State<'_, AppState>) -> Result<MembershipSettings, Error> {
    state.activity();
    settings::membership(&*state.session().await?).await
}

#[tauri::command]
pub async fn update_membership_settings(
    state: State<'_, AppState>,
    input: MembershipSettings,
) -> Result<MembershipSettings, Error> {
    state.activity();
    settings::update_membership(&*state.session().await?, input).await
}

/// Lapses overdue memberships as someone who may edit members unlocks (see
/// `membership::lapse_overdue` for why then). A failure here must not keep anyone out of
/// their records, so it is reported on stderr and the unlock goes ahead; the next unlock
/// tries again.
pub(crate) async fn lapse_overdue_on_unlock(session: &Session) {
    if session.require(Action::EditMembers).is_err() {
        return;
    }
    if let Err(error) = membership::lapse_overdue(session).await {
        eprintln!("ForumDesk could not lapse overdue memberships: {error}");
    }
}
