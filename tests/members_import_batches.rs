//! The importer checks and writes rows in batches (for speed at 100,000 rows). These tests
//! cover files larger than a batch, and check that the batched lookup of existing members
//! ("skip" duplicates) finds exactly what the row-by-row lookup ("merge" duplicates) finds.

mod common;

use common::*;
use forumdesk::export::write_csv;
use forumdesk::members::import::{self, DuplicatePolicy, ImportOptions};
use forumdesk::members::search::{self, MemberQuery};
use forumdesk::synth::{self, SynthOptions};
use forumdesk::Session;

async fn total(s: &Session, text: &str) -> i64 {
    let query = MemberQuery {
        text: text.into(),
        page: 1,
        page_size: 25,
        ..MemberQuery::default()
    };
    search::search(s, &query).await.expect("search").total
}

#[tokio::test]
async fn a_file_larger_than_a_batch_imports_and_finds_existing_members_as_row_by_row() {
    let people = synth::generate(&SynthOptions {
        members: 1_300,
        seed: 11,
        duplicate_rate: 0.05,
    });
    let (_forum, admin) = new_forum().await;
    // The first half is already there; the whole file then repeats it.
    let first = write_csv(&synth::to_sheet(&people[..650]));
    let report = import::import(&admin, "first.csv", &first, ImportOptions::default())
        .await
        .expect("first import");
    assert_eq!(
        report.rejected,
        0,
        "{:?}",
        &report.problems[..report.problems.len().min(3)]
    );
    assert_eq!(report.created + report.duplicates, 650);
    assert_eq!(total(&admin, "").await, i64::from(report.created));
    let created_first = report.created;

    let all = write_csv(&synth::to_sheet(&people));
    let dry = |duplicates| ImportOptions {
        dry_run: true,
        duplicates,
        ..ImportOptions::default()
    };
    let skip = import::import(&admin, "all.csv", &all, dry(DuplicatePolicy::Skip))
        .await
        .expect("skip dry run");
    let merge = import::import(&admin, "all.csv", &all, dry(DuplicatePolicy::Merge))
        .await
        .expect("merge dry run");
    assert_eq!(skip.rejected, 0);
    assert!(
        skip.duplicates >= 650,
        "every row of the first half is found again"
    );
    assert_eq!(
        (skip.created, skip.duplicates),
        (merge.created, merge.duplicates),
        "the batched lookup finds the same rows as the row-by-row one"
    );
    let skipped_rows: Vec<u32> = skip.problems.iter().map(|p| p.row).collect();
    assert!(skipped_rows.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(
        total(&admin, "").await,
        i64::from(created_first),
        "a dry run changes nothing"
    );

    let report = import::import(&admin, "all.csv", &all, ImportOptions::default())
        .await
        .expect("second import");
    assert_eq!(
        (report.created, report.duplicates),
        (skip.created, skip.duplicates)
    );
    assert_eq!(
        total(&admin, "").await,
        i64::from(created_first + report.created)
    );
    // Every new member is in the search index, and found by the text count.
    let someone = &people[1_299];
    let by_name = total(&admin, &someone.last_name).await;
    assert!(by_name >= 1, "{} is found", someone.last_name);
    admin.lock().await;
}

/// The wizard's progress bar: counts that only rise, from nothing to every row, for the
/// preview and the real import alike, including rows set aside as problems or duplicates.
#[tokio::test]
async fn progress_rises_batch_by_batch_to_the_row_count_for_the_preview_and_the_import() {
    let mut people = synth::generate(&SynthOptions {
        members: 1_201,
        seed: 12,
        duplicate_rate: 0.05,
    });
    // A bad row still counts as done.
    people[700].date_joined = "31/02/2024".into();
    let (_forum, admin) = new_forum().await;
    let file = write_csv(&synth::to_sheet(&people));
    for dry_run in [true, false] {
        let seen = std::sync::Mutex::new(Vec::new());
        let options = ImportOptions {
            dry_run,
            ..ImportOptions::default()
        };
        let report = import::import_with_progress(&admin, "big.csv", &file, options, |p| {
            seen.lock().expect("progress list").push(p);
        })
        .await
        .expect("import");
        assert_eq!(report.rows, 1_201);
        assert!(report.rejected >= 1, "the bad date is reported");
        assert_eq!(report.applied, !dry_run);
        let seen = seen.into_inner().expect("progress list");
        let done: Vec<u32> = seen.iter().map(|p| p.rows_done).collect();
        assert_eq!(done, [0, 500, 1_000, 1_201], "dry run {dry_run}");
        assert!(seen
            .iter()
            .all(|p| p.rows_total == 1_201 && p.dry_run == dry_run));
    }
    assert!(total(&admin, "").await > 1_000);
    admin.lock().await;
}

/// A large import into a small forum builds the member indexes again at the end instead of
/// row by row (for speed). Whatever happens to the import, the forum ends with the same
/// indexes, and lookups use them.
#[tokio::test]
async fn a_large_import_leaves_every_member_index_as_it_was_whether_it_lands_or_not() {
    let mut people = synth::generate(&SynthOptions {
        members: 1_200,
        seed: 13,
        duplicate_rate: 0.0,
    });
    let (forum, admin) = new_forum().await;
    let indexes = || async {
        let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
            .await
            .expect("raw connection");
        let found: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' \
             AND tbl_name IN ('people', 'memberships', 'membership_events') ORDER BY name",
        )
        .fetch_all(&mut conn)
        .await
        .expect("indexes");
        let plan: Vec<(i64, i64, i64, String)> =
            sqlx::query_as("EXPLAIN QUERY PLAN SELECT id FROM people WHERE email_key = 'a@b.uk'")
                .fetch_all(&mut conn)
                .await
                .expect("plan");
        (found, plan.into_iter().map(|row| row.3).collect::<Vec<_>>())
    };
    let before = indexes().await;
    assert!(
        before.0.iter().any(|(name, _)| name == "people_sort"),
        "the introspection sees the indexes: {before:?}"
    );
    assert!(before
        .1
        .iter()
        .any(|step| step.contains("people_email_key")));

    // A preview, then an all-or-nothing import refused for one bad row: nothing lands.
    people[900].date_joined = "31/02/2024".into();
    let file = write_csv(&synth::to_sheet(&people));
    for options in [
        ImportOptions {
            dry_run: true,
            ..ImportOptions::default()
        },
        ImportOptions {
            all_or_nothing: true,
            ..ImportOptions::default()
        },
    ] {
        let report = import::import(&admin, "big.csv", &file, options)
            .await
            .expect("import");
        assert!(!report.applied);
        assert_eq!(indexes().await, before);
    }
    assert_eq!(total(&admin, "").await, 0);

    // The good rows land, and every index is back with the same definition.
    let report = import::import(&admin, "big.csv", &file, ImportOptions::default())
        .await
        .expect("import");
    assert!(report.applied);
    assert_eq!(report.created, 1_199);
    assert_eq!(indexes().await, before);
    let someone = &people[1_100];
    assert!(total(&admin, &someone.last_name).await >= 1);
    admin.lock().await;
}

/// An import records each new member's answers as one consent capture (the row), a few
/// hundred a statement. Captures must still be what every other capture is: unique
/// UUIDv7s, later than any made before the import and earlier than any after (the latest
/// answer is the current one), method "import", captured by the importer, one per person,
/// and, read as events, under each purpose's current statement and in step with each
/// member's consent bits.
#[tokio::test]
async fn imported_consent_events_are_ordered_uuidv7s_recorded_as_imported_by_the_importer() {
    let people = synth::generate(&SynthOptions {
        members: 1_300,
        seed: 17,
        duplicate_rate: 0.0,
    });
    let (forum, admin) = new_forum().await;
    let before = uuid::Uuid::now_v7().to_string();
    let file = write_csv(&synth::to_sheet(&people));
    let report = import::import(&admin, "consent.csv", &file, ImportOptions::default())
        .await
        .expect("import");
    assert_eq!((report.rejected, report.created), (0, 1_300));
    let after = uuid::Uuid::now_v7().to_string();

    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw connection");
    let captures: Vec<(String, String, String, Option<String>)> =
        sqlx::query_as("SELECT id, person_id, method, captured_by FROM consent_captures")
            .fetch_all(&mut conn)
            .await
            .expect("captures");
    assert!(
        captures.len() > 1_200,
        "almost every row answers something: {} captures",
        captures.len()
    );
    let mut ids = std::collections::HashSet::new();
    let mut persons = std::collections::HashSet::new();
    for (id, person, method, captured_by) in &captures {
        let parsed = uuid::Uuid::parse_str(id).expect("a UUID");
        assert_eq!(parsed.get_version_num(), 7, "{id} is a UUIDv7");
        assert_eq!(parsed.to_string(), *id, "{id} is in canonical form");
        assert!(ids.insert(id.clone()), "{id} is unique");
        assert!(persons.insert(person.clone()), "one capture for {person}");
        assert!(
            before.as_str() < id.as_str() && id.as_str() < after.as_str(),
            "{id} falls between ids made before and after the import"
        );
        assert_eq!(method, "import", "capture of {person}");
        assert_eq!(captured_by.as_deref(), Some(admin.user_id()));
    }
    let events: Vec<(String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT e.id, e.statement_version, \
         (SELECT max(version) FROM consent_statements s WHERE s.purpose_id = e.purpose_id) \
         FROM consent_events e",
    )
    .fetch_all(&mut conn)
    .await
    .expect("events");
    assert!(
        events.len() > 3 * 1_300,
        "most rows answer several purposes: {} events",
        events.len()
    );
    for (id, version, current) in &events {
        assert_eq!(
            *version,
            Some(*current),
            "{id}: recorded under the current statement"
        );
    }
    let disagreeing: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM people p WHERE p.consent_given != coalesce((SELECT sum(1 << pu.bit) \
         FROM consent_purposes pu WHERE (SELECT e.given FROM consent_events e \
         WHERE e.person_id = p.id AND e.purpose_id = pu.id ORDER BY e.id DESC LIMIT 1) = 1), 0)",
    )
    .fetch_one(&mut conn)
    .await
    .expect("bits");
    assert_eq!(
        disagreeing, 0,
        "every member's bits follow their imported events"
    );

    // An answer recorded after the import is the member's current one.
    let (person,): (String,) = sqlx::query_as(
        "SELECT person_id FROM consent_events WHERE purpose_id = 'email_news' AND given = 1 LIMIT 1",
    )
    .fetch_one(&mut conn)
    .await
    .expect("someone who said yes to e-mail");
    drop(conn);
    let withdraw = forumdesk::members::consent::ConsentInput {
        purpose_id: "email_news".into(),
        given: false,
        method: forumdesk::members::model::ConsentMethod::Verbal,
        confirm_deletion: false,
    };
    forumdesk::members::consent::record(&admin, &person, withdraw)
        .await
        .expect("withdraw");
    let record = forumdesk::members::get(&admin, &person).await.expect("get");
    let email = record
        .consents
        .iter()
        .find(|c| c.purpose_id == "email_news")
        .expect("e-mail purpose");
    assert_eq!(
        email.given,
        Some(false),
        "the withdrawal after the import is current"
    );
    assert_eq!(
        email.method,
        Some(forumdesk::members::model::ConsentMethod::Verbal)
    );
    admin.lock().await;
}
