//! `forumdesk pack export | import` and `forumdesk population import` as scripts use them:
//! a pack written from a drive laptop's forum imports into another forum once (the JSON
//! report's four counts), again as a no-op, and not at all with a wrong passphrase.

mod common;
#[path = "common/drives.rs"]
mod drives_common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;
use drives_common::*;
use forumdesk::drives::kiosk;
use forumdesk::drives::population;
use forumdesk::members::areas::{self, AreaInput};
use forumdesk::members::model::{MemberType, MembershipStatus};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::Role;

const PASSPHRASE: &str = "lantern orchard pebble 42";

fn forumdesk(db: &Path, args: &[&str], passphrase: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_forumdesk"));
    command
        .arg("--db")
        .arg(db)
        .args(["--user", ADMIN])
        .args(args)
        .env("FORUMDESK_PASSWORD", ADMIN_PASSWORD)
        .env_remove("FORUMDESK_PACK_PASSPHRASE");
    if let Some(p) = passphrase {
        command.env("FORUMDESK_PACK_PASSPHRASE", p);
    }
    command.output().expect("run forumdesk")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn a_pack_goes_from_one_forum_to_another_by_the_command_line() {
    // The drive laptop: a drive and two kiosk sign-ups.
    let (laptop, laptop_admin) = new_forum().await;
    let drive = new_drive(&laptop_admin, "Local offer day").await;
    add_user(&laptop_admin, "vol", Role::Volunteer).await;
    let kiosk_session = laptop
        .unlock("vol", &password_for("vol"))
        .await
        .expect("volunteer");
    kiosk::start(&kiosk_session, &drive.id)
        .await
        .expect("kiosk");
    submit(&kiosk_session, signup("Ada", "Lovelace", "ada@example.org")).await;
    submit(&kiosk_session, signup("Bea", "Brown", "bea@example.org")).await;
    kiosk_session.lock().await;
    laptop_admin.lock().await;

    // The main forum already has Ada.
    let (main, admin) = new_forum().await;
    members::create(
        &admin,
        MemberDetails {
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            email: "ada@example.org".into(),
            member_type: Some(MemberType::ParentCarer),
            ..Default::default()
        },
        MembershipStart {
            status: Some(MembershipStatus::Active),
            joined_on: None,
        },
    )
    .await
    .expect("Ada");
    admin.lock().await;

    let pack = laptop.dir.path().join("offer-day.fdpack");
    let pack_arg = pack.to_str().expect("path");
    let export = forumdesk(
        &laptop.db_path(),
        &[
            "pack",
            "export",
            "--drive",
            "Local offer day",
            "--out",
            pack_arg,
        ],
        Some(PASSPHRASE),
    );
    assert!(export.status.success(), "{}", text(&export.stderr));
    assert!(
        text(&export.stdout).contains("Wrote 2 sign-ups of \"Local offer day\""),
        "{}",
        text(&export.stdout)
    );
    let again = forumdesk(
        &laptop.db_path(),
        &["pack", "export", "--drive", &drive.id, "--out", pack_arg],
        Some(PASSPHRASE),
    );
    assert!(
        !again.status.success(),
        "an existing file is not overwritten"
    );
    assert!(text(&again.stderr).contains("already exists"));

    let wrong = forumdesk(
        &main.db_path(),
        &["pack", "import", pack_arg, "--json"],
        Some("lantern orchard pebble 43"),
    );
    assert!(!wrong.status.success());
    assert!(
        text(&wrong.stderr).contains("the passphrase is wrong"),
        "{}",
        text(&wrong.stderr)
    );
    assert!(wrong.stdout.is_empty());
    let no_passphrase = forumdesk(&main.db_path(), &["pack", "import", pack_arg], None);
    assert!(!no_passphrase.status.success());
    assert!(
        text(&no_passphrase.stderr).contains("FORUMDESK_PACK_PASSPHRASE"),
        "{}",
        text(&no_passphrase.stderr)
    );

    let first = forumdesk(
        &main.db_path(),
        &["pack", "import", pack_arg, "--json"],
        Some(PASSPHRASE),
    );
    assert!(first.status.success(), "{}", text(&first.stderr));
    let report: serde_json::Value = serde_json::from_slice(&first.stdout).expect("JSON");
    assert_eq!(
        report,
        serde_json::json!({"signups": 2, "created": 2, "already_imported": 0, "duplicates": 1})
    );
    let second = forumdesk(
        &main.db_path(),
        &["pack", "import", pack_arg, "--json"],
        Some(PASSPHRASE),
    );
    assert!(second.status.success(), "{}", text(&second.stderr));
    let report: serde_json::Value = serde_json::from_slice(&second.stdout).expect("JSON");
    assert_eq!(
        report,
        serde_json::json!({"signups": 2, "created": 0, "already_imported": 2, "duplicates": 0})
    );
    let words = forumdesk(
        &main.db_path(),
        &["pack", "import", pack_arg],
        Some(PASSPHRASE),
    );
    assert!(words.status.success());
    assert!(
        text(&words.stdout)
            .contains("2 sign-ups in the pack: 0 added to the review queue, 2 already imported"),
        "{}",
        text(&words.stdout)
    );
    let missing = forumdesk(
        &main.db_path(),
        &["pack", "import", "/no/such/file.fdpack"],
        Some(PASSPHRASE),
    );
    assert!(!missing.status.success());
    assert!(text(&missing.stderr).contains("file.fdpack could not be opened"));
}

#[tokio::test]
async fn population_figures_import_from_the_command_line_all_or_nothing() {
    let (forum, admin) = new_forum().await;
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
    admin.lock().await;
    let good = forum.dir.path().join("population.csv");
    std::fs::write(
        &good,
        "area,primary_need,age_band,children\nPreston,ASD,5-10,120\nPreston,SEMH,11-15,80\n",
    )
    .expect("write");
    let bad = forum.dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "area,primary_need,age_band,children\nPreston,ASD,5-10,7\nNarnia,ASD,5-10,3\n",
    )
    .expect("write");
    let db = forum.db_path();
    let out = forumdesk(
        &db,
        &[
            "population",
            "import",
            good.to_str().expect("path"),
            "--year",
            "2026",
            "--source",
            "DfE SEN2 2026",
            "--json",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["cells"], 2);
    assert_eq!(report["applied"], true);
    assert_eq!(report["totalChildren"], 200);

    let out = forumdesk(
        &db,
        &[
            "population",
            "import",
            bad.to_str().expect("path"),
            "--year",
            "2026",
        ],
        None,
    );
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    assert!(stderr.contains("row 3, column area"), "{stderr}");

    let admin = forum.admin().await;
    let figures = population::list(&admin).await.expect("list");
    assert_eq!((figures.total, figures.year), (200, Some(2026)));
    assert_eq!(figures.source, "DfE SEN2 2026");
}
