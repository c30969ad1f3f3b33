//! Representation on real encrypted databases: the seeded bodies, seats and their holders,
//! meetings with attendance and papers, and attendance rates checked against hand-counted
//! figures.

mod common;

use common::*;
use forumdesk::activities::activity::{self, ActivityFilter, QuickMeetingInput};
use forumdesk::activities::model::{ActivityKind, Level};
use forumdesk::audit;
use forumdesk::members::model::{MemberType, MembershipStatus};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::representation::body::{self, BodyInput};
use forumdesk::representation::meeting::{self, Attendance, MeetingInput};
use forumdesk::representation::seat::{self, SeatInput};
use forumdesk::{ErrorKind, Role, Session};
use time::macros::date;

async fn rep(s: &Session) -> String {
    let details = MemberDetails {
        first_name: "Ada".into(),
        last_name: "Rep".into(),
        member_type: Some(MemberType::ParentCarer),
        ..Default::default()
    };
    let start = MembershipStart {
        status: Some(MembershipStatus::Active),
        joined_on: None,
    };
    members::create(s, details, start).await.expect("member").id
}

fn met(body: &str, held: &str, attendance: Attendance, papers: &str) -> MeetingInput {
    MeetingInput {
        body_id: body.into(),
        held_on: held.into(),
        attendance: Some(attendance),
        papers_received_on: papers.into(),
        notes: String::new(),
    }
}

#[tokio::test]
async fn the_protocols_bodies_are_seeded_and_editable() {
    let (_forum, admin) = new_forum().await;
    let names: Vec<String> = body::list(&admin)
        .await
        .expect("list")
        .into_iter()
        .map(|b| b.name)
        .collect();
    assert_eq!(
        names,
        vec![
            "SEND Partnership Board",
            "SEND Executive Group",
            "SEND Operational Group",
            "Communication Priority Group"
        ]
    );
    let added = body::save(
        &admin,
        None,
        BodyInput {
            name: "Preparing for Adulthood Priority Group".into(),
            forum_chairs: false,
        },
    )
    .await
    .expect("add");
    let err = body::save(
        &admin,
        None,
        BodyInput {
            name: "send partnership board".into(),
            forum_chairs: false,
        },
    )
    .await
    .expect_err("duplicate");
    assert!(err.fields["name"].contains("already a body"), "{err:?}");
    let err = body::save(&admin, None, BodyInput::default())
        .await
        .expect_err("blank");
    assert!(err.fields.contains_key("name"), "{err:?}");
    body::save(
        &admin,
        Some(&added.id),
        BodyInput {
            name: "PfA Priority Group".into(),
            forum_chairs: true,
        },
    )
    .await
    .expect("rename");
    body::archive(&admin, &added.id).await.expect("archive");
    let err = meeting::record(
        &admin,
        met(&added.id, "2026-03-02", Attendance::Attended, ""),
    )
    .await
    .expect_err("archived");
    assert_eq!(err.kind, ErrorKind::Conflict);
}

#[tokio::test]
async fn seats_have_holders_from_and_until_dates() {
    let (_forum, admin) = new_forum().await;
    let ada = rep(&admin).await;
    let seat = seat::add(
        &admin,
        SeatInput {
            body_id: "send_partnership_board".into(),
            person_id: ada.clone(),
            role: "Parent carer representative".into(),
            from_on: "01/04/2025".into(),
            until_on: String::new(),
        },
    )
    .await
    .expect("seat");
    assert_eq!(seat.holder, "Ada Rep");
    assert_eq!(seat.body_name, "SEND Partnership Board");
    let err = seat::add(
        &admin,
        SeatInput {
            body_id: "no-such-body".into(),
            person_id: ada.clone(),
            role: "Rep".into(),
            ..Default::default()
        },
    )
    .await
    .expect_err("unknown body");
    assert!(err.fields.contains_key("bodyId"), "{err:?}");
    let err = seat::add(
        &admin,
        SeatInput {
            body_id: "send_executive_group".into(),
            person_id: ada.clone(),
            role: "Rep".into(),
            from_on: "2026-03-10".into(),
            until_on: "2026-03-01".into(),
        },
    )
    .await
    .expect_err("ends before it starts");
    assert!(err.fields.contains_key("untilOn"), "{err:?}");
    seat::end(&admin, &seat.id, "").await.expect("end");
    assert_eq!(
        seat::end(&admin, &seat.id, "")
            .await
            .expect_err("twice")
            .kind,
        ErrorKind::Conflict
    );
    let seats = seat::list(&admin).await.expect("list");
    assert!(seats[0].until_on.is_some());
}

/// Body, meetings, attended, apologies, not represented, attendance %, papers on time.
type Figures<'a> = (&'a str, u32, u32, u32, u32, Option<u32>, u32);

/// Board: 4 meetings, attended 3 (75 %), papers on time for 2 of them.
/// Executive: 1 meeting, apologies (0 %). Operational and Communication: none (no rate).
#[tokio::test]
async fn attendance_rates_and_papers_match_the_hand_counts() {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "vol", Role::Volunteer).await;
    let volunteer = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("vol");
    let board = "send_partnership_board";
    // Papers the Monday before a Monday meeting: 5 working days, on time.
    meeting::record(
        &volunteer,
        met(board, "2026-03-09", Attendance::Attended, "2026-03-02"),
    )
    .await
    .expect("m1");
    // Papers the Tuesday before: 4 working days, late.
    meeting::record(
        &volunteer,
        met(board, "2026-04-13", Attendance::Attended, "2026-04-07"),
    )
    .await
    .expect("m2");
    // Papers two weeks ahead, but nobody went.
    meeting::record(
        &volunteer,
        met(
            board,
            "2026-05-11",
            Attendance::NotRepresented,
            "2026-04-27",
        ),
    )
    .await
    .expect("m3");
    // No papers at all.
    let last = meeting::record(
        &volunteer,
        met(board, "2026-06-08", Attendance::Attended, ""),
    )
    .await
    .expect("m4");
    assert!(!last.papers_on_time);
    meeting::record(
        &volunteer,
        met(
            "send_executive_group",
            "2026-03-18",
            Attendance::Apologies,
            "",
        ),
    )
    .await
    .expect("exec");
    // Outside the period.
    meeting::record(
        &volunteer,
        met(board, "2026-07-13", Attendance::Attended, "2026-07-01"),
    )
    .await
    .expect("later");

    let rows = meeting::attendance(&admin, date!(2026 - 03 - 01), date!(2026 - 06 - 30))
        .await
        .expect("attendance");
    let figures: Vec<Figures<'_>> = rows
        .iter()
        .map(|r| {
            (
                r.body_name.as_str(),
                r.meetings,
                r.attended,
                r.apologies,
                r.not_represented,
                r.attendance_percent,
                r.papers_on_time,
            )
        })
        .collect();
    assert_eq!(
        figures,
        vec![
            ("SEND Partnership Board", 4, 3, 0, 1, Some(75), 2),
            ("SEND Executive Group", 1, 0, 1, 0, Some(0), 0),
            ("SEND Operational Group", 0, 0, 0, 0, None, 0),
            ("Communication Priority Group", 0, 0, 0, 0, None, 0),
        ]
    );
    // Volunteers record meetings but cannot change the bodies or seats.
    let err = body::save(
        &volunteer,
        None,
        BodyInput {
            name: "New".into(),
            forum_chairs: false,
        },
    )
    .await
    .expect_err("vol");
    assert_eq!(err.kind, ErrorKind::Forbidden);
}

#[tokio::test]
async fn meeting_input_is_checked() {
    let (_forum, admin) = new_forum().await;
    let err = meeting::record(
        &admin,
        MeetingInput {
            body_id: "send_partnership_board".into(),
            ..Default::default()
        },
    )
    .await
    .expect_err("empty");
    for field in ["heldOn", "attendance"] {
        assert!(err.fields.contains_key(field), "{field}: {err:?}");
    }
    let err = meeting::record(
        &admin,
        met(
            "send_partnership_board",
            "2026-03-09",
            Attendance::Attended,
            "2026-03-10",
        ),
    )
    .await
    .expect_err("papers after the meeting");
    assert!(
        err.fields["papersReceivedOn"].contains("after the meeting"),
        "{err:?}"
    );
    let mut hostile = met(
        "send_partnership_board",
        "2026-03-09",
        Attendance::Attended,
        "",
    );
    hostile.notes = "<script>alert(1)</script> =SUM(A1)".into();
    let kept = meeting::record(&admin, hostile)
        .await
        .expect("kept as text");
    assert_eq!(
        kept.notes.as_deref(),
        Some("<script>alert(1)</script> =SUM(A1)")
    );
    let mut long = met(
        "send_partnership_board",
        "2026-03-09",
        Attendance::Attended,
        "",
    );
    long.notes = "n".repeat(2001);
    let err = meeting::record(&admin, long).await.expect_err("long");
    assert!(err.fields.contains_key("notes"), "{err:?}");
}

async fn audit_entries(s: &Session) -> i64 {
    let report = audit::verify(s).await.expect("verify");
    assert!(report.intact, "{report:?}");
    report.entries
}

fn quick(body: &str, held: &str, papers: &str, people: Vec<String>) -> QuickMeetingInput {
    QuickMeetingInput {
        body_id: body.into(),
        held_on: held.into(),
        attendance: Some(Attendance::Attended),
        papers_received_on: papers.into(),
        person_ids: people,
        notes: String::new(),
    }
}

#[tokio::test]
async fn a_meeting_attended_records_the_activity_and_the_body_meeting_together() {
    let (_forum, admin) = new_forum().await;
    let person = rep(&admin).await;
    let audited = audit_entries(&admin).await;
    let added = activity::record_meeting_attended(
        &admin,
        quick(
            "send_partnership_board",
            "09/03/2026",
            "2026-03-02",
            vec![person.clone()],
        ),
    )
    .await
    .expect("quick add");
    assert_eq!(added.title, "SEND Partnership Board");
    assert_eq!(added.kind, ActivityKind::BoardMeeting);
    assert_eq!(added.level, Some(Level::Strategic));
    assert_eq!(added.starts_on, "2026-03-09");
    assert_eq!(
        added
            .people
            .iter()
            .map(|p| p.id.clone())
            .collect::<Vec<_>>(),
        vec![person]
    );
    let meetings = meeting::list(&admin, date!(2026 - 03 - 01), date!(2026 - 03 - 31))
        .await
        .expect("meetings");
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0].body_id, "send_partnership_board");
    assert!(meetings[0].papers_on_time);
    // One entry for the activity, one for the meeting.
    assert_eq!(audit_entries(&admin).await, audited + 2);
}

#[tokio::test]
async fn a_failed_meeting_part_leaves_no_activity() {
    let (_forum, admin) = new_forum().await;
    // The activity part is valid; only the meeting's papers date is wrong, and it is
    // checked after the activity is written.
    let err = activity::record_meeting_attended(
        &admin,
        quick("send_partnership_board", "2026-03-09", "2026-03-10", vec![]),
    )
    .await
    .expect_err("papers after the meeting");
    assert!(err.fields.contains_key("papersReceivedOn"), "{err:?}");
    let added = body::save(
        &admin,
        None,
        BodyInput {
            name: "Old Forum Group".into(),
            ..Default::default()
        },
    )
    .await
    .expect("body");
    body::archive(&admin, &added.id).await.expect("archive");
    let audited = audit_entries(&admin).await;
    let err = activity::record_meeting_attended(&admin, quick(&added.id, "2026-03-09", "", vec![]))
        .await
        .expect_err("archived body");
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert!(
        activity::list(&admin, &ActivityFilter::default())
            .await
            .expect("list")
            .is_empty(),
        "a retry would duplicate a half-recorded activity"
    );
    assert!(
        meeting::list(&admin, date!(2026 - 01 - 01), date!(2026 - 12 - 31))
            .await
            .expect("meetings")
            .is_empty()
    );
    assert_eq!(audit_entries(&admin).await, audited);
}

#[tokio::test]
async fn a_meeting_attended_needs_a_body_and_the_editing_role() {
    let (forum, admin) = new_forum().await;
    let err = activity::record_meeting_attended(&admin, quick("", "2026-03-09", "", vec![]))
        .await
        .expect_err("no body");
    assert!(err.fields.contains_key("bodyId"), "{err:?}");
    let err =
        activity::record_meeting_attended(&admin, quick("send_partnership_board", "", "", vec![]))
            .await
            .expect_err("no date");
    assert!(err.fields.contains_key("startsOn"), "{err:?}");
    add_user(&admin, "stall", Role::Kiosk).await;
    let kiosk = forum
        .unlock("stall", &password_for("stall"))
        .await
        .expect("kiosk");
    let err = activity::record_meeting_attended(
        &kiosk,
        quick("send_partnership_board", "2026-03-09", "", vec![]),
    )
    .await
    .expect_err("kiosk");
    assert_eq!(err.kind, ErrorKind::Forbidden);
}
