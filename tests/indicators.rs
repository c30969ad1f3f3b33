//! The protocol's indicators on real encrypted databases: the seeded list, a quarter's
//! review with its evidence, and the figures the data computes beside the judgement.

mod common;

use common::*;
use forumdesk::activities::activity::{self, ActivityInput};
use forumdesk::activities::documents;
use forumdesk::activities::model::ActivityKind;
use forumdesk::indicators::{self, ReviewInput, ReviewStatus};
use forumdesk::members::membership::{self, LeavingInput};
use forumdesk::members::model::{MemberType, MembershipStatus};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::representation::meeting::{self, Attendance, MeetingInput};
use forumdesk::{ErrorKind, Role, Session};

async fn member(s: &Session, first: &str, joined: &str) -> String {
    let details = MemberDetails {
        first_name: first.into(),
        last_name: "Parent".into(),
        member_type: Some(MemberType::ParentCarer),
        ..Default::default()
    };
    let start = MembershipStart {
        status: Some(MembershipStatus::Active),
        joined_on: Some(joined.into()),
    };
    members::create(s, details, start).await.expect("member").id
}

#[tokio::test]
async fn a_quarter_is_reviewed_with_evidence_beside_the_computed_figures() {
    let (forum, admin) = new_forum().await;
    let quarter = "2026-05-01"; // April to June 2026
    let all = indicators::quarter(&admin, quarter)
        .await
        .expect("indicators");
    assert_eq!(all.len(), 13);
    assert_eq!(all[0].title, "Representation at SEND Partnership Board");
    assert_eq!(
        (all[0].quarter_start.as_str(), all[0].quarter_end.as_str()),
        ("2026-04-01", "2026-06-30")
    );
    assert!(
        all.iter().all(|i| i.status.is_none()),
        "nothing reviewed yet"
    );
    assert_eq!(
        all[0].computed.as_deref(),
        Some("No meetings recorded this quarter")
    );

    // Board: attended 2 of 3 in the quarter, papers on time for one.
    for (held, attendance, papers) in [
        ("2026-04-13", Attendance::Attended, "2026-04-06"),
        ("2026-05-11", Attendance::Attended, ""),
        ("2026-06-08", Attendance::Apologies, ""),
        ("2026-07-13", Attendance::Attended, ""), // next quarter
    ] {
        meeting::record(
            &admin,
            MeetingInput {
                body_id: "send_partnership_board".into(),
                held_on: held.into(),
                attendance: Some(attendance),
                papers_received_on: papers.into(),
                notes: String::new(),
            },
        )
        .await
        .expect("meeting");
    }
    // Membership: three joined in the quarter, one of whom left in it; one joined before.
    member(&admin, "Before", "2026-03-01").await;
    member(&admin, "April", "2026-04-10").await;
    member(&admin, "May", "2026-05-10").await;
    let june = member(&admin, "June", "2026-06-01").await;
    membership::leave(
        &admin,
        &june,
        LeavingInput {
            on_date: "2026-06-20".into(),
            reason: "Moved away".into(),
        },
    )
    .await
    .expect("leave");

    let activity = activity::create(
        &admin,
        ActivityInput {
            title: "Partnership Board".into(),
            kind: Some(ActivityKind::BoardMeeting),
            starts_on: "2026-04-13".into(),
            ..Default::default()
        },
    )
    .await
    .expect("activity");
    let minutes = documents::add(&admin, &activity.id, "minutes.pdf", b"%PDF minutes")
        .await
        .expect("doc");
    let reviewed = indicators::review(
        &admin,
        "board_representation",
        ReviewInput {
            quarter: "15/06/2026".into(),
            status: Some(ReviewStatus::Partly),
            comment: "Missed June: the rep was ill".into(),
            activity_ids: vec![activity.id.clone()],
            document_ids: vec![minutes.id.clone()],
        },
    )
    .await
    .expect("review");
    assert_eq!(reviewed.status, Some(ReviewStatus::Partly));
    assert_eq!(reviewed.activities[0].title, "Partnership Board");
    assert_eq!(reviewed.documents[0].title, "minutes.pdf");
    assert_eq!(
        reviewed.computed.as_deref(),
        Some("Attended 2 of 3 meetings (67%); papers on time for 1")
    );
    let growth = indicators::quarter(&admin, quarter)
        .await
        .expect("again")
        .into_iter()
        .find(|i| i.indicator_id == "membership_growth")
        .expect("growth");
    assert_eq!(
        growth.computed.as_deref(),
        Some("+2 members (3 joined or rejoined, 1 left or lapsed)")
    );

    // Reviewing again replaces the judgement and its evidence.
    let again = indicators::review(
        &admin,
        "board_representation",
        ReviewInput {
            quarter: quarter.into(),
            status: Some(ReviewStatus::Met),
            ..Default::default()
        },
    )
    .await
    .expect("again");
    assert_eq!(again.status, Some(ReviewStatus::Met));
    assert!(again.activities.is_empty() && again.comment.is_none());

    // Bad input, and who may review.
    let err = indicators::review(
        &admin,
        "board_representation",
        ReviewInput {
            quarter: "2099-01-01".into(),
            ..Default::default()
        },
    )
    .await
    .expect_err("future and no status");
    for field in ["quarter", "status"] {
        assert!(err.fields.contains_key(field), "{field}: {err:?}");
    }
    let err = indicators::review(
        &admin,
        "board_representation",
        ReviewInput {
            status: Some(ReviewStatus::Met),
            activity_ids: vec!["nope".into()],
            ..Default::default()
        },
    )
    .await
    .expect_err("unknown evidence");
    assert!(err.fields.contains_key("activityIds"), "{err:?}");
    let err = indicators::review(
        &admin,
        "no-such-indicator",
        ReviewInput {
            status: Some(ReviewStatus::Met),
            ..Default::default()
        },
    )
    .await
    .expect_err("unknown indicator");
    assert_eq!(err.kind, ErrorKind::NotFound);
    add_user(&admin, "vol", Role::Volunteer).await;
    let volunteer = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("vol");
    assert_eq!(
        indicators::quarter(&volunteer, quarter)
            .await
            .expect("view")
            .len(),
        13
    );
    let err = indicators::review(
        &volunteer,
        "board_representation",
        ReviewInput {
            status: Some(ReviewStatus::Met),
            ..Default::default()
        },
    )
    .await
    .expect_err("volunteer");
    assert_eq!(err.kind, ErrorKind::Forbidden);
}
