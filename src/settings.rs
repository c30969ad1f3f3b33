//! Forum-wide settings an admin can change.

use serde::{Deserialize, Serialize};
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

pub const RENEWAL_MONTHS_RANGE: std::ops::RangeInclusive<u32> = 1..=60;
pub const LAPSE_AFTER_DAYS_RANGE: std::ops::RangeInclusive<u32> = 0..=730;

/// How long a membership lasts before it must be renewed (or reconfirmed), and how long
/// after that an unrenewed membership lapses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "MembershipSettings.ts")]
pub struct MembershipSettings {
    pub renewal_months: u32,
    pub lapse_after_days: u32,
}

/// Anyone who works with members may read these: the membership forms use them in hints.
pub async fn membership(s: &Session) -> Result<MembershipSettings> {
    s.require(Action::ViewMembers)?;
    let (renewal_months, lapse_after_days): (u32, u32) =
        sqlx::query_as("SELECT renewal_months, lapse_after_days FROM forum WHERE id = 1")
            .fetch_one(s.db().reader())
            .await?;
    Ok(MembershipSettings {
        renewal_months,
        lapse_after_days,
    })
}

/// A new period applies from the next joining or renewal; renewal dates already set stay, as
/// they are what members were told.
pub async fn update_membership(
    s: &Session,
    input: MembershipSettings,
) -> Result<MembershipSettings> {
    s.require(Action::UpdateSettings)?;
    let mut errors = FieldErrors::default();
    if !RENEWAL_MONTHS_RANGE.contains(&input.renewal_months) {
        errors.add(
            "renewalMonths",
            format!(
                "Enter a number of months between {} and {}",
                RENEWAL_MONTHS_RANGE.start(),
                RENEWAL_MONTHS_RANGE.end()
            ),
        );
    }
    if !LAPSE_AFTER_DAYS_RANGE.contains(&input.lapse_after_days) {
        errors.add(
            "lapseAfterDays",
            format!(
                "Enter a number of days between {} and {}",
                LAPSE_AFTER_DAYS_RANGE.start(),
                LAPSE_AFTER_DAYS_RANGE.end()
            ),
        );
    }
    errors.finish()?;
    let mut tx = s.db().write().await?;
    sqlx::query("UPDATE forum SET renewal_months = ?, lapse_after_days = ? WHERE id = 1")
        .bind(input.renewal_months)
        .bind(input.lapse_after_days)
        .execute(&mut *tx)
        .await?;
    let changes = json!({"renewal_months": input.renewal_months,
        "lapse_after_days": input.lapse_after_days});
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "settings.membership_updated",
            entity: "forum",
            entity_id: None,
            changes,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(input)
}
