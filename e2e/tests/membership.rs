//! The membership lifecycle through the app: a member whose renewal is due renews (after a
//! date in the future is refused on its field), leaves with a reason that looks like markup
//! and a formula (shown back as text), and rejoins; the history records each step. Every
//! screen state is checked with axe and photographed.

use forumdesk_e2e::app::test_selector;
use forumdesk_e2e::axe::axe_check;
use forumdesk_e2e::screens::{self, ADD_MEMBER_HEADING, DEFAULT_ADMIN, MEMBERS_HEADING};
use forumdesk_e2e::{App, Result};

const MEMBER: &str = "Ola Nowak";
const HOSTILE_REASON: &str = "<img src=x onerror=alert(1)> =HYPERLINK(\"http://evil.example\")";

async fn check(app: &App, screen: &str, shot: &str) -> Result<()> {
    axe_check(app, screen).await?;
    app.screenshot(shot).await?;
    Ok(())
}

#[tokio::test]
async fn renew_leave_with_a_reason_and_rejoin() -> Result<()> {
    let driver = forumdesk_e2e::TauriDriver::start()?;
    let app = App::launch(&driver).await?;
    screens::set_up(&app, &DEFAULT_ADMIN).await?;

    // A member who joined long enough ago that their renewal has come.
    screens::go_to(&app, "nav-members", MEMBERS_HEADING).await?;
    app.click("add-member").await?;
    app.wait_for_heading(ADD_MEMBER_HEADING).await?;
    app.fill("firstName", "Ola").await?;
    app.fill("lastName", "Nowak").await?;
    screens::tick_checked(&app, "memberType-parent_carer").await?;
    screens::tick_checked(&app, "status-active").await?;
    app.fill("joinedOn", "1/1/2025").await?;
    app.click("submit").await?;
    app.wait_for_heading(MEMBER).await?;
    screens::member_tab(&app, "membership").await?;
    app.wait_for_text(&test_selector("membership-status"), "Renewal due")
        .await?;
    app.wait_for_text(&test_selector("membership-history"), "Joined")
        .await?;
    check(&app, "membership, renewal due", "membership-renewal-due").await?;

    // Renewing: a future date is refused on the field, then blank means today.
    app.click("membership-renew").await?;
    app.wait_for_heading("Renew Ola Nowak's membership").await?;
    check(&app, "renew membership", "membership-renew").await?;
    app.fill("onDate", "1/1/2099").await?;
    app.click("submit").await?;
    let error = screens::wait_for_field_error(&app, "onDate").await?;
    assert!(
        error.contains("today or in the past"),
        "unexpected error: {error:?}"
    );
    check(
        &app,
        "renew membership with errors",
        "membership-renew-errors",
    )
    .await?;
    // A blank date means today; WebDriver cannot type nothing, and the form trims a space.
    app.fill("onDate", " ").await?;
    app.click("submit").await?;
    app.wait_for_heading(MEMBER).await?;
    screens::wait_for_notice(&app, "has been renewed").await?;
    app.wait_for_text(&test_selector("membership-status"), "Active")
        .await?;
    app.wait_for_text(&test_selector("membership-history"), "Renewed")
        .await?;
    check(&app, "membership renewed", "membership-renewed").await?;

    // Leaving needs a reason; a hostile one is kept and shown as text.
    app.click("membership-leave").await?;
    app.wait_for_heading("Record that Ola Nowak has left the forum")
        .await?;
    app.click("submit").await?;
    let error = screens::wait_for_field_error(&app, "reason").await?;
    assert!(
        error.contains("reason they left"),
        "unexpected error: {error:?}"
    );
    check(
        &app,
        "record leaving with errors",
        "membership-leave-errors",
    )
    .await?;
    app.fill("reason", HOSTILE_REASON).await?;
    app.click("submit").await?;
    app.wait_for_heading(MEMBER).await?;
    screens::wait_for_notice(&app, "as having left the forum").await?;
    app.wait_for_text(&test_selector("membership-status"), "Left")
        .await?;
    let shown = app.text("leaving-reason").await?;
    assert_eq!(shown, HOSTILE_REASON, "the reason is shown as typed");
    screens::assert_none(&app, "#panel-membership img").await?;
    screens::assert_absent(&app, "membership-renew").await?;
    check(&app, "membership left", "membership-left").await?;

    // Rejoining brings them back as active, and the history keeps every step.
    app.click("membership-rejoin").await?;
    app.wait_for_heading("Rejoin Ola Nowak to the forum")
        .await?;
    check(&app, "rejoin", "membership-rejoin").await?;
    app.click("submit").await?;
    app.wait_for_heading(MEMBER).await?;
    screens::wait_for_notice(&app, "is an active member again").await?;
    app.wait_for_text(&test_selector("membership-status"), "Active")
        .await?;
    let history = app
        .wait_for_text(&test_selector("membership-history"), "Rejoined")
        .await?;
    for step in ["Left", "Renewed", "Joined", HOSTILE_REASON] {
        assert!(history.contains(step), "history lacks {step:?}: {history}");
    }
    app.scroll_to(&test_selector("membership-history")).await?;
    check(&app, "membership rejoined", "membership-rejoined").await?;
    app.close().await?;
    Ok(())
}
