//! Forum-wide settings an admin can change.

use serde::Deserialize;
use serde_json::json;
use ts_rs::TS;

use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::role::Action;
use crate::session::{Session, SessionInfo};
use crate::Result;

pub const IDLE_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=240;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SettingsInput.ts")]
pub struct SettingsInput {
    /// Minutes without activity before the app locks itself.
    pub idle_lock_minutes: u32,
}

pub async fn update(s: &Session, input: SettingsInput) -> Result<SessionInfo> {
    s.require(Action::UpdateSettings)?;
    let mut errors = FieldErrors::default();
    if !IDLE_LOCK_RANGE.contains(&input.idle_lock_minutes) {
        errors.add(
            "idleLockMinutes",
            format!(
                "Enter a number of minutes between {} and {}",
                IDLE_LOCK_RANGE.start(),
                IDLE_LOCK_RANGE.end()
            ),
        );
    }
    errors.finish()?;
    let mut tx = s.db().write().await?;
    sqlx::query("UPDATE forum SET idle_lock_minutes = ? WHERE id = 1")
        .bind(input.idle_lock_minutes)
        .execute(&mut *tx)
        .await?;
    let changes = json!({"idle_lock_minutes": input.idle_lock_minutes});
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "settings.updated",
            entity: "forum",
            entity_id: None,
            changes,
        },
    )
    .await?;
    tx.commit().await?;
    s.info().await
}
