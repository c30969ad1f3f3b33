//! The people who use ForumDesk (steering-group volunteers and kiosk accounts), not the
//! forum's members. Adding, disabling and resetting users is for admins.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::FromRow;
use ts_rs::TS;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::role::{Action, Role};
use crate::session::Session;
use crate::storage::WriteTx;
use crate::{id, password, validate, Error, Result};

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "UserSummary.ts")]
pub struct UserSummary {
    pub id: String,
    pub username: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub disabled: bool,
    pub must_change_password: bool,
    pub created_at: String,
}

#[derive(Deserialize, TS, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "NewUserInput.ts")]
pub struct NewUserInput {
    pub username: String,
    pub display_name: String,
    #[zeroize(skip)]
    pub role: Role,
    pub password: String,
    pub password_confirm: String,
}

#[derive(Deserialize, TS, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ResetPasswordInput.ts")]
pub struct ResetPasswordInput {
    pub user_id: String,
    pub new_password: String,
    pub new_password_confirm: String,
}

#[derive(Deserialize, TS, Zeroize, ZeroizeOnDrop)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ChangePasswordInput.ts")]
pub struct ChangePasswordInput {
    pub current_password: String,
    pub new_password: String,
    pub new_password_confirm: String,
}

const SELECT: &str =
    "SELECT id, username, display_name, role, disabled_at IS NOT NULL AS disabled, \
                      must_change_password, created_at FROM users";

pub async fn list(s: &Session) -> Result<Vec<UserSummary>> {
    s.require(Action::ViewUsers)?;
    let sql = format!("{SELECT} ORDER BY disabled, display_name COLLATE NOCASE, username");
    Ok(sqlx::query_as(&sql).fetch_all(s.db().reader()).await?)
}

pub async fn find_by_username(s: &Session, username: &str) -> Result<UserSummary> {
    s.require(Action::ViewUsers)?;
    let sql = format!("{SELECT} WHERE username = ?");
    sqlx::query_as(&sql)
        .bind(username.trim())
        .fetch_optional(s.db().reader())
        .await?
        .ok_or_else(|| Error::not_found(format!("There is no user called {:?}.", username.trim())))
}

/// A new user starts with a temporary password from the admin, and is asked to choose their
/// own when they first sign in.
pub async fn add(s: &Session, input: NewUserInput) -> Result<UserSummary> {
    s.require(Action::ManageUsers)?;
    let mut errors = FieldErrors::default();
    let username = validate::username(&mut errors, "username", &input.username);
    let display_name = validate::name(
        &mut errors,
        "displayName",
        "their name",
        &input.display_name,
        100,
    );
    password::check(
        &mut errors,
        "password",
        &input.password,
        "passwordConfirm",
        &input.password_confirm,
        &[&username, &display_name],
    );
    errors.finish()?;

    let mut tx = s.db().write().await?;
    let taken: i64 = sqlx::query_scalar("SELECT count(*) FROM users WHERE username = ?")
        .bind(&username)
        .fetch_one(&mut *tx)
        .await?;
    if taken > 0 {
        return Err(Error::field("username", "That user name is already taken"));
    }
    let user_id = id::new_id();
    let now = id::now_rfc3339();
    sqlx::query(
        "INSERT INTO users (id, username, display_name, role, must_change_password, created_at, \
         updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
    )
    .bind(&user_id)
    .bind(&username)
    .bind(&display_name)
    .bind(input.role.as_str())
    .bind(&now)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    let changes = json!({"fields": ["username", "display_name"], "role": input.role.as_str()});
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "user.created",
            entity: "user",
            entity_id: Some(&user_id),
            changes,
        },
    )
    .await?;
    let mut keyfile = s.vault().load_keyfile()?;
    keyfile.set_user_slot(&user_id, &username, &input.password, s.key())?;
    finish(s, tx, &keyfile, &user_id).await
}

/// Disabling removes the user's key slot, so their password no longer opens the database
/// at all, and keeps their row so the audit trail still says who they were.
pub async fn disable(s: &Session, user_id: &str) -> Result<UserSummary> {
    s.require(Action::ManageUsers)?;
    if user_id == s.user_id() {
        return Err(Error::conflict(
            "You cannot disable your own account. Ask another admin.",
        ));
    }
    let mut tx = s.db().write().await?;
    let target = load(&mut tx, user_id).await?;
    if target.disabled {
        return Err(Error::conflict("That user is already disabled."));
    }
    sqlx::query("UPDATE users SET disabled_at = ?, updated_at = ? WHERE id = ?")
        .bind(id::now_rfc3339())
        .bind(id::now_rfc3339())
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "user.disabled",
            entity: "user",
            entity_id: Some(user_id),
            changes: json!({"fields": ["disabled_at"]}),
        },
    )
    .await?;
    let mut keyfile = s.vault().load_keyfile()?;
    keyfile.remove_user_slot(user_id);
    finish(s, tx, &keyfile, user_id).await
}

/// An admin sets a temporary password; this also re-enables a disabled user.
pub async fn reset_password(s: &Session, input: ResetPasswordInput) -> Result<UserSummary> {
    s.require(Action::ManageUsers)?;
    let mut tx = s.db().write().await?;
    let target = load(&mut tx, &input.user_id).await?;
    let mut errors = FieldErrors::default();
    password::check(
        &mut errors,
        "newPassword",
        &input.new_password,
        "newPasswordConfirm",
        &input.new_password_confirm,
        &[&target.username, &target.display_name],
    );
    errors.finish()?;
    let own = target.id == s.user_id();
    sqlx::query(
        "UPDATE users SET disabled_at = NULL, must_change_password = ?, updated_at = ? WHERE id = ?",
    )
    .bind(!own)
    .bind(id::now_rfc3339())
    .bind(&target.id)
    .execute(&mut *tx)
    .await?;
    let mut fields = vec!["password"];
    if target.disabled {
        fields.push("disabled_at");
    }
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "user.password_reset",
            entity: "user",
            entity_id: Some(&target.id),
            changes: json!({"fields": fields}),
        },
    )
    .await?;
    let mut keyfile = s.vault().load_keyfile()?;
    keyfile.set_user_slot(&target.id, &target.username, &input.new_password, s.key())?;
    finish(s, tx, &keyfile, &target.id).await
}

/// Re-wraps only the caller's own slot; the database key and every other slot stay as
/// they are. The current password is asked for so an unattended unlocked laptop cannot be
/// used to take the account over.
pub async fn change_own_password(s: &Session, input: ChangePasswordInput) -> Result<()> {
    s.require(Action::ChangeOwnPassword)?;
    let mut errors = FieldErrors::default();
    if input.current_password.is_empty() {
        errors.add("currentPassword", "Enter your current password");
    }
    password::check(
        &mut errors,
        "newPassword",
        &input.new_password,
        "newPasswordConfirm",
        &input.new_password_confirm,
        &[s.username()],
    );
    if !errors.has("newPassword") && input.new_password == input.current_password {
        errors.add(
            "newPassword",
            "Your new password must be different from your current one",
        );
    }
    errors.finish()?;

    let mut tx = s.db().write().await?;
    let mut keyfile = s.vault().load_keyfile()?;
    let current_ok = match keyfile.user_slot(s.username()) {
        Some(slot) => slot
            .unwrap_key(input.current_password.as_bytes())?
            .is_some(),
        None => false,
    };
    if !current_ok {
        return Err(Error::field(
            "currentPassword",
            "Your current password is not right",
        ));
    }
    sqlx::query("UPDATE users SET must_change_password = 0, updated_at = ? WHERE id = ?")
        .bind(id::now_rfc3339())
        .bind(s.user_id())
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "user.password_changed",
            entity: "user",
            entity_id: Some(s.user_id()),
            changes: json!({"fields": ["password"]}),
        },
    )
    .await?;
    keyfile.set_user_slot(s.user_id(), s.username(), &input.new_password, s.key())?;
    keyfile.save(s.vault().keyfile_path())?;
    tx.commit().await?;
    Ok(())
}

async fn load(tx: &mut WriteTx, user_id: &str) -> Result<UserSummary> {
    let sql = format!("{SELECT} WHERE id = ?");
    sqlx::query_as(&sql)
        .bind(user_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| Error::not_found("That user does not exist."))
}

/// Saves the key file, then commits: if the key file cannot be written, nothing changes.
async fn finish(
    s: &Session,
    mut tx: WriteTx,
    keyfile: &crate::crypto::Keyfile,
    user_id: &str,
) -> Result<UserSummary> {
    keyfile.save(s.vault().keyfile_path())?;
    let user = load(&mut tx, user_id).await?;
    tx.commit().await?;
    Ok(user)
}
