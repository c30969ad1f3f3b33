//! Where to aim the next drive: the local SEND population figures (admins change them) and
//! the reach gap that compares the membership with them (admins and officers).

use forumdesk::drives::population::{
    self, Population, PopulationCellInput, PopulationImportReport, PopulationSourceInput,
};
use forumdesk::drives::reach_gap::{self, ReachGap, ReachGapFile, ReachGapFormat, ReachGapOptions};
use forumdesk::members::model::{AgeBand, Need};
use forumdesk::{Error, ErrorKind};
use percent_encoding::percent_decode_str;
use tauri::ipc::{InvokeBody, Request};
use tauri::State;

use crate::AppState;

/// The file's name, percent-encoded (`encodeURIComponent`): header values are ASCII only.
pub const FILE_NAME_HEADER: &str = "x-file-name";
/// The [`PopulationSourceInput`] (year and source) as JSON, percent-encoded.
pub const SOURCE_HEADER: &str = "x-population-source";

#[tauri::command]
pub async fn population_figures(state: State<'_, AppState>) -> Result<Population, Error> {
    state.activity();
    population::list(&*state.session().await?).await
}

#[tauri::command]
pub async fn save_population_cell(
    state: State<'_, AppState>,
    input: PopulationCellInput,
) -> Result<Population, Error> {
    state.activity();
    population::save_cell(&*state.session().await?, input).await
}

#[tauri::command]
pub async fn remove_population_cell(
    state: State<'_, AppState>,
    area_id: String,
    primary_need: Need,
    age_band: AgeBand,
) -> Result<Population, Error> {
    state.activity();
    population::remove_cell(&*state.session().await?, &area_id, primary_need, age_band).await
}

#[tauri::command]
pub async fn set_population_source(
    state: State<'_, AppState>,
    input: PopulationSourceInput,
) -> Result<Population, Error> {
    state.activity();
    population::set_source(&*state.session().await?, input).await
}

/// Imports a population CSV sent as the raw IPC body, its name and the year and source in
/// headers. Nothing is written unless every row is right (the report says which are not).
#[tauri::command]
pub async fn import_population(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<PopulationImportReport, Error> {
    state.activity();
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(bad_request("The file must be sent as raw bytes."));
    };
    let file_name = header(&request, FILE_NAME_HEADER)?;
    let source: PopulationSourceInput = serde_json::from_str(&header(&request, SOURCE_HEADER)?)
        .map_err(|_| bad_request("The year and source of the figures are not readable."))?;
    population::import(&*state.session().await?, &file_name, bytes, source).await
}

#[tauri::command]
pub async fn reach_gap(
    state: State<'_, AppState>,
    options: ReachGapOptions,
) -> Result<ReachGap, Error> {
    state.activity();
    reach_gap::reach_gap(&*state.session().await?, &options).await
}

/// Writes the reach gap (counts under 5 suppressed) to `path` from the native save dialog.
#[tauri::command]
pub async fn save_reach_gap(
    state: State<'_, AppState>,
    options: ReachGapOptions,
    format: ReachGapFormat,
    path: String,
) -> Result<ReachGapFile, Error> {
    state.activity();
    let file = reach_gap::export(&*state.session().await?, &options, format).await?;
    tokio::fs::write(&path, &file.bytes)
        .await
        .map_err(|error| {
            Error::internal(format!("The file could not be saved to {path}: {error}"))
        })?;
    Ok(file)
}

pub(crate) fn bad_request(message: &str) -> Error {
    Error::new(ErrorKind::Validation, message)
}

/// A percent-encoded request header.
pub(crate) fn header(request: &Request<'_>, name: &str) -> Result<String, Error> {
    let value = request
        .headers()
        .get(name)
        .ok_or_else(|| bad_request("The request is missing its details. Try again."))?;
    let value = value
        .to_str()
        .map_err(|_| bad_request("The request's details are not readable."))?;
    percent_decode_str(value)
        .decode_utf8()
        .map(|decoded| decoded.into_owned())
        .map_err(|_| bad_request("The request's details are not readable."))
}
