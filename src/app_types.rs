//! Types that only the desktop app needs, defined here so they are generated into
//! TypeScript with the rest.

use serde::Serialize;
use ts_rs::TS;

use crate::idle::LockReason;
use crate::session::SessionInfo;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "AppState.ts")]
pub enum AppState {
    /// No forum in the data folder yet: show first-run set-up.
    NeedsSetup,
    Locked,
    Unlocked,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "AppStatus.ts")]
pub struct AppStatus {
    pub state: AppState,
    pub session: Option<SessionInfo>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SetupResult.ts")]
pub struct SetupResult {
    /// Shown once, then forgotten by the app.
    pub recovery_key: String,
    pub session: SessionInfo,
}

/// Sent with the `app-locked` event when the app locks itself.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "LockedEvent.ts")]
pub struct LockedEvent {
    pub reason: LockReason,
}
