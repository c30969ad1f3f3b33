//! `forumdesk members renew | leave | rejoin`: the lifecycle from the command line, with the
//! services' rules, plain messages on success and on refusal, and exit codes scripts can test.

use std::path::Path;
use std::process::{Command, Output};

use forumdesk::id::today_london;
use time::{Date, Duration};

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

fn as_chair(db: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--user", "chair", "members"];
    all.extend_from_slice(args);
    forumdesk(db, &all)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The command failed with exit code 1 and said why on stderr, and printed nothing else.
#[track_caller]
fn refused(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout), "");
    let err = text(&out.stderr);
    assert!(err.starts_with("forumdesk: "), "{err}");
    err
}

fn day_first(date: Date) -> String {
    format!(
        "{:02}/{:02}/{}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

/// A year after `date`, as the default 12-month renewal period counts it.
fn a_year_after(date: Date) -> Date {
    let year = date.year() + 1;
    let day = date.day().min(date.month().length(year));
    Date::from_calendar_date(year, date.month(), day).expect("a date")
}

#[test]
fn renew_leave_and_rejoin_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("f.db");
    assert!(
        forumdesk(&db, &["init", "--forum", "Test Forum", "--admin", "chair"])
            .status
            .success()
    );
    // Joined 13 months ago: their renewal is a month overdue.
    let joined = today_london() - Duration::days(395);
    let file = dir.path().join("members.csv");
    std::fs::write(
        &file,
        format!(
            "Name,Tel,Date joined\nAda Byron,07911 123456,{}\n",
            day_first(joined)
        ),
    )
    .expect("write");
    let import = as_chair(&db, &["import", file.to_str().expect("utf8")]);
    assert!(import.status.success(), "{}", text(&import.stderr));

    let found = as_chair(&db, &["search", "byron"]);
    assert!(found.status.success(), "{}", text(&found.stderr));
    let listing = text(&found.stdout);
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines[0], "NAME\tEMAIL\tPHONE\tPOSTCODE\tSTATUS\tID");
    let columns: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!(
        columns[..5],
        ["Ada Byron", "", "07911 123456", "", "renewal_due"]
    );
    let id = columns[5];
    assert_eq!(id.len(), 36, "{listing}");

    // Refusals change nothing and say why, naming the flag.
    let tomorrow = today_london() + Duration::DAY;
    let future = as_chair(&db, &["renew", id, "--on", &day_first(tomorrow)]);
    let err = refused(&future);
    assert!(
        err.contains("The date must be today or in the past"),
        "{err}"
    );
    let unreadable = as_chair(&db, &["renew", id, "--on", "next tuesday"]);
    refused(&unreadable);
    let nobody = as_chair(&db, &["renew", "no-such-member"]);
    assert_eq!(refused(&nobody), "forumdesk: That member does not exist.\n");
    let rejoin_active = as_chair(&db, &["rejoin", id]);
    assert_eq!(
        refused(&rejoin_active),
        "forumdesk: Only a lapsed or former member can rejoin.\n"
    );

    // Renewing late runs a full period from the day of renewing.
    let renewed = as_chair(&db, &["renew", id]);
    assert!(renewed.status.success(), "{}", text(&renewed.stderr));
    assert_eq!(
        text(&renewed.stdout),
        format!(
            "Renewed Ada Byron: next renewal due {}.\n",
            day_first(a_year_after(today_london()))
        )
    );
    // Leaving needs a reason; two problems are listed by flag.
    let no_reason = as_chair(
        &db,
        &["leave", id, "--reason", "  ", "--on", &day_first(tomorrow)],
    );
    let err = refused(&no_reason);
    assert!(
        err.contains("  --on: The date must be today or in the past"),
        "{err}"
    );
    assert!(
        err.contains("  --reason: Enter the reason they left"),
        "{err}"
    );

    // ISO dates are read as well as day-first ones.
    let today = today_london();
    let left = as_chair(
        &db,
        &[
            "leave",
            id,
            "--reason",
            "Moved to Leeds",
            "--on",
            &today.to_string(),
        ],
    );
    assert!(left.status.success(), "{}", text(&left.stderr));
    assert_eq!(
        text(&left.stdout),
        format!("Recorded that Ada Byron left on {}.\n", day_first(today))
    );
    let left_again = as_chair(&db, &["leave", id, "--reason", "Twice"]);
    assert!(refused(&left_again).contains("already left"));

    let rejoined = as_chair(&db, &["rejoin", id]);
    assert!(rejoined.status.success(), "{}", text(&rejoined.stderr));
    assert_eq!(
        text(&rejoined.stdout),
        format!(
            "Rejoined Ada Byron: next renewal due {}.\n",
            day_first(a_year_after(today_london()))
        )
    );
    let listing = text(&as_chair(&db, &["search", "byron"]).stdout);
    assert!(listing.contains("\tactive\t"), "{listing}");

    // A missing reason is a usage error from the argument parser, before anything is opened.
    let usage = as_chair(&db, &["leave", id]);
    assert!(!usage.status.success());
    assert!(text(&usage.stderr).contains("--reason"));

    let audit = forumdesk(&db, &["--user", "chair", "audit", "verify"]);
    assert!(audit.status.success(), "{}", text(&audit.stderr));
}
