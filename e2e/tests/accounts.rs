//! The account screens the first-run flow does not visit: unlocking with the recovery key,
//! changing your own password, settings, and an admin managing other people's accounts up to
//! a volunteer's first sign-in. Every new screen state is checked with axe and photographed.

use forumdesk_e2e::app::test_selector;
use forumdesk_e2e::axe::axe_check;
use forumdesk_e2e::screens::{
    self, Admin, CHANGE_PASSWORD_HEADING, DEFAULT_ADMIN, RECOVERY_HEADING, SETTINGS_HEADING,
    USERS_HEADING,
};
use forumdesk_e2e::{App, Result, TauriDriver};

/// Strong passwords (zxcvbn accepts them), all different from each other.
const NEW_PASSWORD: &str = "purple tractor whistles at dawn 7";
const TEMPORARY_PASSWORD: &str = "seven lanterns over the harbour";
const RESET_PASSWORD: &str = "granite pelican juggles oranges";
const VOLUNTEER_PASSWORD: &str = "quiet meadow ferry biscuit 93";

/// Runs axe on the current screen, then saves its screenshot.
async fn check(app: &App, screen: &str, shot: &str) -> Result<()> {
    axe_check(app, screen).await?;
    app.screenshot(shot).await?;
    Ok(())
}

/// The same key with its first character changed: well formed, but not this forum's.
fn wrong_key(key: &str) -> String {
    let mut changed = false;
    key.chars()
        .map(|c| match c {
            c if changed || !c.is_ascii_alphanumeric() => c,
            '0' => {
                changed = true;
                '1'
            }
            _ => {
                changed = true;
                '0'
            }
        })
        .collect()
}

#[tokio::test]
async fn recovery_key_unlocks_and_sets_a_new_password() -> Result<()> {
    let driver = TauriDriver::start()?;
    let app = App::launch(&driver).await?;
    let admin = DEFAULT_ADMIN;
    let key = screens::set_up(&app, &admin).await?;
    assert!(
        key.len() >= 32,
        "the recovery key should be shown in full, got {key:?}"
    );
    screens::end_session(&app, "lock").await?;

    app.click("use-recovery-key").await?;
    app.wait_for_heading(RECOVERY_HEADING).await?;
    check(&app, "recovery", "recovery").await?;

    screens::submit_recovery(&app, &wrong_key(&key), admin.username, NEW_PASSWORD).await?;
    let error = screens::wait_for_field_error(&app, "recoveryKey").await?;
    assert!(error.contains("not right"), "unexpected error: {error:?}");
    app.wait_for_heading(RECOVERY_HEADING).await?;
    check(&app, "recovery with a wrong key", "recovery-wrong-key").await?;

    screens::submit_recovery(&app, &key, admin.username, NEW_PASSWORD).await?;
    app.wait_for_heading(admin.forum_name).await?;
    check(&app, "home after recovery", "recovery-home").await?;

    // The recovery replaced the old password; the new one unlocks.
    screens::end_session(&app, "lock").await?;
    screens::submit_unlock(&app, admin.username, admin.password).await?;
    app.wait_for(&test_selector("error-summary")).await?;
    let admin = Admin {
        password: NEW_PASSWORD,
        ..admin
    };
    screens::unlock(&app, &admin).await?;
    app.close().await?;
    Ok(())
}

#[tokio::test]
async fn changing_your_own_password() -> Result<()> {
    let driver = TauriDriver::start()?;
    let app = App::launch(&driver).await?;
    let admin = DEFAULT_ADMIN;
    screens::set_up(&app, &admin).await?;

    screens::go_to(&app, "nav-password", CHANGE_PASSWORD_HEADING).await?;
    check(&app, "change your password", "password").await?;

    screens::submit_password_change(&app, "not my password at all", NEW_PASSWORD).await?;
    let error = screens::wait_for_field_error(&app, "currentPassword").await?;
    assert!(error.contains("not right"), "unexpected error: {error:?}");
    check(
        &app,
        "change your password with an error",
        "password-wrong-current",
    )
    .await?;

    screens::submit_password_change(&app, admin.password, NEW_PASSWORD).await?;
    screens::wait_for_notice(&app, "Your password has been changed").await?;
    screens::assert_absent(&app, "error-summary").await?;
    check(&app, "password changed", "password-changed").await?;

    screens::end_session(&app, "lock").await?;
    let admin = Admin {
        password: NEW_PASSWORD,
        ..admin
    };
    screens::unlock(&app, &admin).await?;
    app.close().await?;
    Ok(())
}

#[tokio::test]
async fn settings_refuse_a_bad_value_and_save_a_good_one() -> Result<()> {
    let driver = TauriDriver::start()?;
    let app = App::launch(&driver).await?;
    let admin = DEFAULT_ADMIN;
    screens::set_up(&app, &admin).await?;

    screens::go_to(&app, "nav-settings", SETTINGS_HEADING).await?;
    check(&app, "settings", "settings").await?;

    app.fill("idleLockMinutes", "0").await?;
    app.click("submit").await?;
    let error = screens::wait_for_field_error(&app, "idleLockMinutes").await?;
    assert!(
        error.contains("from 1 to 240"),
        "unexpected error: {error:?}"
    );
    check(&app, "settings with an error", "settings-error").await?;

    app.fill("idleLockMinutes", "30").await?;
    app.click("submit").await?;
    screens::wait_for_notice(&app, "after 30 minutes").await?;
    screens::assert_absent(&app, "error-summary").await?;
    check(&app, "settings saved", "settings-saved").await?;

    app.click("nav-home").await?;
    app.wait_for_text("main", "locks itself after 30 minutes")
        .await?;
    check(&app, "home after settings", "settings-home").await?;

    // Saved in the database, not only on the screen.
    screens::end_session(&app, "lock").await?;
    screens::unlock(&app, &admin).await?;
    app.wait_for_text("main", "locks itself after 30 minutes")
        .await?;
    app.close().await?;
    Ok(())
}

#[tokio::test]
async fn admin_manages_users_and_a_volunteer_signs_in() -> Result<()> {
    let driver = TauriDriver::start()?;
    let app = App::launch(&driver).await?;
    let admin = DEFAULT_ADMIN;
    screens::set_up(&app, &admin).await?;

    screens::go_to(&app, "nav-users", USERS_HEADING).await?;
    for (username, name) in [("alex", "Alex Volunteer"), ("kim", "Kim Leaver")] {
        screens::open_add_user(&app).await?;
        screens::add_user(&app, username, name, "volunteer", TEMPORARY_PASSWORD).await?;
        screens::wait_for_user_status(&app, username, "Active").await?;
    }

    // Disabling asks first.
    app.click("disable-kim").await?;
    app.wait_for_heading("Are you sure you want to disable Kim Leaver")
        .await?;
    check(&app, "disable a user", "users-disable-confirm").await?;
    app.click("submit").await?;
    screens::wait_for_user_status(&app, "kim", "Disabled").await?;
    screens::wait_for_notice(&app, "has been disabled").await?;
    check(&app, "manage users after disabling", "users-disabled").await?;

    app.click("reset-alex").await?;
    app.wait_for_heading("Reset the password for Alex Volunteer")
        .await?;
    check(&app, "reset a password", "users-reset").await?;
    app.fill("newPassword", RESET_PASSWORD).await?;
    app.fill("newPasswordConfirm", RESET_PASSWORD).await?;
    app.click("submit").await?;
    screens::wait_for_notice(&app, "has been reset").await?;
    screens::wait_for_user_status(&app, "alex", "Active").await?;
    check(&app, "manage users after a reset", "users-reset-done").await?;

    screens::end_session(&app, "sign-out").await?;
    // A disabled user's password no longer opens the database.
    screens::submit_unlock(&app, "kim", TEMPORARY_PASSWORD).await?;
    app.wait_for(&test_selector("error-summary")).await?;

    // The volunteer must choose their own password before anything else.
    screens::submit_unlock(&app, "alex", RESET_PASSWORD).await?;
    app.wait_for_heading(CHANGE_PASSWORD_HEADING).await?;
    app.wait_for_text("main", "You need to choose a new password")
        .await?;
    for nav in ["nav-home", "nav-users", "nav-settings"] {
        screens::assert_absent(&app, nav).await?;
    }
    check(
        &app,
        "volunteer must change password",
        "volunteer-must-change",
    )
    .await?;

    screens::submit_password_change(&app, RESET_PASSWORD, VOLUNTEER_PASSWORD).await?;
    app.wait_for_heading(admin.forum_name).await?;
    app.wait_for_text("main", "Your role: Volunteer").await?;
    app.wait_for("[data-testid=\"nav-password\"]").await?;
    for nav in ["nav-users", "nav-settings"] {
        screens::assert_absent(&app, nav).await?;
    }
    check(&app, "volunteer home", "volunteer-home").await?;

    // An admin brings the disabled user back with a new temporary password.
    screens::end_session(&app, "sign-out").await?;
    screens::unlock(&app, &admin).await?;
    screens::go_to(&app, "nav-users", USERS_HEADING).await?;
    app.click("enable-kim").await?;
    app.wait_for_heading("Re-enable Kim Leaver").await?;
    check(&app, "re-enable a user", "users-re-enable").await?;
    app.fill("newPassword", RESET_PASSWORD).await?;
    app.fill("newPasswordConfirm", RESET_PASSWORD).await?;
    app.click("submit").await?;
    screens::wait_for_notice(&app, "has been re-enabled").await?;
    screens::wait_for_user_status(&app, "kim", "Active").await?;
    screens::end_session(&app, "sign-out").await?;
    screens::submit_unlock(&app, "kim", RESET_PASSWORD).await?;
    app.wait_for_heading(CHANGE_PASSWORD_HEADING).await?;
    app.close().await?;
    Ok(())
}
