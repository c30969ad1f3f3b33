//! Members on a real encrypted database: records, areas, consent, children's needs under
//! explicit consent, role rules, and search.

mod common;

use common::*;
use forumdesk::members::areas::{self, AreaInput};
use forumdesk::members::children::{self, ChildInput, EqualityInput};
use forumdesk::members::consent::{self, ConsentInput};
use forumdesk::members::model::{ConsentMethod, MemberType, MembershipStatus, Need, Provision};
use forumdesk::members::search::{self, MemberQuery};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::{ErrorKind, Role, Session};

fn details(first: &str, last: &str) -> MemberDetails {
    MemberDetails {
        first_name: first.into(),
        last_name: last.into(),
        email: format!(
            "{}.{}@example.org",
            first.to_lowercase(),
            last.to_lowercase()
        ),
        phone: "07911 123456".into(),
        postcode: "pr1 2he".into(),
        member_type: Some(MemberType::ParentCarer),
        ..Default::default()
    }
}

fn active() -> MembershipStart {
    MembershipStart {
        status: Some(MembershipStatus::Active),
        joined_on: None,
    }
}

async fn add(s: &Session, first: &str, last: &str) -> forumdesk::members::MemberRecord {
    add_active(s, details(first, last)).await
}

fn consent_input(purpose: &str, given: bool) -> ConsentInput {
    ConsentInput {
        purpose_id: purpose.into(),
        given,
        method: ConsentMethod::Paper,
        confirm_deletion: false,
    }
}

fn child() -> ChildInput {
    ChildInput {
        year_of_birth: Some(2015),
        age_band: None,
        primary_need: Some(Need::Asd),
        secondary_needs: vec![Need::Slcn],
        provision: Some(Provision::Ehcp),
        school_phase: None,
        setting_type: None,
        local_authority: "Lancashire".into(),
    }
}

#[tokio::test]
async fn a_member_is_saved_normalised_and_every_view_is_audited() {
    let (_forum, admin) = new_forum().await;
    let member = add(&admin, "Zoë", "O'Neill").await;
    assert_eq!(member.phone.as_deref(), Some("+447911123456"));
    assert_eq!(member.postcode.as_deref(), Some("PR1 2HE"));
    assert_eq!(member.source, "entered");
    let membership = member.membership.clone().expect("membership");
    assert_eq!(membership.status, MembershipStatus::Active);
    assert!(membership.renewal_due_on.is_some());
    // Nothing is pre-ticked: every consent purpose starts with no answer.
    assert!(
        member.consents.iter().all(|c| c.given.is_none()),
        "{:?}",
        member.consents
    );

    let before = forumdesk::audit::verify(&admin)
        .await
        .expect("verify")
        .entries;
    members::get(&admin, &member.id).await.expect("view");
    let after = forumdesk::audit::verify(&admin)
        .await
        .expect("verify")
        .entries;
    assert_eq!(after, before + 1, "viewing a record writes one audit entry");
    admin.lock().await;
}

#[tokio::test]
async fn a_phone_number_is_kept_in_e164_and_shown_as_people_read_it() {
    let (_forum, admin) = new_forum().await;
    let mut manchester = details("Ada", "Byron");
    manchester.phone = "+44 (0)161 496 0000".into();
    let ada = members::create(&admin, manchester, active())
        .await
        .expect("create");
    assert_eq!(ada.phone.as_deref(), Some("+441614960000"));
    assert_eq!(ada.phone_display.as_deref(), Some("0161 496 0000"));
    let viewed = members::get(&admin, &ada.id).await.expect("view");
    assert_eq!(viewed.phone_display.as_deref(), Some("0161 496 0000"));

    let found = search::search(
        &admin,
        &MemberQuery {
            text: "0161 496".into(),
            page_size: 25,
            ..Default::default()
        },
    )
    .await
    .expect("search");
    let shown: Vec<(Option<&str>, Option<&str>)> = found
        .members
        .iter()
        .map(|m| (m.phone.as_deref(), m.phone_display.as_deref()))
        .collect();
    assert_eq!(shown, [(Some("+441614960000"), Some("0161 496 0000"))]);

    // The edit form is filled with the shown number: saving it unchanged keeps the number.
    let mut edited = details("Ada", "Byron");
    edited.phone = viewed.phone_display.clone().expect("shown");
    let saved = members::update(&admin, &ada.id, edited)
        .await
        .expect("update");
    assert_eq!(saved.phone.as_deref(), Some("+441614960000"));

    let mut abroad = details("Ada", "Byron");
    abroad.phone = "+33 1 23 45 67 89".into();
    let moved = members::update(&admin, &ada.id, abroad)
        .await
        .expect("update");
    assert_eq!(moved.phone.as_deref(), Some("+33123456789"));
    assert_eq!(moved.phone_display.as_deref(), Some("+33 1 23 45 67 89"));

    let mut none = details("Ada", "Byron");
    none.phone = String::new();
    let cleared = members::update(&admin, &ada.id, none)
        .await
        .expect("update");
    assert_eq!((cleared.phone, cleared.phone_display), (None, None));
    admin.lock().await;
}

#[tokio::test]
async fn bad_and_hostile_details_are_reported_on_their_fields() {
    let (_forum, admin) = new_forum().await;
    let bad = MemberDetails {
        first_name: " ".into(),
        last_name: "x".repeat(101),
        email: "not an email".into(),
        phone: "12".into(),
        postcode: "NOT A POSTCODE".into(),
        notes: "n".repeat(2001),
        ..Default::default()
    };
    let err = members::create(&admin, bad, active())
        .await
        .expect_err("refused");
    assert_eq!(err.kind, ErrorKind::Validation);
    for field in [
        "firstName",
        "lastName",
        "email",
        "phone",
        "postcode",
        "notes",
        "memberType",
    ] {
        assert!(
            err.fields.contains_key(field),
            "no error on {field}: {:?}",
            err.fields
        );
    }
    let hostile = MemberDetails {
        first_name: "=HYPERLINK(\"http://evil\")".into(),
        last_name: "<script>alert(1)</script>".into(),
        notes: "'); DROP TABLE people; --".into(),
        member_type: Some(MemberType::Associate),
        ..Default::default()
    };
    let saved = members::create(&admin, hostile, active())
        .await
        .expect("stored as text");
    assert_eq!(saved.first_name, "=HYPERLINK(\"http://evil\")");
    assert_eq!(saved.last_name, "<script>alert(1)</script>");
    assert_eq!(saved.notes.as_deref(), Some("'); DROP TABLE people; --"));
    admin.lock().await;
}

#[tokio::test]
async fn the_area_follows_the_postcode_unless_chosen_by_hand() {
    let (_forum, admin) = new_forum().await;
    let preston = areas::save(
        &admin,
        None,
        AreaInput {
            name: "Preston".into(),
            districts: "PR1, PR2\nPR3".into(),
        },
    )
    .await
    .expect("area");
    assert_eq!(preston.districts, vec!["PR1", "PR2", "PR3"]);
    let bad = areas::save(
        &admin,
        None,
        AreaInput {
            name: "Bad".into(),
            districts: "PR1 2HE, nonsense".into(),
        },
    )
    .await
    .expect_err("refused");
    assert!(bad.fields["districts"].contains("not a postcode district"));

    let member = add(&admin, "Sam", "Shah").await;
    assert_eq!(member.area_name.as_deref(), Some("Preston"));
    assert!(!member.area_overridden);

    let chorley = areas::save(
        &admin,
        None,
        AreaInput {
            name: "Chorley".into(),
            districts: "PR6 PR7".into(),
        },
    )
    .await
    .expect("area");
    let mut chosen = details("Ann", "Lee");
    chosen.area_id = Some(chorley.id.clone());
    let overridden = members::create(&admin, chosen, active())
        .await
        .expect("create");
    assert_eq!(overridden.area_name.as_deref(), Some("Chorley"));
    assert!(overridden.area_overridden);

    // Moving PR1 to Chorley re-places Sam, but not Ann (chosen by hand, already Chorley) —
    // and moving it back leaves Ann in Chorley.
    areas::save(
        &admin,
        Some(&chorley.id),
        AreaInput {
            name: "Chorley".into(),
            districts: "PR1 PR6 PR7".into(),
        },
    )
    .await
    .expect("move");
    assert_eq!(
        members::get(&admin, &member.id)
            .await
            .expect("get")
            .area_name
            .as_deref(),
        Some("Chorley")
    );
    areas::save(
        &admin,
        Some(&preston.id),
        AreaInput {
            name: "Preston".into(),
            districts: "PR1 PR2 PR3".into(),
        },
    )
    .await
    .expect("move back");
    assert_eq!(
        members::get(&admin, &member.id)
            .await
            .expect("get")
            .area_name
            .as_deref(),
        Some("Preston")
    );
    assert_eq!(
        members::get(&admin, &overridden.id)
            .await
            .expect("get")
            .area_name
            .as_deref(),
        Some("Chorley")
    );
    admin.lock().await;
}

#[tokio::test]
async fn consent_is_a_history_of_events_and_the_current_state_follows_the_latest() {
    let (_forum, admin) = new_forum().await;
    let member = add(&admin, "Jo", "Bloggs").await;
    consent::record(&admin, &member.id, consent_input("email_news", true))
        .await
        .expect("give");
    let now = consent::record(&admin, &member.id, consent_input("email_news", false))
        .await
        .expect("withdraw");
    let email = now
        .consents
        .iter()
        .find(|c| c.purpose_id == "email_news")
        .expect("purpose");
    assert_eq!(email.given, Some(false));
    assert_eq!(email.statement_version, Some(1));
    let history = consent::history(&admin, &member.id).await.expect("history");
    assert_eq!(history.len(), 2, "the history is never lost");
    assert!(!history[0].given && history[1].given);

    let err = consent::record(&admin, &member.id, consent_input("membership_admin", true))
        .await
        .expect_err("not consent-based");
    assert!(err.fields["purposeId"].contains("does not rely on consent"));
    let err = consent::record(&admin, &member.id, consent_input("no_such_purpose", true))
        .await
        .expect_err("unknown");
    assert!(err.fields.contains_key("purposeId"));
    let purposes = consent::purposes(&admin).await.expect("purposes");
    assert_eq!(purposes.len(), 8);
    assert!(purposes
        .iter()
        .all(|p| !p.statement.is_empty() && p.version == 1));
    admin.lock().await;
}

#[tokio::test]
async fn childrens_needs_need_explicit_consent_and_go_when_it_is_withdrawn() {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "vol", Role::Volunteer).await;
    let member = add(&admin, "Pat", "Khan").await;
    let err = children::save(&admin, &member.id, None, child())
        .await
        .expect_err("no consent yet");
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert!(err.message.contains("explicit consent"));

    consent::record(&admin, &member.id, consent_input("special_category", true))
        .await
        .expect("consent");
    let saved = children::save(&admin, &member.id, None, child())
        .await
        .expect("save child");
    let special = saved.special.clone().expect("admin sees special category");
    assert_eq!(special.children.len(), 1);
    assert_eq!(special.children[0].primary_need, Some(Need::Asd));
    children::save_equality(
        &admin,
        &member.id,
        EqualityInput {
            ethnicity: "White British".into(),
            first_language: "English".into(),
        },
    )
    .await
    .expect("equality");

    // A volunteer sees the member but not the special-category data, and cannot change it.
    let vol = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("volunteer");
    let seen = members::get(&vol, &member.id)
        .await
        .expect("volunteer views");
    assert!(seen.special.is_none());
    let denied = children::save(&vol, &member.id, None, child())
        .await
        .expect_err("forbidden");
    assert_eq!(denied.kind, ErrorKind::Forbidden);
    let filter = MemberQuery {
        need: Some(Need::Asd),
        page_size: 10,
        ..Default::default()
    };
    assert_eq!(
        search::search(&vol, &filter)
            .await
            .expect_err("forbidden")
            .kind,
        ErrorKind::Forbidden
    );
    vol.lock().await;

    // Withdrawing asks for confirmation, then deletes, keeping anonymous counts.
    let err = consent::record(&admin, &member.id, consent_input("special_category", false))
        .await
        .expect_err("confirm first");
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert!(
        err.message.contains("deletes the information held about 1"),
        "{}",
        err.message
    );
    let mut confirmed = consent_input("special_category", false);
    confirmed.confirm_deletion = true;
    let after = consent::record(&admin, &member.id, confirmed)
        .await
        .expect("withdrawn");
    let special = after.special.expect("admin view");
    assert!(
        special.children.is_empty()
            && special.ethnicity.is_none()
            && special.first_language.is_none()
    );
    admin.lock().await;

    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    let (count, need): (i64, Option<String>) =
        sqlx::query_as("SELECT count(*), max(primary_need) FROM children_removed")
            .fetch_one(&mut conn)
            .await
            .expect("anonymous rows");
    assert_eq!((count, need.as_deref()), (1, Some("ASD")));
    drop(conn);
    let admin = forum.admin().await;
    // Equality information alone also needs the confirmation before it is deleted.
    let other = add(&admin, "Lee", "Wong").await;
    consent::record(&admin, &other.id, consent_input("special_category", true))
        .await
        .expect("consent");
    children::save_equality(
        &admin,
        &other.id,
        EqualityInput {
            ethnicity: "Chinese".into(),
            first_language: String::new(),
        },
    )
    .await
    .expect("equality");
    let err = consent::record(&admin, &other.id, consent_input("special_category", false))
        .await
        .expect_err("confirm first");
    assert_eq!(
        err.message,
        "Withdrawing this consent deletes their equality information. Confirm to continue."
    );
    admin.lock().await;
    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    let columns: Vec<String> =
        sqlx::query_scalar("SELECT name FROM pragma_table_info('children_removed')")
            .fetch_all(&mut conn)
            .await
            .expect("columns");
    assert!(
        !columns.iter().any(|c| c.contains("person")),
        "no way back to the person: {columns:?}"
    );
}

#[tokio::test]
async fn search_as_you_type_tolerates_case_accents_partial_words_and_typing_habits() {
    let (_forum, admin) = new_forum().await;
    let zoe = add(&admin, "Zoë", "Nowak").await;
    let mut other = details("Siobhán", "O'Neill");
    other.phone = "01772 123456".into();
    other.postcode = "BB1 1AA".into();
    let siobhan = members::create(&admin, other, active())
        .await
        .expect("create");
    let find = |text: &str| MemberQuery {
        text: text.into(),
        page_size: 25,
        ..Default::default()
    };
    let ids = |page: search::MemberPage| page.members.into_iter().map(|m| m.id).collect::<Vec<_>>();

    assert_eq!(
        ids(search::search(&admin, &find("zoe")).await.expect("s")),
        vec![zoe.id.clone()]
    );
    assert_eq!(
        ids(search::search(&admin, &find("ZO")).await.expect("s")),
        vec![zoe.id.clone()]
    );
    assert_eq!(
        ids(search::search(&admin, &find("siobhan o")).await.expect("s")),
        vec![siobhan.id.clone()]
    );
    assert_eq!(
        ids(search::search(&admin, &find("now")).await.expect("s")),
        vec![zoe.id.clone()]
    );
    assert_eq!(
        ids(search::search(&admin, &find("07911 123")).await.expect("s")),
        vec![zoe.id.clone()]
    );
    assert_eq!(
        ids(search::search(&admin, &find("+44 1772")).await.expect("s")),
        vec![siobhan.id.clone()]
    );
    assert_eq!(
        ids(search::search(&admin, &find("bb11")).await.expect("s")),
        vec![siobhan.id.clone()]
    );
    assert_eq!(
        ids(search::search(&admin, &find("zoë.nowak@exa"))
            .await
            .expect("s")),
        vec![zoe.id.clone()]
    );
    // FTS and SQL syntax are only words: no error, no match, nothing dropped.
    for hostile in [
        "\"; DROP TABLE people; --",
        "NEAR(drop table)",
        "drop OR table",
    ] {
        assert_eq!(
            search::search(&admin, &find(hostile))
                .await
                .expect("harmless")
                .total,
            0,
            "{hostile}"
        );
    }
    // Only punctuation: no words to look for, so it is like an empty box.
    for blank in ["*", "\"\"\"", "-- ;"] {
        assert_eq!(
            search::search(&admin, &find(blank))
                .await
                .expect("harmless")
                .total,
            2,
            "{blank}"
        );
    }
    assert_eq!(
        search::search(&admin, &find("")).await.expect("all").total,
        2
    );

    // An edit is searchable at once; the old name is gone.
    let mut renamed = details("Zoë", "Kowalski");
    renamed.postcode = "PR1 2HE".into();
    members::update(&admin, &zoe.id, renamed)
        .await
        .expect("update");
    assert_eq!(
        search::search(&admin, &find("nowak"))
            .await
            .expect("s")
            .total,
        0
    );
    assert_eq!(
        search::search(&admin, &find("kowal"))
            .await
            .expect("s")
            .total,
        1
    );
    admin.lock().await;
}

#[tokio::test]
async fn filters_sort_and_pages() {
    let (_forum, admin) = new_forum().await;
    for i in 0..30 {
        let m = add(&admin, &format!("Person{i:02}"), "Smith").await;
        if i % 3 == 0 {
            consent::record(&admin, &m.id, consent_input("email_news", true))
                .await
                .expect("consent");
        }
    }
    let q = |page: u32| MemberQuery {
        page,
        page_size: 10,
        consent: Some("email_news".into()),
        ..Default::default()
    };
    let first = search::search(&admin, &q(1)).await.expect("page 1");
    assert_eq!(first.total, 10);
    assert_eq!(first.members.len(), 10);
    let everyone = MemberQuery {
        page: 3,
        page_size: 12,
        ..Default::default()
    };
    let third = search::search(&admin, &everyone).await.expect("page 3");
    assert_eq!((third.total, third.members.len()), (30, 6));
    assert_eq!(third.members[0].first_name, "Person24", "sorted by name");
    let applicants = MemberQuery {
        status: Some(MembershipStatus::Applicant),
        ..Default::default()
    };
    assert_eq!(
        search::search(&admin, &applicants)
            .await
            .expect("filter")
            .total,
        0
    );
    admin.lock().await;
}
