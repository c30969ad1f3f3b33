//! Importing the old spreadsheet into a real encrypted database: good rows in, bad rows
//! reported by row and column, duplicates found, consent recorded as "import" (blank = not
//! known), one transaction, and the two policies.

mod common;

use common::*;
use forumdesk::export::{write_csv, write_xlsx};
use forumdesk::members::areas::{self, AreaInput};
use forumdesk::members::import::{self, DuplicatePolicy, ImportOptions};
use forumdesk::members::model::{ConsentMethod, MemberType, MembershipStatus};
use forumdesk::members::search::{self, MemberQuery};
use forumdesk::members::{self, consent, MemberDetails, MembershipStart};
use forumdesk::synth::{self, SynthOptions};
use forumdesk::{ErrorKind, Role, Session};

const HEADER: &str =
    "First name,Surname,E-mail,Mobile,Post Code,Date joined,OK to email,SMS,Area,Notes\r\n";

fn csv(rows: &[&str]) -> Vec<u8> {
    let mut text = String::from(HEADER);
    for row in rows {
        text.push_str(row);
        text.push_str("\r\n");
    }
    text.into_bytes()
}

async fn total(s: &Session) -> i64 {
    search::search(s, &MemberQuery::default())
        .await
        .expect("search")
        .total
}

fn options() -> ImportOptions {
    ImportOptions::default()
}

#[tokio::test]
async fn good_rows_are_imported_and_bad_ones_reported_by_row_and_column() {
    let (_forum, admin) = new_forum().await;
    areas::save(
        &admin,
        None,
        AreaInput {
            name: "Preston".into(),
            districts: "PR1".into(),
        },
    )
    .await
    .expect("area");
    let file = csv(&[
        "Zoë,Nowak,zoe@example.org,07911 123456,pr1 2he,03/02/2024,Y,,Preston,",
        "Sam,Shah,not-an-email,07911 654321,PR1 3AB,31/02/2024,maybe,N,Nowhere,",
        "Pat,Khan,pat@example.org,,BB1 1AA,2024-05-06,yes,no,,=HYPERLINK(\"http://evil\")",
        "<script>alert(1)</script>,O'Neill,,,,,,,,",
    ]);
    let report = import::import(&admin, "members.csv", &file, options())
        .await
        .expect("import");
    assert_eq!(
        (
            report.rows,
            report.created,
            report.rejected,
            report.duplicates
        ),
        (4, 3, 1, 0),
        "{:?}",
        report.problems
    );
    assert!(report.applied);
    let row3: Vec<String> = report
        .problems
        .iter()
        .filter(|p| p.row == 3)
        .map(|p| format!("{}: {}", p.column, p.message))
        .collect();
    for column in ["E-mail", "Date joined", "OK to email", "Area"] {
        assert!(
            row3.iter().any(|p| p.starts_with(column)),
            "no problem on {column}: {row3:?}"
        );
    }
    assert!(
        report.problems.iter().all(|p| p.row == 3),
        "{:?}",
        report.problems
    );

    let page = search::search(
        &admin,
        &MemberQuery {
            text: "zoe".into(),
            ..Default::default()
        },
    )
    .await
    .expect("find");
    let zoe = members::get(&admin, &page.members[0].id)
        .await
        .expect("get");
    assert_eq!(zoe.area_name.as_deref(), Some("Preston"));
    assert_eq!(
        zoe.membership
            .as_ref()
            .and_then(|m| m.joined_on.clone())
            .as_deref(),
        Some("2024-02-03")
    );
    assert!(
        zoe.source.starts_with("import: members.csv "),
        "{}",
        zoe.source
    );
    let email = zoe
        .consents
        .iter()
        .find(|c| c.purpose_id == "email_news")
        .expect("email");
    assert_eq!(
        (email.given, email.method),
        (Some(true), Some(ConsentMethod::Import))
    );
    let sms = zoe
        .consents
        .iter()
        .find(|c| c.purpose_id == "sms")
        .expect("sms");
    assert_eq!(sms.given, None, "a blank cell is not known, never given");
    let photos = zoe
        .consents
        .iter()
        .find(|c| c.purpose_id == "photos")
        .expect("photos");
    assert_eq!(photos.given, None, "no column is not known, never given");

    // Hostile text lands as text.
    let hostile = search::search(
        &admin,
        &MemberQuery {
            text: "neill".into(),
            ..Default::default()
        },
    )
    .await
    .expect("find");
    assert_eq!(hostile.members[0].first_name, "<script>alert(1)</script>");
    let pat = search::search(
        &admin,
        &MemberQuery {
            text: "pat khan".into(),
            ..Default::default()
        },
    )
    .await
    .expect("find");
    let pat = members::get(&admin, &pat.members[0].id).await.expect("get");
    assert_eq!(pat.notes.as_deref(), Some("=HYPERLINK(\"http://evil\")"));
    admin.lock().await;
}

#[tokio::test]
async fn all_or_nothing_and_dry_run_change_nothing() {
    let (_forum, admin) = new_forum().await;
    let file = csv(&["Jo,Bloggs,jo@example.org,,,,,,,", "Bad,Row,x@,,,,,,,"]);
    let strict = ImportOptions {
        all_or_nothing: true,
        ..options()
    };
    let report = import::import(&admin, "m.csv", &file, strict)
        .await
        .expect("report");
    assert!(!report.applied);
    assert_eq!((report.created, report.rejected), (0, 1));
    assert_eq!(total(&admin).await, 0);

    let dry = ImportOptions {
        dry_run: true,
        ..options()
    };
    let report = import::import(&admin, "m.csv", &file, dry)
        .await
        .expect("report");
    assert!(!report.applied);
    assert_eq!(
        (report.created, report.rejected),
        (1, 1),
        "a dry run says what would happen"
    );
    assert_eq!(total(&admin).await, 0);
    let before = forumdesk::audit::verify(&admin)
        .await
        .expect("verify")
        .entries;
    let report = import::import(&admin, "m.csv", &file, options())
        .await
        .expect("report");
    assert_eq!((report.created, report.rejected), (1, 1));
    assert_eq!(total(&admin).await, 1);
    assert_eq!(
        forumdesk::audit::verify(&admin)
            .await
            .expect("verify")
            .entries,
        before + 1,
        "one audit entry for the whole import"
    );
    admin.lock().await;
}

#[tokio::test]
async fn duplicates_within_the_file_and_against_members_are_reported_or_merged() {
    let (_forum, admin) = new_forum().await;
    let existing = MemberDetails {
        first_name: "Jo".into(),
        last_name: "Bloggs".into(),
        email: "jo@example.org".into(),
        member_type: Some(MemberType::ParentCarer),
        ..Default::default()
    };
    let jo = members::create(
        &admin,
        existing,
        MembershipStart {
            status: Some(MembershipStatus::Active),
            joined_on: None,
        },
    )
    .await
    .expect("jo");
    let file = csv(&[
        "Joe,Bloggs,JO@example.org,07911 123456,,,Y,,,",
        "Kim,Lee,kim@example.org,,,,,,,",
        "Kym,Lee,KIM@example.org,,,,,,,",
        // Same family e-mail, a different person: not a duplicate.
        "Alex,Lee,kim@example.org,,,,,,,",
    ]);
    let report = import::import(&admin, "m.csv", &file, options())
        .await
        .expect("import");
    assert_eq!(
        (report.created, report.duplicates, report.updated),
        (2, 2, 0),
        "{:?}",
        report.problems
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.row == 2 && p.message.contains("Jo Bloggs")),
        "{:?}",
        report.problems
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.row == 4 && p.message.contains("row 3")),
        "{:?}",
        report.problems
    );

    let merge = ImportOptions {
        duplicates: DuplicatePolicy::Merge,
        ..options()
    };
    let report = import::import(
        &admin,
        "m.csv",
        &csv(&["Joe,Bloggs,jo@example.org,07911 123456,,,Y,N,,"]),
        merge,
    )
    .await
    .expect("merge");
    assert_eq!((report.created, report.updated), (0, 1));
    let merged = members::get(&admin, &jo.id).await.expect("get");
    assert_eq!(
        merged.phone.as_deref(),
        Some("+447911123456"),
        "a blank field is filled"
    );
    assert_eq!(merged.first_name, "Jo", "existing values are kept");
    // The row's two answers are one capture, by import, and the member's current answers.
    let history = consent::history(&admin, &jo.id).await.expect("history");
    let mut answers: Vec<(&str, bool)> = history
        .iter()
        .map(|e| (e.purpose_id.as_str(), e.given))
        .collect();
    answers.sort();
    assert_eq!(answers, [("email_news", true), ("sms", false)]);
    assert!(history
        .iter()
        .all(|e| e.method == ConsentMethod::Import && e.id == history[0].id));
    let current: Vec<(&str, Option<bool>)> = merged
        .consents
        .iter()
        .filter(|c| c.given.is_some())
        .map(|c| (c.purpose_id.as_str(), c.given))
        .collect();
    assert_eq!(current, [("email_news", Some(true)), ("sms", Some(false))]);
    admin.lock().await;
}

#[tokio::test]
async fn an_exported_then_reimported_synthetic_membership_round_trips_in_csv_and_xlsx() {
    let people = synth::generate(&SynthOptions {
        members: 300,
        seed: 7,
        duplicate_rate: 0.0,
    });
    let sheet = synth::to_sheet(&people);
    for (name, bytes) in [
        ("synthetic.csv", write_csv(&sheet)),
        ("synthetic.xlsx", write_xlsx(&sheet).expect("xlsx")),
    ] {
        let (_forum, admin) = new_forum().await;
        let report = import::import(&admin, name, &bytes, options())
            .await
            .expect("import");
        assert_eq!(report.rows, 300, "{name}");
        assert_eq!(
            report.rejected,
            0,
            "{name}: {:?}",
            &report.problems[..report.problems.len().min(5)]
        );
        assert_eq!(i64::from(report.created + report.duplicates), 300, "{name}");
        assert_eq!(total(&admin).await, i64::from(report.created), "{name}");
        admin.lock().await;
    }
}

#[tokio::test]
async fn a_huge_cell_rejects_only_its_row_and_volunteers_cannot_import() {
    let (forum, admin) = new_forum().await;
    let huge = "x".repeat(5 * 1024 * 1024);
    let file = csv(&[
        "Ann,One,,,,,,,,",
        &format!("Ben,Two,,,,,,,,{huge}"),
        "Cat,Three,,,,,,,,",
    ]);
    let report = import::import(&admin, "m.csv", &file, options())
        .await
        .expect("import");
    assert_eq!((report.created, report.rejected), (2, 1));
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.row == 3 && p.column == "Notes"),
        "{:?}",
        report.problems
    );
    add_user(&admin, "vol", Role::Volunteer).await;
    let vol = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("vol");
    let err = import::import(&vol, "m.csv", &csv(&["A,B,,,,,,,,"]), options())
        .await
        .expect_err("forbidden");
    assert_eq!(err.kind, ErrorKind::Forbidden);
    let garbage = import::import(&admin, "m.csv", &[0u8, 159, 146, 150, 0, 1, 2], options())
        .await
        .expect_err("refused");
    assert_eq!(garbage.kind, ErrorKind::Validation);
    vol.lock().await;
    admin.lock().await;
}

#[tokio::test]
async fn an_imported_applicant_has_no_joined_event_until_approved() {
    use forumdesk::members::membership::{self, MembershipDateInput};
    use forumdesk::members::model::MembershipEventKind;

    let (_forum, admin) = new_forum().await;
    let file = "First name,Surname,Status,Date joined\r\n\
                Ann,Applied,applicant,01/03/2025\r\n\
                Ben,Member,active,01/03/2025\r\n"
        .as_bytes();
    let report = import::import(&admin, "m.csv", file, options())
        .await
        .expect("import");
    assert_eq!((report.created, report.rejected), (2, 0), "{report:?}");
    let id_of = async |name: &str| {
        let page = search::search(
            &admin,
            &MemberQuery {
                text: name.into(),
                page_size: 5,
                ..Default::default()
            },
        )
        .await
        .expect("search");
        assert_eq!(page.members.len(), 1, "{name}");
        page.members[0].id.clone()
    };
    let kinds = async |id: &str| -> Vec<MembershipEventKind> {
        membership::history(&admin, id)
            .await
            .expect("history")
            .iter()
            .map(|e| e.kind)
            .collect()
    };
    let ann = id_of("Applied").await;
    let ben = id_of("Member").await;
    assert_eq!(kinds(&ann).await, []);
    assert_eq!(kinds(&ben).await, [MembershipEventKind::Joined]);
    let applicant = members::get(&admin, &ann).await.expect("get");
    let m = applicant.membership.expect("membership");
    assert_eq!(m.status, MembershipStatus::Applicant);
    assert_eq!(
        m.joined_on.as_deref(),
        Some("2025-03-01"),
        "the date they applied"
    );

    membership::approve(
        &admin,
        &ann,
        MembershipDateInput {
            on_date: "2025-04-01".into(),
        },
    )
    .await
    .expect("approve");
    assert_eq!(
        kinds(&ann).await,
        [MembershipEventKind::Joined],
        "joined once"
    );
    admin.lock().await;
}
