//! `forumdesk audit list | export` as an admin or a script uses them.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;
use forumdesk::members::model::{MemberType, MembershipStatus};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::Role;

fn forumdesk(db: &Path, user: &str, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_forumdesk"))
        .arg("--db")
        .arg(db)
        .args(["--user", user])
        .args(args)
        .env("FORUMDESK_PASSWORD", password)
        .output()
        .expect("run forumdesk")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn audit_list_and_export_from_the_command_line() {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "pat.officer", Role::Officer).await;
    add_user(&admin, "sam.helper", Role::Volunteer).await;
    let ada = members::create(
        &admin,
        MemberDetails {
            first_name: "Zebedee".into(),
            last_name: "Quintrell".into(),
            email: "zq@example.org".into(),
            member_type: Some(MemberType::ParentCarer),
            ..Default::default()
        },
        MembershipStart {
            status: Some(MembershipStatus::Active),
            joined_on: None,
        },
    )
    .await
    .expect("member")
    .id;
    for _ in 0..3 {
        members::get(&admin, &ada).await.expect("view");
    }
    admin.lock().await;
    let db = forum.db_path();

    // By person, as JSON: the creation and three views, newest first.
    let out = forumdesk(
        &db,
        ADMIN,
        ADMIN_PASSWORD,
        &["audit", "list", "--person", &ada, "--json"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let entries = page["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 4);
    assert_eq!(entries[0]["action"], "member.viewed");
    assert_eq!(entries[3]["action"], "member.created");
    assert_eq!(entries[0]["username"], ADMIN);

    // By user name and action, paged with --limit and --before.
    let out = forumdesk(
        &db,
        "pat.officer",
        &password_for("pat.officer"),
        &[
            "audit",
            "list",
            "--actor",
            "CHAIR",
            "--action",
            "member.viewed",
            "--limit",
            "2",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    assert!(stdout.starts_with("ENTRY\tTIME (UTC)\tUSER\tACTION"));
    let hint = text(&out.stderr);
    let before = hint
        .trim()
        .strip_prefix("More entries: add --before ")
        .expect("a hint for the next page");
    let out = forumdesk(
        &db,
        ADMIN,
        ADMIN_PASSWORD,
        &[
            "audit",
            "list",
            "--actor",
            "chair",
            "--action",
            "member.viewed",
            "--before",
            before,
        ],
    );
    assert_eq!(text(&out.stdout).lines().count(), 2);
    assert!(text(&out.stderr).is_empty());

    // Unknown user, bad date: plain messages, non-zero exit.
    let out = forumdesk(
        &db,
        ADMIN,
        ADMIN_PASSWORD,
        &["audit", "list", "--actor", "nobody"],
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("There is no ForumDesk user called \"nobody\""));
    let out = forumdesk(
        &db,
        ADMIN,
        ADMIN_PASSWORD,
        &["audit", "list", "--from", "31/02/2026"],
    );
    assert!(!out.status.success());

    // Export for an auditor: a CSV with ids, no member names.
    let csv = forum.dir.path().join("audit.csv");
    let out = forumdesk(
        &db,
        ADMIN,
        ADMIN_PASSWORD,
        &["audit", "export", "--out", csv.to_str().expect("path")],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&csv).expect("csv");
    assert!(written.contains(&ada));
    assert!(!written.contains("Zebedee") && !written.contains("Quintrell"));
    assert!(text(&out.stderr).contains("audit entries written to"));

    // Volunteers may not.
    let out = forumdesk(
        &db,
        "sam.helper",
        &password_for("sam.helper"),
        &["audit", "list"],
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("does not allow you to see the audit log"));
}
