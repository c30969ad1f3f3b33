//! Members through the app: an admin adds an area and a member placed in it by postcode, finds
//! them by typing an accent-free spelling, records consent, adds a child's needs under
//! special-category consent, withdraws it (the child's details go) and a volunteer then sees
//! no children's tab. Every screen state is checked with axe and photographed.

use forumdesk_e2e::app::test_selector;
use forumdesk_e2e::axe::axe_check;
use forumdesk_e2e::screens::{
    self, ADD_MEMBER_HEADING, AREAS_HEADING, DEFAULT_ADMIN, MEMBERS_HEADING, SETTINGS_HEADING,
    USERS_HEADING,
};
use forumdesk_e2e::{App, Result, TauriDriver};

const TEMPORARY_PASSWORD: &str = "seven lanterns over the harbour";
const VOLUNTEER_PASSWORD: &str = "quiet meadow ferry biscuit 93";
const MEMBER: &str = "Zoë Nowak";

/// Runs axe on the current screen, then saves its screenshot.
async fn check(app: &App, screen: &str, shot: &str) -> Result<()> {
    axe_check(app, screen).await?;
    app.screenshot(shot).await?;
    Ok(())
}

#[tokio::test]
async fn members_areas_consent_and_children() -> Result<()> {
    let driver = TauriDriver::start()?;
    let app = App::launch(&driver).await?;
    let admin = DEFAULT_ADMIN;
    screens::set_up(&app, &admin).await?;

    // An area, so postcodes place members in it.
    screens::go_to(&app, "nav-settings", SETTINGS_HEADING).await?;
    screens::go_to(&app, "nav-areas", AREAS_HEADING).await?;
    app.click("add-area").await?;
    app.wait_for_heading("Add an area").await?;
    app.fill("name", "Preston").await?;
    app.fill("districts", "PR1 PR2").await?;
    check(&app, "add an area", "areas-add").await?;
    app.click("submit").await?;
    screens::wait_for_notice(&app, "Preston has been saved").await?;
    app.wait_for_text(&test_selector("areas-table"), "PR1, PR2")
        .await?;
    check(&app, "areas", "areas-saved").await?;

    // Adding a member: the core's errors first, then a good record.
    screens::go_to(&app, "nav-members", MEMBERS_HEADING).await?;
    app.wait_for_text(&test_selector("results-count"), "No members found")
        .await?;
    check(&app, "members (none yet)", "members-empty").await?;
    app.click("add-member").await?;
    app.wait_for_heading(ADD_MEMBER_HEADING).await?;
    check(&app, "add a member", "member-add").await?;
    screens::tick_checked(&app, "status-active").await?;
    app.click("submit").await?;
    let error = screens::wait_for_field_error(&app, "firstName").await?;
    assert!(error.contains("first name"), "unexpected error: {error:?}");
    app.scroll_to(&test_selector("error-summary")).await?;
    check(&app, "add a member with errors", "member-add-errors").await?;

    app.fill("firstName", "Zoë").await?;
    app.fill("lastName", "Nowak").await?;
    app.fill("email", "zoe.nowak@example.org").await?;
    app.fill("phone", "07700 900123").await?;
    app.fill("postcode", "pr1 2he").await?;
    screens::tick_checked(&app, "memberType-parent_carer").await?;
    app.click("submit").await?;
    app.wait_for_heading(MEMBER).await?;
    screens::wait_for_notice(&app, "has been added").await?;
    app.wait_for_text("#panel-details", "Preston (from the postcode)")
        .await?;
    app.wait_for_text("#panel-details", "PR1 2HE").await?;
    // Stored as +447700900123; shown as a UK volunteer reads it.
    app.wait_for_text("#panel-details", "07700 900123").await?;
    check(&app, "member details", "member-details").await?;

    // Search as you type, without the accent.
    app.click("back-to-members").await?;
    app.wait_for_heading(MEMBERS_HEADING).await?;
    screens::search_members(&app, "xyz", "No members found").await?;
    screens::search_members(&app, "zoe", "1 member found").await?;
    app.wait_for_text(&test_selector("members-table"), MEMBER)
        .await?;
    app.wait_for_text(&test_selector("members-table"), "07700 900123")
        .await?;
    app.scroll_to(&test_selector("results-count")).await?;
    check(&app, "members search", "members-search").await?;

    // Consent: e-mail news and special category, on paper.
    app.click("open-member").await?;
    app.wait_for_heading(MEMBER).await?;
    screens::member_tab(&app, "membership").await?;
    app.wait_for_text("#panel-membership", "Active").await?;
    check(&app, "member membership", "member-membership").await?;
    screens::member_tab(&app, "consent").await?;
    app.wait_for(&test_selector("give-email_news")).await?;
    check(&app, "member consent", "member-consent").await?;
    screens::choose(&app, "consentMethod", "paper").await?;
    app.click("give-email_news").await?;
    app.wait_for_text(&test_selector("consent-state-email_news"), "Given")
        .await?;
    app.click("give-special_category").await?;
    app.wait_for_text(&test_selector("consent-state-special_category"), "Given")
        .await?;
    app.wait_for_text(&test_selector("consent-history"), "Gave consent")
        .await?;
    app.scroll_to(&test_selector("consent-special_category"))
        .await?;
    check(&app, "member consent given", "member-consent-given").await?;

    // A child's needs.
    screens::member_tab(&app, "children").await?;
    app.click("add-child").await?;
    app.wait_for_heading("Add a child's details").await?;
    check(&app, "add a child", "child-add").await?;
    app.fill("yearOfBirth", "2016").await?;
    screens::choose(&app, "primaryNeed", "ASD").await?;
    screens::tick(&app, "provision-ehcp").await?;
    app.click("submit").await?;
    app.wait_for_heading(MEMBER).await?;
    app.wait_for_text(
        &test_selector("children-list"),
        "Autistic spectrum disorder (ASD)",
    )
    .await?;
    app.wait_for_text(
        &test_selector("children-list"),
        "Education, health and care plan (EHCP)",
    )
    .await?;
    app.scroll_to(&test_selector("children-list")).await?;
    check(&app, "member children", "member-children").await?;

    // Withdrawing special-category consent asks first, then deletes the child's details.
    screens::member_tab(&app, "consent").await?;
    screens::choose(&app, "consentMethod", "paper").await?;
    app.click("withdraw-special_category").await?;
    app.wait_for_heading("Are you sure you want to withdraw")
        .await?;
    let warning = app.text("withdraw-warning").await?;
    assert!(
        warning.contains("delete") && warning.contains("equality information"),
        "the confirmation must say what is deleted: {warning:?}"
    );
    check(
        &app,
        "withdraw special-category consent",
        "consent-withdraw-confirm",
    )
    .await?;
    app.click("submit").await?;
    screens::wait_for_notice(&app, "has been withdrawn").await?;
    app.wait_for_text(
        &test_selector("consent-state-special_category"),
        "Withdrawn",
    )
    .await?;
    app.scroll_to(&test_selector("consent-history")).await?;
    check(&app, "consent withdrawn", "consent-withdrawn").await?;
    screens::member_tab(&app, "children").await?;
    app.wait_for(&test_selector("no-special-consent")).await?;
    screens::assert_absent(&app, "child").await?;
    screens::assert_absent(&app, "add-child").await?;
    check(&app, "children after withdrawal", "children-withdrawn").await?;

    // A volunteer sees the member but never the children's needs.
    screens::go_to(&app, "nav-users", USERS_HEADING).await?;
    screens::open_add_user(&app).await?;
    screens::add_user(
        &app,
        "alex",
        "Alex Volunteer",
        "volunteer",
        TEMPORARY_PASSWORD,
    )
    .await?;
    screens::wait_for_user_status(&app, "alex", "Active").await?;
    screens::end_session(&app, "sign-out").await?;
    screens::submit_unlock(&app, "alex", TEMPORARY_PASSWORD).await?;
    screens::submit_password_change(&app, TEMPORARY_PASSWORD, VOLUNTEER_PASSWORD).await?;
    app.wait_for_heading(admin.forum_name).await?;
    screens::assert_absent(&app, "nav-areas").await?;
    screens::go_to(&app, "nav-members", MEMBERS_HEADING).await?;
    screens::search_members(&app, "nowak", "1 member found").await?;
    screens::assert_none(&app, "#filterNeed, #filterProvision").await?;
    check(&app, "members as a volunteer", "volunteer-members").await?;
    app.click("open-member").await?;
    app.wait_for_heading(MEMBER).await?;
    app.wait_for(&test_selector("tab-consent")).await?;
    screens::assert_absent(&app, "tab-children").await?;
    check(&app, "member as a volunteer", "volunteer-member").await?;
    app.close().await?;
    Ok(())
}
