//! The small data set of the evidence pack tests, counted by hand (tests/evidence.rs has the
//! table and the expected figures; tests/evidence_docx.rs renders it). Included with
//! `#[path = "common/evidence.rs"] mod evidence_common;`.
#![allow(dead_code)]

use std::collections::BTreeMap;

use forumdesk::activities::activity::{self, ActivityInput};
use forumdesk::activities::model::{ActivityKind, Level, Rung};
use forumdesk::grants::period::{self, GrantInput};
use forumdesk::grants::spend::{self, BudgetLineInput, SpendInput};
use forumdesk::members::membership::{self, LeavingInput};
use forumdesk::members::model::{MemberType, MembershipStatus};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::representation::meeting::{self, Attendance, MeetingInput};
use forumdesk::Session;

pub async fn member(s: &Session, first: &str, joined: &str, source: &str) -> String {
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

pub async fn leave(s: &Session, id: &str, on: &str) {
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
/// Returns each member's id by first name.
pub async fn seed(admin: &Session) -> BTreeMap<&'static str, String> {
    let mut ids = BTreeMap::new();
    for (first, joined, source) in [
        ("Ann", "2026-03-01", ""),
        ("Eve", "2026-03-15", ""),
        ("Bea", "2026-04-10", ""),
        ("Cal", "2026-05-10", "Coffee morning"),
        ("Dot", "2026-06-01", ""),
        ("Fin", "2026-07-02", "Coffee morning"),
    ] {
        ids.insert(first, member(admin, first, joined, source).await);
    }
    leave(admin, &ids["Eve"], "2026-05-05").await;
    leave(admin, &ids["Dot"], "2026-06-20").await;

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
    ids
}
