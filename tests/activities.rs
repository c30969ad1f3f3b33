//! Participation activities on real encrypted databases: recording one with its partners,
//! members, figures and outcome; the checks on bad, hostile and oversized input; finding them
//! by period and kind; attached documents inside the database with their size limit; and who
//! may do what.

mod common;

use common::*;
use forumdesk::activities::activity::{self, ActivityFilter, ActivityInput};
use forumdesk::activities::documents::{self, MAX_DOCUMENT_BYTES};
use forumdesk::activities::model::{ActivityKind, Level, Rung};
use forumdesk::groups::model::OrganisationKind;
use forumdesk::groups::organisation::{self, OrganisationInput};
use forumdesk::members::areas::{self, AreaInput};
use forumdesk::members::model::{MemberType, MembershipStatus};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::{audit, ErrorKind, Role, Session};

async fn partner(s: &Session, name: &str) -> String {
    let area = areas::save(
        s,
        None,
        AreaInput {
            name: format!("{name} area"),
            districts: String::new(),
        },
    )
    .await
    .expect("area")
    .id;
    let input = OrganisationInput {
        name: name.into(),
        kind: Some(OrganisationKind::LocalAuthority),
        area_ids: vec![area],
        all_needs: true,
        ..Default::default()
    };
    organisation::create(s, input).await.expect("partner").id
}

async fn member(s: &Session, first: &str) -> String {
    let details = MemberDetails {
        first_name: first.into(),
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

fn meeting(title: &str, on: &str) -> ActivityInput {
    ActivityInput {
        title: title.into(),
        kind: Some(ActivityKind::BoardMeeting),
        starts_on: on.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn an_activity_is_recorded_with_its_partners_people_figures_and_outcome() {
    let (_forum, admin) = new_forum().await;
    let council = partner(&admin, "Lancashire County Council SEND").await;
    let ada = member(&admin, "Ada").await;
    let input = ActivityInput {
        title: "Local Offer co-design workshop".into(),
        kind: Some(ActivityKind::CoProductionRequest),
        starts_on: "12/03/2026".into(),
        ends_on: "2026-03-13".into(),
        level: Some(Level::Strategic),
        rung: Some(Rung::CoDesign),
        organisation_ids: vec![council.clone(), council.clone()],
        person_ids: vec![ada.clone()],
        parent_carers_engaged: "1,250".into(),
        volunteer_hours: "6:30".into(),
        topic: "Local Offer website".into(),
        you_said: "The Local Offer is hard to search".into(),
        we_did: "Rebuilt the search with parent carers".into(),
        what_changed: "Searches that find nothing fell by half".into(),
        loop_closed_on: "2026-04-01".into(),
    };
    let activity = activity::create(&admin, input).await.expect("create");
    assert_eq!(activity.starts_on, "2026-03-12");
    assert_eq!(activity.ends_on.as_deref(), Some("2026-03-13"));
    assert_eq!(activity.organisations.len(), 1, "listed once");
    assert_eq!(activity.people[0].name, "Ada Rep");
    assert_eq!(activity.parent_carers_engaged, 1250);
    assert_eq!(activity.volunteer_minutes, 390);
    assert_eq!(activity.loop_closed_on.as_deref(), Some("2026-04-01"));

    let list = activity::list(&admin, &ActivityFilter::default())
        .await
        .expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].organisations, "Lancashire County Council SEND");
    assert!(list[0].has_outcome);

    let changed = activity::update(
        &admin,
        &activity.id,
        ActivityInput {
            person_ids: vec![],
            ..meeting("Partnership Board", "2026-03-20")
        },
    )
    .await
    .expect("update");
    assert_eq!(changed.title, "Partnership Board");
    assert!(changed.people.is_empty() && changed.organisations.is_empty());
    assert_eq!(changed.volunteer_minutes, 0);
    let report = audit::verify(&admin).await.expect("verify");
    assert!(report.intact, "{report:?}");
}

#[tokio::test]
async fn bad_hostile_and_oversized_input_gets_field_errors_or_is_kept_as_text() {
    let (_forum, admin) = new_forum().await;
    let err = activity::create(&admin, ActivityInput::default())
        .await
        .expect_err("empty");
    for field in ["title", "kind", "startsOn"] {
        assert!(err.fields.contains_key(field), "{field}: {err:?}");
    }
    let bad = ActivityInput {
        ends_on: "2026-03-01".into(),
        loop_closed_on: "2026-02-01".into(),
        parent_carers_engaged: "-3".into(),
        volunteer_hours: "lots".into(),
        you_said: "y".repeat(5001),
        organisation_ids: vec!["no-such-organisation".into()],
        person_ids: vec!["no-such-person".into()],
        ..meeting("Board", "2026-03-10")
    };
    let err = activity::create(&admin, bad).await.expect_err("bad");
    for field in [
        "endsOn",
        "loopClosedOn",
        "parentCarersEngaged",
        "volunteerHours",
        "youSaid",
        "organisationIds",
        "personIds",
    ] {
        assert!(err.fields.contains_key(field), "{field}: {err:?}");
    }
    assert_eq!(
        err.fields["endsOn"],
        "The end must be on or after the start, 10 March 2026"
    );
    let year_and_more = ActivityInput {
        ends_on: "2027-03-12".into(),
        ..meeting("Long project", "2026-03-10")
    };
    let err = activity::create(&admin, year_and_more)
        .await
        .expect_err("too long");
    assert!(err.fields["endsOn"].contains("at most a year"), "{err:?}");
    let err = activity::create(&admin, meeting("Board", "31/02/2026"))
        .await
        .expect_err("date");
    assert!(err.fields.contains_key("startsOn"), "{err:?}");
    let err = activity::create(&admin, meeting(&"t".repeat(201), "2026-03-10"))
        .await
        .expect_err("long title");
    assert!(err.fields.contains_key("title"), "{err:?}");

    let hostile = ActivityInput {
        topic: "=HYPERLINK(\"http://evil\")".into(),
        we_did: "'; DROP TABLE activities; --\nsecond line".into(),
        ..meeting("<script>alert(1)</script>", "2026-03-10")
    };
    let kept = activity::create(&admin, hostile)
        .await
        .expect("kept as text");
    assert_eq!(kept.title, "<script>alert(1)</script>");
    assert_eq!(kept.topic.as_deref(), Some("=HYPERLINK(\"http://evil\")"));
    assert_eq!(
        kept.we_did.as_deref(),
        Some("'; DROP TABLE activities; --\nsecond line")
    );
    // A search for SQL-looking or wildcard text finds only what contains it.
    let filter = |text: &str| ActivityFilter {
        text: text.into(),
        ..Default::default()
    };
    assert_eq!(
        activity::list(&admin, &filter("%"))
            .await
            .expect("list")
            .len(),
        0
    );
    assert_eq!(
        activity::list(&admin, &filter("HYPERLINK"))
            .await
            .expect("list")
            .len(),
        1
    );
}

#[tokio::test]
async fn activities_are_found_by_period_kind_level_and_partner() {
    let (_forum, admin) = new_forum().await;
    let council = partner(&admin, "Council").await;
    let march = activity::create(&admin, meeting("March board", "2026-03-12"))
        .await
        .expect("m");
    let over_month_end = ActivityInput {
        kind: Some(ActivityKind::Event),
        ends_on: "2026-04-02".into(),
        level: Some(Level::Operational),
        organisation_ids: vec![council.clone()],
        ..meeting("Two-day conference", "2026-03-31")
    };
    activity::create(&admin, over_month_end)
        .await
        .expect("event");
    activity::create(&admin, meeting("May board", "2026-05-14"))
        .await
        .expect("may");
    let titles = |list: Vec<forumdesk::activities::ActivitySummary>| {
        list.into_iter().map(|a| a.title).collect::<Vec<_>>()
    };
    let april = ActivityFilter {
        from: "01/04/2026".into(),
        to: "30/04/2026".into(),
        ..Default::default()
    };
    assert_eq!(
        titles(activity::list(&admin, &april).await.expect("april")),
        vec!["Two-day conference"],
        "an activity counts in every period it overlaps"
    );
    let boards = ActivityFilter {
        kind: Some(ActivityKind::BoardMeeting),
        ..Default::default()
    };
    assert_eq!(
        titles(activity::list(&admin, &boards).await.expect("boards")),
        vec!["May board", "March board"],
        "newest first"
    );
    let with_council = ActivityFilter {
        organisation_id: Some(council),
        level: Some(Level::Operational),
        ..Default::default()
    };
    assert_eq!(
        titles(
            activity::list(&admin, &with_council)
                .await
                .expect("council")
        ),
        vec!["Two-day conference"]
    );
    let err = activity::list(
        &admin,
        &ActivityFilter {
            from: "not a date".into(),
            ..Default::default()
        },
    )
    .await
    .expect_err("bad filter date");
    assert!(err.fields.contains_key("from"), "{err:?}");
    activity::delete(&admin, &march.id).await.expect("delete");
    assert_eq!(
        activity::get(&admin, &march.id)
            .await
            .expect_err("gone")
            .kind,
        ErrorKind::NotFound
    );
}

#[tokio::test]
async fn documents_live_in_the_database_up_to_the_size_limit() {
    let (_forum, admin) = new_forum().await;
    let activity = activity::create(&admin, meeting("Board", "2026-03-12"))
        .await
        .expect("a");
    let minutes = b"%PDF-1.7 minutes of the board".to_vec();
    let info = documents::add(&admin, &activity.id, "../../Board minutes.pdf", &minutes)
        .await
        .expect("attach");
    assert_eq!(info.file_name, "Board minutes.pdf");
    assert_eq!(info.media_type, "application/pdf");
    let opened = documents::open(&admin, &info.id).await.expect("open");
    assert_eq!(opened.content, minutes);
    assert_eq!(
        activity::get(&admin, &activity.id)
            .await
            .expect("get")
            .documents
            .len(),
        1
    );

    let too_big = vec![0u8; MAX_DOCUMENT_BYTES + 1];
    let err = documents::add(&admin, &activity.id, "video.mp4", &too_big)
        .await
        .expect_err("too big");
    assert_eq!(err.kind, ErrorKind::Validation);
    assert!(err.fields["file"].contains("at most 20.0 MB"), "{err:?}");
    let err = documents::add(&admin, &activity.id, "empty.txt", &[])
        .await
        .expect_err("empty");
    assert!(err.fields["file"].contains("is empty"), "{err:?}");
    let exactly = vec![7u8; MAX_DOCUMENT_BYTES];
    documents::add(&admin, &activity.id, "big scan.pdf", &exactly)
        .await
        .expect("at the limit");

    documents::remove(&admin, &info.id).await.expect("remove");
    assert_eq!(
        documents::open(&admin, &info.id)
            .await
            .expect_err("gone")
            .kind,
        ErrorKind::NotFound
    );
    // Deleting the activity takes its documents with it.
    activity::delete(&admin, &activity.id)
        .await
        .expect("delete");
    let left = activity::list(&admin, &ActivityFilter::default())
        .await
        .expect("list");
    assert!(left.is_empty());
}

#[tokio::test]
async fn volunteers_record_activities_but_only_officers_delete_them() {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "vol", Role::Volunteer).await;
    add_user(&admin, "kiosk", Role::Kiosk).await;
    let volunteer = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("vol");
    let kiosk = forum
        .unlock("kiosk", &password_for("kiosk"))
        .await
        .expect("kiosk");
    let recorded = activity::create(&volunteer, meeting("Coffee morning", "2026-03-12"))
        .await
        .expect("volunteer records");
    documents::add(&volunteer, &recorded.id, "notes.txt", b"notes")
        .await
        .expect("volunteer attaches");
    let err = activity::delete(&volunteer, &recorded.id)
        .await
        .expect_err("no delete");
    assert_eq!(err.kind, ErrorKind::Forbidden);
    let err = activity::list(&kiosk, &ActivityFilter::default())
        .await
        .expect_err("kiosk");
    assert_eq!(err.kind, ErrorKind::Forbidden);
}
