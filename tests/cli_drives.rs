//! `forumdesk drives list | results DRIVE` as scripts use them: drives and sign-ups are set
//! up through the core, then read back through the command line, with counts under 5
//! suppressed in the results.

mod common;
#[path = "common/drives.rs"]
mod drives_common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;
use drives_common::*;
use forumdesk::drives::kiosk::{self, LeaveKioskInput};
use forumdesk::drives::review;
use forumdesk::members::membership::MembershipDateInput;
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
async fn drives_list_and_results_from_the_command_line() {
    let (forum, admin) = new_forum().await;
    let library = new_drive(&admin, "Library stall").await;
    new_drive(&admin, "Coffee morning").await;
    add_user(&admin, "vol", Role::Volunteer).await;
    let vol = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("unlock");
    kiosk::start(&vol, &library.id).await.expect("kiosk");
    for i in 0..7 {
        submit(
            &vol,
            signup(
                &format!("Person{i}"),
                "Sample",
                &format!("p{i}@example.org"),
            ),
        )
        .await;
    }
    kiosk::leave(
        &vol,
        LeaveKioskInput {
            username: String::new(),
            password: password_for("vol"),
        },
    )
    .await
    .expect("leave");
    vol.lock().await;
    let queue = review::pending(&admin, None).await.expect("queue");
    for p in &queue[..6] {
        review::accept(&admin, &p.signup_id, MembershipDateInput::default())
            .await
            .expect("accept");
    }
    admin.lock().await;
    let db = forum.db_path();

    let list = forumdesk(&db, ADMIN, ADMIN_PASSWORD, &["drives", "list", "--json"]);
    assert!(list.status.success(), "{}", text(&list.stderr));
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON array");
    let rows = list.as_array().expect("array");
    assert_eq!(rows.len(), 2);
    let library_row = rows
        .iter()
        .find(|r| r["name"] == "Library stall")
        .expect("listed");
    assert_eq!(library_row["signups"], 7);
    assert_eq!(library_row["pending"], 1);
    assert_eq!(library_row["id"], library.id.as_str());

    let table = forumdesk(&db, ADMIN, ADMIN_PASSWORD, &["drives", "list"]);
    assert!(table.status.success());
    let table = text(&table.stdout);
    assert!(table.starts_with("STARTS\tNAME"), "{table}");
    assert!(table.contains("Library stall"));

    // By exact name (any case), as JSON: 7 sign-ups and 6 members shown, 1 pending suppressed.
    let results = forumdesk(
        &db,
        ADMIN,
        ADMIN_PASSWORD,
        &["drives", "results", "library STALL", "--json"],
    );
    assert!(results.status.success(), "{}", text(&results.stderr));
    let r: serde_json::Value = serde_json::from_slice(&results.stdout).expect("JSON object");
    assert_eq!(r["driveId"], library.id.as_str());
    assert_eq!(r["signups"]["count"], 7);
    assert_eq!(r["newMembers"]["count"], 6);
    assert_eq!(r["pending"]["count"], serde_json::Value::Null);
    assert_eq!(r["pending"]["suppressed"], true);
    assert_eq!(r["costPerNewMemberPence"], 1000, "£60 over 6 new members");
    assert_eq!(r["medianDaysToJoin"], 0.0);
    // Every area row has 7 (one area, "outside the forum's areas").
    assert_eq!(r["byArea"][0]["count"], 7);

    // By id, as text.
    let results = forumdesk(
        &db,
        ADMIN,
        ADMIN_PASSWORD,
        &["drives", "results", &library.id],
    );
    assert!(results.status.success(), "{}", text(&results.stderr));
    let out = text(&results.stdout);
    assert!(out.contains("Sign-ups: 7"), "{out}");
    assert!(out.contains("Waiting for review: fewer than 5"), "{out}");
    assert!(out.contains("Cost per new member: £10.00"), "{out}");

    // A drive with no sign-ups shows nothing but "fewer than 5".
    let coffee = forumdesk(
        &db,
        ADMIN,
        ADMIN_PASSWORD,
        &["drives", "results", "Coffee morning", "--json"],
    );
    assert!(coffee.status.success(), "{}", text(&coffee.stderr));
    let c: serde_json::Value = serde_json::from_slice(&coffee.stdout).expect("JSON");
    assert_eq!(c["signups"]["suppressed"], true);
    assert!(!text(&coffee.stdout).contains("\"count\": 0"));

    // Unknown drive: a clear message and a failure exit.
    let missing = forumdesk(
        &db,
        ADMIN,
        ADMIN_PASSWORD,
        &["drives", "results", "Nowhere"],
    );
    assert!(!missing.status.success());
    assert!(
        text(&missing.stderr).contains("no drive with the id or name"),
        "{}",
        text(&missing.stderr)
    );

    // A kiosk account may not read drives.
    let admin = forum.admin().await;
    add_user(&admin, "stall", Role::Kiosk).await;
    admin.lock().await;
    let refused = forumdesk(&db, "stall", &password_for("stall"), &["drives", "list"]);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("does not allow"),
        "{}",
        text(&refused.stderr)
    );
}
