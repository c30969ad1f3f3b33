//! Potential duplicates and merging, on real encrypted databases: which pairs are suggested
//! and why, "not a duplicate" decisions, merges that keep every piece of history, and undo.

mod common;

use std::collections::BTreeMap;

use common::*;
use forumdesk::members::children::{self, ChildInput};
use forumdesk::members::consent::{self, ConsentInput};
use forumdesk::members::duplicates::{self, similar_names, Probe};
use forumdesk::members::merge::{self, MergeInput, Side};
use forumdesk::members::model::{ConsentMethod, MemberType, Need, Provision};
use forumdesk::members::search::{self, MemberQuery};
use forumdesk::members::{self, MemberDetails, MemberRecord};
use forumdesk::{audit, ErrorKind, Role, Session};

/// A member with just the fields a test names; the rest blank.
struct Person<'a> {
    first: &'a str,
    last: &'a str,
    email: &'a str,
    phone: &'a str,
    postcode: &'a str,
}

const BLANK: Person<'static> = Person {
    first: "",
    last: "",
    email: "",
    phone: "",
    postcode: "",
};

async fn add(s: &Session, p: Person<'_>) -> MemberRecord {
    let details = MemberDetails {
        first_name: p.first.into(),
        last_name: p.last.into(),
        email: p.email.into(),
        phone: p.phone.into(),
        postcode: p.postcode.into(),
        member_type: Some(MemberType::ParentCarer),
        ..Default::default()
    };
    add_active(s, details).await
}

async fn matches_for(s: &Session, id: &str) -> Vec<(String, String)> {
    duplicates::for_member(s, id)
        .await
        .expect("duplicates")
        .into_iter()
        .map(|m| (m.person_id, m.reason))
        .collect()
}

fn consent_input(purpose: &str, given: bool) -> ConsentInput {
    ConsentInput {
        purpose_id: purpose.into(),
        given,
        method: ConsentMethod::Paper,
        confirm_deletion: false,
    }
}

async fn give(s: &Session, id: &str, purpose: &str, given: bool) {
    consent::record(s, id, consent_input(purpose, given))
        .await
        .expect("consent");
}

fn child() -> ChildInput {
    ChildInput {
        year_of_birth: Some(2016),
        age_band: None,
        primary_need: Some(Need::Asd),
        secondary_needs: vec![],
        provision: Some(Provision::SenSupport),
        school_phase: None,
        setting_type: None,
        local_authority: String::new(),
    }
}

async fn assert_audit_intact(s: &Session) {
    let report = audit::verify(s).await.expect("verify");
    assert!(report.intact, "{report:?}");
}

#[tokio::test]
async fn a_shared_family_email_with_different_names_is_not_a_duplicate() {
    let (_forum, admin) = new_forum().await;
    let parent = add(
        &admin,
        Person {
            first: "Sarah",
            last: "Khan",
            email: "khan.family@example.org",
            ..BLANK
        },
    )
    .await;
    let young_person = add(
        &admin,
        Person {
            first: "Yusuf",
            last: "Khan",
            email: "Khan.Family@example.org",
            ..BLANK
        },
    )
    .await;
    assert!(matches_for(&admin, &parent.id).await.is_empty());
    assert!(matches_for(&admin, &young_person.id).await.is_empty());
    assert!(duplicates::review_list(&admin, 50)
        .await
        .expect("review")
        .is_empty());
}

#[tokio::test]
async fn the_same_email_and_a_name_one_slip_away_is_a_duplicate() {
    let (_forum, admin) = new_forum().await;
    let first = add(
        &admin,
        Person {
            first: "Katherine",
            last: "Jones",
            email: "kjones@example.org",
            ..BLANK
        },
    )
    .await;
    // The e-mail in another case, and "Katharine".
    let second = add(
        &admin,
        Person {
            first: "Katharine",
            last: "Jones",
            email: "KJones@Example.org",
            ..BLANK
        },
    )
    .await;
    assert_eq!(
        matches_for(&admin, &first.id).await,
        [(
            second.id.clone(),
            "same e-mail and a similar name".to_owned()
        )]
    );
    assert_eq!(
        matches_for(&admin, &second.id).await,
        [(
            first.id.clone(),
            "same e-mail and a similar name".to_owned()
        )]
    );
}

#[tokio::test]
async fn the_same_phone_typed_differently_and_a_similar_name_is_a_duplicate() {
    let (_forum, admin) = new_forum().await;
    let first = add(
        &admin,
        Person {
            first: "Jo",
            last: "Bloggs",
            phone: "07911 123456",
            postcode: "PR1 2HE",
            ..BLANK
        },
    )
    .await;
    let second = add(
        &admin,
        Person {
            first: "Jo",
            last: "Blogs",
            phone: "+44 (0)7911-123-456",
            postcode: "LA1 1AA",
            ..BLANK
        },
    )
    .await;
    assert_eq!(second.phone.as_deref(), Some("+447911123456"));
    assert_eq!(
        matches_for(&admin, &first.id).await,
        [(
            second.id.clone(),
            "same phone number and a similar name".to_owned()
        )]
    );
}

#[tokio::test]
async fn a_similar_name_at_the_same_postcode_is_a_duplicate_and_is_found_before_saving() {
    let (_forum, admin) = new_forum().await;
    let first = add(
        &admin,
        Person {
            first: "Bethany",
            last: "O'Neill",
            postcode: "PR1 2HE",
            ..BLANK
        },
    )
    .await;
    // A neighbour with another name is not suggested.
    add(
        &admin,
        Person {
            first: "Bethany",
            last: "Walsh",
            postcode: "PR1 2HE",
            ..BLANK
        },
    )
    .await;
    // On the add form, before saving: "Bethany ONeill", postcode typed without its space.
    let form = MemberDetails {
        first_name: "Bethany".into(),
        last_name: "ONeill".into(),
        postcode: "pr12he".into(),
        ..Default::default()
    };
    let found = duplicates::for_details(&admin, &form, None)
        .await
        .expect("check");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].person_id, first.id);
    assert_eq!(found[0].reason, "same postcode and the same name");
    // Editing the record itself does not match itself.
    let found = duplicates::for_details(&admin, &form, Some(&first.id))
        .await
        .expect("check");
    assert!(found.is_empty(), "{found:?}");
}

#[tokio::test]
async fn accents_do_not_hide_a_duplicate() {
    let (_forum, admin) = new_forum().await;
    let first = add(
        &admin,
        Person {
            first: "Zoë",
            last: "Smith",
            email: "zoe.smith@example.org",
            phone: "07700 900123",
            ..BLANK
        },
    )
    .await;
    let second = add(
        &admin,
        Person {
            first: "Zoe",
            last: "Smith",
            email: "zoe.smith@example.org",
            phone: "07700900123",
            ..BLANK
        },
    )
    .await;
    assert_eq!(
        matches_for(&admin, &first.id).await,
        [(
            second.id.clone(),
            "same e-mail and phone number, and the same name".to_owned()
        )]
    );
    let probe = |first: &str, last: &str| Probe {
        first_name: first.into(),
        last_name: last.into(),
        ..Probe::default()
    };
    assert!(similar_names(
        &probe("Siân", "Llewellyn"),
        &probe("Sian", "Llewelyn")
    ));
}

#[tokio::test]
async fn the_review_list_pairs_the_membership_and_a_dismissal_hides_a_pair() {
    let (_forum, admin) = new_forum().await;
    let a = add(
        &admin,
        Person {
            first: "Priya",
            last: "Patel",
            email: "priya@example.org",
            phone: "07911 123456",
            ..BLANK
        },
    )
    .await;
    let b = add(
        &admin,
        Person {
            first: "Pryia",
            last: "Patel",
            email: "priya@example.org",
            ..BLANK
        },
    )
    .await;
    let c = add(
        &admin,
        Person {
            first: "Tom",
            last: "Reed",
            postcode: "LA1 1AA",
            ..BLANK
        },
    )
    .await;
    let d = add(
        &admin,
        Person {
            first: "Tom",
            last: "Reid",
            postcode: "LA1 1AA",
            ..BLANK
        },
    )
    .await;
    let pairs = duplicates::review_list(&admin, 50).await.expect("review");
    let ids: Vec<[&str; 2]> = pairs
        .iter()
        .map(|p| {
            let mut ids = [p.a.id.as_str(), p.b.id.as_str()];
            ids.sort_unstable();
            ids
        })
        .collect();
    assert_eq!(ids.len(), 2, "{pairs:?}");
    assert!(ids.contains(&pair(&a, &b)) && ids.contains(&pair(&c, &d)));
    let reasons: Vec<&str> = pairs.iter().map(|p| p.reason.as_str()).collect();
    assert!(reasons.contains(&"same e-mail and a similar name"));
    assert!(reasons.contains(&"same postcode and a similar name"));
    let priya = pairs
        .iter()
        .flat_map(|p| [&p.a, &p.b])
        .find(|m| m.id == a.id)
        .expect("Priya is in a pair");
    assert_eq!(priya.phone.as_deref(), Some("+447911123456"));
    assert_eq!(priya.phone_display.as_deref(), Some("07911 123456"));
    assert_eq!(
        duplicates::review_list(&admin, 1)
            .await
            .expect("review")
            .len(),
        1
    );

    // Tom Reed and Tom Reid are brothers.
    duplicates::dismiss(&admin, &d.id, &c.id)
        .await
        .expect("dismiss");
    duplicates::dismiss(&admin, &c.id, &d.id)
        .await
        .expect("dismissing twice is harmless");
    let pairs = duplicates::review_list(&admin, 50).await.expect("review");
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    assert!(matches_for(&admin, &c.id).await.is_empty());
    assert_eq!(matches_for(&admin, &a.id).await.len(), 1);
    let err = duplicates::dismiss(&admin, &a.id, &a.id)
        .await
        .expect_err("same record");
    assert_eq!(err.kind, ErrorKind::Validation);
    assert_audit_intact(&admin).await;
}

fn pair<'a>(x: &'a MemberRecord, y: &'a MemberRecord) -> [&'a str; 2] {
    let mut ids = [x.id.as_str(), y.id.as_str()];
    ids.sort_unstable();
    ids
}

/// Two records of one person, each with history: consent answers that disagree, a child's
/// needs on the second, membership "joined" events on both.
async fn two_records(admin: &Session) -> (MemberRecord, MemberRecord) {
    let keep = add(
        admin,
        Person {
            first: "Rachel",
            last: "Greenwood",
            email: "rachel.g@example.org",
            phone: "07911 123456",
            postcode: "PR1 2HE",
        },
    )
    .await;
    let merge = add(
        admin,
        Person {
            first: "Rachael",
            last: "Greenwood",
            email: "rachel.greenwood@example.org",
            phone: "07911 123456",
            postcode: "PR2 3AB",
        },
    )
    .await;
    // E-mail news: yes on the kept record, then no on the other (the later answer wins).
    give(admin, &keep.id, "email_news", true).await;
    give(admin, &merge.id, "email_news", false).await;
    // Photos: yes on the other, then no on the kept record.
    give(admin, &merge.id, "photos", true).await;
    give(admin, &keep.id, "photos", false).await;
    // Text messages only ever answered on the other record.
    give(admin, &merge.id, "sms", true).await;
    give(admin, &merge.id, "special_category", true).await;
    children::save(admin, &merge.id, None, child())
        .await
        .expect("child");
    let keep = members::get(admin, &keep.id).await.expect("keep");
    let merge = members::get(admin, &merge.id).await.expect("merge");
    (keep, merge)
}

fn given(record: &MemberRecord, purpose: &str) -> Option<bool> {
    record
        .consents
        .iter()
        .find(|c| c.purpose_id == purpose)
        .and_then(|c| c.given)
}

fn picks(fields: &[(&str, Side)]) -> BTreeMap<String, Side> {
    fields.iter().map(|(f, s)| ((*f).to_owned(), *s)).collect()
}

async fn search_count(s: &Session, text: &str) -> i64 {
    let query = MemberQuery {
        text: text.into(),
        ..Default::default()
    };
    search::search(s, &query).await.expect("search").total
}

#[tokio::test]
async fn a_merge_keeps_the_picked_values_and_all_the_history() {
    let (_forum, admin) = new_forum().await;
    let (keep, merge) = two_records(&admin).await;
    let outcome = merge::merge(
        &admin,
        MergeInput {
            keep_id: keep.id.clone(),
            merge_id: merge.id.clone(),
            picks: picks(&[("email", Side::Merge), ("firstName", Side::Keep)]),
        },
    )
    .await
    .expect("merge");
    let kept = outcome.member;
    assert_eq!(kept.id, keep.id);
    assert_eq!(kept.first_name, "Rachel");
    assert_eq!(kept.email.as_deref(), Some("rachel.greenwood@example.org"));
    assert_eq!(kept.postcode.as_deref(), Some("PR1 2HE"));
    assert_eq!(kept.created_at, keep.created_at);

    // Current consent is the latest answer across both records.
    assert_eq!(given(&kept, "email_news"), Some(false));
    assert_eq!(given(&kept, "photos"), Some(false));
    assert_eq!(given(&kept, "sms"), Some(true));
    assert_eq!(given(&kept, "special_category"), Some(true));
    let history = consent::history(&admin, &keep.id).await.expect("history");
    assert_eq!(history.len(), 6);

    let special = kept.special.expect("admin sees children");
    assert_eq!(special.children.len(), 1);
    assert_eq!(special.children[0].primary_need, Some(Need::Asd));

    let err = members::get(&admin, &merge.id)
        .await
        .expect_err("merged record is gone");
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert_eq!(search_count(&admin, "Greenwood").await, 1);
    assert_eq!(search_count(&admin, "Rachael").await, 0);
    assert_eq!(search_count(&admin, "rachel.greenwood").await, 1);
    assert!(matches_for(&admin, &keep.id).await.is_empty());
    assert_audit_intact(&admin).await;

    let err = merge::merge(
        &admin,
        MergeInput {
            keep_id: keep.id.clone(),
            merge_id: keep.id.clone(),
            picks: picks(&[("lastName", Side::Merge)]),
        },
    )
    .await
    .expect_err("a record cannot be merged with itself");
    assert_eq!(err.kind, ErrorKind::Validation);
    let err = merge::merge(
        &admin,
        MergeInput {
            keep_id: keep.id.clone(),
            merge_id: "nobody".into(),
            picks: picks(&[]),
        },
    )
    .await
    .expect_err("unknown member");
    assert_eq!(err.kind, ErrorKind::NotFound);
    let mut bad = picks(&[]);
    bad.insert("source".into(), Side::Merge);
    let err = merge::merge(
        &admin,
        MergeInput {
            keep_id: keep.id.clone(),
            merge_id: merge.id.clone(),
            picks: bad,
        },
    )
    .await
    .expect_err("not a mergeable field");
    assert!(err.fields.contains_key("picks"), "{err:?}");
}

#[tokio::test]
async fn merged_history_is_recorded_in_the_trail_without_personal_values() {
    let (forum, admin) = new_forum().await;
    let (keep, merge) = two_records(&admin).await;
    merge::merge(
        &admin,
        MergeInput {
            keep_id: keep.id.clone(),
            merge_id: merge.id.clone(),
            picks: picks(&[("email", Side::Merge), ("postcode", Side::Merge)]),
        },
    )
    .await
    .expect("merge");
    admin.lock().await;
    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    let (entity_id, changes): (String, String) =
        sqlx::query_as("SELECT entity_id, changes FROM audit_log WHERE action = 'member.merged'")
            .fetch_one(&mut conn)
            .await
            .expect("entry");
    assert_eq!(entity_id, keep.id);
    assert!(changes.contains("\"email\"") && changes.contains("\"postcode\""));
    for value in ["Rachael", "Greenwood", "example.org", "PR2", "7911"] {
        assert!(!changes.contains(value), "{value} in {changes}");
    }
    let membership_events: i64 =
        sqlx::query_scalar("SELECT count(*) FROM membership_events WHERE person_id = ?")
            .bind(&keep.id)
            .fetch_one(&mut conn)
            .await
            .expect("events");
    assert_eq!(membership_events, 2, "both 'joined' events stay");
}

#[tokio::test]
async fn undo_restores_both_records_exactly_until_the_kept_record_is_merged_again() {
    let (forum, admin) = new_forum().await;
    let (keep, merge) = two_records(&admin).await;
    let keep_history = consent::history(&admin, &keep.id).await.expect("history");
    let merge_history = consent::history(&admin, &merge.id).await.expect("history");
    let first = merge::merge(
        &admin,
        MergeInput {
            keep_id: keep.id.clone(),
            merge_id: merge.id.clone(),
            picks: picks(&[
                ("firstName", Side::Merge),
                ("email", Side::Merge),
                ("postcode", Side::Merge),
            ]),
        },
    )
    .await
    .expect("merge");
    assert_eq!(first.member.first_name, "Rachael");

    // Another duplicate merged into the same record after it.
    let third = add(
        &admin,
        Person {
            first: "Rachel",
            last: "Greenwod",
            phone: "07911 123456",
            ..BLANK
        },
    )
    .await;
    let second = merge::merge(
        &admin,
        MergeInput {
            keep_id: keep.id.clone(),
            merge_id: third.id.clone(),
            picks: picks(&[]),
        },
    )
    .await
    .expect("second merge");
    let err = merge::undo(&admin, &first.merge_id)
        .await
        .expect_err("a later merge of the kept record");
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert!(err.message.contains("merged again"), "{}", err.message);

    // Undoing the later merge first makes the earlier one undoable again.
    merge::undo(&admin, &second.merge_id)
        .await
        .expect("undo second");
    let restored_keep = merge::undo(&admin, &first.merge_id)
        .await
        .expect("undo first");
    let err = merge::undo(&admin, &first.merge_id)
        .await
        .expect_err("only once");
    assert_eq!(err.kind, ErrorKind::Conflict);

    let restored_merge = members::get(&admin, &merge.id).await.expect("back");
    let json = |r: &MemberRecord| serde_json::to_value(r).expect("json");
    assert_eq!(json(&restored_keep), json(&keep));
    assert_eq!(json(&restored_merge), json(&merge));
    let ids = |events: Vec<consent::ConsentEvent>| -> Vec<String> {
        events.into_iter().map(|e| e.id).collect()
    };
    assert_eq!(
        ids(consent::history(&admin, &keep.id).await.expect("history")),
        ids(keep_history)
    );
    assert_eq!(
        ids(consent::history(&admin, &merge.id).await.expect("history")),
        ids(merge_history)
    );
    assert_eq!(search_count(&admin, "Rachael").await, 1);
    assert_eq!(search_count(&admin, "Greenwood").await, 2);
    assert_eq!(search_count(&admin, "Greenwod").await, 1);
    assert_audit_intact(&admin).await;
    admin.lock().await;

    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    let counts: Vec<(String, i64)> = sqlx::query_as(
        "SELECT person_id, count(*) FROM membership_events GROUP BY person_id ORDER BY person_id",
    )
    .fetch_all(&mut conn)
    .await
    .expect("events");
    assert_eq!(counts.len(), 3, "{counts:?}");
    assert!(counts.iter().all(|(_, n)| *n == 1), "{counts:?}");
    let snapshots: i64 =
        sqlx::query_scalar("SELECT count(*) FROM merges WHERE snapshot IS NOT NULL")
            .fetch_one(&mut conn)
            .await
            .expect("snapshots");
    assert_eq!(snapshots, 0, "undone merges keep no copy of anyone");
}

#[tokio::test]
async fn children_cannot_be_merged_onto_a_record_whose_latest_answer_is_no() {
    let (_forum, admin) = new_forum().await;
    let (keep, merge) = two_records(&admin).await;
    // The kept record's later answer withdraws what the other record gave.
    give(&admin, &keep.id, "special_category", false).await;
    let err = merge::merge(
        &admin,
        MergeInput {
            keep_id: keep.id.clone(),
            merge_id: merge.id.clone(),
            picks: picks(&[]),
        },
    )
    .await
    .expect_err("children without consent");
    assert_eq!(err.kind, ErrorKind::Conflict);
    // Nothing changed.
    let still = members::get(&admin, &merge.id).await.expect("still there");
    assert_eq!(still.special.expect("admin").children.len(), 1);
}

#[tokio::test]
async fn volunteers_can_see_duplicates_but_not_merge_them() {
    let (forum, admin) = new_forum().await;
    let (keep, merge) = two_records(&admin).await;
    add_user(&admin, "val", Role::Volunteer).await;
    let volunteer = forum
        .unlock("val", &password_for("val"))
        .await
        .expect("unlock");
    assert_eq!(matches_for(&volunteer, &keep.id).await.len(), 1);
    let err = merge::merge(
        &volunteer,
        MergeInput {
            keep_id: keep.id.clone(),
            merge_id: merge.id.clone(),
            picks: picks(&[]),
        },
    )
    .await
    .expect_err("forbidden");
    assert_eq!(err.kind, ErrorKind::Forbidden);
    let err = duplicates::dismiss(&volunteer, &keep.id, &merge.id)
        .await
        .expect_err("forbidden");
    assert_eq!(err.kind, ErrorKind::Forbidden);
    let outcome = merge::merge(
        &admin,
        MergeInput {
            keep_id: keep.id.clone(),
            merge_id: merge.id.clone(),
            picks: picks(&[]),
        },
    )
    .await
    .expect("admin merges");
    let err = merge::undo(&volunteer, &outcome.merge_id)
        .await
        .expect_err("forbidden");
    assert_eq!(err.kind, ErrorKind::Forbidden);
}
