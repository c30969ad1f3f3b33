//! A signed-in user with the database open. Not `Clone`: there is one per unlock, and
//! `lock` consumes it, closing the connections and wiping the key.

use serde::Serialize;
use ts_rs::TS;

use crate::crypto::DbKey;
use crate::role::{permits, Action, Role};
use crate::storage::Database;
use crate::vault::Vault;
use crate::{Error, Result};

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SessionInfo.ts")]
pub struct SessionInfo {
    pub user_id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub forum_name: String,
    pub must_change_password: bool,
    pub idle_lock_minutes: u32,
    /// Set while this session is the sign-up kiosk for a drive: `role` is then `kiosk`.
    pub kiosk: Option<KioskInfo>,
}

/// The drive a kiosk session signs people up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "KioskInfo.ts")]
pub struct KioskInfo {
    pub drive_id: String,
    pub drive_name: String,
}

/// A volunteer's session turned into the kiosk for a drive (see `drives::kiosk`).
#[derive(Debug, Clone)]
pub(crate) struct KioskBinding {
    pub drive_id: String,
    pub drive_name: String,
    /// The user who started the kiosk (the session's own user).
    pub started_by: String,
}

pub(crate) struct SessionUser {
    pub id: String,
    pub username: String,
    pub role: Role,
}

pub struct Session {
    db: Database,
    key: DbKey,
    vault: Vault,
    user: SessionUser,
    /// Set while the session is a kiosk. Behind a lock because the shell shares the session
    /// between commands by reference.
    kiosk: std::sync::RwLock<Option<KioskBinding>>,
}

/// Shows who is signed in, never the key.
impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("user_id", &self.user.id)
            .field("role", &self.role())
            .finish_non_exhaustive()
    }
}

impl Session {
    pub(crate) fn new(db: Database, key: DbKey, vault: Vault, user: SessionUser) -> Self {
        Self {
            db,
            key,
            vault,
            user,
            kiosk: std::sync::RwLock::new(None),
        }
    }

    pub fn user_id(&self) -> &str {
        &self.user.id
    }

    pub fn username(&self) -> &str {
        &self.user.username
    }

    /// The role the session acts with: `Kiosk` while it is bound to a drive as the sign-up
    /// kiosk, whatever the user's own role, so every other service refuses it.
    pub fn role(&self) -> Role {
        if self.kiosk().is_some() {
            Role::Kiosk
        } else {
            self.user.role
        }
    }

    /// The kiosk binding, if the session is a kiosk.
    pub(crate) fn kiosk(&self) -> Option<KioskBinding> {
        self.kiosk
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    pub(crate) fn set_kiosk(&self, binding: Option<KioskBinding>) {
        *self
            .kiosk
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = binding;
    }

    /// The gate every service passes first.
    pub fn require(&self, action: Action) -> Result<()> {
        let role = self.role();
        if permits(role, action) {
            Ok(())
        } else {
            Err(Error::forbidden(format!(
                "Your role ({}) does not allow you to {}.",
                role.label(),
                action.describe()
            )))
        }
    }

    pub(crate) fn db(&self) -> &Database {
        &self.db
    }

    pub(crate) fn key(&self) -> &DbKey {
        &self.key
    }

    pub(crate) fn vault(&self) -> &Vault {
        &self.vault
    }

    pub async fn info(&self) -> Result<SessionInfo> {
        let (display_name, must_change, forum_name, idle): (String, bool, String, u32) =
            sqlx::query_as(
                "SELECT u.display_name, u.must_change_password, f.name, f.idle_lock_minutes \
                 FROM users u, forum f WHERE u.id = ? AND f.id = 1",
            )
            .bind(&self.user.id)
            .fetch_one(self.db.reader())
            .await?;
        Ok(SessionInfo {
            user_id: self.user.id.clone(),
            username: self.user.username.clone(),
            display_name,
            role: self.role(),
            forum_name,
            must_change_password: must_change,
            idle_lock_minutes: idle,
            kiosk: self.kiosk().map(|k| KioskInfo {
                drive_id: k.drive_id,
                drive_name: k.drive_name,
            }),
        })
    }

    /// Closes the database and drops the key, which zeroizes it.
    pub async fn lock(self) {
        let Session { db, key, .. } = self;
        db.close().await;
        drop(key);
    }
}
