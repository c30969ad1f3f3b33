//! The review queue for kiosk sign-ups on real encrypted databases: duplicates suggested,
//! accept, merge into an existing member (the sign-up follows the kept record, and undo
//! puts it back), discard (the person is deleted), and the drive's results after each.

mod common;
#[path = "common/drives.rs"]
mod drives_common;

use std::collections::BTreeMap;

use common::*;
use drives_common::*;
use forumdesk::drives::kiosk::{self, LeaveKioskInput};
use forumdesk::drives::results::{self, DriveResultsExport};
use forumdesk::drives::review::{self, SignUpMergeInput};
use forumdesk::members::membership::{self, MembershipDateInput};
use forumdesk::members::merge;
use forumdesk::members::model::{MemberType, MembershipEventKind, MembershipStatus};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::{ErrorKind, Role, Session};

async fn existing_member(s: &Session, first: &str, last: &str, email: &str) -> String {
    members::create(
        s,
        MemberDetails {
            first_name: first.into(),
            last_name: last.into(),
            email: email.into(),
            member_type: Some(MemberType::ParentCarer),
            ..Default::default()
        },
        MembershipStart {
            status: Some(MembershipStatus::Active),
            joined_on: Some("2025-01-10".into()),
        },
    )
    .await
    .expect("member")
    .id
}

/// Signs `people` up at a new drive through a volunteer's kiosk; returns the drive id.
async fn drive_with_signups(
    forum: &Forum,
    admin: &Session,
    people: &[(&str, &str, &str)],
) -> String {
    let drive = new_drive(admin, "Library stall").await;
    add_user(admin, "vol", Role::Volunteer).await;
    let vol = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("unlock");
    kiosk::start(&vol, &drive.id).await.expect("kiosk");
    for (first, last, email) in people {
        submit(&vol, signup(first, last, email)).await;
    }
    kiosk::leave(
        &vol,
        LeaveKioskInput {
            username: String::new(),
            password: password_for("vol"),
        },
    )
    .await
    .expect("leave");
    vol.lock().await;
    drive.id
}

async fn signup_row(forum: &Forum, signup_id: &str) -> (String, Option<String>) {
    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("open");
    sqlx::query_as("SELECT status, person_id FROM drive_signups WHERE id = ?")
        .bind(signup_id)
        .fetch_one(&mut conn)
        .await
        .expect("sign-up")
}

#[tokio::test]
async fn accept_merge_and_discard_and_the_results_show_each() {
    let (forum, admin) = new_forum().await;
    let known = existing_member(&admin, "Katherine", "Johnson", "kj@example.org").await;
    let drive_id = drive_with_signups(
        &forum,
        &admin,
        &[
            ("Dorothy", "Vaughan", "dv@example.org"),
            ("katherine", "Johnson", "KJ@example.org"),
            ("Test", "Test", "test@example.org"),
        ],
    )
    .await;

    let queue = review::pending(&admin, Some(&drive_id))
        .await
        .expect("queue");
    assert_eq!(queue.len(), 3);
    let by_name = |last: &str, first: &str| {
        queue
            .iter()
            .find(|p| p.last_name == last && p.first_name == first)
            .expect("in the queue")
            .clone()
    };
    let dorothy = by_name("Vaughan", "Dorothy");
    let kathy = by_name("Johnson", "katherine");
    let test = by_name("Test", "Test");
    assert!(dorothy.duplicates.is_empty());
    assert_eq!(kathy.duplicates.len(), 1, "the same e-mail as a member");
    assert_eq!(kathy.duplicates[0].person_id, known);
    assert_eq!(kathy.drive_name, "Library stall");

    // Volunteers run kiosks but do not review.
    add_user(&admin, "helper", Role::Volunteer).await;
    let helper = forum
        .unlock("helper", &password_for("helper"))
        .await
        .expect("unlock");
    assert_eq!(
        review::pending(&helper, None)
            .await
            .expect_err("refused")
            .kind,
        ErrorKind::Forbidden
    );
    assert_eq!(
        review::discard(&helper, &test.signup_id)
            .await
            .expect_err("refused")
            .kind,
        ErrorKind::Forbidden
    );
    helper.lock().await;

    // Accept: an active member with a "joined" event.
    review::accept(&admin, &dorothy.signup_id, MembershipDateInput::default())
        .await
        .expect("accept");
    let record = members::get(&admin, &dorothy.person_id)
        .await
        .expect("record");
    assert_eq!(
        record.membership.as_ref().map(|m| m.status),
        Some(MembershipStatus::Active)
    );
    let events = membership::history(&admin, &dorothy.person_id)
        .await
        .expect("history");
    assert!(events.iter().any(|e| e.kind == MembershipEventKind::Joined));
    assert_eq!(signup_row(&forum, &dorothy.signup_id).await.0, "accepted");
    assert_eq!(
        review::accept(&admin, &dorothy.signup_id, MembershipDateInput::default())
            .await
            .expect_err("twice")
            .kind,
        ErrorKind::Conflict
    );

    // Merge into the member already known: the sign-up follows the kept record.
    let mut picks = BTreeMap::new();
    picks.insert("firstName".to_owned(), merge::Side::Keep);
    review::merge_into(
        &admin,
        &kathy.signup_id,
        SignUpMergeInput {
            keep_id: known.clone(),
            picks,
        },
    )
    .await
    .expect("merge");
    assert_eq!(
        signup_row(&forum, &kathy.signup_id).await,
        ("merged".to_owned(), Some(known.clone()))
    );
    assert_eq!(
        members::get(&admin, &kathy.person_id)
            .await
            .expect_err("merged away")
            .kind,
        ErrorKind::NotFound
    );

    // Discard: the person is deleted; the sign-up stays, discarded, with no person.
    review::discard(&admin, &test.signup_id)
        .await
        .expect("discard");
    assert_eq!(
        signup_row(&forum, &test.signup_id).await,
        ("discarded".to_owned(), None)
    );
    assert_eq!(
        members::get(&admin, &test.person_id)
            .await
            .expect_err("deleted")
            .kind,
        ErrorKind::NotFound
    );
    assert!(review::pending(&admin, None)
        .await
        .expect("queue")
        .is_empty());

    let r = results::results(&admin, &drive_id).await.expect("results");
    assert_eq!(
        (r.signups, r.pending, r.accepted, r.merged, r.discarded),
        (3, 0, 1, 1, 1)
    );
    assert_eq!(r.new_members, 1);
    assert_eq!(
        r.median_days_to_join,
        Some(0.0),
        "accepted the day they signed up"
    );
    assert_eq!(r.cost_per_new_member_pence, Some(6000));
    let areas: u32 = r.by_area.iter().map(|a| a.count).sum();
    assert_eq!(areas, 2, "the discarded sign-up is not counted by area");
    let needs = r.by_need.expect("an admin sees needs");
    assert_eq!(needs.len(), 1);
    assert_eq!((needs[0].need, needs[0].count), (None, 2));

    // An export never shows a number under 5, nor the figures worked out from one.
    let export = DriveResultsExport::from_results(
        &results::results(&admin, &drive_id).await.expect("results"),
    );
    let json: serde_json::Value =
        serde_json::from_str(&results::to_json(&export).expect("json")).expect("parse");
    for key in ["signups", "accepted", "merged", "discarded", "newMembers"] {
        assert_eq!(json[key]["count"], serde_json::Value::Null, "{key}");
        assert_eq!(json[key]["suppressed"], true, "{key}");
    }
    assert_eq!(json["medianDaysToJoin"], serde_json::Value::Null);
    assert_eq!(json["costPerNewMemberPence"], serde_json::Value::Null);
    assert_eq!(json["costPerNewMemberSuppressed"], true);
    assert!(json["byArea"]
        .as_array()
        .expect("rows")
        .iter()
        .all(|r| r["count"].is_null() && r["suppressed"] == true));
    let text = export.to_text();
    assert!(text.contains("Sign-ups: fewer than 5"), "{text}");
    assert!(!text.contains(": 1\n") && !text.contains(": 3\n"), "{text}");
    admin.lock().await;
}

#[tokio::test]
async fn undoing_a_merge_puts_the_signup_back_in_the_queue() {
    let (forum, admin) = new_forum().await;
    let known = existing_member(&admin, "Mary", "Jackson", "mj@example.org").await;
    let drive_id =
        drive_with_signups(&forum, &admin, &[("Mary", "Jackson", "mj@example.org")]).await;
    let queue = review::pending(&admin, Some(&drive_id))
        .await
        .expect("queue");
    let signup = &queue[0];
    review::merge_into(
        &admin,
        &signup.signup_id,
        SignUpMergeInput {
            keep_id: signup.person_id.clone(),
            picks: BTreeMap::new(),
        },
    )
    .await
    .expect_err("a sign-up cannot be merged into itself");
    review::merge_into(
        &admin,
        &signup.signup_id,
        SignUpMergeInput {
            keep_id: known.clone(),
            picks: BTreeMap::new(),
        },
    )
    .await
    .expect("merge");
    let merge_id: String = {
        let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
            .await
            .expect("open");
        sqlx::query_scalar("SELECT id FROM merges")
            .fetch_one(&mut conn)
            .await
            .expect("merge row")
    };
    merge::undo(&admin, &merge_id).await.expect("undo");
    assert_eq!(
        signup_row(&forum, &signup.signup_id).await,
        ("pending".to_owned(), Some(signup.person_id.clone()))
    );
    let queue = review::pending(&admin, None).await.expect("queue");
    assert_eq!(queue.len(), 1);
    // Discarding refuses a record that became a member meanwhile.
    membership::approve(&admin, &signup.person_id, MembershipDateInput::default())
        .await
        .expect("approved directly");
    assert_eq!(
        review::discard(&admin, &signup.signup_id)
            .await
            .expect_err("a member now")
            .kind,
        ErrorKind::Conflict
    );
    admin.lock().await;
}

#[tokio::test]
async fn results_show_numbers_of_five_and_more_in_exports() {
    let (forum, admin) = new_forum().await;
    let people: Vec<(String, String, String)> = (0..6)
        .map(|i| {
            (
                format!("Person{i}"),
                format!("Family{i}"),
                format!("p{i}@example.org"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str, &str)> = people
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    let drive_id = drive_with_signups(&forum, &admin, &refs).await;
    let queue = review::pending(&admin, Some(&drive_id))
        .await
        .expect("queue");
    for p in &queue[..5] {
        review::accept(&admin, &p.signup_id, MembershipDateInput::default())
            .await
            .expect("accept");
    }
    let export = results::export(&admin, &drive_id).await.expect("export");
    assert_eq!(export.signups.count, Some(6));
    assert_eq!(export.new_members.count, Some(5));
    assert_eq!(export.pending.count, None, "one pending is suppressed");
    assert_eq!(export.cost_per_new_member_pence, Some(1200));
    assert_eq!(export.median_days_to_join, Some(0.0));
    assert!(export.to_text().contains("Cost per new member: £12.00"));
    admin.lock().await;
}
