//! The forum's files on disk while closed: set-up, unlock with a password, unlock with the
//! recovery key. Everything here happens before there is a session.

use std::path::{Path, PathBuf};

use rand::RngCore;
use serde::Deserialize;
use serde_json::json;
use ts_rs::TS;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::audit::{self, Entry};
use crate::crypto::{DbKey, KdfParams, Keyfile, RecoveryKey, Slot, SlotKind};
use crate::error::FieldErrors;
use crate::role::Role;
use crate::session::{Session, SessionUser};
use crate::storage::{Database, WriteTx};
use crate::{id, password, paths, throttle, validate, Error, Result};

/// What a volunteer sees for any wrong user name or password: never which one was wrong.
pub const WRONG_CREDENTIALS: &str =
    "The user name or password is not right. Check them and try again.";

#[derive(Deserialize, TS, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SetupInput.ts")]
pub struct SetupInput {
    pub forum_name: String,
    pub admin_username: String,
    pub admin_display_name: String,
    pub password: String,
    pub password_confirm: String,
}

#[derive(Deserialize, TS, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "UnlockInput.ts")]
pub struct UnlockInput {
    pub username: String,
    pub password: String,
}

#[derive(Deserialize, TS, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "RecoveryInput.ts")]
pub struct RecoveryInput {
    pub recovery_key: String,
    pub username: String,
    pub new_password: String,
    pub new_password_confirm: String,
}

#[derive(Debug, Clone)]
pub struct Vault {
    db_path: PathBuf,
    keyfile_path: PathBuf,
}

impl Vault {
    pub fn new(db_path: impl Into<PathBuf>) -> Vault {
        let db_path = db_path.into();
        let keyfile_path = paths::keyfile_path(&db_path);
        Vault {
            db_path,
            keyfile_path,
        }
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    pub fn keyfile_path(&self) -> &Path {
        &self.keyfile_path
    }

    pub fn is_initialised(&self) -> bool {
        self.keyfile_path.exists()
    }

    pub(crate) fn load_keyfile(&self) -> Result<Keyfile> {
        Keyfile::load(&self.keyfile_path)
    }

    /// First-run set-up: a new database, its admin, and the recovery key (returned once).
    pub async fn init(&self, input: SetupInput) -> Result<(Session, RecoveryKey)> {
        let mut errors = FieldErrors::default();
        let forum_name = validate::name(
            &mut errors,
            "forumName",
            "the forum's name",
            &input.forum_name,
            150,
        );
        let username = validate::username(&mut errors, "adminUsername", &input.admin_username);
        let display_name = validate::name(
            &mut errors,
            "adminDisplayName",
            "your name",
            &input.admin_display_name,
            100,
        );
        password::check(
            &mut errors,
            "password",
            &input.password,
            "passwordConfirm",
            &input.password_confirm,
            &[&username, &display_name, &forum_name],
        );
        errors.finish()?;
        if self.is_initialised() || self.db_path.exists() {
            return Err(Error::conflict(format!(
                "A forum has already been set up in {}.",
                self.db_path.display()
            )));
        }
        if let Some(dir) = self.db_path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }

        let key = DbKey::generate();
        let recovery = RecoveryKey::generate();
        let user_id = id::new_id();
        let mut keyfile = Keyfile::new();
        keyfile.set_user_slot(&user_id, &username, &input.password, &key)?;
        keyfile.put(Slot::wrap(
            "recovery",
            SlotKind::Recovery,
            None,
            recovery.secret(),
            &key,
            KdfParams::CURRENT,
        )?);

        let result = self
            .create_database(
                &key,
                &keyfile,
                &user_id,
                &username,
                &display_name,
                &forum_name,
            )
            .await;
        match result {
            Ok(db) => {
                let user = SessionUser {
                    id: user_id,
                    username,
                    role: Role::Admin,
                };
                Ok((Session::new(db, key, self.clone(), user), recovery))
            }
            Err(err) => {
                // Leave nothing half made, so set-up can simply be tried again.
                for path in [
                    self.db_path.clone(),
                    paths::sibling(&self.db_path, "-wal"),
                    paths::sibling(&self.db_path, "-shm"),
                    self.keyfile_path.clone(),
                ] {
                    let _ = std::fs::remove_file(path);
                }
                Err(err)
            }
        }
    }

    async fn create_database(
        &self,
        key: &DbKey,
        keyfile: &Keyfile,
        user_id: &str,
        username: &str,
        display_name: &str,
        forum_name: &str,
    ) -> Result<Database> {
        let db = Database::open(&self.db_path, key, true).await?;
        let now = id::now_rfc3339();
        let mut tx = db.write().await?;
        sqlx::query(
            "INSERT INTO forum (id, name, created_at, audit_head_seq, audit_head_hash) \
             VALUES (1, ?, ?, 0, ?)",
        )
        .bind(forum_name)
        .bind(&now)
        .bind(audit::GENESIS)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO users (id, username, display_name, role, created_at, updated_at) \
             VALUES (?, ?, ?, 'admin', ?, ?)",
        )
        .bind(user_id)
        .bind(username)
        .bind(display_name)
        .bind(&now)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        let actor = Some(user_id);
        audit::append(
            &mut tx,
            Entry {
                actor_id: actor,
                action: "forum.created",
                entity: "forum",
                entity_id: None,
                changes: json!({"fields": ["name"]}),
            },
        )
        .await?;
        audit::append(
            &mut tx,
            Entry {
                actor_id: actor,
                action: "user.created",
                entity: "user",
                entity_id: actor,
                changes: json!({"fields": ["username", "display_name"], "role": "admin"}),
            },
        )
        .await?;
        audit::append(
            &mut tx,
            Entry {
                actor_id: actor,
                action: "recovery_key.created",
                entity: "key_slot",
                entity_id: Some("recovery"),
                changes: json!({}),
            },
        )
        .await?;
        keyfile.save(&self.keyfile_path)?;
        tx.commit().await?;
        Ok(db)
    }

    pub async fn unlock(&self, input: UnlockInput) -> Result<Session> {
        let mut keyfile = self.load_keyfile()?;
        throttle::check(&keyfile.throttle, id::now_utc())?;
        let slot = keyfile.user_slot(&input.username).cloned();
        let key = match &slot {
            Some(slot) => slot.unwrap_key(input.password.as_bytes())?,
            None => {
                // Spend the same effort as a real slot, so timing does not reveal whether
                // the user name exists.
                let mut salt = [0u8; 16];
                rand::rngs::OsRng.fill_bytes(&mut salt);
                KdfParams::CURRENT.derive(input.password.as_bytes(), &salt)?;
                None
            }
        };
        let (Some(slot), Some(key)) = (slot, key) else {
            return Err(self.fail(&mut keyfile));
        };
        let db = Database::open(&self.db_path, &key, false).await?;
        let mut tx = db.write().await?;
        let Some(user) = active_user(&mut tx, &slot.id).await? else {
            drop(tx);
            db.close().await;
            return Err(self.fail(&mut keyfile));
        };
        audit::append(
            &mut tx,
            Entry {
                actor_id: Some(&user.id),
                action: "user.signed_in",
                entity: "user",
                entity_id: Some(&user.id),
                changes: json!({}),
            },
        )
        .await?;
        // Raise the cost of an old slot now that we hold the password (ADR 0001).
        let strengthen = slot.kdf.is_weaker_than(&KdfParams::CURRENT);
        if strengthen {
            keyfile.set_user_slot(&user.id, &user.username, &input.password, &key)?;
            let changes = json!({"m_kib": KdfParams::CURRENT.m_kib, "t": KdfParams::CURRENT.t});
            audit::append(
                &mut tx,
                Entry {
                    actor_id: Some(&user.id),
                    action: "key_slot.strengthened",
                    entity: "key_slot",
                    entity_id: Some(&user.id),
                    changes,
                },
            )
            .await?;
        }
        if strengthen || keyfile.throttle.failures > 0 {
            keyfile.throttle = Default::default();
            keyfile.save(&self.keyfile_path)?;
        }
        tx.commit().await?;
        Ok(Session::new(db, key, self.clone(), user))
    }

    pub async fn unlock_with_recovery_key(&self, input: RecoveryInput) -> Result<Session> {
        let mut errors = FieldErrors::default();
        let recovery = RecoveryKey::parse(&input.recovery_key);
        if input.recovery_key.trim().is_empty() {
            errors.add("recoveryKey", "Enter the recovery key");
        } else if recovery.is_none() {
            errors.add(
                "recoveryKey",
                "A recovery key has 32 letters and numbers, in groups of 4, like ABCD-EFGH-…",
            );
        }
        let username = validate::username(&mut errors, "username", &input.username);
        password::check(
            &mut errors,
            "newPassword",
            &input.new_password,
            "newPasswordConfirm",
            &input.new_password_confirm,
            &[&username],
        );
        errors.finish()?;
        let recovery =
            recovery.ok_or_else(|| Error::field("recoveryKey", "Enter the recovery key"))?;

        let mut keyfile = self.load_keyfile()?;
        throttle::check(&keyfile.throttle, id::now_utc())?;
        let slot = keyfile
            .recovery_slot()
            .cloned()
            .ok_or_else(|| Error::not_found("This forum has no recovery key."))?;
        let Some(key) = slot.unwrap_key(recovery.secret())? else {
            let err = self.fail(&mut keyfile);
            return Err(if err.kind == crate::ErrorKind::Forbidden {
                Error::field(
                    "recoveryKey",
                    "That recovery key is not right for this forum",
                )
            } else {
                err
            });
        };
        let db = Database::open(&self.db_path, &key, false).await?;
        let mut tx = db.write().await?;
        let user_id: Option<String> =
            sqlx::query_scalar("SELECT id FROM users WHERE username = ? AND disabled_at IS NULL")
                .bind(&username)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(user) = (match user_id {
            Some(id) => active_user(&mut tx, &id).await?,
            None => None,
        }) else {
            drop(tx);
            db.close().await;
            // Whoever holds the recovery key can read everything, so naming the problem
            // here reveals nothing they could not find out anyway.
            return Err(Error::field(
                "username",
                "There is no active account with that user name",
            ));
        };
        keyfile.set_user_slot(&user.id, &user.username, &input.new_password, &key)?;
        keyfile.throttle = Default::default();
        sqlx::query("UPDATE users SET must_change_password = 0, updated_at = ? WHERE id = ?")
            .bind(id::now_rfc3339())
            .bind(&user.id)
            .execute(&mut *tx)
            .await?;
        audit::append(
            &mut tx,
            Entry {
                actor_id: Some(&user.id),
                action: "user.password_recovered",
                entity: "user",
                entity_id: Some(&user.id),
                changes: json!({"fields": ["password"]}),
            },
        )
        .await?;
        keyfile.save(&self.keyfile_path)?;
        tx.commit().await?;
        Ok(Session::new(db, key, self.clone(), user))
    }

    /// Counts a failed attempt on disk, and returns the error to show. If the count cannot
    /// be saved the attempt is still refused.
    fn fail(&self, keyfile: &mut Keyfile) -> Error {
        throttle::record_failure(&mut keyfile.throttle, id::now_utc());
        if let Err(err) = keyfile.save(&self.keyfile_path) {
            return err;
        }
        Error::forbidden(WRONG_CREDENTIALS)
    }
}

async fn active_user(tx: &mut WriteTx, user_id: &str) -> Result<Option<SessionUser>> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT id, username, role FROM users WHERE id = ? AND disabled_at IS NULL")
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.and_then(|(id, username, role)| {
        Role::parse(&role).map(|role| SessionUser { id, username, role })
    }))
}
