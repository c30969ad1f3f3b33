//! `forumdesk gdpr ropa --out FILE`: the record of processing or the privacy notice, in the
//! format the file's extension names.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

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

#[tokio::test]
async fn ropa_writes_markdown_or_html() {
    let (forum, admin) = new_forum().await;
    admin.lock().await;
    let db = forum.db_path();
    let dir = forum.dir.path();

    let md = dir.join("ropa.md");
    let out = forumdesk(&db, &["gdpr", "ropa", "--out", md.to_str().expect("path")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&md).expect("md");
    assert!(written.starts_with(&format!("# Record of processing activities — {FORUM}")));
    assert!(written.contains("Explicit consent — UK GDPR Article 9(2)(a)"));
    assert!(written.contains("locks itself after 15 minutes"));

    let html = dir.join("notice.html");
    let out = forumdesk(
        &db,
        &[
            "gdpr",
            "ropa",
            "--notice",
            "--out",
            html.to_str().expect("path"),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&html).expect("html");
    assert!(written.starts_with("<!DOCTYPE html>"));
    assert!(written.contains(&format!("How {FORUM} uses your information")));

    let forced = dir.join("record.txt");
    let out = forumdesk(
        &db,
        &[
            "gdpr",
            "ropa",
            "--format",
            "html",
            "--out",
            forced.to_str().expect("path"),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read_to_string(&forced)
        .expect("txt")
        .contains("<h1>Record of processing activities"));

    let out = forumdesk(
        &db,
        &["gdpr", "ropa", "--out", forced.to_str().expect("path")],
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("Name the file .md or .html"));
}
