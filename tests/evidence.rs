//! The evidence pack on a real encrypted database, its figures checked against a small data
//! set counted by hand; and `forumdesk report evidence` as scripts use it.

mod common;
#[path = "common/evidence.rs"]
mod evidence_common;

use std::collections::BTreeMap;
use std::process::Command;

use common::*;
use evidence_common::seed;
use forumdesk::members::children::{self, ChildInput};
use forumdesk::members::consent::{self, ConsentInput};
use forumdesk::members::model::{AgeBand, ConsentMethod, Need, Provision};
use forumdesk::report::evidence::{self, Count};
use forumdesk::{ErrorKind, Role};

fn count(label: &str, count: u32) -> Count {
    Count {
        label: label.into(),
        count,
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

/// Every number in the pack's JSON, by path ("membership.byMonth[1].lost").
fn numbers(value: &serde_json::Value, path: &str, out: &mut BTreeMap<String, i64>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                let path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                numbers(v, &path, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                numbers(v, &format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Number(n) => {
            out.insert(path.to_owned(), n.as_i64().expect("whole numbers only"));
        }
        _ => {}
    }
}

/// The seed above, plus children for Bea (autism, 5–10) and Fin (autism, born 2015) and for
/// Eve (speech, 11–15; she left in May): only members at the end of June count, and Fin
/// joined in July, so Bea's child alone is counted. Every number in the JSON is listed here,
/// worked out by hand from the seed's table, and the test fails if the pack gains a number
/// this list does not check.
#[tokio::test]
async fn every_number_in_the_pack_is_accounted_for() {
    let (_forum, admin) = new_forum().await;
    let ids = seed(&admin).await;
    for (first, need, year, band) in [
        ("Bea", Need::Asd, None, Some(AgeBand::Age5To10)),
        ("Fin", Need::Asd, Some(2015), None),
        ("Eve", Need::Slcn, None, Some(AgeBand::Age11To15)),
    ] {
        let id = &ids[first];
        consent::record(
            &admin,
            id,
            ConsentInput {
                purpose_id: "special_category".into(),
                given: true,
                method: ConsentMethod::Paper,
                confirm_deletion: false,
            },
        )
        .await
        .expect("consent");
        let child = ChildInput {
            year_of_birth: year,
            age_band: band,
            primary_need: Some(need),
            secondary_needs: vec![],
            provision: Some(Provision::SenSupport),
            school_phase: None,
            setting_type: None,
            local_authority: String::new(),
        };
        children::save(&admin, id, None, child)
            .await
            .expect("child");
    }
    let pack = evidence::evidence_pack(&admin, "01/04/2026", "30/06/2026")
        .await
        .expect("pack");
    let mut found = BTreeMap::new();
    numbers(&serde_json::to_value(&pack).expect("json"), "", &mut found);

    let mut expected: BTreeMap<String, i64> = [
        // Ann and Eve before April; Bea, Cal, Dot joined; Eve and Dot left; Ann, Bea, Cal stay.
        ("membership.totalAtStart", 2),
        ("membership.new", 3),
        ("membership.lost", 2),
        ("membership.totalAtEnd", 3),
        // April: Bea joins (3). May: Cal joins, Eve leaves (3). June: Dot joins and leaves (3).
        ("membership.byMonth[0].joined", 1),
        ("membership.byMonth[0].lost", 0),
        ("membership.byMonth[0].totalAtEnd", 3),
        ("membership.byMonth[1].joined", 1),
        ("membership.byMonth[1].lost", 1),
        ("membership.byMonth[1].totalAtEnd", 3),
        ("membership.byMonth[2].joined", 1),
        ("membership.byMonth[2].lost", 1),
        ("membership.byMonth[2].totalAtEnd", 3),
        // Joined in the period: Bea and Dot with no source, Cal from the coffee morning.
        ("membership.newBySource[0].count", 2),
        ("membership.newBySource[1].count", 1),
        // Nobody has an area.
        ("membership.byArea[0].count", 3),
        // Of Ann, Bea and Cal, only Bea has a child recorded: autism, 5–10.
        ("membership.byPrimaryNeed[0].count", 1),
        ("membership.byAgeBand[0].count", 1),
        // Reach is counted on the day the pack is made: today Ann, Bea, Cal and Fin are
        // members; there are no affiliated groups.
        ("reach.byArea[0].directMembers", 4),
        ("reach.byArea[0].affiliatedGroups", 0),
        ("reach.byArea[0].familiesViaGroups", 0),
        ("reach.byArea[0].alsoMembers", 0),
        ("reach.byArea[0].combined", 4),
        ("reach.total.directMembers", 4),
        ("reach.total.affiliatedGroups", 0),
        ("reach.total.familiesViaGroups", 0),
        ("reach.total.alsoMembers", 0),
        ("reach.total.combined", 4),
        ("reach.groupsWithoutEstimate", 0),
        // The board meeting (13 April) and the survey (20 May); the coffee morning is in July.
        ("participation.activities", 2),
        ("participation.byKind[0].count", 1),
        ("participation.byKind[1].count", 1),
        ("participation.byLevel[0].count", 2),
        ("participation.byRung[0].count", 1),
        ("participation.byRung[1].count", 1),
        ("participation.parentCarersEngaged", 140),
        // 2 + 6.5 hours, rounded to whole hours.
        ("participation.volunteerHours", 9),
        // One board meeting, attended, papers 12 days (8 working days) ahead.
        ("representation[0].meetings", 1),
        ("representation[0].attended", 1),
        ("representation[0].apologies", 0),
        ("representation[0].notRepresented", 0),
        ("representation[0].attendancePercent", 100),
        ("representation[0].papersOnTime", 1),
        // Spend in the period: £120 of the £2,000 planned (the £500 is in August).
        ("spend[0].plannedPence", 200_000),
        ("spend[0].spentPence", 12_000),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    // The other seeded bodies met no times in the period (no percentage when none).
    for body in 1..pack.representation.len() {
        for figure in [
            "meetings",
            "attended",
            "apologies",
            "notRepresented",
            "papersOnTime",
        ] {
            expected.insert(format!("representation[{body}].{figure}"), 0);
        }
    }
    assert_eq!(found, expected);

    // The labels beside those numbers.
    let m = &pack.membership;
    assert_eq!(m.by_primary_need, vec![count("ASD", 1)]);
    assert_eq!(m.by_age_band, vec![count("5-10", 1)]);
    assert_eq!(pack.reach.on, forumdesk::id::today_london().to_string());
    assert_eq!(pack.representation[0].body_id, "send_partnership_board");
    // No indicator has been reviewed: each shows its computed figure and no judgement.
    assert!(pack.indicators.iter().all(|i| i.status.is_none()));
    let board = pack
        .indicators
        .iter()
        .find(|i| i.indicator_id == "board_representation")
        .expect("board indicator");
    assert_eq!(
        board.computed.as_deref(),
        Some("Attended 1 of 1 meetings (100%); papers on time for 1")
    );
}
