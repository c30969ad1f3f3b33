//! Participation evidence through the app: an admin adds a member, quick-adds a meeting
//! attended at the SEND Partnership Board (a body, so it also counts for attendance), adds a
//! survey in full with its "you said, we did" outcome (after the core's field errors, and with
//! hostile text in its title) and attaches its minutes, then records a board meeting the forum sent apologies to, with
//! late papers. The representation page's attendance table for this quarter shows one of two
//! meetings attended. Every screen state is checked with axe and photographed.

use forumdesk_e2e::app::test_selector;
use forumdesk_e2e::axe::axe_check;
use forumdesk_e2e::screens::{self, ADD_MEMBER_HEADING, DEFAULT_ADMIN, MEMBERS_HEADING};
use forumdesk_e2e::{App, Result, TauriDriver};

const ACTIVITIES_HEADING: &str = "Activities";
const REPRESENTATION_HEADING: &str = "Representation";
const BOARD: &str = "SEND Partnership Board";
const SURVEY: &str = "Short breaks survey <script>alert(1)</script>";

async fn check(app: &App, screen: &str, shot: &str) -> Result<()> {
    axe_check(app, screen).await?;
    app.screenshot(shot).await?;
    Ok(())
}

/// Chooses the option shown as `label` in the `<select>` whose id is `id`: bodies and
/// organisations have generated ids, so the test picks them by name as a user would.
async fn choose_by_label(app: &App, id: &str, label: &str) -> Result<()> {
    app.wait_for(&format!("#{id} option:nth-child(2)")).await?;
    let value = app
        .client()
        .execute(
            "const option = [...document.getElementById(arguments[0]).options] \
               .find((o) => o.textContent === arguments[1]); \
             return option ? option.value : null;",
            vec![id.into(), label.into()],
        )
        .await?;
    let value = value
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("no option {label:?} in #{id}"))?
        .to_owned();
    screens::choose(app, id, &value).await
}

#[tokio::test]
async fn a_meeting_quick_added_an_outcome_recorded_and_attendance_shown() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let minutes = dir.path().join("board minutes.txt");
    std::fs::write(&minutes, "Minutes of the short breaks workshop")?;
    let minutes = minutes.canonicalize()?;

    let driver = TauriDriver::start()?;
    let app = App::launch(&driver).await?;
    screens::set_up(&app, &DEFAULT_ADMIN).await?;
    screens::go_to(&app, "nav-members", MEMBERS_HEADING).await?;
    app.click("add-member").await?;
    app.wait_for_heading(ADD_MEMBER_HEADING).await?;
    app.fill("firstName", "Ada").await?;
    app.fill("lastName", "Lovelace").await?;
    screens::tick_checked(&app, "memberType-parent_carer").await?;
    screens::tick_checked(&app, "status-active").await?;
    app.click("submit").await?;
    app.wait_for_heading("Ada Lovelace").await?;

    // The quick add: where, when (today by default) and who went.
    screens::go_to(&app, "nav-activities", ACTIVITIES_HEADING).await?;
    app.wait_for_text(&test_selector("results-count"), "No activities found")
        .await?;
    check(&app, "empty activity log", "activities-empty").await?;
    app.click("quick-add").await?;
    app.wait_for_heading("Add a meeting attended").await?;
    choose_by_label(&app, "where", BOARD).await?;
    app.fill("memberSearch", "Lovelace").await?;
    app.click("add-person").await?;
    app.wait_for_text(&test_selector("chosen-people"), "Ada Lovelace")
        .await?;
    check(&app, "quick add", "quick-add").await?;
    app.click("submit").await?;
    app.wait_for_heading(BOARD).await?;
    screens::wait_for_notice(&app, "has been added").await?;
    check(&app, "a quick-added meeting", "quick-added").await?;

    // The full form: the core's errors first, then every detail and the outcome.
    app.click("back").await?;
    app.wait_for_text(&test_selector("activities-table"), BOARD)
        .await?;
    app.click("add-activity").await?;
    app.wait_for_heading("Add an activity").await?;
    app.click("submit").await?;
    app.wait_for(&test_selector("error-summary")).await?;
    screens::wait_for_field_error(&app, "title").await?;
    check(&app, "activity form errors", "activity-errors").await?;
    app.fill("title", SURVEY).await?;
    screens::choose(&app, "kind", "survey").await?;
    app.fill("startsOn", "12/05/2026").await?;
    screens::tick(&app, "level-operational").await?;
    screens::choose(&app, "rung", "consultation").await?;
    app.fill("parentCarersEngaged", "48").await?;
    app.fill("volunteerHours", "2:30").await?;
    app.fill("topic", "Short breaks").await?;
    app.fill(
        "youSaid",
        "Families could not find out what short breaks exist",
    )
    .await?;
    app.fill("weDid", "Wrote the short breaks statement with the council")
        .await?;
    app.fill("whatChanged", "The statement is now on the Local Offer")
        .await?;
    app.fill("loopClosedOn", "01/07/2026").await?;
    check(&app, "a full activity", "activity-full").await?;
    app.click("submit").await?;
    app.wait_for_heading("Short breaks survey").await?;
    app.wait_for_text("main", "The statement is now on the Local Offer")
        .await?;
    app.wait_for_text("main", "2 hours 30 minutes").await?;
    app.wait_for_text("main", "1 July 2026").await?;
    screens::assert_none(&app, "main script").await?;
    check(&app, "an activity with its outcome", "activity-page").await?;

    // A document goes in through the real file input and is listed with its size.
    app.click("attach-document").await?;
    app.wait_for_text(&test_selector("error-summary"), "Choose a file")
        .await?;
    app.wait_for("#file")
        .await?
        .send_keys(minutes.to_str().expect("a UTF-8 temp path"))
        .await?;
    app.click("attach-document").await?;
    screens::wait_for_notice(&app, "board minutes.txt has been attached").await?;
    app.wait_for_text(&test_selector("documents-table"), "36 bytes")
        .await?;
    app.scroll_to("#documents-heading").await?;
    check(&app, "an activity's documents", "activity-documents").await?;
    app.click("delete-activity").await?;
    app.wait_for_heading("Delete").await?;
    check(&app, "delete confirmation", "activity-delete").await?;
    app.click("cancel").await?;
    app.wait_for_heading("Short breaks survey").await?;
    app.click("back").await?;
    app.wait_for_text(&test_selector("results-count"), "2 activities found")
        .await?;
    check(&app, "activity log", "activities").await?;

    // A board meeting the forum missed, with papers that came the same day.
    app.click("open-representation").await?;
    app.wait_for_heading(REPRESENTATION_HEADING).await?;
    app.wait_for_text(&test_selector("attendance-table"), "100%")
        .await?;
    check(&app, "representation", "representation").await?;
    app.click("record-meeting").await?;
    app.wait_for_heading("Record a meeting").await?;
    app.click("submit").await?;
    app.wait_for_text(
        &test_selector("error-summary"),
        "Select whether the forum was represented",
    )
    .await?;
    check(&app, "meeting form errors", "meeting-errors").await?;
    choose_by_label(&app, "bodyId", BOARD).await?;
    screens::tick(&app, "attendance-apologies").await?;
    let today = app
        .client()
        .execute("return document.getElementById('heldOn').value;", vec![])
        .await?;
    app.fill("papersReceivedOn", today.as_str().unwrap_or_default())
        .await?;
    check(&app, "record a meeting", "meeting-form").await?;
    app.click("submit").await?;
    app.wait_for_heading(REPRESENTATION_HEADING).await?;
    screens::wait_for_notice(&app, "did not come 5 working days ahead").await?;
    app.wait_for_text(&test_selector("attendance-table"), "50%")
        .await?;
    app.wait_for_text(&test_selector("meetings-table"), "Sent apologies")
        .await?;
    check(
        &app,
        "attendance after a missed meeting",
        "representation-attendance",
    )
    .await?;
    app.close().await?;
    Ok(())
}
