//! The evidence pack on a real encrypted database, its figures checked against a small data
//! set counted by hand; and `forumdesk report evidence` as scripts use it.

mod common;

use std::process::Command;

use common::*;
use forumdesk::activities::activity::{self, ActivityInput};
use forumdesk::activities::model::{ActivityKind, Level, Rung};
use forumdesk::grants::period::{self, GrantInput};
use forumdesk::grants::spend::{self, BudgetLineInput, SpendInput};
use forumdesk::members::membership::{self, LeavingInput};
use forumdesk::members::model::{MemberType, MembershipStatus};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::report::evidence::{self, Count};
use forumdesk::representation::meeting::{self, Attendance, MeetingInput};
use forumdesk::{ErrorKind, Role, Session};

async fn member(s: &Session, first: &str, joined: &str, source: &str) -> String {
    let details = MemberDetails {
        first_name: first.into(),
        last_name: "Parent".into(),
        member_type: Some(MemberType::ParentCarer),
        recruitment_source: source.into(),
        ..Default::default()
    };
    let start = MembershipStart {
        status: Some(MembershipStatus::Active),
        joined_on: Some(joined.into()),
    };
    members::create(s, details, start).await.expect("member").id
}

async fn leave(s: &Session, id: &str, on: &str) {
    membership::leave(
        s,
        id,
        LeavingInput {
            on_date: on.into(),
            reason: "Moved away".into(),
        },
    )
    .await
    .expect("leave");
}

fn count(label: &str, count: u32) -> Count {
    Count {
        label: label.into(),
        count,
    }
}

/// The period is April to June 2026.
///
/// | member | joined     | left       | at start | new | lost | at end |
/// |--------|------------|------------|----------|-----|------|--------|
/// | Ann    | 2026-03-01 |            | yes      |     |      | yes    |
/// | Eve    | 2026-03-15 | 2026-05-05 | yes      |     | yes  |        |
/// | Bea    | 2026-04-10 |            |          | yes |      | yes    |
/// | Cal    | 2026-05-10 |            |          | yes |      | yes    |
/// | Dot    | 2026-06-01 | 2026-06-20 |          | yes | yes  |        |
/// | Fin    | 2026-07-02 |            |          |     |      |        |
async fn seed(admin: &Session) {
    member(admin, "Ann", "2026-03-01", "").await;
    let eve = member(admin, "Eve", "2026-03-15", "").await;
    member(admin, "Bea", "2026-04-10", "").await;
    member(admin, "Cal", "2026-05-10", "Coffee morning").await;
    let dot = member(admin, "Dot", "2026-06-01", "").await;
    member(admin, "Fin", "2026-07-02", "Coffee morning").await;
    leave(admin, &eve, "2026-05-05").await;
    leave(admin, &dot, "2026-06-20").await;

    for (title, kind, on, engaged, hours, outcome) in [
        (
            "Partnership Board",
            ActivityKind::BoardMeeting,
            "2026-04-13",
            "0",
            "2",
            false,
        ),
        (
            "Transport survey",
            ActivityKind::Survey,
            "2026-05-20",
            "140",
            "6.5",
            true,
        ),
        (
            "July coffee morning",
            ActivityKind::CoffeeMorning,
            "2026-07-08",
            "12",
            "3",
            false,
        ),
    ] {
        activity::create(
            admin,
            ActivityInput {
                title: title.into(),
                kind: Some(kind),
                starts_on: on.into(),
                level: Some(Level::Strategic),
                rung: (kind == ActivityKind::Survey).then_some(Rung::Consultation),
                parent_carers_engaged: engaged.into(),
                volunteer_hours: hours.into(),
                you_said: if outcome {
                    "<b>Buses are late</b>".into()
                } else {
                    String::new()
                },
                we_did: if outcome {
                    "Met the transport team".into()
                } else {
                    String::new()
                },
                ..Default::default()
            },
        )
        .await
        .expect("activity");
    }
    meeting::record(
        admin,
        MeetingInput {
            body_id: "send_partnership_board".into(),
            held_on: "2026-04-13".into(),
            attendance: Some(Attendance::Attended),
            papers_received_on: "2026-04-01".into(),
            notes: String::new(),
        },
    )
    .await
    .expect("meeting");
    let grant = period::create(
        admin,
        GrantInput {
            year: "2026".into(),
            amount: "17500".into(),
            ..Default::default()
        },
    )
    .await
    .expect("grant");
    let grant = spend::add_line(
        admin,
        &grant.id,
        BudgetLineInput {
            name: "Events".into(),
            planned: "2000".into(),
        },
    )
    .await
    .expect("line");
    for (on, amount) in [("2026-05-01", "120"), ("2026-08-01", "500")] {
        spend::record(
            admin,
            SpendInput {
                budget_line_id: grant.budget[0].id.clone(),
                spent_on: on.into(),
                amount: amount.into(),
                description: "Room hire".into(),
            },
        )
        .await
        .expect("spend");
    }
}

#[tokio::test]
async fn the_pack_matches_the_hand_counted_figures() {
    let (forum, admin) = new_forum().await;
    seed(&admin).await;
    let pack = evidence::evidence_pack(&admin, "01/04/2026", "30/06/2026")
        .await
        .expect("pack");
    let m = &pack.membership;
    assert_eq!(
        (m.total_at_start, m.new, m.lost, m.total_at_end),
        (2, 3, 2, 3)
    );
    let months: Vec<(&str, u32, u32, u32)> = m
        .by_month
        .iter()
        .map(|r| (r.month.as_str(), r.joined, r.lost, r.total_at_end))
        .collect();
    assert_eq!(
        months,
        vec![
            ("2026-04", 1, 0, 3),
            ("2026-05", 1, 1, 3),
            ("2026-06", 1, 1, 3)
        ]
    );
    assert_eq!(
        m.new_by_source,
        vec![count("not recorded", 2), count("Coffee morning", 1)]
    );
    assert_eq!(m.by_area, vec![count("No area", 3)]);

    let p = &pack.participation;
    assert_eq!(
        (p.activities, p.parent_carers_engaged, p.volunteer_hours),
        (2, 140, 9)
    );
    assert_eq!(
        p.by_kind,
        vec![count("board_meeting", 1), count("survey", 1)]
    );
    assert_eq!(
        p.by_rung,
        vec![count("consultation", 1), count("not recorded", 1)]
    );
    assert_eq!(pack.impact_stories.len(), 1);
    assert_eq!(
        pack.impact_stories[0].you_said.as_deref(),
        Some("<b>Buses are late</b>")
    );
    assert_eq!(pack.representation[0].attendance_percent, Some(100));
    assert_eq!(
        pack.indicators.len(),
        13,
        "one quarter of the 13 indicators"
    );
    assert_eq!(pack.spend.len(), 1);
    assert_eq!(pack.spend[0].budget_line, "2026–27: Events");
    assert_eq!(
        (pack.spend[0].planned_pence, pack.spend[0].spent_pence),
        (200_000, 12_000)
    );

    let err = evidence::evidence_pack(&admin, "30/06/2026", "01/04/2026")
        .await
        .expect_err("backwards");
    assert!(err.fields.contains_key("to"), "{err:?}");
    let err = evidence::evidence_pack(&admin, "", "next week")
        .await
        .expect_err("bad dates");
    assert!(
        err.fields.contains_key("from") && err.fields.contains_key("to"),
        "{err:?}"
    );
    // A volunteer can produce the pack; a kiosk account cannot.
    add_user(&admin, "vol", Role::Volunteer).await;
    add_user(&admin, "kiosk", Role::Kiosk).await;
    let volunteer = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("vol");
    let by_volunteer = evidence::evidence_pack(&volunteer, "2026-04-01", "2026-06-30")
        .await
        .expect("volunteer");
    assert_eq!(by_volunteer.membership.total_at_end, 3);
    let kiosk = forum
        .unlock("kiosk", &password_for("kiosk"))
        .await
        .expect("kiosk");
    let err = evidence::evidence_pack(&kiosk, "2026-04-01", "2026-06-30")
        .await
        .expect_err("kiosk");
    assert_eq!(err.kind, ErrorKind::Forbidden);
}

#[tokio::test]
async fn report_evidence_from_the_command_line() {
    let (forum, admin) = new_forum().await;
    seed(&admin).await;
    admin.lock().await;
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_forumdesk"))
            .arg("--db")
            .arg(forum.db_path())
            .args(["--user", ADMIN])
            .args(args)
            .env("FORUMDESK_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run forumdesk")
    };
    let json = run(&[
        "report",
        "evidence",
        "--from",
        "2026-04-01",
        "--to",
        "2026-06-30",
    ]);
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let pack: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let keys: Vec<&str> = pack
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    // The keys the README documents (serde_json's map lists them in sorted order).
    assert_eq!(
        keys,
        vec![
            "from",
            "impactStories",
            "indicators",
            "membership",
            "participation",
            "reach",
            "representation",
            "spend",
            "to"
        ]
    );
    assert_eq!(pack["membership"]["totalAtEnd"], 3);
    assert_eq!(pack["participation"]["volunteerHours"], 9);

    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("pack.html");
    let html = run(&[
        "report",
        "evidence",
        "--from",
        "01/04/2026",
        "--to",
        "30/06/2026",
        "--format",
        "html",
        "--out",
        out.to_str().expect("utf8"),
    ]);
    assert!(
        html.status.success(),
        "{}",
        String::from_utf8_lossy(&html.stderr)
    );
    let page = std::fs::read_to_string(&out).expect("page");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        page.contains("&lt;b&gt;Buses are late&lt;/b&gt;"),
        "record text is escaped"
    );
    assert!(!page.contains("<b>Buses"));
    assert!(page.contains("@media print"));

    let bad = run(&[
        "report",
        "evidence",
        "--from",
        "2026-06-30",
        "--to",
        "2026-04-01",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("on or after the start"));
}
