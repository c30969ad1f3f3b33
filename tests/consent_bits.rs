//! `people.consent_given` is derived from the consent events (the bits of the purposes whose
//! latest answer is "given") and lets list filters and mailing lists skip the events. These
//! tests check it never disagrees with the events, whatever changed them: the member form,
//! consent recorded and withdrawn, imports (new members and the "merge" policy), merges of
//! two records, and their undo.

mod common;

use common::*;
use forumdesk::members::consent::{self, ConsentInput};
use forumdesk::members::import::{self, DuplicatePolicy, ImportOptions};
use forumdesk::members::merge::{self, MergeInput};
use forumdesk::members::model::{ConsentMethod, MemberType};
use forumdesk::members::search::{self, MemberQuery};
use forumdesk::members::MemberDetails;
use forumdesk::{testing, Session};

async fn add(s: &Session, first: &str, last: &str, email: &str, phone: &str) -> String {
    let details = MemberDetails {
        first_name: first.into(),
        last_name: last.into(),
        email: email.into(),
        phone: phone.into(),
        member_type: Some(MemberType::ParentCarer),
        ..Default::default()
    };
    add_active(s, details).await.id
}

async fn answer(s: &Session, id: &str, purpose: &str, given: bool) {
    let input = ConsentInput {
        purpose_id: purpose.into(),
        given,
        method: ConsentMethod::Verbal,
        confirm_deletion: false,
    };
    consent::record(s, id, input).await.expect("consent");
}

/// Every person whose stored bits differ from their latest events, with both values.
async fn disagreements(forum: &Forum) -> Vec<(String, i64, i64)> {
    let mut conn = testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw connection");
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT p.first_name, p.consent_given, coalesce((SELECT sum(1 << pu.bit) \
         FROM consent_purposes pu WHERE (SELECT e.given FROM consent_events e \
         WHERE e.person_id = p.id AND e.purpose_id = pu.id ORDER BY e.at DESC, e.id DESC \
         LIMIT 1) = 1), 0) AS derived FROM people p",
    )
    .fetch_all(&mut conn)
    .await
    .expect("bits");
    rows.into_iter().filter(|(_, s, d)| s != d).collect()
}

async fn emailable(s: &Session) -> Vec<String> {
    let query = MemberQuery {
        consent: Some("email_news".into()),
        page_size: 100,
        ..Default::default()
    };
    let mut names: Vec<String> = search::search(s, &query)
        .await
        .expect("search")
        .members
        .into_iter()
        .map(|m| m.first_name)
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn the_consent_bits_follow_every_change_to_the_events() {
    let (forum, admin) = new_forum().await;
    let ada = add(&admin, "Ada", "Byron", "ada@example.org", "07911 123456").await;
    let ben = add(&admin, "Ben", "Okafor", "ben@example.org", "07700 900123").await;
    assert_eq!(disagreements(&forum).await, vec![]);
    assert!(emailable(&admin).await.is_empty(), "nothing is pre-ticked");

    answer(&admin, &ada, "email_news", true).await;
    answer(&admin, &ada, "sms", true).await;
    answer(&admin, &ben, "email_news", true).await;
    answer(&admin, &ben, "email_news", false).await;
    assert_eq!(disagreements(&forum).await, vec![]);
    assert_eq!(emailable(&admin).await, vec!["Ada"]);

    // New members from a spreadsheet, and a row that matches Ben under "merge": its "Y"
    // is Ben's latest answer now.
    let csv = "First name,Last name,Email,Mobile,OK to email,SMS\n\
               Cara,Nowak,cara@example.org,07700 900789,Y,N\n\
               Dev,Shah,dev@example.org,07700 900456,,Y\n\
               Ben,Okafor,ben@example.org,07700 900123,Y,\n";
    let report = import::import(
        &admin,
        "members.csv",
        csv.as_bytes(),
        ImportOptions {
            duplicates: DuplicatePolicy::Merge,
            ..ImportOptions::default()
        },
    )
    .await
    .expect("import");
    assert_eq!((report.created, report.updated), (2, 1), "{report:?}");
    assert_eq!(disagreements(&forum).await, vec![]);
    assert_eq!(emailable(&admin).await, vec!["Ada", "Ben", "Cara"]);

    // Ada and a second record of her: the other record's later "no" wins after the merge,
    // and undo puts both records' answers back.
    let ada2 = add(&admin, "Ada", "Byron", "ada.b@example.org", "07911 123456").await;
    answer(&admin, &ada2, "email_news", false).await;
    answer(&admin, &ada2, "photos", true).await;
    let outcome = merge::merge(
        &admin,
        MergeInput {
            keep_id: ada.clone(),
            merge_id: ada2.clone(),
            picks: Default::default(),
        },
    )
    .await
    .expect("merge");
    assert_eq!(disagreements(&forum).await, vec![]);
    assert_eq!(emailable(&admin).await, vec!["Ben", "Cara"]);
    merge::undo(&admin, &outcome.merge_id).await.expect("undo");
    assert_eq!(disagreements(&forum).await, vec![]);
    assert_eq!(emailable(&admin).await, vec!["Ada", "Ben", "Cara"]);
}
