//! The first-run journey a forum's admin takes, in the real app window, checked for
//! accessibility on every screen, then a restart proving the encrypted database reopens.

use forumdesk_e2e::axe::axe_check;
use forumdesk_e2e::screens::{self, DEFAULT_ADMIN, STRONG_PASSWORD, UNLOCK_HEADING};
use forumdesk_e2e::{App, Result, TauriDriver};

#[tokio::test]
async fn first_run_lock_unlock_and_users() -> Result<()> {
    let driver = TauriDriver::start()?;
    let admin = DEFAULT_ADMIN;
    let app = App::launch(&driver).await?;

    app.wait_for_heading(screens::SETUP_HEADING).await?;
    axe_check(&app, "set-up").await?;
    app.screenshot("setup").await?;
    screens::submit_setup(&app, &admin).await?;

    let key = app.text("recovery-key").await?;
    assert!(
        key.chars().filter(char::is_ascii_alphanumeric).count() >= 20,
        "the recovery key should be shown in full, got {key:?}"
    );
    axe_check(&app, "recovery key").await?;
    app.screenshot("recovery-key").await?;
    // Continuing without confirming the key was saved must be refused, on the checkbox.
    app.click("submit").await?;
    app.wait_for("[data-testid=\"error-summary\"]").await?;
    app.wait_for_heading(screens::RECOVERY_KEY_HEADING).await?;
    screens::confirm_recovery_key(&app, &admin).await?;

    let signed_in = app.text("signed-in-as").await?;
    assert!(signed_in.contains(admin.username) || signed_in.contains(admin.display_name));
    axe_check(&app, "home").await?;
    app.screenshot("home").await?;

    app.click("lock").await?;
    app.wait_for_heading(UNLOCK_HEADING).await?;
    axe_check(&app, "unlock").await?;
    app.screenshot("unlock").await?;

    screens::submit_unlock(&app, admin.username, "not the password at all").await?;
    let summary = app.wait_for("[data-testid=\"error-summary\"]").await?;
    assert!(!summary.text().await?.trim().is_empty());
    app.wait_for_heading(UNLOCK_HEADING).await?;
    axe_check(&app, "unlock with an error").await?;
    app.screenshot("unlock-error").await?;

    screens::unlock(&app, &admin).await?;

    app.click("nav-users").await?;
    app.wait_for("[data-testid=\"users-table\"]").await?;
    axe_check(&app, "manage users").await?;
    app.screenshot("users").await?;
    screens::open_add_user(&app).await?;
    axe_check(&app, "add a user").await?;
    app.screenshot("add-user").await?;
    screens::add_user(&app, "alex", "Alex Volunteer", "volunteer", STRONG_PASSWORD).await?;
    app.wait_for_text("[data-testid=\"users-table\"]", "alex")
        .await?;
    axe_check(&app, "manage users after adding").await?;
    app.scroll_to("h1").await?;
    app.screenshot("users-added").await?;

    app.click("sign-out").await?;
    app.wait_for_heading(UNLOCK_HEADING).await?;
    app.close().await?;

    // A second process opens the database the first one wrote: the real app's SQLCipher build
    // reads its own files even with WebKitGTK's system SQLite loaded in the same process.
    let db = driver.sandbox().db_path();
    let header = std::fs::read(&db)?;
    assert!(header.len() > 16, "the database file is empty");
    assert_ne!(
        &header[..16],
        b"SQLite format 3\0",
        "the database is not encrypted"
    );

    let app = App::launch(&driver).await?;
    screens::unlock(&app, &admin).await?;
    app.click("nav-users").await?;
    app.wait_for_text("[data-testid=\"users-table\"]", "alex")
        .await?;
    app.close().await?;
    Ok(())
}
