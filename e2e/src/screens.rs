//! What the tests know about ForumDesk's screens: headings, field ids (the camelCase input
//! names) and data-testids. Kept in one place so a UI change means one edit here.

use anyhow::ensure;
use fantoccini::Locator;

use crate::app::{poll, test_selector};
use crate::{App, Result};

pub const SETUP_HEADING: &str = "Set up ForumDesk";
pub const RECOVERY_KEY_HEADING: &str = "Save your recovery key";
pub const UNLOCK_HEADING: &str = "Unlock ForumDesk";
pub const RECOVERY_HEADING: &str = "Use the recovery key";
pub const CHANGE_PASSWORD_HEADING: &str = "Change your password";
pub const SETTINGS_HEADING: &str = "Settings";
pub const USERS_HEADING: &str = "Manage users";

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

/// Sets up a new forum and confirms the key; leaves the app on Home. Returns the recovery key.
pub async fn set_up(app: &App, admin: &Admin<'_>) -> Result<String> {
    submit_setup(app, admin).await?;
    let key = app.text("recovery-key").await?.trim().to_owned();
    confirm_recovery_key(app, admin).await?;
    Ok(key)
}

/// Presses a header button (`lock` or `sign-out`); leaves the app on the unlock screen.
pub async fn end_session(app: &App, button: &str) -> Result<()> {
    app.click(button).await?;
    app.wait_for_heading(UNLOCK_HEADING).await?;
    Ok(())
}

/// Follows a header navigation link and waits for the screen's heading.
pub async fn go_to(app: &App, nav_test_id: &str, heading: &str) -> Result<()> {
    app.click(nav_test_id).await?;
    app.wait_for_heading(heading).await?;
    Ok(())
}

/// Fills and submits the recovery form.
pub async fn submit_recovery(app: &App, key: &str, username: &str, password: &str) -> Result<()> {
    app.wait_for_heading(RECOVERY_HEADING).await?;
    app.fill("recoveryKey", key).await?;
    app.fill("username", username).await?;
    app.fill("newPassword", password).await?;
    app.fill("newPasswordConfirm", password).await?;
    app.click("submit").await
}

/// Fills and submits the change-password form.
pub async fn submit_password_change(app: &App, current: &str, new: &str) -> Result<()> {
    app.wait_for_heading(CHANGE_PASSWORD_HEADING).await?;
    app.fill("currentPassword", current).await?;
    app.fill("newPassword", new).await?;
    app.fill("newPasswordConfirm", new).await?;
    app.click("submit").await
}

/// Waits for a failed submit: the error summary, and the message on the field, which is
/// marked invalid. Returns the field's message.
pub async fn wait_for_field_error(app: &App, field: &str) -> Result<String> {
    app.wait_for(&test_selector("error-summary")).await?;
    app.wait_for(&format!("#{field}[aria-invalid=\"true\"]"))
        .await?;
    Ok(app
        .wait_for(&format!("#{field}-error"))
        .await?
        .text()
        .await?)
}

/// Waits for the notification banner to say `needle`.
pub async fn wait_for_notice(app: &App, needle: &str) -> Result<String> {
    app.wait_for_text(".notification", needle).await
}

/// Fails if anything with this data-testid is in the page. Call it once the screen is shown.
pub async fn assert_absent(app: &App, test_id: &str) -> Result<()> {
    let found = app
        .client()
        .find_all(Locator::Css(&test_selector(test_id)))
        .await?;
    ensure!(found.is_empty(), "`{test_id}` should not be on this screen");
    Ok(())
}

/// Waits until the users table shows `status` ("Active", "Disabled") for `username`.
pub async fn wait_for_user_status(app: &App, username: &str, status: &str) -> Result<()> {
    let what = format!("{username} to be {status} in the users table");
    let rows = format!("{} tbody tr", test_selector("users-table"));
    poll(&what, || async {
        for row in app.client().find_all(Locator::Css(&rows)).await? {
            let cells = row.find_all(Locator::Css("td")).await?;
            if cells.len() > 3 && cells[1].text().await? == username {
                return Ok((cells[3].text().await? == status).then_some(()));
            }
        }
        Ok(None)
    })
    .await
}

pub const MEMBERS_HEADING: &str = "Members";
pub const AREAS_HEADING: &str = "Areas";
pub const ADD_MEMBER_HEADING: &str = "Add a member";
pub const IMPORT_HEADING: &str = "Import members from a spreadsheet";
pub const CHECK_IMPORT_HEADING: &str = "Check the import";
pub const IMPORT_DONE_HEADING: &str = "Import finished";

/// Chooses `value` in the native `<select>` whose id is `id`, as a user picking from its list
/// would, and checks the page took it.
pub async fn choose(app: &App, id: &str, value: &str) -> Result<()> {
    app.wait_for(&format!("#{id}")).await?;
    let option = app
        .client()
        .find(Locator::Css(&format!("#{id} option[value=\"{value}\"]")))
        .await?;
    option.click().await?;
    poll(&format!("#{id} to be {value:?}"), || async {
        let chosen = app
            .client()
            .execute(
                "return document.getElementById(arguments[0]).value;",
                vec![id.into()],
            )
            .await?;
        Ok((chosen.as_str() == Some(value)).then_some(()))
    })
    .await
}

/// Clicks the radio or checkbox whose id is `id`.
pub async fn tick(app: &App, id: &str) -> Result<()> {
    app.wait_for(&format!("#{id}")).await?.click().await?;
    Ok(())
}

/// Ticks the radio or checkbox whose id is `id` and waits until the page shows it ticked
/// (never use it to untick). WebDriver clicks at the point where the input was: if the page
/// moves it just then (a warning appearing above it), the click lands elsewhere, and the
/// form would only fail later, on save, far from the cause. This fails here, by name.
pub async fn tick_checked(app: &App, id: &str) -> Result<()> {
    tick(app, id).await?;
    let css = format!("#{id}");
    poll(&format!("#{id} to be ticked after clicking it"), || async {
        let input = app.client().find(Locator::Css(&css)).await?;
        Ok(input.is_selected().await?.then_some(()))
    })
    .await
}

/// Fails if anything matching `css` is in the page. Call it once the screen is shown.
pub async fn assert_none(app: &App, css: &str) -> Result<()> {
    let found = app.client().find_all(Locator::Css(css)).await?;
    ensure!(found.is_empty(), "`{css}` should not be on this screen");
    Ok(())
}

/// Shows one of a member's tabs (`details`, `membership`, `consent`, `children`).
pub async fn member_tab(app: &App, tab: &str) -> Result<()> {
    app.click(&format!("tab-{tab}")).await?;
    app.wait_for(&format!("#panel-{tab}[aria-labelledby=\"tab-{tab}\"]"))
        .await?;
    Ok(())
}

/// Types into the members search box and waits for the live count to say `expected`.
pub async fn search_members(app: &App, text: &str, expected: &str) -> Result<()> {
    app.fill("search", text).await?;
    app.wait_for_text(&test_selector("results-count"), expected)
        .await?;
    Ok(())
}
