//! Completeness of the subject access export, enforced from the real schema: every table
//! that refers to a person (a foreign key to `people`, or a column whose name says it holds a
//! person's id) must be exported by a section of `gdpr::sar::SECTIONS` (the list the export
//! runs) or be listed in `gdpr::sar::NOT_EXPORTED` with a reason. A table added later
//! without either fails here, by name.
//!
//! Then a person with a full history gets something under every section, the HTML shows
//! their details escaped, the JSON parses, and only admins may export.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use forumdesk::activities::{self, model::ActivityKind, ActivityInput};
use forumdesk::gdpr::requests::{self, DataRequestInput, RequestKind};
use forumdesk::gdpr::sar::{self, NOT_EXPORTED, SECTIONS};
use forumdesk::groups::{self, contacts::ContactInput, model::OrganisationKind};
use forumdesk::members::areas::{self, AreaInput};
use forumdesk::members::children::{ChildInput, EqualityInput};
use forumdesk::members::consent::ConsentInput;
use forumdesk::members::merge::MergeInput;
use forumdesk::members::model::{self, ConsentMethod, Need, Provision};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::representation::seat::SeatInput;
use forumdesk::{representation, ErrorKind, Role, Session};
use sqlx::SqliteConnection;

/// Columns that hold a person's id without the name saying so, or without a foreign key.
const KNOWN_PERSON_COLUMNS: &[(&str, &str)] = &[
    ("merges", "kept_id"),
    ("merges", "merged_id"),
    ("duplicate_dismissals", "a_id"),
    ("duplicate_dismissals", "b_id"),
    ("audit_log", "entity_id"),
];

/// Table → why it refers to a person (which columns).
async fn person_tables(conn: &mut SqliteConnection) -> BTreeMap<String, Vec<String>> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name NOT LIKE '_sqlx_%' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("tables");
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    found.insert("people".into(), vec!["the people table itself".into()]);
    for table in tables {
        let foreign: Vec<(String, String)> =
            sqlx::query_as("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)")
                .bind(&table)
                .fetch_all(&mut *conn)
                .await
                .expect("foreign keys");
        for (column, target) in foreign {
            if target == "people" {
                found
                    .entry(table.clone())
                    .or_default()
                    .push(format!("{column} → people"));
            }
        }
        let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?)")
            .bind(&table)
            .fetch_all(&mut *conn)
            .await
            .expect("columns");
        for column in columns {
            let named = column == "person_id" || column.ends_with("_person_id");
            let known = KNOWN_PERSON_COLUMNS.contains(&(table.as_str(), column.as_str()));
            if named || known {
                found.entry(table.clone()).or_default().push(column);
            }
        }
    }
    found
}

async fn raw(forum: &Forum) -> SqliteConnection {
    forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw connection")
}

#[tokio::test]
async fn every_table_that_refers_to_a_person_is_exported_or_excluded_with_a_reason() {
    let (forum, admin) = new_forum().await;
    let mut conn = raw(&forum).await;
    let person_tables = person_tables(&mut conn).await;
    // The introspection finds what it should, so an empty result cannot pass by accident.
    for table in [
        "people",
        "consent_captures",
        "children",
        "merges",
        "audit_log",
        "seats",
    ] {
        assert!(person_tables.contains_key(table), "{table} not detected");
    }

    let covered: BTreeSet<&str> = SECTIONS.iter().map(|s| s.table).collect();
    let excluded: BTreeSet<&str> = NOT_EXPORTED.iter().map(|(t, _)| *t).collect();
    let uncovered: Vec<String> = person_tables
        .iter()
        .filter(|(t, _)| !covered.contains(t.as_str()) && !excluded.contains(t.as_str()))
        .map(|(t, why)| format!("{t} ({})", why.join(", ")))
        .collect();
    assert!(
        uncovered.is_empty(),
        "these tables refer to a person but the subject access export neither covers them \
         (gdpr::sar::SECTIONS) nor excludes them with a reason (gdpr::sar::NOT_EXPORTED): {}",
        uncovered.join("; ")
    );

    // Both lists name tables that exist, each once, and never the same table twice.
    let existing: BTreeSet<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&mut conn)
            .await
            .expect("tables")
            .into_iter()
            .collect();
    for table in covered.iter().chain(excluded.iter()) {
        assert!(
            existing.contains(*table),
            "{table} is listed by the subject access export but no longer exists"
        );
    }
    assert_eq!(covered.len(), SECTIONS.len(), "a table has two sections");
    assert!(
        covered.is_disjoint(&excluded),
        "a table is both exported and excluded"
    );
    for (table, reason) in NOT_EXPORTED {
        assert!(reason.len() > 20, "{table} needs a real reason");
    }
    drop(conn);
    admin.lock().await;
}

const HOSTILE: &str = "<script>alert(1)</script> O'Brien & \"Co\"";

async fn person(s: &Session, first: &str, last: &str, email: &str) -> String {
    let details = MemberDetails {
        first_name: first.into(),
        last_name: last.into(),
        email: email.into(),
        notes: format!("Notes about {last}"),
        member_type: Some(model::MemberType::ParentCarer),
        ..Default::default()
    };
    let start = MembershipStart {
        status: Some(model::MembershipStatus::Active),
        joined_on: Some("2025-01-15".into()),
    };
    members::create(s, details, start).await.expect("member").id
}

async fn consent(s: &Session, person_id: &str, purpose: &str, given: bool) {
    members::consent::record(
        s,
        person_id,
        ConsentInput {
            purpose_id: purpose.into(),
            given,
            method: ConsentMethod::Paper,
            confirm_deletion: false,
        },
    )
    .await
    .expect("consent");
}

/// A person with something in every table the export covers. Returns their id.
async fn full_history(s: &Session) -> String {
    let subject = person(s, "Maeve", HOSTILE, "maeve@example.org").await;
    // Membership events: they left and rejoined.
    members::membership::leave(
        s,
        &subject,
        members::membership::LeavingInput {
            on_date: String::new(),
            reason: "Moving house".into(),
        },
    )
    .await
    .expect("leave");
    members::membership::rejoin(s, &subject, Default::default())
        .await
        .expect("rejoin");
    // Consent given and withdrawn; special-category consent for the child and equality.
    consent(s, &subject, "email_news", true).await;
    consent(s, &subject, "email_news", false).await;
    consent(s, &subject, "special_category", true).await;
    members::children::save(
        s,
        &subject,
        None,
        ChildInput {
            year_of_birth: Some(2015),
            age_band: None,
            primary_need: Some(Need::Asd),
            secondary_needs: vec![Need::Slcn],
            provision: Some(Provision::Ehcp),
            school_phase: None,
            setting_type: None,
            local_authority: "Lancashire".into(),
        },
    )
    .await
    .expect("child");
    members::children::save_equality(
        s,
        &subject,
        EqualityInput {
            ethnicity: "White Irish".into(),
            first_language: "English".into(),
        },
    )
    .await
    .expect("equality");
    // A group they lead, and their co-option from it.
    let area = areas::save(
        s,
        None,
        AreaInput {
            name: "Preston".into(),
            districts: "PR1".into(),
        },
    )
    .await
    .expect("area")
    .id;
    let group = groups::organisation::create(
        s,
        groups::organisation::OrganisationInput {
            name: "Sunflower Parents".into(),
            kind: Some(OrganisationKind::ParentGroup),
            area_ids: vec![area],
            all_needs: true,
            ..Default::default()
        },
    )
    .await
    .expect("group")
    .id;
    groups::contacts::add(
        s,
        &group,
        ContactInput {
            person_id: subject.clone(),
            role: "Group lead".into(),
        },
    )
    .await
    .expect("contact");
    groups::co_option::co_opt(
        s,
        &group,
        groups::co_option::CoOptionInput {
            person_id: subject.clone(),
            from_on: "2026-01-10".into(),
            ..Default::default()
        },
    )
    .await
    .expect("co-opt");
    // An activity they took part in, and a seat.
    activities::activity::create(
        s,
        ActivityInput {
            title: "Autism pathway consultation".into(),
            kind: Some(ActivityKind::Consultation),
            starts_on: "2026-03-12".into(),
            person_ids: vec![subject.clone()],
            ..Default::default()
        },
    )
    .await
    .expect("activity");
    representation::seat::add(
        s,
        SeatInput {
            body_id: "send_partnership_board".into(),
            person_id: subject.clone(),
            role: "Parent carer representative".into(),
            from_on: "2026-02-01".into(),
            until_on: String::new(),
        },
    )
    .await
    .expect("seat");
    // Someone else checked and found not to be them; a duplicate of them merged in.
    let other = person(s, "Maeve", "Someone Else", "other@example.org").await;
    members::duplicates::dismiss(s, &subject, &other)
        .await
        .expect("dismiss");
    let duplicate = person(s, "Maeve", HOSTILE, "maeve.old@example.org").await;
    members::merge::merge(
        s,
        MergeInput {
            keep_id: subject.clone(),
            merge_id: duplicate,
            picks: Default::default(),
        },
    )
    .await
    .expect("merge");
    // Their request.
    requests::record(
        s,
        DataRequestInput {
            kind: Some(RequestKind::Access),
            person_id: subject.clone(),
            received_on: String::new(),
            notes: "Asked by e-mail".into(),
            ..Default::default()
        },
    )
    .await
    .expect("request");
    subject
}

#[tokio::test]
async fn a_person_with_a_full_history_gets_every_section_escaped_and_parseable() {
    let (forum, admin) = new_forum().await;
    let subject = full_history(&admin).await;
    // A decision to keep them under the retention schedule (seeded directly: the review
    // queue's own service is tested with it).
    let mut conn = raw(&forum).await;
    sqlx::query(
        "INSERT INTO retention_keeps (id, rule, person_id, subject_id, reason, kept_by, \
         kept_at, review_on) SELECT 'keep-1', 'left_members', ?1, ?1, 'Still a board member', \
         id, '2026-11-01T10:00:00Z', '2027-11-01' FROM users LIMIT 1",
    )
    .bind(&subject)
    .execute(&mut conn)
    .await
    .expect("retention keep");
    // A sign-up at a stall (seeded directly: the kiosk's own service is tested with it).
    sqlx::query(
        "INSERT INTO drives (id, name, starts_on, venue, created_at, updated_at) VALUES \
         ('drive-1', 'Local offer event', '2026-10-03', 'Preston Guild Hall', \
         '2026-09-01T10:00:00Z', '2026-09-01T10:00:00Z')",
    )
    .execute(&mut conn)
    .await
    .expect("drive");
    sqlx::query(
        "INSERT INTO drive_signups (id, drive_id, person_id, signed_up_at) VALUES \
         ('signup-1', 'drive-1', ?1, '2026-10-03T11:20:00Z')",
    )
    .bind(&subject)
    .execute(&mut conn)
    .await
    .expect("sign-up");
    drop(conn);
    let request = requests::list(&admin, &Default::default())
        .await
        .unwrap()
        .remove(0);
    let out = tempfile::tempdir().unwrap();
    let export = sar::export(&admin, &subject, out.path(), Some(&request.id))
        .await
        .expect("export");

    // Every section the export covers has something in it.
    assert_eq!(export.sections.len(), SECTIONS.len());
    for section in &export.sections {
        assert!(
            section.rows > 0,
            "nothing under {} ({}) for a person with a full history",
            section.heading,
            section.table
        );
    }

    // The folder is named by date, not by the person.
    let folder = std::path::Path::new(&export.folder);
    let name = folder.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("subject-access-"), "{name}");
    assert!(!name.contains("Maeve") && !name.contains(&subject));

    // The JSON parses and holds every section with their details as stored.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&export.json_file).unwrap()).unwrap();
    let sections = json["sections"].as_array().unwrap();
    assert_eq!(sections.len(), SECTIONS.len());
    let details = &sections[0]["rows"][0];
    assert_eq!(details["last_name"], HOSTILE);
    assert_eq!(details["email"], "maeve@example.org");
    let consent = sections
        .iter()
        .find(|s| s["table"] == "consent_captures")
        .unwrap();
    let answers: Vec<&str> = consent["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["answer"].as_str().unwrap())
        .collect();
    assert!(answers.contains(&"Agreed") && answers.contains(&"Withdrawn"));
    assert!(consent["rows"][0]["statement"]
        .as_str()
        .unwrap()
        .contains("I would like to receive"));

    // The HTML is self-contained, shows their details escaped, and runs nothing.
    let html = std::fs::read_to_string(&export.html_file).unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; O&#39;Brien &amp; &quot;Co&quot;"));
    assert!(
        !html.to_lowercase().contains("<script"),
        "a script tag got through"
    );
    assert!(!html.contains(HOSTILE));
    for remote in ["http://", "https://", "src=", "<link"] {
        assert!(!html.contains(remote), "remote asset or link: {remote}");
    }
    for heading in [
        "Your details",
        "Your membership",
        "What you agreed to us contacting you about",
        "Your children&#39;s needs",
        "Groups you hold a role in",
        "Activities you took part in",
        "Seats you hold for the forum",
        "Who has looked at or changed your record",
    ] {
        assert!(html.contains(heading), "missing heading {heading}");
    }
    assert!(html.contains("Sunflower Parents"));
    assert!(html.contains("Autism pathway consultation"));
    assert!(html.contains("SEND Partnership Board"));
    // Who changed the record, by display name.
    assert!(html.contains("Alex Chair"));

    // The request notes the export, and the export is audited by id only.
    let request = requests::get(&admin, &request.id).await.unwrap();
    assert_eq!(
        request.exported_on,
        Some(forumdesk::id::today_london().to_string())
    );
    let mut conn = raw(&forum).await;
    let (changes,): (String,) = sqlx::query_as(
        "SELECT changes FROM audit_log WHERE action = 'person.subject_access_exported' \
         AND entity_id = ?",
    )
    .bind(&subject)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert!(changes.contains(&request.id));
    assert!(!changes.contains("Maeve") && !changes.contains("maeve@"));
    drop(conn);

    // A second export the same day goes to a new folder.
    let again = sar::export(&admin, &subject, out.path(), None)
        .await
        .unwrap();
    assert_ne!(again.folder, export.folder);
    admin.lock().await;
}

#[tokio::test]
async fn an_export_needs_a_real_person_folder_and_matching_request() {
    let (_forum, admin) = new_forum().await;
    let subject = person(&admin, "Ann", "Example", "").await;
    let other = person(&admin, "Bo", "Example", "").await;
    let out = tempfile::tempdir().unwrap();
    let err = sar::export(&admin, "no-such-person", out.path(), None)
        .await
        .expect_err("unknown person");
    assert_eq!(err.kind, ErrorKind::NotFound);
    let err = sar::export(&admin, &subject, &out.path().join("missing"), None)
        .await
        .expect_err("no folder");
    assert_eq!(err.kind, ErrorKind::Validation);
    let request = requests::record(
        &admin,
        DataRequestInput {
            kind: Some(RequestKind::Access),
            person_id: other,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let err = sar::export(&admin, &subject, out.path(), Some(&request.id))
        .await
        .expect_err("someone else's request");
    assert_eq!(err.kind, ErrorKind::Conflict);
    // Nothing was written for the refused exports.
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
    admin.lock().await;
}

#[tokio::test]
async fn only_admins_export_a_persons_data() {
    let (forum, admin) = new_forum().await;
    let subject = person(&admin, "Ann", "Example", "").await;
    let out = tempfile::tempdir().unwrap();
    for role in [Role::Officer, Role::Volunteer] {
        add_user(&admin, role.as_str(), role).await;
        let s = forum
            .unlock(role.as_str(), &password_for(role.as_str()))
            .await
            .unwrap();
        let err = sar::export(&s, &subject, out.path(), None)
            .await
            .expect_err("forbidden");
        assert_eq!(err.kind, ErrorKind::Forbidden);
        s.lock().await;
    }
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
    admin.lock().await;
}

#[tokio::test]
async fn nothing_is_exported_for_an_erased_person() {
    let (_forum, admin) = new_forum().await;
    let subject = person(&admin, "Ann", "Erased", "ann@example.org").await;
    forumdesk::gdpr::erase::erase(&admin, &subject, None)
        .await
        .expect("erase");
    let out = tempfile::tempdir().unwrap();
    let err = sar::export(&admin, &subject, out.path(), None)
        .await
        .expect_err("erased");
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert!(err.message.contains("erased"), "{}", err.message);
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
    admin.lock().await;
}
