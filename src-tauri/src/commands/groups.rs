use forumdesk::groups::affiliation::{self, AffiliationSettings, AffiliationTerms};
use forumdesk::groups::co_option::{self, CoOption, CoOptionInput};
use forumdesk::groups::contacts::{self, ContactInput};
use forumdesk::groups::model::AffiliationStep;
use forumdesk::groups::organisation::{self, RemoveOutcome};
use forumdesk::groups::reach::{self, Reach};
use forumdesk::groups::renewals::{self, Renewals};
use forumdesk::groups::{
    Organisation, OrganisationFilter, OrganisationInput, OrganisationSummary, StepInput,
};
use forumdesk::Error;
use tauri::State;

use crate::AppState;

#[tauri::command]
pub async fn list_organisations(
    state: State<'_, AppState>,
    filter: OrganisationFilter,
) -> Result<Vec<OrganisationSummary>, Error> {
    state.activity();
    organisation::list(&*state.session().await?, &filter).await
}

/// Reading a group's page is recorded in the audit trail: it names its contacts.
#[tauri::command]
pub async fn get_organisation(
    state: State<'_, AppState>,
    org_id: String,
) -> Result<Organisation, Error> {
    state.activity();
    organisation::get(&*state.session().await?, &org_id).await
}

#[tauri::command]
pub async fn create_organisation(
    state: State<'_, AppState>,
    input: OrganisationInput,
) -> Result<Organisation, Error> {
    state.activity();
    organisation::create(&*state.session().await?, input).await
}

#[tauri::command]
pub async fn update_organisation(
    state: State<'_, AppState>,
    org_id: String,
    input: OrganisationInput,
) -> Result<Organisation, Error> {
    state.activity();
    organisation::update(&*state.session().await?, &org_id, input).await
}

/// Deletes an organisation with no history, archives one with history.
#[tauri::command]
pub async fn remove_organisation(
    state: State<'_, AppState>,
    org_id: String,
) -> Result<RemoveOutcome, Error> {
    state.activity();
    organisation::remove(&*state.session().await?, &org_id).await
}

/// A group the forum does not know yet, and its enquiry, in one step (volunteers may).
#[tauri::command]
pub async fn record_group_enquiry(
    state: State<'_, AppState>,
    organisation: OrganisationInput,
    input: StepInput,
) -> Result<Organisation, Error> {
    state.activity();
    affiliation::new_enquiry(&*state.session().await?, organisation, input).await
}

#[tauri::command]
pub async fn record_affiliation_step(
    state: State<'_, AppState>,
    org_id: String,
    step: AffiliationStep,
    input: StepInput,
) -> Result<Organisation, Error> {
    state.activity();
    affiliation::record(&*state.session().await?, &org_id, step, input).await
}

#[tauri::command]
pub async fn affiliation_terms(state: State<'_, AppState>) -> Result<Vec<AffiliationTerms>, Error> {
    state.activity();
    affiliation::terms(&*state.session().await?).await
}

/// Publishes a new version of the terms; groups already affiliated keep theirs.
#[tauri::command]
pub async fn add_affiliation_terms(
    state: State<'_, AppState>,
    text: String,
) -> Result<AffiliationTerms, Error> {
    state.activity();
    affiliation::add_terms(&*state.session().await?, &text).await
}

#[tauri::command]
pub async fn affiliation_settings(
    state: State<'_, AppState>,
) -> Result<AffiliationSettings, Error> {
    state.activity();
    affiliation::settings(&*state.session().await?).await
}

#[tauri::command]
pub async fn update_affiliation_settings(
    state: State<'_, AppState>,
    input: AffiliationSettings,
) -> Result<AffiliationSettings, Error> {
    state.activity();
    affiliation::update_settings(&*state.session().await?, input).await
}

#[tauri::command]
pub async fn add_group_contact(
    state: State<'_, AppState>,
    org_id: String,
    input: ContactInput,
) -> Result<Organisation, Error> {
    state.activity();
    contacts::add(&*state.session().await?, &org_id, input).await
}

#[tauri::command]
pub async fn remove_group_contact(
    state: State<'_, AppState>,
    org_id: String,
    contact_id: String,
) -> Result<Organisation, Error> {
    state.activity();
    contacts::remove(&*state.session().await?, &org_id, &contact_id).await
}

#[tauri::command]
pub async fn co_opt_leader(
    state: State<'_, AppState>,
    org_id: String,
    input: CoOptionInput,
) -> Result<Organisation, Error> {
    state.activity();
    co_option::co_opt(&*state.session().await?, &org_id, input).await
}

/// Ends a co-option on `until_on` (today when blank).
#[tauri::command]
pub async fn end_co_option(
    state: State<'_, AppState>,
    org_id: String,
    co_option_id: String,
    until_on: String,
) -> Result<Organisation, Error> {
    state.activity();
    co_option::end(&*state.session().await?, &org_id, &co_option_id, &until_on).await
}

/// Everyone co-opted onto the steering group today, from every group.
#[tauri::command]
pub async fn steering_group(state: State<'_, AppState>) -> Result<Vec<CoOption>, Error> {
    state.activity();
    co_option::serving(&*state.session().await?).await
}

#[tauri::command]
pub async fn group_renewals(state: State<'_, AppState>) -> Result<Renewals, Error> {
    state.activity();
    renewals::renewals(&*state.session().await?).await
}

#[tauri::command]
pub async fn group_reach(state: State<'_, AppState>) -> Result<Reach, Error> {
    state.activity();
    reach::reach(&*state.session().await?).await
}
