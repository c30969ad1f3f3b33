//! `forumdesk members import | search | export` as scripts use them. The `--json` shape of
//! `import` is relied on: keep it exactly.

use std::path::Path;
use std::process::{Command, Output};

const PASSWORD: &str = "violet kettle harbour 97";

fn forumdesk(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_forumdesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("FORUMDESK_PASSWORD", PASSWORD)
        .env_remove("FORUMDESK_USER")
        .output()
        .expect("run forumdesk")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn import_search_and_export_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("f.db");
    assert!(
        forumdesk(&db, &["init", "--forum", "Test Forum", "--admin", "chair"])
            .status
            .success()
    );
    let file = dir.path().join("members.csv");
    std::fs::write(
        &file,
        "Name,Email,Tel,Postcode,OK to email\n\"Nowak, Zoë\",zoe@example.org,07911 123456,PR1 2HE,Y\n\
         Sam Shah,broken@,,,\nKim Lee,kim@example.org,,,N\n",
    )
    .expect("write");
    let file = file.to_str().expect("utf8");

    let dry = forumdesk(
        &db,
        &[
            "--user",
            "chair",
            "members",
            "import",
            file,
            "--dry-run",
            "--json",
        ],
    );
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    let report: serde_json::Value = serde_json::from_slice(&dry.stdout).expect("one JSON object");
    let keys: Vec<&str> = report
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "created",
            "duplicates",
            "problems",
            "rejected",
            "rows",
            "updated"
        ]
    );
    assert_eq!(report["rows"], 3);
    assert_eq!(report["created"], 2);
    assert_eq!(report["rejected"], 1);
    assert_eq!(
        report["problems"][0],
        serde_json::json!({"row": 3, "column": "Email", "message": report["problems"][0]["message"]})
    );
    assert!(
        report["problems"][0]["message"]
            .as_str()
            .expect("message")
            .len()
            > 5
    );

    let strict = forumdesk(
        &db,
        &[
            "--user",
            "chair",
            "members",
            "import",
            file,
            "--all-or-nothing",
            "--json",
        ],
    );
    assert!(
        !strict.status.success(),
        "all-or-nothing with a bad row fails"
    );
    let report: serde_json::Value = serde_json::from_slice(&strict.stdout).expect("json");
    assert_eq!(report["created"], 0);

    let real = forumdesk(&db, &["--user", "chair", "members", "import", file]);
    assert!(real.status.success(), "{}", text(&real.stderr));
    assert!(
        text(&real.stdout).contains("row 3, column Email: "),
        "{}",
        text(&real.stdout)
    );
    assert!(
        text(&real.stdout)
            .ends_with("Imported 2 new and updated 0 of 3 rows; 0 duplicates, 1 rejected.\n"),
        "{}",
        text(&real.stdout)
    );

    let found = forumdesk(
        &db,
        &["--user", "chair", "members", "search", "zoe", "--json"],
    );
    let members: serde_json::Value = serde_json::from_slice(&found.stdout).expect("json");
    assert_eq!(members.as_array().expect("array").len(), 1);
    assert_eq!(members[0]["firstName"], "Zoë");
    assert_eq!(members[0]["lastName"], "Nowak");

    let out = dir.path().join("news.csv");
    let export = forumdesk(
        &db,
        &[
            "--user",
            "chair",
            "members",
            "export",
            "--purpose",
            "email_news",
            "--out",
            out.to_str().expect("utf8"),
        ],
    );
    assert!(export.status.success(), "{}", text(&export.stderr));
    assert_eq!(
        text(&export.stdout),
        format!("Wrote 1 person to {}.\n", out.display())
    );
    let csv = std::fs::read_to_string(&out).expect("read");
    assert!(csv.contains("zoe@example.org") && !csv.contains("kim@example.org"));
}
