//! Remembered column choices: saved with an applied import, used for a later file with the
//! same headings (whatever their case and spacing), never for different headings, reported
//! when they no longer fit, and safe with any heading text a file can hold.

mod common;

use common::*;
use forumdesk::import::{ImportField as F, Mapping};
use forumdesk::members::import::{self, ImportOptions, ImportReport, MappingSource};
use forumdesk::testing::raw_connection;
use forumdesk::{ErrorKind, Role, Session};

/// "Contact" and "Where" mean nothing to the automatic matching; the user says what they hold.
const HEADINGS: &str = "Name,Contact,Where";

fn csv(headings: &str, rows: &[&str]) -> Vec<u8> {
    let mut text = format!("{headings}\r\n");
    for row in rows {
        text.push_str(row);
        text.push_str("\r\n");
    }
    text.into_bytes()
}

fn chosen() -> Mapping {
    Mapping(vec![Some(F::FullName), Some(F::Email), Some(F::Postcode)])
}

fn saving(mapping: Option<Mapping>) -> ImportOptions {
    ImportOptions {
        mapping,
        save_mapping: true,
        ..ImportOptions::default()
    }
}

async fn run(s: &Session, file: &[u8], options: ImportOptions) -> ImportReport {
    let report = import::import(s, "members.csv", file, options)
        .await
        .expect("import");
    assert_eq!(report.rejected, 0, "{:?}", report.problems);
    report
}

async fn saved_rows(forum: &Forum) -> Vec<(String, String)> {
    let mut conn = raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw connection");
    sqlx::query_as("SELECT headings, mapping FROM import_mappings ORDER BY headings")
        .fetch_all(&mut conn)
        .await
        .expect("saved mappings")
}

#[tokio::test]
async fn saved_choices_are_used_for_a_later_file_with_the_same_headings_only() {
    let (forum, admin) = new_forum().await;
    let first = csv(HEADINGS, &["Zoë Nowak,zoe@example.org,PR1 2HE"]);
    let automatic = run(
        &admin,
        &first,
        ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    )
    .await;
    assert_eq!(automatic.mapping_source, MappingSource::Automatic);
    assert_eq!(
        automatic.mapping,
        Mapping(vec![Some(F::FullName), None, None])
    );
    assert_eq!(automatic.saved_mapping, None);

    let report = run(&admin, &first, saving(Some(chosen()))).await;
    assert!(report.applied && report.mapping_saved);
    assert_eq!(report.mapping_source, MappingSource::Chosen);
    assert_eq!(
        saved_rows(&forum).await,
        [(
            r#"["name","contact","where"]"#.to_owned(),
            r#"["full_name","email","postcode"]"#.to_owned()
        )]
    );

    // Another export of the same spreadsheet: capitals and spaces around headings differ.
    let second = csv(
        " NAME ,contact,WHERE",
        &["Sam Shah,sam@example.org,BB1 1AA"],
    );
    let report = run(&admin, &second, ImportOptions::default()).await;
    assert_eq!(report.mapping_source, MappingSource::Saved);
    assert_eq!(report.mapping, chosen());
    assert!(!report.mapping_saved);
    let saved = report.saved_mapping.expect("when and by whom");
    assert_eq!(saved.saved_by, "Alex Chair");
    assert!(
        forumdesk::id::parse_rfc3339(&saved.saved_at).is_some(),
        "{}",
        saved.saved_at
    );
    assert_eq!(report.created, 1);

    // A column added is a different layout: its choices are not guessed from the old ones.
    let third = csv(
        "Name,Contact,Where,Notes",
        &["Pat Khan,pat@example.org,BB2 1AA,"],
    );
    let report = run(&admin, &third, ImportOptions::default()).await;
    assert_eq!(report.mapping_source, MappingSource::Automatic);
    assert_eq!(report.saved_mapping, None);
    assert_eq!(report.mapping.column_of(F::Email), None);

    // The user's own choices beat the saved ones; the saved ones are still named.
    let own = Mapping(vec![Some(F::FullName), None, Some(F::Postcode)]);
    let report = run(
        &admin,
        &second,
        ImportOptions {
            mapping: Some(own.clone()),
            dry_run: true,
            ..ImportOptions::default()
        },
    )
    .await;
    assert_eq!(
        (report.mapping_source, report.mapping),
        (MappingSource::Chosen, own)
    );
    assert!(report.saved_mapping.is_some());

    let audit = forumdesk::audit::verify(&admin)
        .await
        .expect("audit verifies");
    assert!(audit.intact, "{audit:?}");
    admin.lock().await;
}

#[tokio::test]
async fn choices_are_saved_only_when_the_import_is_applied_and_saving_again_replaces_them() {
    let (forum, admin) = new_forum().await;
    let good = csv(HEADINGS, &["Zoë Nowak,zoe@example.org,PR1 2HE"]);
    let preview = run(
        &admin,
        &good,
        ImportOptions {
            dry_run: true,
            ..saving(Some(chosen()))
        },
    )
    .await;
    assert!(!preview.mapping_saved, "a preview changes nothing");
    let bad = csv(HEADINGS, &["Sam Shah,not-an-email,BB1 1AA"]);
    let refused = import::import(
        &admin,
        "members.csv",
        &bad,
        ImportOptions {
            all_or_nothing: true,
            ..saving(Some(chosen()))
        },
    )
    .await
    .expect("refused as a whole");
    assert!(!refused.applied && !refused.mapping_saved);
    assert!(saved_rows(&forum).await.is_empty());

    run(&admin, &good, saving(Some(chosen()))).await;
    let changed = Mapping(vec![Some(F::FullName), None, Some(F::Postcode)]);
    let officer = {
        add_user(&admin, "officer", Role::Officer).await;
        forum
            .unlock("officer", &password_for("officer"))
            .await
            .expect("officer")
    };
    let again = csv(HEADINGS, &["Pat Khan,pat@example.org,BB2 1AA"]);
    let report = run(&officer, &again, saving(Some(changed.clone()))).await;
    assert!(report.mapping_saved);
    let rows = saved_rows(&forum).await;
    assert_eq!(rows.len(), 1, "one set of choices per heading row");
    assert_eq!(rows[0].1, r#"["full_name",null,"postcode"]"#);
    let report = run(
        &admin,
        &again,
        ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    )
    .await;
    assert_eq!(report.mapping, changed);
    assert_ne!(
        report.saved_mapping.map(|s| s.saved_by).as_deref(),
        Some("Alex Chair")
    );

    let mut conn = raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw connection");
    let changes: Vec<String> = sqlx::query_scalar(
        "SELECT changes FROM audit_log WHERE action = 'import_mapping.saved' ORDER BY seq",
    )
    .fetch_all(&mut conn)
    .await
    .expect("audit entries");
    assert_eq!(changes.len(), 2);
    assert!(
        changes
            .iter()
            .all(|c| !c.contains("contact") && !c.contains("where")),
        "the audit trail names no heading: {changes:?}"
    );
    admin.lock().await;
    officer.lock().await;
}

#[tokio::test]
async fn saved_choices_that_no_longer_fit_are_reported_and_the_headings_matched_automatically() {
    let (forum, admin) = new_forum().await;
    let file = csv("Name,Email,Where", &["Zoë Nowak,zoe@example.org,PR1 2HE"]);
    run(&admin, &file, saving(None)).await;
    for broken in [
        // Written by a version of ForumDesk that knew another member detail.
        r#"["full_name","shoe_size",null]"#,
        // One field for two columns.
        r#"["full_name","email","email"]"#,
    ] {
        let mut conn = raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
            .await
            .expect("raw connection");
        sqlx::query("UPDATE import_mappings SET mapping = ?")
            .bind(broken)
            .execute(&mut conn)
            .await
            .expect("break the saved choices");
        drop(conn);
        let report = run(
            &admin,
            &file,
            ImportOptions {
                dry_run: true,
                ..ImportOptions::default()
            },
        )
        .await;
        assert_eq!(report.mapping_source, MappingSource::Automatic, "{broken}");
        assert_eq!(report.mapping, Mapping::auto(&report.headers));
        assert!(report.saved_mapping.is_some());
        let problem = report.saved_mapping_problem.expect("the reason is given");
        assert!(
            problem.starts_with(
                "The column choices saved for files with these headings could not be used"
            ) && problem.contains("matched automatically"),
            "{problem}"
        );
    }
    admin.lock().await;
}

#[tokio::test]
async fn hostile_heading_text_is_stored_as_data_and_given_back_exactly() {
    let (forum, admin) = new_forum().await;
    let formula = "=cmd|' /C calc'!A0";
    let script = "<script>alert(1)</script>";
    let quoted = r#"Say "hi" \ there"#;
    let headings = format!(
        "Name,\"{formula}\",{script},\"{}\"",
        quoted.replace('"', "\"\"")
    );
    let file = csv(&headings, &["Zoë Nowak,zoe@example.org,PR1 2HE,x"]);
    let mapping = Mapping(vec![
        Some(F::FullName),
        Some(F::Email),
        Some(F::Postcode),
        Some(F::Notes),
    ]);
    let report = run(&admin, &file, saving(Some(mapping.clone()))).await;
    assert_eq!(report.headers, ["Name", formula, script, quoted]);
    assert!(report.mapping_saved);

    let report = run(
        &admin,
        &file,
        ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
    )
    .await;
    assert_eq!(report.mapping_source, MappingSource::Saved);
    assert_eq!(report.mapping, mapping);
    assert_eq!(report.headers, ["Name", formula, script, quoted]);
    let rows = saved_rows(&forum).await;
    let stored: Vec<String> = serde_json::from_str(&rows[0].0).expect("a JSON array");
    assert_eq!(
        stored,
        [
            "name",
            &formula.to_lowercase(),
            script,
            &quoted.to_lowercase()
        ]
    );
    admin.lock().await;
}

#[tokio::test]
async fn choices_for_an_oversized_heading_row_are_refused_but_the_file_still_imports() {
    let (forum, admin) = new_forum().await;
    let long = "Extra ".repeat(200);
    let mut headings = String::from("Name");
    for i in 0..20 {
        headings.push_str(&format!(",{long}{i}"));
    }
    let file = csv(&headings, &[&format!("Zoë Nowak{}", ",".repeat(20))]);
    let error = import::import(&admin, "wide.csv", &file, saving(None))
        .await
        .expect_err("too long to remember");
    assert_eq!(error.kind, ErrorKind::Validation);
    assert!(error.fields.contains_key("saveMapping"), "{error:?}");
    assert!(
        error.message.contains("too long to remember"),
        "{}",
        error.message
    );
    assert!(saved_rows(&forum).await.is_empty());

    let report = run(&admin, &file, ImportOptions::default()).await;
    assert!(report.applied);
    assert_eq!(report.created, 1);
    assert_eq!(report.mapping_source, MappingSource::Automatic);
    admin.lock().await;
}

#[tokio::test]
async fn saving_choices_needs_the_import_permission() {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "helper", Role::Volunteer).await;
    let volunteer = forum
        .unlock("helper", &password_for("helper"))
        .await
        .expect("volunteer");
    let file = csv(HEADINGS, &["Zoë Nowak,zoe@example.org,PR1 2HE"]);
    let error = import::import(&volunteer, "members.csv", &file, saving(Some(chosen())))
        .await
        .expect_err("volunteers do not import");
    assert_eq!(error.kind, ErrorKind::Forbidden);
    assert!(saved_rows(&forum).await.is_empty());
    admin.lock().await;
    volunteer.lock().await;
}
