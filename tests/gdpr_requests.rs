//! The subject access and erasure request log: recording, the steps, the deadline as the
//! ICO counts it, the home-screen due list, the audit trail and the role rule.

mod common;

use common::*;
use forumdesk::gdpr::requests::{
    self, CloseRequestInput, DataRequestFilter, DataRequestInput, ExtensionInput,
    IdentityCheckInput, PauseInput, RequestKind, RequestStatus, Urgency,
};
use forumdesk::members::{self, model, MemberDetails, MembershipStart};
use forumdesk::{id, ErrorKind, Role, Session};
use time::Duration;

async fn member(s: &Session, first: &str, last: &str) -> String {
    let details = MemberDetails {
        first_name: first.into(),
        last_name: last.into(),
        member_type: Some(model::MemberType::ParentCarer),
        ..Default::default()
    };
    let start = MembershipStart {
        status: Some(model::MembershipStatus::Active),
        joined_on: None,
    };
    members::create(s, details, start).await.expect("member").id
}

fn days_ago(days: i64) -> String {
    (id::today_london() - Duration::days(days)).to_string()
}

fn access_for(person_id: &str, received_on: String) -> DataRequestInput {
    DataRequestInput {
        kind: Some(RequestKind::Access),
        person_id: person_id.into(),
        received_on,
        ..Default::default()
    }
}

#[tokio::test]
async fn a_request_is_logged_with_its_one_month_deadline() {
    let (forum, admin) = new_forum().await;
    let person = member(&admin, "Priya", "Shah").await;
    let received = id::today_london() - Duration::days(3);
    let request = requests::record(&admin, access_for(&person, received.to_string()))
        .await
        .expect("record");
    assert_eq!(request.kind, RequestKind::Access);
    assert_eq!(request.status, RequestStatus::Open);
    assert_eq!(request.person_name.as_deref(), Some("Priya Shah"));
    let due = requests::add_months(received, 1);
    assert_eq!(request.deadline, due.to_string());
    assert_eq!(request.days_left, (due - id::today_london()).whole_days());
    assert_eq!(request.urgency, None);
    assert!(!request.paused);

    // The audit entry names the request and the person by id, nothing else.
    let entries = audit_of(&forum, &request.id).await;
    assert_eq!(entries.len(), 1);
    let (action, changes) = &entries[0];
    assert_eq!(action, "gdpr_request.recorded");
    assert!(changes.contains(&person));
    assert!(!changes.contains("Priya") && !changes.contains("Shah"));
    admin.lock().await;
}

/// The audit entries about a request, oldest first: (action, changes).
async fn audit_of(forum: &Forum, request_id: &str) -> Vec<(String, String)> {
    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw connection");
    sqlx::query_as("SELECT action, changes FROM audit_log WHERE entity_id = ? ORDER BY seq")
        .bind(request_id)
        .fetch_all(&mut conn)
        .await
        .expect("audit rows")
}

#[tokio::test]
async fn a_request_from_someone_without_a_record_needs_who_asked() {
    let (_forum, admin) = new_forum().await;
    let err = requests::record(
        &admin,
        DataRequestInput {
            kind: Some(RequestKind::Erasure),
            ..Default::default()
        },
    )
    .await
    .expect_err("no person, no requester");
    assert_eq!(err.kind, ErrorKind::Validation);
    assert!(err.fields.contains_key("personId"), "{err:?}");

    let request = requests::record(
        &admin,
        DataRequestInput {
            kind: Some(RequestKind::Erasure),
            requester: "Sam Doe (by letter)".into(),
            ..Default::default()
        },
    )
    .await
    .expect("free-text requester");
    assert_eq!(request.person_id, None);
    assert_eq!(request.requester.as_deref(), Some("Sam Doe (by letter)"));
    assert_eq!(request.received_on, id::today_london().to_string());

    // Every problem at once: no kind, a future date, a check date without how.
    let tomorrow = (id::today_london() + Duration::days(1)).to_string();
    let err = requests::record(
        &admin,
        DataRequestInput {
            requester: "Someone".into(),
            received_on: tomorrow,
            identity_checked_on: days_ago(1),
            ..Default::default()
        },
    )
    .await
    .expect_err("invalid");
    for field in ["kind", "receivedOn", "identityCheckMethod"] {
        assert!(err.fields.contains_key(field), "{field}: {err:?}");
    }
    // A person id that matches nobody.
    let err = requests::record(&admin, access_for("no-such-person", days_ago(0)))
        .await
        .expect_err("unknown person");
    assert!(err.fields.contains_key("personId"));
    admin.lock().await;
}

#[tokio::test]
async fn extensions_and_stopped_clocks_move_the_deadline() {
    let (forum, admin) = new_forum().await;
    let person = member(&admin, "Ola", "Nowak").await;
    let received = id::today_london() - Duration::days(20);
    let request = requests::record(&admin, access_for(&person, received.to_string()))
        .await
        .unwrap();

    let err = requests::extend(
        &admin,
        &request.id,
        ExtensionInput {
            months: 3,
            reason: String::new(),
        },
    )
    .await
    .expect_err("3 months and no reason");
    assert!(err.fields.contains_key("months") && err.fields.contains_key("reason"));

    let extended = requests::extend(
        &admin,
        &request.id,
        ExtensionInput {
            months: 2,
            reason: "Many records across several years".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(extended.extension_months, 2);
    assert_eq!(
        extended.deadline,
        requests::add_months(received, 3).to_string()
    );

    // Stop the clock 10 days ago: the open pause counts up to today.
    let paused = requests::pause(
        &admin,
        &request.id,
        PauseInput {
            on: days_ago(10),
            reason: "Waiting for proof of address".into(),
        },
    )
    .await
    .unwrap();
    assert!(paused.paused);
    let base = requests::add_months(received, 3);
    assert_eq!(paused.deadline, (base + Duration::days(10)).to_string());
    // Not twice.
    let err = requests::pause(
        &admin,
        &request.id,
        PauseInput {
            on: String::new(),
            reason: "Again".into(),
        },
    )
    .await
    .expect_err("already paused");
    assert_eq!(err.kind, ErrorKind::Conflict);
    // Cannot restart before it stopped.
    let err = requests::resume(
        &admin,
        &request.id,
        PauseInput {
            on: days_ago(11),
            reason: String::new(),
        },
    )
    .await
    .expect_err("before the pause");
    assert!(err.fields.contains_key("on"));

    let resumed = requests::resume(
        &admin,
        &request.id,
        PauseInput {
            on: days_ago(4),
            reason: String::new(),
        },
    )
    .await
    .unwrap();
    assert!(!resumed.paused);
    assert_eq!(resumed.pauses.len(), 1);
    assert_eq!(
        resumed.pauses[0].until_on.as_deref(),
        Some(days_ago(4).as_str())
    );
    assert_eq!(resumed.deadline, (base + Duration::days(6)).to_string());

    let checked = requests::identity_checked(
        &admin,
        &request.id,
        IdentityCheckInput {
            on: days_ago(4),
            method: "Utility bill seen".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        checked.identity_checked_on.as_deref(),
        Some(days_ago(4).as_str())
    );
    assert_eq!(
        checked.identity_check_method.as_deref(),
        Some("Utility bill seen")
    );

    let answered = requests::close(
        &admin,
        &request.id,
        CloseRequestInput {
            status: Some(RequestStatus::Answered),
            on: String::new(),
            note: String::new(),
        },
    )
    .await
    .unwrap();
    assert_eq!(answered.status, RequestStatus::Answered);
    assert_eq!(answered.answered_on, Some(id::today_london().to_string()));
    assert_eq!(answered.urgency, None);
    // Closed: no more steps.
    let err = requests::extend(
        &admin,
        &request.id,
        ExtensionInput {
            months: 1,
            reason: "late".into(),
        },
    )
    .await
    .expect_err("closed");
    assert_eq!(err.kind, ErrorKind::Conflict);

    // Every step left an entry naming the request.
    let actions: Vec<String> = audit_of(&forum, &request.id)
        .await
        .into_iter()
        .map(|(action, _)| action)
        .collect();
    assert_eq!(
        actions,
        [
            "gdpr_request.recorded",
            "gdpr_request.extended",
            "gdpr_request.paused",
            "gdpr_request.resumed",
            "gdpr_request.identity_checked",
            "gdpr_request.closed"
        ]
    );
    admin.lock().await;
}

#[tokio::test]
async fn refusing_needs_a_reason_and_closing_ends_a_stopped_clock() {
    let (_forum, admin) = new_forum().await;
    let person = member(&admin, "Kit", "Moss").await;
    let request = requests::record(&admin, access_for(&person, days_ago(5)))
        .await
        .unwrap();
    requests::pause(
        &admin,
        &request.id,
        PauseInput {
            on: days_ago(3),
            reason: "Asked which records they mean".into(),
        },
    )
    .await
    .unwrap();
    let err = requests::close(
        &admin,
        &request.id,
        CloseRequestInput {
            status: Some(RequestStatus::Refused),
            ..Default::default()
        },
    )
    .await
    .expect_err("no reason");
    assert!(err.fields.contains_key("note"));
    let withdrawn = requests::close(
        &admin,
        &request.id,
        CloseRequestInput {
            status: Some(RequestStatus::Withdrawn),
            on: days_ago(1),
            note: "They said they no longer need it".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(withdrawn.status, RequestStatus::Withdrawn);
    assert!(!withdrawn.paused);
    assert_eq!(
        withdrawn.pauses[0].until_on.as_deref(),
        Some(days_ago(1).as_str())
    );
    assert_eq!(
        withdrawn.notes.as_deref(),
        Some("They said they no longer need it")
    );
    admin.lock().await;
}

#[tokio::test]
async fn the_list_and_the_home_screen_show_what_is_due() {
    let (_forum, admin) = new_forum().await;
    let person = member(&admin, "Dee", "Hart").await;
    let overdue = requests::record(&admin, access_for(&person, days_ago(40)))
        .await
        .unwrap();
    let soon = requests::record(&admin, access_for(&person, days_ago(26)))
        .await
        .unwrap();
    let later = requests::record(&admin, access_for(&person, days_ago(1)))
        .await
        .unwrap();
    let closed = requests::record(&admin, access_for(&person, days_ago(60)))
        .await
        .unwrap();
    requests::close(
        &admin,
        &closed.id,
        CloseRequestInput {
            status: Some(RequestStatus::Answered),
            on: days_ago(50),
            note: String::new(),
        },
    )
    .await
    .unwrap();

    assert_eq!(overdue.urgency, Some(Urgency::Overdue));
    assert!(overdue.days_left < 0);
    assert_eq!(soon.urgency, Some(Urgency::DueSoon));
    assert!((0..=7).contains(&soon.days_left), "{}", soon.days_left);
    assert_eq!(later.urgency, None);

    let open = requests::list(&admin, &DataRequestFilter { open_only: true })
        .await
        .unwrap();
    let ids: Vec<&str> = open.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [&overdue.id, &soon.id, &later.id],
        "soonest deadline first"
    );

    let all = requests::list(&admin, &DataRequestFilter { open_only: false })
        .await
        .unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(all[3].id, closed.id, "closed ones after the open ones");
    assert_eq!(all[3].urgency, None, "a closed request is never overdue");

    let due = requests::due(&admin).await.unwrap();
    let ids: Vec<&str> = due.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, [&overdue.id, &soon.id]);
    admin.lock().await;
}

#[tokio::test]
async fn only_admins_handle_requests() {
    let (forum, admin) = new_forum().await;
    let person = member(&admin, "Lee", "Park").await;
    let request = requests::record(&admin, access_for(&person, days_ago(2)))
        .await
        .unwrap();
    for role in [Role::Officer, Role::Volunteer] {
        add_user(&admin, role.as_str(), role).await;
        let s = forum
            .unlock(role.as_str(), &password_for(role.as_str()))
            .await
            .unwrap();
        macro_rules! forbidden {
            ($call:expr $(,)?) => {
                assert_eq!(
                    $call.map(drop).expect_err("forbidden").kind,
                    ErrorKind::Forbidden
                )
            };
        }
        forbidden!(requests::list(&s, &DataRequestFilter::default()).await);
        forbidden!(requests::due(&s).await);
        forbidden!(requests::get(&s, &request.id).await);
        forbidden!(requests::record(&s, access_for(&person, days_ago(0))).await);
        forbidden!(
            requests::extend(
                &s,
                &request.id,
                ExtensionInput {
                    months: 1,
                    reason: "x".into(),
                },
            )
            .await,
        );
        forbidden!(requests::pause(&s, &request.id, PauseInput::default()).await);
        forbidden!(requests::resume(&s, &request.id, PauseInput::default()).await);
        forbidden!(requests::close(&s, &request.id, CloseRequestInput::default()).await);
        forbidden!(
            requests::identity_checked(&s, &request.id, IdentityCheckInput::default()).await,
        );
        s.lock().await;
    }
    admin.lock().await;
}
