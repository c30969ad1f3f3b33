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
}

/// Shows who is signed in, never the key.
impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("user_id", &self.user.id)
            .field("role", &self.user.role)
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
        }
    }

    pub fn user_id(&self) -> &str {
        &self.user.id
    }

    pub fn username(&self) -> &str {
        &self.user.username
    }

    pub fn role(&self) -> Role {
        self.user.role
    }

    /// The gate every service passes first.
    pub fn require(&self, action: Action) -> Result<()> {
        if permits(self.user.role, action) {
            Ok(())
        } else {
            Err(Error::forbidden(format!(
                "Your role ({}) does not allow you to {}.",
                self.user.role.label(),
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
            role: self.user.role,
            forum_name,
            must_change_password: must_change,
            idle_lock_minutes: idle,
        })
    }

    /// Closes the database and drops the key, which zeroizes it.
    pub async fn lock(self) {
        let Session { db, key, .. } = self;
        db.close().await;
        drop(key);
    }
}
