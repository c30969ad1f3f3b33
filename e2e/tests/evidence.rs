//! Grant evidence through the app: an admin quick-adds a meeting attended at the SEND
//! Partnership Board, reviews the board's indicator for this quarter with that meeting ticked
//! as evidence (after the core's error for a missing status), adds this grant year with a
//! budget line and a spend, and opens the year's evidence report, which counts the one
//! activity and the spend. Every screen state is checked with axe and photographed.

use forumdesk_e2e::app::test_selector;
use forumdesk_e2e::axe::axe_check;
use forumdesk_e2e::screens::{self, DEFAULT_ADMIN};
use forumdesk_e2e::{App, Result, TauriDriver};

const ACTIVITIES_HEADING: &str = "Activities";
const EVIDENCE_HEADING: &str = "Grant evidence";
const BOARD: &str = "SEND Partnership Board";
const INDICATOR: &str = "board_representation";

async fn check(app: &App, screen: &str, shot: &str) -> Result<()> {
    axe_check(app, screen).await?;
    app.screenshot(shot).await?;
    Ok(())
}

/// Types into the field whose id is `id`. The grant forms' ids hold dots and the year's en
/// dash, which a `#id` selector would misread, so the field is found by its id attribute.
async fn fill_id(app: &App, id: &str, value: &str) -> Result<()> {
    let field = app.wait_for(&format!("[id=\"{id}\"]")).await?;
    field.clear().await?;
    field.send_keys(value).await?;
    Ok(())
}

/// Ticks the checkbox inside `scope` whose label starts with `label`: activities have
/// generated ids, so the test picks them by name as a reviewer would.
async fn tick_by_label(app: &App, scope: &str, label: &str) -> Result<()> {
    app.wait_for(&format!("{scope} .checkbox__label")).await?;
    let id = app
        .client()
        .execute(
            "const found = [...document.querySelectorAll(arguments[0] + ' .checkbox__label')] \
               .find((l) => l.textContent.startsWith(arguments[1])); \
             return found ? found.htmlFor : null;",
            vec![scope.into(), label.into()],
        )
        .await?;
    let id = id
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("no checkbox labelled {label:?} in {scope}"))?
        .to_owned();
    app.wait_for(&format!("[id=\"{id}\"]"))
        .await?
        .click()
        .await?;
    Ok(())
}

/// Today in the app's own clock, as (year, month, "dd/mm/yyyy").
async fn today(app: &App) -> Result<(i64, i64, String)> {
    let parts = app
        .client()
        .execute(
            "const d = new Date(); \
             return [d.getFullYear(), d.getMonth() + 1, d.getDate()];",
            vec![],
        )
        .await?;
    let part = |i: usize| {
        parts[i]
            .as_i64()
            .ok_or_else(|| anyhow::anyhow!("no date part {i} in {parts}"))
    };
    let (year, month, day) = (part(0)?, part(1)?, part(2)?);
    Ok((year, month, format!("{day:02}/{month:02}/{year}")))
}

#[tokio::test]
async fn an_indicator_reviewed_with_evidence_and_a_grant_year_reported() -> Result<()> {
    let driver = TauriDriver::start()?;
    let app = App::launch(&driver).await?;
    screens::set_up(&app, &DEFAULT_ADMIN).await?;

    // The evidence: a meeting attended today, so in this quarter and this grant year.
    screens::go_to(&app, "nav-activities", ACTIVITIES_HEADING).await?;
    app.click("quick-add").await?;
    app.wait_for_heading("Add a meeting attended").await?;
    app.wait_for("#where option:nth-child(2)").await?;
    screens::choose(&app, "where", "body:send_partnership_board").await?;
    app.click("submit").await?;
    app.wait_for_heading(BOARD).await?;
    screens::wait_for_notice(&app, "has been added").await?;

    // The quarter's review: the core asks for a status, then saves it with the evidence.
    screens::go_to(&app, "nav-evidence", EVIDENCE_HEADING).await?;
    let card = test_selector(&format!("indicator-{INDICATOR}"));
    app.wait_for_text(&test_selector(&format!("computed-{INDICATOR}")), "1 of 1")
        .await?;
    tick_by_label(&app, &card, BOARD).await?;
    check(
        &app,
        "indicator review with evidence picked",
        "evidence-pick",
    )
    .await?;
    app.click(&format!("save-{INDICATOR}")).await?;
    app.wait_for_text(
        &format!("{card} {}", test_selector("error-summary")),
        "Select",
    )
    .await?;
    check(&app, "indicator review errors", "evidence-review-errors").await?;
    screens::tick(&app, &format!("{INDICATOR}-status-met")).await?;
    app.click(&format!("save-{INDICATOR}")).await?;
    screens::wait_for_notice(&app, "saved").await?;
    app.wait_for_text(&card, "Evidence linked:").await?;
    app.wait_for_text(&format!("{card} .list"), BOARD).await?;
    check(&app, "indicator reviewed", "evidence-reviewed").await?;

    // This grant year, one tranche, a budget line and a spend.
    let (year, month, today) = today(&app).await?;
    let start = if month >= 4 { year } else { year - 1 };
    let label = format!("{start}\u{2013}{:02}", (start + 1) % 100);
    app.click("tab-grants").await?;
    app.wait_for(&test_selector("new-grant")).await?;
    check(&app, "no grant years", "grants-empty").await?;
    fill_id(&app, "year", &start.to_string()).await?;
    fill_id(&app, "amount", "17500").await?;
    fill_id(&app, "tranches.0.dueOn", &format!("01/05/{start}")).await?;
    fill_id(&app, "tranches.0.amount", "17500").await?;
    app.click("create-grant").await?;
    screens::wait_for_notice(&app, &format!("Grant year {label} added")).await?;
    let grant = test_selector(&format!("grant-{label}"));
    app.wait_for_text(&grant, "£17,500.00").await?;
    check(&app, "a grant year", "grant-year").await?;
    fill_id(&app, &format!("line-{label}-name"), "Volunteer expenses").await?;
    fill_id(&app, &format!("line-{label}-planned"), "2000").await?;
    app.click(&format!("add-line-{label}")).await?;
    let budget = test_selector(&format!("budget-{label}"));
    app.wait_for_text(&budget, "Volunteer expenses").await?;
    fill_id(&app, &format!("spend-{label}-on"), &today).await?;
    fill_id(&app, &format!("spend-{label}-amount"), "45.50").await?;
    fill_id(
        &app,
        &format!("spend-{label}-description"),
        "Parking at County Hall",
    )
    .await?;
    check(&app, "recording spending", "grant-spend-form").await?;
    app.click(&format!("record-spend-{label}")).await?;
    screens::wait_for_notice(&app, "Spending recorded").await?;
    app.wait_for_text(&budget, "£45.50").await?;
    check(&app, "budget planned against actual", "grant-budget").await?;

    // The year's evidence report counts what was recorded above.
    app.click("tab-report").await?;
    app.click(&format!("report-grant-{label}")).await?;
    let report = test_selector("evidence-report");
    app.wait_for_text(&report, "1 activities, 0 parent carers engaged")
        .await?;
    app.wait_for_text(&report, "£45.50").await?;
    app.wait_for_text(&report, "Met").await?;
    check(
        &app,
        "evidence report for the grant year",
        "evidence-report",
    )
    .await?;
    app.close().await?;
    Ok(())
}
