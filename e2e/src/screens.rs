//! What the tests know about ForumDesk's screens: headings, field ids (the camelCase input
//! names) and data-testids. Kept in one place so a UI change means one edit here.

use crate::{App, Result};

pub const SETUP_HEADING: &str = "Set up ForumDesk";
pub const RECOVERY_KEY_HEADING: &str = "Save your recovery key";
pub const UNLOCK_HEADING: &str = "Unlock ForumDesk";

pub struct Admin<'a> {
    pub forum_name: &'a str,
    pub display_name: &'a str,
    pub username: &'a str,
    pub password: &'a str,
}

/// A strong password (zxcvbn must accept it) that tests share.
pub const STRONG_PASSWORD: &str = "correct horse battery staple 42";

pub const DEFAULT_ADMIN: Admin<'static> = Admin {
    forum_name: "Northshire Parent Carer Forum",
    display_name: "Sam Chair",
    username: "sam",
    password: STRONG_PASSWORD,
};

/// Fills and submits the set-up form; leaves the app on the recovery key screen.
pub async fn submit_setup(app: &App, admin: &Admin<'_>) -> Result<()> {
    app.wait_for_heading(SETUP_HEADING).await?;
    app.fill("forumName", admin.forum_name).await?;
    app.fill("adminDisplayName", admin.display_name).await?;
    app.fill("adminUsername", admin.username).await?;
    app.fill("password", admin.password).await?;
    app.fill("passwordConfirm", admin.password).await?;
    app.click("submit").await?;
    app.wait_for_heading(RECOVERY_KEY_HEADING).await?;
    Ok(())
}

/// Confirms the recovery key was saved; leaves the app on Home.
pub async fn confirm_recovery_key(app: &App, admin: &Admin<'_>) -> Result<()> {
    app.click("recovery-saved").await?;
    app.click("submit").await?;
    app.wait_for_heading(admin.forum_name).await?;
    Ok(())
}

/// Unlocks from the unlock screen; leaves the app on Home.
pub async fn unlock(app: &App, admin: &Admin<'_>) -> Result<()> {
    submit_unlock(app, admin.username, admin.password).await?;
    app.wait_for_heading(admin.forum_name).await?;
    Ok(())
}

pub async fn submit_unlock(app: &App, username: &str, password: &str) -> Result<()> {
    app.wait_for_heading(UNLOCK_HEADING).await?;
    app.fill("username", username).await?;
    app.fill("password", password).await?;
    app.click("submit").await
}

/// Opens the add-user form from the Manage users screen.
pub async fn open_add_user(app: &App) -> Result<()> {
    app.click("add-user").await?;
    app.wait_for("#displayName").await?;
    Ok(())
}

/// Fills and submits the open add-user form.
pub async fn add_user(
    app: &App,
    username: &str,
    display_name: &str,
    role: &str,
    password: &str,
) -> Result<()> {
    app.fill("displayName", display_name).await?;
    app.fill("username", username).await?;
    app.wait_for(&format!("input[name=\"role\"][value=\"{role}\"]"))
        .await?
        .click()
        .await?;
    app.fill("password", password).await?;
    app.fill("passwordConfirm", password).await?;
    app.click("submit").await
}
