//! `forumdesk gdpr erase` and `forumdesk gdpr retention` as scripts use them: confirmation
//! is required (and refused without a terminal) unless `--yes` is given.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::*;
use forumdesk::members::membership::{self, LeavingInput};
use forumdesk::members::model::{MemberType, MembershipStatus};
use forumdesk::members::search::{self, MemberQuery};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::Session;

fn forumdesk(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_forumdesk"))
        .arg("--db")
        .arg(db)
        .args(["--user", ADMIN])
        .args(args)
        .env("FORUMDESK_PASSWORD", ADMIN_PASSWORD)
        .stdin(Stdio::null())
        .output()
        .expect("run forumdesk")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn member(s: &Session, first: &str, joined: &str) -> String {
    members::create(
        s,
        MemberDetails {
            first_name: first.into(),
            last_name: "Example".into(),
            member_type: Some(MemberType::ParentCarer),
            ..Default::default()
        },
        MembershipStart {
            status: Some(MembershipStatus::Active),
            joined_on: Some(joined.into()),
        },
    )
    .await
    .expect("member")
    .id
}

async fn found(forum: &Forum, text: &str) -> i64 {
    let s = forum.admin().await;
    let total = search::search(
        &s,
        &MemberQuery {
            text: text.into(),
            page_size: 10,
            ..Default::default()
        },
    )
    .await
    .expect("search")
    .total;
    s.lock().await;
    total
}

#[tokio::test]
async fn erase_and_retention_from_the_command_line() {
    let (forum, admin) = new_forum().await;
    let person = member(&admin, "Ermintrude", "2025-01-10").await;
    let leaver = member(&admin, "Longgone", "2021-01-10").await;
    membership::leave(
        &admin,
        &leaver,
        LeavingInput {
            on_date: "2023-05-02".into(),
            reason: "Moved away".into(),
        },
    )
    .await
    .expect("leave");
    admin.lock().await;
    let db = forum.db_path();

    // Without --yes and without a terminal: refused, nothing changed.
    let refused = forumdesk(&db, &["gdpr", "erase", &person]);
    assert!(!refused.status.success());
    let message = text(&refused.stderr);
    assert!(message.contains("--yes"), "{message}");
    assert!(message.contains("Ermintrude"), "{message}");
    assert_eq!(found(&forum, "Ermintrude").await, 1);

    let erased = forumdesk(&db, &["gdpr", "erase", &person, "--yes"]);
    assert!(erased.status.success(), "{}", text(&erased.stderr));
    assert!(text(&erased.stdout).starts_with("Erased."));
    assert_eq!(found(&forum, "Ermintrude").await, 0);
    let again = forumdesk(&db, &["gdpr", "erase", &person, "--yes"]);
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("already been erased"));

    // The queue: the 2023 leaver, with the reason.
    let listed = forumdesk(&db, &["gdpr", "retention", "--json"]);
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    let queue: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    let queue = queue.as_array().expect("array");
    assert_eq!(queue.len(), 1, "{queue:?}");
    assert_eq!(queue[0]["rule"], "left_members");
    assert_eq!(queue[0]["subjectId"], leaver.as_str());
    assert_eq!(
        queue[0]["reason"],
        "Left on 02/05/2023, more than 24 months ago"
    );
    let table = forumdesk(&db, &["gdpr", "retention"]);
    assert!(text(&table.stdout).starts_with("RULE\tSUBJECT\tNAME\tREASON\nleft_members\t"));

    let refused = forumdesk(&db, &["gdpr", "retention", "--apply"]);
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("--yes"));
    assert_eq!(found(&forum, "Longgone").await, 1);
    let applied = forumdesk(&db, &["gdpr", "retention", "--apply", "--yes"]);
    assert!(applied.status.success(), "{}", text(&applied.stderr));
    assert!(text(&applied.stderr).contains("1 people erased"));
    assert_eq!(found(&forum, "Longgone").await, 0);
    let empty = forumdesk(&db, &["gdpr", "retention", "--json"]);
    assert_eq!(text(&empty.stdout).trim(), "[]");
}
