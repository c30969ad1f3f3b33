//! Duplicates through the app: an admin adds a member, then the same person again with a
//! slightly different name (the add form warns but still saves), sees the notice on the new
//! record, opens the possible duplicates, compares the two records, picks a value for each
//! field that differs, confirms the merge, undoes it, and finally marks the pair as different
//! people. Every screen state is checked with axe and photographed.

use forumdesk_e2e::app::test_selector;
use forumdesk_e2e::axe::axe_check;
use forumdesk_e2e::screens::{self, ADD_MEMBER_HEADING, DEFAULT_ADMIN, MEMBERS_HEADING};
use forumdesk_e2e::TauriDriver;
use forumdesk_e2e::{App, Result};

const FIRST: &str = "Katherine Jones";
const SECOND: &str = "Katharine Jones";
const DUPLICATES_HEADING: &str = "Possible duplicates";
const COMPARE_HEADING: &str = "Compare and merge records";
/// Why the add form warns once its check has seen the whole phone number. Checks made while
/// the phone was half typed leave it out, so this text means the warning has settled.
const REASON: &str = "same e-mail and phone number";

/// Runs axe on the current screen, then saves its screenshot.
async fn check(app: &App, screen: &str, shot: &str) -> Result<()> {
    axe_check(app, screen).await?;
    app.screenshot(shot).await?;
    Ok(())
}

/// Fills the add form's name and contact details; the caller waits for any duplicate warning,
/// then calls [`choose_membership`] and saves.
async fn type_member(app: &App, first: &str, phone: &str, town: &str, notes: &str) -> Result<()> {
    app.fill("firstName", first).await?;
    app.fill("lastName", "Jones").await?;
    app.fill("email", "kjones@example.org").await?;
    app.fill("phone", phone).await?;
    if !town.is_empty() {
        app.fill("town", town).await?;
    }
    if !notes.is_empty() {
        app.fill("notes", notes).await?;
    }
    Ok(())
}

/// Ticks the type of member and "active". Only once any duplicate warning has settled: it
/// appears after a debounced check and moves what is below it (once these radios, now only
/// the buttons), and a click made as something moves lands where it was.
async fn choose_membership(app: &App) -> Result<()> {
    screens::tick_checked(app, "memberType-parent_carer").await?;
    screens::tick_checked(app, "status-active").await?;
    Ok(())
}

/// On the compare screen: keeps the first record, with the second's spelling and notes and
/// the first's town; leaves the app on the confirmation.
async fn choose_and_confirm(app: &App) -> Result<()> {
    screens::tick_checked(app, "keep-a").await?;
    screens::tick_checked(app, "pick-firstName-b").await?;
    screens::tick_checked(app, "pick-town-a").await?;
    screens::tick_checked(app, "pick-notes-b").await?;
    app.click("submit").await?;
    app.wait_for_heading("Are you sure you want to merge these records?")
        .await?;
    let warning = app.text("merge-warning").await?;
    assert!(
        warning.contains(&format!("The record for {SECOND} will be deleted"))
            && warning.contains(&format!("moved to the record for {FIRST}")),
        "the confirmation says what is deleted and moved: {warning:?}"
    );
    Ok(())
}

#[tokio::test]
async fn duplicates_are_warned_about_reviewed_merged_undone_and_dismissed() -> Result<()> {
    let driver = TauriDriver::start()?;
    let app = App::launch(&driver).await?;
    screens::set_up(&app, &DEFAULT_ADMIN).await?;
    screens::go_to(&app, "nav-members", MEMBERS_HEADING).await?;

    app.click("add-member").await?;
    app.wait_for_heading(ADD_MEMBER_HEADING).await?;
    type_member(&app, "Katherine", "07700 900123", "Preston", "").await?;
    // No one else is in the forum yet, so no warning can appear and move the radios.
    choose_membership(&app).await?;
    app.click("submit").await?;
    app.wait_for_heading(FIRST).await?;
    screens::wait_for_notice(&app, "has been added").await?;
    screens::assert_absent(&app, "duplicate-notice").await?;

    // The same person again, the phone typed another way: the form warns, and still saves.
    app.click("back-to-members").await?;
    app.wait_for_heading(MEMBERS_HEADING).await?;
    app.click("add-member").await?;
    app.wait_for_heading(ADD_MEMBER_HEADING).await?;
    type_member(&app, "Katharine", "+44 7700 900123", "", "Prefers texts").await?;
    let warning = app
        .wait_for_text(&test_selector("duplicate-warning"), REASON)
        .await?;
    assert!(
        warning.contains("This may be the same person as") && warning.contains(FIRST),
        "the warning names the member and why: {warning:?}"
    );
    choose_membership(&app).await?;
    app.scroll_to(&test_selector("duplicate-warning")).await?;
    check(
        &app,
        "add a member, possible duplicate",
        "duplicate-add-warning",
    )
    .await?;
    app.click("submit").await?;
    app.wait_for_heading(SECOND).await?;
    screens::wait_for_notice(&app, "has been added").await?;
    app.wait_for_text(&test_selector("duplicate-notice"), FIRST)
        .await?;
    check(
        &app,
        "member with a possible duplicate",
        "duplicate-member-notice",
    )
    .await?;

    // The review list.
    app.click("back-to-members").await?;
    app.wait_for_heading(MEMBERS_HEADING).await?;
    app.click("possible-duplicates").await?;
    app.wait_for_heading(DUPLICATES_HEADING).await?;
    app.wait_for_text(
        &test_selector("duplicate-reason"),
        "Same e-mail and phone number, and a similar name",
    )
    .await?;
    check(&app, "possible duplicates", "duplicate-review").await?;

    // Compare: nothing is chosen for the user, so continuing at once lists every choice.
    app.click("compare").await?;
    app.wait_for_heading(COMPARE_HEADING).await?;
    app.wait_for_text(&test_selector("compare-table"), "Prefers texts")
        .await?;
    check(&app, "compare and merge", "duplicate-compare").await?;
    app.click("submit").await?;
    let summary = app
        .wait_for_text(
            &test_selector("error-summary"),
            "Select which record should stay",
        )
        .await?;
    for needed in [
        "Select which first name to keep",
        "Select which town or city to keep",
        "Select which notes to keep",
    ] {
        assert!(summary.contains(needed), "{needed:?} missing: {summary:?}");
    }
    app.scroll_to(&test_selector("error-summary")).await?;
    check(
        &app,
        "compare and merge with errors",
        "duplicate-compare-errors",
    )
    .await?;

    // Keep the first record, the second's spelling and notes, the first's town.
    choose_and_confirm(&app).await?;
    check(&app, "confirm the merge", "duplicate-confirm").await?;
    app.click("submit").await?;
    app.wait_for_heading("Records merged").await?;
    screens::wait_for_notice(&app, "The records have been merged").await?;
    app.wait_for(&test_selector("undo-merge")).await?;
    check(&app, "records merged", "duplicate-merged").await?;

    // Undo puts both records back, and the pair is suggested again.
    app.click("undo-merge").await?;
    app.wait_for_heading(DUPLICATES_HEADING).await?;
    screens::wait_for_notice(&app, "The merge has been undone").await?;
    app.wait_for_text(&test_selector("duplicate-list"), SECOND)
        .await?;
    check(&app, "merge undone", "duplicate-undone").await?;

    // Merged for good this time: the kept record has the chosen values.
    app.click("compare").await?;
    app.wait_for_heading(COMPARE_HEADING).await?;
    choose_and_confirm(&app).await?;
    app.click("submit").await?;
    app.wait_for_heading("Records merged").await?;
    app.click("open-kept").await?;
    app.wait_for_heading(SECOND).await?;
    app.wait_for_text("#panel-details", "Preston").await?;
    app.wait_for_text("#panel-details", "Prefers texts").await?;
    check(&app, "merged member", "duplicate-merged-member").await?;
    screens::assert_absent(&app, "duplicate-notice").await?;
    app.click("back-to-members").await?;
    app.wait_for_heading(MEMBERS_HEADING).await?;
    screens::search_members(&app, "jones", "1 member found").await?;

    // Someone similar who is not the same person: compared from their page, then dismissed.
    app.click("add-member").await?;
    app.wait_for_heading(ADD_MEMBER_HEADING).await?;
    type_member(&app, "Katharyn", "07700 900123", "Leyland", "").await?;
    let warning = app
        .wait_for_text(&test_selector("duplicate-warning"), REASON)
        .await?;
    assert!(
        warning.contains(SECOND),
        "the warning names the merged member: {warning:?}"
    );
    choose_membership(&app).await?;
    app.click("submit").await?;
    app.wait_for_heading("Katharyn Jones").await?;
    app.click("compare-duplicate").await?;
    app.wait_for_heading(COMPARE_HEADING).await?;
    app.wait_for_text(&test_selector("compare-table"), "Leyland")
        .await?;
    app.click("back").await?;
    app.wait_for_heading("Katharyn Jones").await?;
    app.click("back-to-members").await?;
    app.wait_for_heading(MEMBERS_HEADING).await?;
    app.click("possible-duplicates").await?;
    app.wait_for_heading(DUPLICATES_HEADING).await?;
    app.click("not-duplicate").await?;
    screens::wait_for_notice(&app, "are marked as different people").await?;
    app.wait_for(&test_selector("no-duplicates")).await?;
    check(&app, "pair dismissed", "duplicate-dismissed").await?;
    app.click("back-to-members").await?;
    app.wait_for_heading(MEMBERS_HEADING).await?;
    screens::search_members(&app, "jones", "2 members found").await?;
    app.close().await?;
    Ok(())
}
