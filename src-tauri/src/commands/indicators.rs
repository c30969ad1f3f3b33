//! The quarterly review of the protocol's indicators (§6.10).

use forumdesk::indicators::{self, IndicatorReview, ReviewInput};
use forumdesk::Error;
use tauri::State;

use crate::AppState;

/// Every indicator with its review and computed figure for the quarter holding `quarter`.
#[tauri::command]
pub async fn indicator_reviews(
    state: State<'_, AppState>,
    quarter: String,
) -> Result<Vec<IndicatorReview>, Error> {
    state.activity();
    indicators::quarter(&*state.session().await?, &quarter).await
}

#[tauri::command]
pub async fn review_indicator(
    state: State<'_, AppState>,
    indicator_id: String,
    input: ReviewInput,
) -> Result<IndicatorReview, Error> {
    state.activity();
    indicators::review(&*state.session().await?, &indicator_id, input).await
}
