//! Affiliated groups through the app: an admin adds an area and a member, records a group's
//! enquiry (after the core's field errors), receives its application, approves it with a
//! minute reference and, once it is overdue, renews it. The renewals-due panel and the reach
//! table show the expected figures, the member who is also the group's contact counted once.
//! A second run splits the work by role: a volunteer records the enquiry and is offered no
//! officer's steps, and an officer publishes new affiliation terms, takes the group through
//! application, approval and renewal under them, and co-opts its leader onto the steering
//! group. Every screen state is checked with axe and photographed.

use forumdesk_e2e::app::test_selector;
use forumdesk_e2e::axe::axe_check;
use forumdesk_e2e::screens::{
    self, ADD_MEMBER_HEADING, AREAS_HEADING, DEFAULT_ADMIN, MEMBERS_HEADING, SETTINGS_HEADING,
    USERS_HEADING,
};
use forumdesk_e2e::{App, Result, TauriDriver};

const GROUP: &str = "Sunflowers <script>alert(1)</script>";
const GROUPS_HEADING: &str = "Groups";
const MINUTE: &str = "Steering group 12/03/2025, minute 4";
const TERMS_HEADING: &str = "Affiliation terms";
const STEERING_HEADING: &str = "Co-opted onto the steering group";
const TEMPORARY_PASSWORD: &str = "seven lanterns over the harbour";
const VOLUNTEER_PASSWORD: &str = "quiet meadow ferry biscuit 93";
const OFFICER_PASSWORD: &str = "amber kettle under nine bridges";
const NEW_TERMS: &str = "Version two: the group shares a yearly estimate of the families it \
                         reaches. It names a lead contact. <b>Not bold</b>";

async fn check(app: &App, screen: &str, shot: &str) -> Result<()> {
    axe_check(app, screen).await?;
    app.screenshot(shot).await?;
    Ok(())
}

/// Takes the shown group through one affiliation step: its form, the confirmation, done.
async fn step(
    app: &App,
    step: &str,
    heading: &str,
    on: &str,
    note: &str,
    shot: &str,
) -> Result<()> {
    screens::member_tab(app, "affiliation").await?;
    app.click(&format!("step-{step}")).await?;
    app.wait_for_heading(heading).await?;
    app.fill("onDate", on).await?;
    if !note.is_empty() {
        app.fill("note", note).await?;
    }
    check(app, heading, &format!("group-{shot}")).await?;
    app.click("submit").await?;
    app.wait_for_heading("Check before recording").await?;
    check(app, "confirm a step", &format!("group-{shot}-confirm")).await?;
    app.click("confirm").await?;
    app.wait_for_heading(GROUP).await?;
    Ok(())
}

/// The admin's part: an area, a member to co-opt later, and the two users who do the work.
async fn set_up_forum_and_users(app: &App) -> Result<()> {
    screens::set_up(app, &DEFAULT_ADMIN).await?;
    screens::go_to(app, "nav-settings", SETTINGS_HEADING).await?;
    screens::go_to(app, "nav-areas", AREAS_HEADING).await?;
    app.click("add-area").await?;
    app.wait_for_heading("Add an area").await?;
    app.fill("name", "Preston").await?;
    app.fill("districts", "PR1").await?;
    app.click("submit").await?;
    screens::wait_for_notice(app, "Preston has been saved").await?;

    screens::go_to(app, "nav-members", MEMBERS_HEADING).await?;
    app.click("add-member").await?;
    app.wait_for_heading(ADD_MEMBER_HEADING).await?;
    app.fill("firstName", "Ada").await?;
    app.fill("lastName", "Lovelace").await?;
    app.fill("postcode", "PR1 2HE").await?;
    screens::tick_checked(app, "memberType-parent_carer").await?;
    screens::tick_checked(app, "status-active").await?;
    app.click("submit").await?;
    app.wait_for_heading("Ada Lovelace").await?;

    screens::go_to(app, "nav-users", USERS_HEADING).await?;
    for (username, name, role) in [
        ("vera", "Vera Volunteer", "volunteer"),
        ("olly", "Olly Officer", "officer"),
    ] {
        screens::open_add_user(app).await?;
        screens::add_user(app, username, name, role, TEMPORARY_PASSWORD).await?;
        screens::wait_for_user_status(app, username, "Active").await?;
    }
    screens::end_session(app, "sign-out").await
}

/// Signs in with the temporary password the admin set and chooses a new one.
async fn first_sign_in(app: &App, username: &str, password: &str) -> Result<()> {
    screens::submit_unlock(app, username, TEMPORARY_PASSWORD).await?;
    screens::submit_password_change(app, TEMPORARY_PASSWORD, password).await?;
    app.wait_for_heading(DEFAULT_ADMIN.forum_name).await?;
    Ok(())
}

#[tokio::test]
async fn a_volunteer_records_the_enquiry_and_an_officer_approves_and_renews_it() -> Result<()> {
    let driver = TauriDriver::start()?;
    let app = App::launch(&driver).await?;
    set_up_forum_and_users(&app).await?;

    // The volunteer: records the enquiry, and is offered none of the officers' steps.
    first_sign_in(&app, "vera", VOLUNTEER_PASSWORD).await?;
    screens::go_to(&app, "nav-groups", GROUPS_HEADING).await?;
    screens::assert_absent(&app, "add-organisation").await?;
    screens::assert_absent(&app, "affiliation-settings").await?;
    check(&app, "groups as a volunteer", "volunteer-groups").await?;
    app.click("record-enquiry").await?;
    app.wait_for_heading("Record an enquiry from a group")
        .await?;
    app.fill("name", GROUP).await?;
    screens::tick(&app, "kind-parent_group").await?;
    app.wait_for("input[name=areaIds]").await?.click().await?;
    app.wait_for(&test_selector("all-needs"))
        .await?
        .click()
        .await?;
    app.fill("familiesReached", "about 80").await?;
    app.fill("note", "Met their lead at a coffee morning")
        .await?;
    check(&app, "a volunteer's enquiry", "volunteer-enquiry").await?;
    app.click("submit").await?;
    app.wait_for_heading(GROUP).await?;
    screens::wait_for_notice(&app, "has been recorded").await?;
    screens::member_tab(&app, "affiliation").await?;
    app.wait_for_text(&test_selector("affiliation-status"), "Enquiry")
        .await?;
    app.wait_for_text(&test_selector("timeline"), "Vera Volunteer")
        .await?;
    for absent in [
        "affiliation-actions",
        "step-applied",
        "step-approved",
        "step-renewed",
        "step-declined",
    ] {
        screens::assert_absent(&app, absent).await?;
    }
    screens::assert_none(&app, "main script, main img").await?;
    check(&app, "group as a volunteer", "volunteer-group").await?;
    app.click("back-to-groups").await?;
    app.click("open-terms").await?;
    app.wait_for_heading(TERMS_HEADING).await?;
    app.wait_for(&test_selector("current-terms")).await?;
    screens::assert_absent(&app, "publish-terms").await?;
    check(&app, "terms as a volunteer", "volunteer-terms").await?;
    app.click("back-to-groups").await?;
    app.click("open-steering-group").await?;
    app.wait_for_heading(STEERING_HEADING).await?;
    app.wait_for(&test_selector("no-co-options")).await?;
    check(&app, "no one co-opted yet", "steering-group-empty").await?;
    screens::end_session(&app, "sign-out").await?;

    // The officer: publishes version 2 of the terms, which the group's application takes.
    first_sign_in(&app, "olly", OFFICER_PASSWORD).await?;
    screens::go_to(&app, "nav-groups", GROUPS_HEADING).await?;
    app.click("open-terms").await?;
    app.wait_for_heading(TERMS_HEADING).await?;
    app.wait_for_text(&test_selector("current-terms"), "Version 1")
        .await?;
    check(&app, "terms as an officer", "officer-terms").await?;
    app.click("publish-terms").await?;
    app.wait_for_heading("Publish a new version of the terms")
        .await?;
    app.fill("text", NEW_TERMS).await?;
    check(&app, "new terms", "terms-publish").await?;
    app.click("submit").await?;
    app.wait_for_heading("Check before publishing").await?;
    let shown = app.text("new-terms-text").await?;
    assert!(
        shown.starts_with("Version two:") && shown.ends_with("<b>Not bold</b>"),
        "the new text replaces version 1's: {shown:?}"
    );
    let warning = app.text("terms-warning").await?;
    assert!(
        warning.contains("Groups already affiliated keep the version they accepted"),
        "the confirmation must say what happens to affiliated groups: {warning:?}"
    );
    check(&app, "confirm new terms", "terms-confirm").await?;
    app.click("confirm").await?;
    screens::wait_for_notice(
        &app,
        "Version 2 of the affiliation terms has been published",
    )
    .await?;
    let current = app
        .wait_for_text(&test_selector("current-terms"), "Version 2")
        .await?;
    assert!(
        current.contains("<b>Not bold</b>"),
        "terms as text: {current}"
    );
    screens::assert_none(&app, "main b").await?;
    app.wait_for("[data-testid=earlier-terms] summary")
        .await?
        .click()
        .await?;
    app.wait_for_text(&test_selector("earlier-terms"), "Version 1")
        .await?;
    check(
        &app,
        "terms with an earlier version open",
        "terms-published",
    )
    .await?;

    // The group the volunteer recorded: application, approval with its minute, renewal.
    app.click("back-to-groups").await?;
    app.wait_for_heading(GROUPS_HEADING).await?;
    app.click("open-group").await?;
    app.wait_for_heading(GROUP).await?;
    step(&app, "applied", "application", " ", "", "officer-apply").await?;
    app.wait_for_text(&test_selector("affiliation-status"), "Application received")
        .await?;
    app.wait_for_text("main", "Version 2").await?;
    step(
        &app,
        "approved",
        "affiliation",
        " ",
        MINUTE,
        "officer-approve",
    )
    .await?;
    screens::wait_for_notice(&app, "is now affiliated").await?;
    step(
        &app,
        "renewed",
        "Renew",
        " ",
        "Renewed at the annual meeting",
        "officer-renew",
    )
    .await?;
    screens::wait_for_notice(&app, "has been renewed").await?;
    app.wait_for_text(&test_selector("affiliation-status"), "Affiliated")
        .await?;
    let timeline = app
        .wait_for_text(&test_selector("timeline"), MINUTE)
        .await?;
    for words in [
        "Renewed",
        "Approved",
        "terms version 2",
        "Olly Officer",
        "Vera Volunteer",
    ] {
        assert!(
            timeline.contains(words),
            "timeline lacks {words:?}: {timeline}"
        );
    }
    check(&app, "group approved and renewed", "officer-group-renewed").await?;

    // Ada, the group's leader, co-opted onto the steering group from today.
    screens::member_tab(&app, "leaders").await?;
    app.click("co-opt").await?;
    app.wait_for_heading("Co-opt a leader from").await?;
    app.fill("personSearch", "lovelace").await?;
    app.wait_for("input[name=personId]").await?.click().await?;
    check(&app, "co-opt a leader", "officer-co-opt").await?;
    app.click("submit").await?;
    screens::wait_for_notice(&app, "co-option onto the steering group has been recorded").await?;
    app.wait_for_text(&test_selector("co-options"), "Ada Lovelace")
        .await?;
    app.click("back-to-groups").await?;
    app.click("open-steering-group").await?;
    app.wait_for_heading(STEERING_HEADING).await?;
    let table = app
        .wait_for_text(&test_selector("steering-table"), "Ada Lovelace")
        .await?;
    assert!(table.contains(GROUP), "the group's name, as text: {table}");
    assert!(table.contains("No end date"), "{table}");
    check(&app, "steering group", "steering-group").await?;

    // The only organisation has an affiliation, so "no enquiry" finds none.
    app.click("back-to-groups").await?;
    app.wait_for_heading(GROUPS_HEADING).await?;
    screens::choose(&app, "filterStatus", "none").await?;
    app.wait_for_text(&test_selector("results-count"), "No organisations found")
        .await?;
    check(&app, "groups with no affiliation", "groups-not-affiliated").await?;
    app.close().await?;
    Ok(())
}

#[tokio::test]
async fn an_enquiry_through_approval_and_renewal_with_renewals_and_reach() -> Result<()> {
    let driver = TauriDriver::start()?;
    let app = App::launch(&driver).await?;
    screens::set_up(&app, &DEFAULT_ADMIN).await?;

    screens::go_to(&app, "nav-settings", SETTINGS_HEADING).await?;
    screens::go_to(&app, "nav-areas", AREAS_HEADING).await?;
    app.click("add-area").await?;
    app.wait_for_heading("Add an area").await?;
    app.fill("name", "Preston").await?;
    app.fill("districts", "PR1").await?;
    app.click("submit").await?;
    screens::wait_for_notice(&app, "Preston has been saved").await?;

    // A member in Preston who will also be the group's lead contact.
    screens::go_to(&app, "nav-members", MEMBERS_HEADING).await?;
    app.click("add-member").await?;
    app.wait_for_heading(ADD_MEMBER_HEADING).await?;
    app.fill("firstName", "Ada").await?;
    app.fill("lastName", "Lovelace").await?;
    app.fill("postcode", "PR1 2HE").await?;
    screens::tick_checked(&app, "memberType-parent_carer").await?;
    screens::tick_checked(&app, "status-active").await?;
    app.click("submit").await?;
    app.wait_for_heading("Ada Lovelace").await?;

    screens::go_to(&app, "nav-groups", GROUPS_HEADING).await?;
    app.wait_for_text(&test_selector("results-count"), "No organisations found")
        .await?;
    check(&app, "groups (none yet)", "groups-empty").await?;

    // The enquiry: the core's errors on the fields first, then a good one.
    app.click("record-enquiry").await?;
    app.wait_for_heading("Record an enquiry from a group")
        .await?;
    check(&app, "record an enquiry", "group-enquiry").await?;
    app.fill("onDate", "1/1/2099").await?;
    app.click("submit").await?;
    let error = screens::wait_for_field_error(&app, "name").await?;
    assert!(
        error.contains("organisation's name"),
        "unexpected error: {error:?}"
    );
    let error = screens::wait_for_field_error(&app, "onDate").await?;
    assert!(
        error.contains("today or in the past"),
        "unexpected error: {error:?}"
    );
    app.scroll_to(&test_selector("error-summary")).await?;
    check(&app, "enquiry with errors", "group-enquiry-errors").await?;
    app.fill("name", GROUP).await?;
    screens::tick(&app, "kind-parent_group").await?;
    app.wait_for("input[name=areaIds]").await?.click().await?;
    app.wait_for(&test_selector("all-needs"))
        .await?
        .click()
        .await?;
    app.fill("website", "www.sunflowers.org.uk").await?;
    app.fill("familiesReached", "120").await?;
    app.fill("familiesEstimatedOn", "10/01/2025").await?;
    app.fill("onDate", "01/02/2025").await?;
    app.fill("note", "Phoned the office").await?;
    app.click("submit").await?;
    app.wait_for_heading(GROUP).await?;
    screens::wait_for_notice(&app, "has been recorded").await?;
    app.wait_for_text(&test_selector("affiliation-status"), "Enquiry")
        .await?;
    app.wait_for_text(&test_selector("website"), "https://www.sunflowers.org.uk")
        .await?;
    screens::assert_none(&app, "main script, main img").await?;
    check(&app, "group details", "group-details").await?;

    // Application, then approval with its minute reference; the renewal date has passed.
    step(&app, "applied", "application", "10/02/2025", "", "apply").await?;
    app.wait_for_text(&test_selector("affiliation-status"), "Application received")
        .await?;
    step(
        &app,
        "approved",
        "affiliation",
        "12/03/2025",
        MINUTE,
        "approve",
    )
    .await?;
    app.wait_for_text(&test_selector("affiliation-status"), "Renewal due")
        .await?;
    app.wait_for_text(&test_selector("renewal-due"), "12 March 2026")
        .await?;
    let timeline = app
        .wait_for_text(&test_selector("timeline"), MINUTE)
        .await?;
    for words in [
        "Approved",
        "Application received",
        "Enquiry",
        "terms version 1",
    ] {
        assert!(
            timeline.contains(words),
            "timeline lacks {words:?}: {timeline}"
        );
    }
    check(&app, "affiliation timeline", "group-timeline").await?;

    // Ada as the group's lead, picked from the members.
    screens::member_tab(&app, "contacts").await?;
    app.click("add-contact").await?;
    app.wait_for_heading("Add a contact at").await?;
    app.fill("personSearch", "lovelace").await?;
    app.wait_for("input[name=personId]").await?.click().await?;
    app.fill("role", "Lead").await?;
    check(&app, "add a contact", "group-add-contact").await?;
    app.click("submit").await?;
    app.wait_for_heading(GROUP).await?;
    app.wait_for_text(&test_selector("contacts"), "Ada Lovelace")
        .await?;
    check(&app, "group contacts", "group-contacts").await?;

    // The renewals panel lists it as overdue.
    app.click("back-to-groups").await?;
    app.wait_for_heading(GROUPS_HEADING).await?;
    app.wait_for_text(&test_selector("renewals-overdue"), "12 March 2026")
        .await?;
    check(&app, "groups with a renewal overdue", "groups-renewal-due").await?;

    // The reach: Ada is a direct member and in the group's estimate, so she counts once.
    app.click("open-reach").await?;
    app.wait_for_heading("The forum's reach").await?;
    let table = app
        .wait_for_text(&test_selector("reach-table"), "Preston")
        .await?;
    assert!(
        table.contains("10 January 2025"),
        "oldest estimate: {table}"
    );
    let rows = app
        .client()
        .execute(
            "return [...document.querySelectorAll('[data-testid=reach-table] tr')]\
             .map((row) => [...row.cells].map((cell) => cell.textContent).join('|'));",
            vec![],
        )
        .await?;
    assert_eq!(
        rows,
        serde_json::json!([
            "Area|Direct members|Affiliated groups|Families via groups|Also members|Combined",
            "Preston|1|1|120|1|120",
            "Whole forum|1|1|120|1|120",
        ])
    );
    check(&app, "reach", "reach").await?;

    // Renewing late (today) gives a full period, and the panel has nothing overdue.
    app.click("back-to-groups").await?;
    app.wait_for_heading(GROUPS_HEADING).await?;
    app.click("open-group").await?;
    app.wait_for_heading(GROUP).await?;
    step(
        &app,
        "renewed",
        "Renew",
        " ",
        "Renewal agreed by e-mail",
        "renew",
    )
    .await?;
    screens::wait_for_notice(&app, "has been renewed").await?;
    app.wait_for_text(&test_selector("affiliation-status"), "Affiliated")
        .await?;
    check(&app, "group renewed", "group-renewed").await?;
    app.click("back-to-groups").await?;
    app.wait_for_text(&test_selector("renewals-panel"), "Overdue")
        .await?;
    screens::assert_absent(&app, "renewals-overdue").await?;
    app.wait_for_text(&test_selector("groups-table"), "Affiliated")
        .await?;
    check(&app, "groups after renewal", "groups-renewed").await?;
    app.close().await?;
    Ok(())
}
