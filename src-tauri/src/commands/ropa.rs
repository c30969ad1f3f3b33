//! The record of processing and the privacy notice: shown, and saved where the native
//! dialog said.

use forumdesk::gdpr::ropa::{self, ProcessingDocuments};
use forumdesk::Error;
use serde::Deserialize;
use tauri::State;

use crate::AppState;

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Document {
    Record,
    Notice,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    Html,
    Markdown,
}

#[tauri::command]
pub async fn processing_documents(
    state: State<'_, AppState>,
) -> Result<ProcessingDocuments, Error> {
    state.activity();
    ropa::documents(&*state.session().await?).await
}

#[tauri::command]
pub async fn save_processing_document(
    state: State<'_, AppState>,
    document: Document,
    format: DocumentFormat,
    path: String,
) -> Result<(), Error> {
    state.activity();
    let docs = ropa::documents(&*state.session().await?).await?;
    let text = match (document, format) {
        (Document::Record, DocumentFormat::Html) => docs.record_html,
        (Document::Record, DocumentFormat::Markdown) => docs.record_markdown,
        (Document::Notice, DocumentFormat::Html) => docs.notice_html,
        (Document::Notice, DocumentFormat::Markdown) => docs.notice_markdown,
    };
    tokio::fs::write(&path, text)
        .await
        .map_err(|error| Error::internal(format!("The file could not be saved to {path}: {error}")))
}
