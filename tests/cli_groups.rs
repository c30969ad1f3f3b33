//! `forumdesk groups list | renewals` as scripts use them: the groups are set up through the
//! core, then read back through the command line.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;
use forumdesk::groups::affiliation::{self, StepInput};
use forumdesk::groups::model::{AffiliationStep, OrganisationKind};
use forumdesk::groups::organisation::{self, OrganisationInput};
use forumdesk::members::areas::{self, AreaInput};
use forumdesk::{id, Session};

fn forumdesk(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_forumdesk"))
        .arg("--db")
        .arg(db)
        .args(["--user", ADMIN])
        .args(args)
        .env("FORUMDESK_PASSWORD", ADMIN_PASSWORD)
        .output()
        .expect("run forumdesk")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

async fn group(s: &Session, name: &str, area: &str) -> String {
    let input = OrganisationInput {
        name: name.into(),
        kind: Some(OrganisationKind::ParentGroup),
        area_ids: vec![area.into()],
        all_needs: true,
        ..Default::default()
    };
    organisation::create(s, input).await.expect("group").id
}

async fn step(s: &Session, org: &str, step: AffiliationStep, days_ago: i64) {
    let input = StepInput {
        on_date: (id::today_london() - time::Duration::days(days_ago)).to_string(),
        ..Default::default()
    };
    affiliation::record(s, org, step, input)
        .await
        .expect("step");
}

#[tokio::test]
async fn groups_list_and_renewals_from_the_command_line() {
    let (forum, admin) = new_forum().await;
    let area = areas::save(
        &admin,
        None,
        AreaInput {
            name: "Preston".into(),
            districts: "PR1".into(),
        },
    )
    .await
    .expect("area")
    .id;
    let overdue = group(&admin, "Overdue Parents", &area).await;
    let enquiring = group(&admin, "New Parents", &area).await;
    step(&admin, &overdue, AffiliationStep::Applied, 400).await;
    step(&admin, &overdue, AffiliationStep::Approved, 390).await;
    step(&admin, &enquiring, AffiliationStep::Enquiry, 1).await;
    admin.lock().await;
    let db = forum.db_path();

    let all = forumdesk(&db, &["groups", "list", "--json"]);
    assert!(all.status.success(), "{}", text(&all.stderr));
    let list: serde_json::Value = serde_json::from_slice(&all.stdout).expect("JSON array");
    let names: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|o| o["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, vec!["New Parents", "Overdue Parents"]);
    assert_eq!(list[1]["status"], "renewal_due");

    let due = forumdesk(&db, &["groups", "list", "--status", "renewal-due"]);
    assert!(due.status.success(), "{}", text(&due.stderr));
    let out = text(&due.stdout);
    assert!(out.starts_with("NAME\tKIND\tSTATUS"), "{out}");
    assert!(
        out.contains("Overdue Parents\tParent support group\tRenewal due"),
        "{out}"
    );
    assert!(!out.contains("New Parents"), "{out}");

    let bad = forumdesk(&db, &["groups", "list", "--status", "asleep"]);
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("use one of enquiry"),
        "{}",
        text(&bad.stderr)
    );

    let renewals = forumdesk(&db, &["groups", "renewals", "--json"]);
    assert!(renewals.status.success(), "{}", text(&renewals.stderr));
    let report: serde_json::Value = serde_json::from_slice(&renewals.stdout).expect("JSON");
    assert_eq!(report["overdue"][0]["name"], "Overdue Parents");
    assert_eq!(report["dueSoon"].as_array().map(Vec::len), Some(0));
    assert_eq!(report["windowDays"], 60);
    let plain = forumdesk(&db, &["groups", "renewals"]);
    let out = text(&plain.stdout);
    assert!(out.contains("Overdue:\n  Overdue Parents\tdue "), "{out}");
    assert!(out.contains("days ago)"), "{out}");
    assert!(out.contains("Due in the next 60 days:\n  none"), "{out}");
}
