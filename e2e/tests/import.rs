//! Importing members from a CSV through the app: the file is chosen with the real file input
//! (WebDriver types its absolute path), the preview (a dry run) lists the bad row by its
//! spreadsheet row number and counts the duplicate, the import reports the same counts, and
//! the members list then shows the new people. The column choices are remembered, and the
//! same file's next preview says it uses them. Every step is checked with axe and
//! photographed.
//!
//! Exporting is not driven here: its "Save as" dialog is native, outside the webview, and
//! WebDriver cannot reach it. The UI's component tests and the shell's command test cover it.

use fantoccini::Locator;
use forumdesk_e2e::app::test_selector;
use forumdesk_e2e::axe::axe_check;
use forumdesk_e2e::screens::{
    self, CHECK_IMPORT_HEADING, DEFAULT_ADMIN, IMPORT_DONE_HEADING, IMPORT_HEADING, MEMBERS_HEADING,
};
use forumdesk_e2e::{App, Result, TauriDriver};

/// Row 3 has a bad e-mail address; row 4 repeats row 2.
const CSV: &str = "First name,Surname,Email,Post Code\n\
Priya,Shah,priya.shah@example.org,PR1 2HE\n\
Tomasz,Bad,not-an-email,PR1 3AB\n\
Priya,Shah,priya.shah@example.org,PR1 2HE\n\
Grace,Okafor,grace@example.org,PR2 4XY\n";

async fn check(app: &App, screen: &str, shot: &str) -> Result<()> {
    axe_check(app, screen).await?;
    app.screenshot(shot).await?;
    Ok(())
}

#[tokio::test]
async fn importing_a_csv_previews_problems_then_adds_the_good_rows() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let csv_path = dir.path().join("old-members.csv");
    std::fs::write(&csv_path, CSV)?;
    let csv_path = csv_path.canonicalize()?;

    let driver = TauriDriver::start()?;
    let app = App::launch(&driver).await?;
    screens::set_up(&app, &DEFAULT_ADMIN).await?;
    screens::go_to(&app, "nav-members", MEMBERS_HEADING).await?;
    app.wait_for_text(&test_selector("results-count"), "No members found")
        .await?;

    // Step 1: the file.
    app.click("import-members").await?;
    app.wait_for_heading(IMPORT_HEADING).await?;
    check(&app, "import: choose a file", "import-file").await?;
    let input = app.wait_for("#importFile").await?;
    input
        .send_keys(csv_path.to_str().expect("a UTF-8 temp path"))
        .await?;
    app.click("submit").await?;

    // Step 2: the preview changes nothing and lists the bad row by its row number.
    app.wait_for_heading(CHECK_IMPORT_HEADING).await?;
    let problems = test_selector("import-problems");
    app.wait_for_text(&problems, "not a valid email address")
        .await?;
    let first = app
        .wait_for(&format!("{problems} tbody tr:first-child"))
        .await?;
    let cells = first.find_all(Locator::Css("td")).await?;
    let mut texts = Vec::new();
    for cell in cells {
        texts.push(cell.text().await?);
    }
    assert_eq!(texts.first().map(String::as_str), Some("3"), "{texts:?}");
    assert_eq!(texts.get(1).map(String::as_str), Some("Email"), "{texts:?}");
    app.wait_for_text(&problems, "same person as row 2").await?;
    let mapping = app.text("import-mapping").await?;
    assert!(mapping.contains("Post Code"), "{mapping:?}");
    check(&app, "import: preview", "import-preview").await?;
    app.scroll_to(&test_selector("import-problems")).await?;
    check(&app, "import: preview problems", "import-preview-problems").await?;

    // Step 3: import the good rows, remembering the column choices.
    app.click("save-mapping").await?;
    app.click("import").await?;
    app.wait_for_heading(IMPORT_DONE_HEADING).await?;
    let summary = app
        .wait_for_text(&test_selector("import-summary"), "added")
        .await?;
    assert!(summary.contains("2 new members added"), "{summary:?}");
    assert!(summary.contains("1 duplicate"), "{summary:?}");
    assert!(
        summary.contains("1 row not imported because of problems"),
        "{summary:?}"
    );
    let saved = app.text("mapping-saved").await?;
    assert!(
        saved.contains("will be used for files with the same headings"),
        "{saved:?}"
    );
    check(&app, "import: finished", "import-done").await?;

    // The members list shows the new people.
    app.click("back-to-members").await?;
    app.wait_for_heading(MEMBERS_HEADING).await?;
    app.wait_for_text(&test_selector("results-count"), "2 members found")
        .await?;
    let table = app
        .wait_for_text(&test_selector("members-table"), "Priya")
        .await?;
    assert!(table.contains("Okafor"), "{table:?}");
    assert!(!table.contains("Tomasz"), "{table:?}");
    app.scroll_to(&test_selector("results-count")).await?;
    check(&app, "members after import", "import-members-list").await?;

    // The same file again starts from the remembered choices, and says so.
    app.click("import-members").await?;
    app.wait_for_heading(IMPORT_HEADING).await?;
    let input = app.wait_for("#importFile").await?;
    input
        .send_keys(csv_path.to_str().expect("a UTF-8 temp path"))
        .await?;
    app.click("submit").await?;
    app.wait_for_heading(CHECK_IMPORT_HEADING).await?;
    let note = app
        .wait_for_text(
            &test_selector("saved-mapping-used"),
            "Using the column choices saved on",
        )
        .await?;
    assert!(note.contains(DEFAULT_ADMIN.display_name), "{note:?}");
    check(&app, "import: remembered choices", "import-saved-choices").await?;
    app.click("cancel").await?;
    app.wait_for_heading(MEMBERS_HEADING).await?;

    app.close().await?;
    Ok(())
}
