//! `forumdesk gdpr ...` as scripts and an admin at a terminal use it.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;
use forumdesk::gdpr::requests::{self, DataRequestInput, RequestKind};
use forumdesk::members::{self, model, MemberDetails, MembershipStart};
use forumdesk::Role;

fn forumdesk_as(db: &Path, user: &str, password: &str, args: &[&str]) -> Output {
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
async fn gdpr_sar_writes_the_folder_and_prints_its_path() {
    let (forum, admin) = new_forum().await;
    let details = MemberDetails {
        first_name: "Rhian".into(),
        last_name: "Evans".into(),
        email: "rhian@example.org".into(),
        member_type: Some(model::MemberType::ParentCarer),
        ..Default::default()
    };
    let start = MembershipStart {
        status: Some(model::MembershipStatus::Active),
        joined_on: None,
    };
    let person = members::create(&admin, details, start).await.unwrap().id;
    let request = requests::record(
        &admin,
        DataRequestInput {
            kind: Some(RequestKind::Access),
            person_id: person.clone(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    add_user(&admin, "officer", Role::Officer).await;
    admin.lock().await;
    let db = forum.db_path();
    let out = tempfile::tempdir().unwrap();
    let out_arg = out.path().to_str().unwrap();

    let run = forumdesk_as(
        &db,
        ADMIN,
        ADMIN_PASSWORD,
        &[
            "gdpr",
            "sar",
            &person,
            "--out",
            out_arg,
            "--request",
            &request.id,
        ],
    );
    assert!(run.status.success(), "{}", text(&run.stderr));
    let folder = text(&run.stdout).trim().to_owned();
    let folder = Path::new(&folder);
    assert!(folder.starts_with(out.path()), "{}", folder.display());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("subject-access.json")).unwrap())
            .expect("JSON");
    assert_eq!(json["person_id"], person.as_str());
    assert_eq!(json["sections"][0]["rows"][0]["email"], "rhian@example.org");
    let html = std::fs::read_to_string(folder.join("subject-access.html")).unwrap();
    assert!(html.contains("Rhian") && html.contains("Your details"));

    // An unknown person: a plain message and a failing exit code, nothing written.
    let before = std::fs::read_dir(out.path()).unwrap().count();
    let run = forumdesk_as(
        &db,
        ADMIN,
        ADMIN_PASSWORD,
        &["gdpr", "sar", "nobody", "--out", out_arg],
    );
    assert!(!run.status.success());
    assert!(
        text(&run.stderr).contains("No member has that record id"),
        "{}",
        text(&run.stderr)
    );
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), before);

    // An officer may not.
    let officer_password = password_for("officer");
    let run = forumdesk_as(
        &db,
        "officer",
        &officer_password,
        &["gdpr", "sar", &person, "--out", out_arg],
    );
    assert!(!run.status.success());
    assert!(
        text(&run.stderr).contains("does not allow"),
        "{}",
        text(&run.stderr)
    );
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), before);
}
