//! The `forumdesk` command line, run as a separate process the way admins and scripts use
//! it. Output shapes here are relied on by scripts: keep them.

use std::path::Path;
use std::process::{Command, Output};

const PASSWORD: &str = "violet kettle harbour 97";

fn forumdesk(db: &Path, args: &[&str], password: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_forumdesk"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FORUMDESK_USER")
        .env_remove("FORUMDESK_NEW_PASSWORD");
    match password {
        Some(p) => cmd.env("FORUMDESK_PASSWORD", p),
        None => cmd.env_remove("FORUMDESK_PASSWORD"),
    };
    cmd.output().expect("run forumdesk")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn init(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("f.db");
    let out = forumdesk(
        &db,
        &["init", "--forum", "Test Forum", "--admin", "chair"],
        Some(PASSWORD),
    );
    assert!(out.status.success(), "init failed: {}", text(&out.stderr));
    db
}

#[test]
fn init_prints_only_the_recovery_key_on_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("f.db");
    let out = forumdesk(
        &db,
        &["init", "--forum", "Test Forum", "--admin", "chair"],
        Some(PASSWORD),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let key = stdout.trim_end();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let groups: Vec<&str> = key.split('-').collect();
    assert_eq!(groups.len(), 8, "{key}");
    assert!(groups
        .iter()
        .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_alphanumeric())));
    assert!(text(&out.stderr).contains("shown only now"));

    let sqlite = Command::new("sqlite3")
        .arg(&db)
        .arg(".tables")
        .output()
        .expect("sqlite3 installed");
    assert!(!sqlite.status.success());
    assert!(text(&sqlite.stderr).contains("file is not a database"));

    let again = forumdesk(
        &db,
        &["init", "--forum", "Other", "--admin", "chair"],
        Some(PASSWORD),
    );
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("already been set up"),
        "{}",
        text(&again.stderr)
    );
}

#[test]
fn audit_verify_needs_the_right_password() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path());
    let ok = forumdesk(&db, &["--user", "chair", "audit", "verify"], Some(PASSWORD));
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    assert!(
        text(&ok.stdout).starts_with("Audit trail intact: "),
        "{}",
        text(&ok.stdout)
    );

    let wrong = forumdesk(
        &db,
        &["--user", "chair", "audit", "verify"],
        Some("not the right password"),
    );
    assert!(!wrong.status.success());
    assert_eq!(
        text(&wrong.stderr).trim(),
        "forumdesk: The user name or password is not right. Check them and try again."
    );
    assert!(text(&wrong.stdout).is_empty());

    let no_user = forumdesk(&db, &["audit", "verify"], Some(PASSWORD));
    assert!(!no_user.status.success());
    assert!(text(&no_user.stderr).contains("--user NAME"));

    let no_db = forumdesk(
        &dir.path().join("missing.db"),
        &["--user", "chair", "audit", "verify"],
        Some(PASSWORD),
    );
    assert!(!no_db.status.success());
    assert!(
        text(&no_db.stderr).contains("forumdesk init"),
        "{}",
        text(&no_db.stderr)
    );
}

#[test]
fn init_refuses_a_weak_password_with_a_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("f.db");
    let out = forumdesk(
        &db,
        &["init", "--forum", "Test Forum", "--admin", "chair"],
        Some("password1234"),
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("too easy to guess"),
        "{}",
        text(&out.stderr)
    );
    assert!(!db.exists(), "nothing is created when set-up is refused");
}

#[test]
fn users_are_added_listed_and_disabled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path());
    let mut add = Command::new(env!("CARGO_BIN_EXE_forumdesk"));
    add.arg("--db")
        .arg(&db)
        .args([
            "--user",
            "chair",
            "user",
            "add",
            "sam",
            "--role",
            "volunteer",
            "--display-name",
            "Sam Helper",
        ])
        .env("FORUMDESK_PASSWORD", PASSWORD)
        .env("FORUMDESK_NEW_PASSWORD", "quartz willow ember 23");
    let out = add.output().expect("run");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Added volunteer sam (Sam Helper)."));

    let list = forumdesk(&db, &["--user", "chair", "user", "list"], Some(PASSWORD));
    assert_eq!(
        text(&list.stdout),
        "USERNAME\tNAME\tROLE\tSTATUS\nchair\tchair\tadmin\tactive\nsam\tSam Helper\tvolunteer\tactive\n"
    );
    // A volunteer may not list or add users.
    let denied = forumdesk(
        &db,
        &["--user", "sam", "user", "list"],
        Some("quartz willow ember 23"),
    );
    assert!(!denied.status.success());
    assert!(text(&denied.stderr)
        .contains("Your role (Volunteer) does not allow you to see the list of users."));

    let disable = forumdesk(
        &db,
        &["--user", "chair", "user", "disable", "sam"],
        Some(PASSWORD),
    );
    assert_eq!(text(&disable.stdout), "Disabled sam.\n");
    let gone = forumdesk(
        &db,
        &["--user", "sam", "audit", "verify"],
        Some("quartz willow ember 23"),
    );
    assert!(!gone.status.success());
}

#[test]
fn backup_create_and_restore_round_trip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = init(dir.path());
    let file = dir.path().join("f.fdbackup");
    let out = forumdesk(
        &db,
        &[
            "--user",
            "chair",
            "backup",
            "create",
            "--out",
            file.to_str().expect("utf8"),
        ],
        Some(PASSWORD),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Backup written to "));

    let to = dir.path().join("restored.db");
    let out = forumdesk(
        &db,
        &[
            "--user",
            "chair",
            "backup",
            "restore",
            file.to_str().expect("utf8"),
            "--to",
            to.to_str().expect("utf8"),
        ],
        Some(PASSWORD),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let verify = forumdesk(&to, &["--user", "chair", "audit", "verify"], Some(PASSWORD));
    assert!(verify.status.success(), "{}", text(&verify.stderr));

    let bad = forumdesk(
        &db,
        &[
            "--user",
            "chair",
            "backup",
            "restore",
            db.to_str().expect("utf8"),
            "--to",
            to.to_str().expect("utf8"),
        ],
        Some(PASSWORD),
    );
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("is not a usable ForumDesk backup"),
        "{}",
        text(&bad.stderr)
    );
}
