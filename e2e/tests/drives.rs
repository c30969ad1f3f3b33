//! A recruitment drive through the app. The admin adds a member already on record, a
//! volunteer and an officer. The volunteer plans a drive (after the core's errors for a blank
//! form) and starts its kiosk. Two people sign up (after the kiosk's own errors for a blank form); after each sign-up the form
//! is empty again, so the second never sees the first's details. From the kiosk, the members
//! list cannot be reached: there is no navigation, changing the address or the history does
//! nothing, a reload comes back to the kiosk, and asking the core directly is refused. A wrong
//! password does not leave the kiosk; the volunteer's does. The officer, told on Home that
//! sign-ups are waiting, accepts one and merges the other into the member already on record
//! (found by the same name and e-mail), and the drive's results show both. Every screen state is checked with axe and
//! photographed.

use fantoccini::Locator;
use forumdesk_e2e::app::test_selector;
use forumdesk_e2e::axe::axe_check;
use forumdesk_e2e::screens::{
    self, ADD_MEMBER_HEADING, DEFAULT_ADMIN, MEMBERS_HEADING, STRONG_PASSWORD, USERS_HEADING,
};
use forumdesk_e2e::{App, Result, TauriDriver};
use serde_json::{json, Value};

const DRIVES_HEADING: &str = "Recruitment drives";
const DRIVE: &str = "Library coffee morning";
const KIOSK_HEADING: &str = "Join Northshire Parent Carer Forum";
const KNOWN_EMAIL: &str = "bea.lowry@example.org";
const TEMPORARY_PASSWORD: &str = "seven lanterns over the harbour";
const VOLUNTEER: &str = "vera";
const OFFICER: &str = "olly";

/// Signs in with the temporary password the admin set and chooses a new one; leaves the app
/// on Home.
async fn first_sign_in(app: &App, username: &str) -> Result<()> {
    screens::submit_unlock(app, username, TEMPORARY_PASSWORD).await?;
    screens::submit_password_change(app, TEMPORARY_PASSWORD, STRONG_PASSWORD).await?;
    app.wait_for_heading(DEFAULT_ADMIN.forum_name).await?;
    Ok(())
}

async fn check(app: &App, screen: &str, shot: &str) -> Result<()> {
    axe_check(app, screen).await?;
    app.screenshot(shot).await?;
    Ok(())
}

/// Today in the app's own clock, "dd/mm/yyyy".
async fn today(app: &App) -> Result<String> {
    let text = app
        .client()
        .execute(
            "const d = new Date(); const two = (n) => String(n).padStart(2, '0'); \
             return two(d.getDate()) + '/' + two(d.getMonth() + 1) + '/' + d.getFullYear();",
            vec![],
        )
        .await?;
    text.as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow::anyhow!("no date from the app: {text}"))
}

/// What the kiosk's form holds right now: every text field's value and how many boxes
/// are ticked, and the whole page's text.
async fn kiosk_state(app: &App) -> Result<Value> {
    Ok(app
        .client()
        .execute(
            "const form = document.querySelector('[data-testid=\"kiosk-form\"]');
             const values = {};
             for (const el of form.querySelectorAll('input[type=text], input:not([type]), select')) {
               values[el.id] = el.value;
             }
             return {
               values,
               ticked: form.querySelectorAll('input:checked').length,
               boxes: form.querySelectorAll('input[type=checkbox]').length,
               children: document.querySelectorAll('[data-testid=\"children\"]').length,
               text: document.body.innerText,
             };",
            vec![],
        )
        .await?)
}

/// Asserts the kiosk shows an empty form, nothing ticked, and none of `gone` anywhere.
async fn assert_empty_form(app: &App, gone: &[&str]) -> Result<()> {
    app.wait_for(&test_selector("kiosk-form")).await?;
    let state = kiosk_state(app).await?;
    for (id, value) in state["values"].as_object().into_iter().flatten() {
        assert_eq!(value, "", "#{id} should be empty: {state}");
    }
    assert_eq!(state["ticked"], json!(0), "no box is ticked: {state}");
    assert!(
        state["boxes"].as_u64().unwrap_or(0) >= 2,
        "the consent boxes are there: {state}"
    );
    assert_eq!(state["children"], json!(0), "children's needs are hidden");
    let text = state["text"].as_str().unwrap_or_default();
    for needle in gone {
        assert!(!text.contains(needle), "{needle:?} is still on screen");
    }
    Ok(())
}

/// The kiosk and nothing else: its heading, no header, no navigation, no members.
async fn assert_only_kiosk(app: &App) -> Result<()> {
    app.wait_for_heading(KIOSK_HEADING).await?;
    app.wait_for(&test_selector("kiosk-form")).await?;
    screens::assert_none(app, "header").await?;
    screens::assert_none(app, "nav").await?;
    screens::assert_absent(app, "nav-members").await?;
    screens::assert_absent(app, "members-table").await?;
    Ok(())
}

async fn sign_up(app: &App, first: &str, last: &str, email: &str, postcode: &str) -> Result<()> {
    app.fill("firstName", first).await?;
    app.fill("lastName", last).await?;
    app.fill("email", email).await?;
    app.fill("postcode", postcode).await?;
    app.fill("heardAbout", "A poster in the library").await?;
    screens::tick(app, "consent-email_news").await?;
    Ok(())
}

async fn submit_sign_up(app: &App) -> Result<()> {
    app.click("submit").await?;
    if let Err(e) = app.wait_for(&test_selector("kiosk-thanks")).await {
        let page = app.wait_for("main").await?.text().await?;
        anyhow::bail!("{e}; the kiosk said: {page}");
    }
    Ok(())
}

#[tokio::test]
async fn a_drive_its_kiosk_two_sign_ups_reviewed_and_its_results() -> Result<()> {
    let driver = TauriDriver::start()?;
    let app = App::launch(&driver).await?;
    screens::set_up(&app, &DEFAULT_ADMIN).await?;

    // Someone already on record, whom the second sign-up turns out to be.
    screens::go_to(&app, "nav-members", MEMBERS_HEADING).await?;
    app.click("add-member").await?;
    app.wait_for_heading(ADD_MEMBER_HEADING).await?;
    app.fill("firstName", "Beatrice").await?;
    app.fill("lastName", "Lowry").await?;
    app.fill("email", KNOWN_EMAIL).await?;
    screens::tick_checked(&app, "memberType-parent_carer").await?;
    screens::tick_checked(&app, "status-active").await?;
    app.click("submit").await?;
    app.wait_for_heading("Beatrice Lowry").await?;
    screens::go_to(&app, "nav-users", USERS_HEADING).await?;
    for (username, name, role) in [
        (VOLUNTEER, "Vera Volunteer", "volunteer"),
        (OFFICER, "Olly Officer", "officer"),
    ] {
        screens::open_add_user(&app).await?;
        screens::add_user(&app, username, name, role, TEMPORARY_PASSWORD).await?;
        screens::wait_for_user_status(&app, username, "Active").await?;
    }
    screens::end_session(&app, "sign-out").await?;

    // The volunteer plans a drive: the blank form is refused with the core's errors first.
    first_sign_in(&app, VOLUNTEER).await?;
    screens::go_to(&app, "nav-drives", DRIVES_HEADING).await?;
    app.wait_for_text(&test_selector("results-count"), "No drives yet")
        .await?;
    check(&app, "drives: none yet", "drives-empty").await?;
    app.click("add-drive").await?;
    app.wait_for_heading("Plan a recruitment drive").await?;
    app.click("submit").await?;
    let error = screens::wait_for_field_error(&app, "name").await?;
    assert!(error.contains("name"), "unexpected error: {error:?}");
    check(&app, "plan a drive, with errors", "drives-form-errors").await?;
    app.fill("name", DRIVE).await?;
    app.fill("startsOn", &today(&app).await?).await?;
    app.fill("venue", "Northshire Central Library").await?;
    screens::tick(&app, "targetNeeds-ASD").await?;
    app.fill("cost", "45.50").await?;
    app.client()
        .execute(
            "for (const label of document.querySelectorAll('label')) \
               if (label.textContent === 'Vera Volunteer') label.click();",
            vec![],
        )
        .await?;
    app.click("submit").await?;
    screens::wait_for_notice(&app, "has been added").await?;
    app.wait_for_heading(DRIVE).await?;
    app.wait_for_text("main", "Vera Volunteer").await?;
    app.wait_for_text(&test_selector("result-signups"), "0")
        .await?;
    check(&app, "a new drive", "drives-drive-new").await?;

    // The kiosk: nothing is ticked and the children's needs wait for their own consent.
    app.click("start-kiosk").await?;
    assert_only_kiosk(&app).await?;
    assert_empty_form(&app, &[]).await?;
    check(&app, "the kiosk", "kiosk-empty").await?;
    app.click("submit").await?;
    let error = screens::wait_for_field_error(&app, "postcode").await?;
    assert!(error.contains("postcode"), "unexpected error: {error:?}");
    check(&app, "the kiosk, with errors", "kiosk-errors").await?;

    // The first person, with a child's needs after the special-category consent.
    sign_up(&app, "Alex", "Rivers", "alex.rivers@example.org", "PR2 8RT").await?;
    screens::assert_absent(&app, "children").await?;
    screens::tick(&app, "consent-special_category").await?;
    app.wait_for(&test_selector("children")).await?;
    screens::tick(&app, "child-0-ageBand-5-10").await?;
    screens::choose(&app, "child-0-primaryNeed", "ASD").await?;
    screens::tick(&app, "child-0-provision-ehcp").await?;
    check(&app, "the kiosk, filled in", "kiosk-filled").await?;
    submit_sign_up(&app).await?;
    assert_empty_form(&app, &["Alex", "Rivers", "alex.rivers", "PR2 8RT"]).await?;
    check(&app, "the kiosk's thank-you", "kiosk-thanks").await?;

    // The second person, who is already on record (the same name and e-mail).
    sign_up(&app, "Beatrice", "Lowry", KNOWN_EMAIL, "PR7 1DP").await?;
    let text = kiosk_state(&app).await?["text"].to_string();
    assert!(!text.contains("Alex") && !text.contains("alex.rivers"));
    submit_sign_up(&app).await?;
    assert_empty_form(&app, &["Alex", "Beatrice", "Lowry", KNOWN_EMAIL]).await?;

    // Trying to reach the members list from the kiosk.
    app.client()
        .execute("window.location.hash = '#/members';", vec![])
        .await?;
    assert_only_kiosk(&app).await?;
    app.client()
        .execute(
            "history.pushState({}, '', '#members'); \
             window.dispatchEvent(new PopStateEvent('popstate')); history.back();",
            vec![],
        )
        .await?;
    assert_only_kiosk(&app).await?;
    let asked = app
        .client()
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const tauri = window.__TAURI_INTERNALS__;
             if (!tauri) { done({ reached: false, kind: 'no bridge' }); return; }
             tauri.invoke('search_members', { query: { text: '' } }).then(
               (page) => done({ reached: true, page }),
               (error) => done({ reached: false, kind: error && error.kind }),
             );",
            vec![],
        )
        .await?;
    assert_eq!(asked["reached"], json!(false), "the core answered: {asked}");
    assert_ne!(
        asked["kind"],
        json!("no bridge"),
        "the kiosk has the bridge"
    );
    assert_eq!(asked["kind"], json!("forbidden"), "{asked}");
    app.client().refresh().await?;
    assert_only_kiosk(&app).await?;
    assert_empty_form(&app, &["Alex", "Beatrice", KNOWN_EMAIL]).await?;
    check(&app, "the kiosk after a reload", "kiosk-reloaded").await?;

    // Leaving: a wrong password is refused on its field; the admin's own ends the kiosk.
    app.click("leave-kiosk").await?;
    app.wait_for(&test_selector("kiosk-leave")).await?;
    let username = app
        .client()
        .execute("return document.getElementById('username').value;", vec![])
        .await?;
    assert_eq!(username, json!(VOLUNTEER), "the starter is filled in");
    app.fill("password", "not the password").await?;
    app.click("leave-submit").await?;
    let error = screens::wait_for_field_error(&app, "password").await?;
    assert!(error.contains("not right"), "unexpected error: {error:?}");
    check(
        &app,
        "leaving the kiosk, wrong password",
        "kiosk-leave-wrong",
    )
    .await?;
    app.fill("password", STRONG_PASSWORD).await?;
    app.click("leave-submit").await?;
    app.wait_for_heading(DRIVES_HEADING).await?;
    screens::wait_for_notice(&app, "You have left the kiosk").await?;
    app.wait_for(&test_selector("nav-members")).await?;

    // Reviewing is an officer's job: a volunteer has no queue.
    app.wait_for(&test_selector("drives-table")).await?;
    screens::assert_absent(&app, "tab-review").await?;
    screens::end_session(&app, "sign-out").await?;

    // The officer: Home says there are sign-ups to review, and leads to them.
    first_sign_in(&app, OFFICER).await?;
    app.wait_for_text(&test_selector("review-notice"), "2 sign-ups")
        .await?;
    check(&app, "home with sign-ups to review", "drives-home-notice").await?;
    app.click("open-review").await?;
    app.wait_for_text(&test_selector("review-count"), "2 sign-ups")
        .await?;
    check(&app, "the review queue", "drives-review").await?;

    // The oldest first: Alex, nobody like them on record, is accepted.
    let names = app
        .client()
        .find_all(Locator::Css(&test_selector("signup-name")))
        .await?;
    assert_eq!(names.len(), 2);
    assert_eq!(names[0].text().await?, "Alex Rivers");
    assert_eq!(names[1].text().await?, "Beatrice Lowry");
    app.wait_for(&test_selector("no-duplicates")).await?;
    app.wait_for_text(&test_selector("candidate"), "Beatrice Lowry")
        .await?;
    app.click("accept").await?;
    screens::wait_for_notice(&app, "Alex Rivers is now a member").await?;
    app.wait_for_text(&test_selector("review-count"), "1 sign-up")
        .await?;

    // Beatrice: discarding asks first and says the details go; she is merged instead.
    app.click("discard").await?;
    app.wait_for_text(&test_selector("discard-warning"), "will be deleted")
        .await?;
    check(
        &app,
        "discard a sign-up, confirmation",
        "drives-discard-confirm",
    )
    .await?;
    app.click("cancel").await?;
    app.click("merge").await?;
    app.wait_for(&test_selector("merge-confirm")).await?;
    check(
        &app,
        "merge a sign-up, confirmation",
        "drives-merge-confirm",
    )
    .await?;
    app.click("confirm-merge").await?;
    screens::wait_for_notice(&app, "merged into Beatrice Lowry's record").await?;
    app.wait_for_text(&test_selector("review-count"), "No sign-ups")
        .await?;
    check(&app, "the review queue, empty", "drives-review-empty").await?;

    // The drive's results show both: one new member, one already on record.
    app.click("tab-drives").await?;
    app.wait_for(&test_selector("drives-table")).await?;
    check(&app, "the drives list", "drives-list").await?;
    app.click("open-drive").await?;
    app.wait_for_heading(DRIVE).await?;
    app.wait_for_text(&test_selector("result-signups"), "2")
        .await?;
    assert_eq!(app.text("result-new-members").await?, "1");
    assert_eq!(app.text("result-merged").await?, "1");
    assert_eq!(app.text("result-pending").await?, "0");
    let by_area = app.text("results-by-area").await?;
    assert!(by_area.contains("fewer than 5"), "by area: {by_area:?}");
    app.scroll_to("#results-heading").await?;
    check(&app, "the drive's results", "drives-results").await?;

    // The merged record is the one already on record, with the drive's consent.
    screens::go_to(&app, "nav-members", MEMBERS_HEADING).await?;
    screens::search_members(&app, "lowry", "1 member found").await?;
    screens::search_members(&app, "rivers", "1 member found").await?;

    app.close().await
}
