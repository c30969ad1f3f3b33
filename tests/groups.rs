//! Affiliated groups on real encrypted databases: organisations and their checks, the
//! affiliation lifecycle (including the steps it refuses), contacts, co-opted leaders, the
//! renewals-due list, archiving, and the reach figures against hand-computed values.

mod common;

use common::*;
use forumdesk::groups::affiliation::{self, StepInput};
use forumdesk::groups::co_option::{self, CoOptionInput};
use forumdesk::groups::contacts::{self, ContactInput};
use forumdesk::groups::model::{AffiliationStatus, AffiliationStep, Meets, OrganisationKind};
use forumdesk::groups::organisation::{self, OrganisationFilter, OrganisationInput, RemoveOutcome};
use forumdesk::groups::{reach, renewals};
use forumdesk::members::areas::{self, AreaInput};
use forumdesk::members::membership::{self, MembershipDateInput};
use forumdesk::members::model::{MemberType, MembershipStatus, Need};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::{audit, id, ErrorKind, Role, Session};

async fn area(s: &Session, name: &str, districts: &str) -> String {
    areas::save(
        s,
        None,
        AreaInput {
            name: name.into(),
            districts: districts.into(),
        },
    )
    .await
    .expect("area")
    .id
}

fn group(name: &str, areas: &[&str]) -> OrganisationInput {
    OrganisationInput {
        name: name.into(),
        kind: Some(OrganisationKind::ParentGroup),
        area_ids: areas.iter().map(|a| (*a).to_owned()).collect(),
        all_needs: true,
        meets: Some(Meets::Both),
        ..Default::default()
    }
}

fn on(date: time::Date, note: &str) -> StepInput {
    StepInput {
        on_date: date.to_string(),
        note: note.into(),
        terms_version: None,
    }
}

fn days_ago(days: i64) -> time::Date {
    id::today_london() - time::Duration::days(days)
}

async fn member(s: &Session, first: &str, postcode: &str, status: MembershipStatus) -> String {
    let details = MemberDetails {
        first_name: first.into(),
        last_name: "Test".into(),
        postcode: postcode.into(),
        member_type: Some(MemberType::ParentCarer),
        ..Default::default()
    };
    let start = MembershipStart {
        status: Some(status),
        joined_on: Some(days_ago(400).to_string()),
    };
    members::create(s, details, start).await.expect("member").id
}

async fn field_error(result: forumdesk::Result<impl std::fmt::Debug>, field: &str) -> String {
    let err = result.expect_err("refused");
    assert_eq!(err.kind, ErrorKind::Validation, "{err:?}");
    err.fields
        .get(field)
        .unwrap_or_else(|| panic!("no error on {field}: {err:?}"))
        .clone()
}

#[tokio::test]
async fn a_volunteer_records_an_enquiry_and_an_officer_takes_it_through_approval_and_renewal() {
    let (forum, admin) = new_forum().await;
    let preston = area(&admin, "Preston", "PR1 PR2").await;
    add_user(&admin, "vol", Role::Volunteer).await;
    add_user(&admin, "off", Role::Officer).await;
    let volunteer = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("vol");
    let officer = forum
        .unlock("off", &password_for("off"))
        .await
        .expect("off");

    let org = affiliation::new_enquiry(
        &volunteer,
        group("Preston Parents Together", &[&preston]),
        on(days_ago(60), "Phoned after the coffee morning"),
    )
    .await
    .expect("enquiry");
    assert_eq!(
        org.affiliation.as_ref().map(|a| a.status),
        Some(AffiliationStatus::Enquiry)
    );
    // Volunteers go no further.
    let err = affiliation::record(
        &volunteer,
        &org.id,
        AffiliationStep::Applied,
        on(days_ago(50), ""),
    )
    .await
    .expect_err("volunteers cannot receive applications");
    assert_eq!(err.kind, ErrorKind::Forbidden);

    let org = affiliation::record(
        &officer,
        &org.id,
        AffiliationStep::Applied,
        on(days_ago(50), "Form received by e-mail"),
    )
    .await
    .expect("application");
    let state = org.affiliation.clone().expect("state");
    assert_eq!(state.status, AffiliationStatus::Applied);
    assert_eq!(state.terms_version, Some(1), "the current terms by default");

    let approved_on = days_ago(40);
    let org = affiliation::record(
        &officer,
        &org.id,
        AffiliationStep::Approved,
        on(approved_on, "Approved at steering group, minute 4"),
    )
    .await
    .expect("approve");
    let state = org.affiliation.clone().expect("state");
    assert_eq!(state.status, AffiliationStatus::Affiliated);
    assert_eq!(state.approved_on, Some(approved_on.to_string()));
    let due = state.renewal_due_on.clone().expect("due");
    assert_eq!(due, add_months(approved_on, 12).to_string());

    // Renewing early keeps the time left: the next date is a year after the old one.
    let org = affiliation::record(
        &officer,
        &org.id,
        AffiliationStep::Renewed,
        on(days_ago(1), ""),
    )
    .await
    .expect("renew");
    assert_eq!(
        org.affiliation
            .as_ref()
            .and_then(|a| a.renewal_due_on.clone()),
        Some(add_months(approved_on, 24).to_string())
    );
    let org = affiliation::record(
        &officer,
        &org.id,
        AffiliationStep::Lapsed,
        on(days_ago(0), ""),
    )
    .await
    .expect("lapse");
    assert_eq!(
        org.affiliation.as_ref().map(|a| a.status),
        Some(AffiliationStatus::Lapsed)
    );
    let steps: Vec<AffiliationStep> = org.timeline.iter().map(|e| e.step).collect();
    assert_eq!(
        steps,
        vec![
            AffiliationStep::Lapsed,
            AffiliationStep::Renewed,
            AffiliationStep::Approved,
            AffiliationStep::Applied,
            AffiliationStep::Enquiry,
        ]
    );
    let approval = &org.timeline[2];
    assert_eq!(
        approval.note.as_deref(),
        Some("Approved at steering group, minute 4")
    );
    assert_eq!(approval.recorded_by.as_deref(), Some("off Person"));
    // A lapsed group can enquire again, which starts a new affiliation.
    let org = affiliation::record(
        &volunteer,
        &org.id,
        AffiliationStep::Enquiry,
        on(days_ago(0), ""),
    )
    .await
    .expect("enquire again");
    assert_eq!(
        org.affiliation.as_ref().map(|a| a.status),
        Some(AffiliationStatus::Enquiry)
    );
    let report = audit::verify(&admin).await.expect("verify");
    assert!(report.intact, "{report:?}");
    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    let steps: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'affiliation.step'")
            .fetch_one(&mut conn)
            .await
            .expect("count");
    assert_eq!(steps, 6, "every step is audited");
}

fn add_months(date: time::Date, months: i64) -> time::Date {
    let total = i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1 + months;
    let year = i32::try_from(total.div_euclid(12)).expect("year");
    let month =
        time::Month::try_from(u8::try_from(total.rem_euclid(12) + 1).expect("m")).expect("month");
    let last = month.length(year);
    time::Date::from_calendar_date(year, month, date.day().min(last)).expect("date")
}

#[tokio::test]
async fn steps_out_of_order_are_refused_with_a_reason() {
    let (_forum, admin) = new_forum().await;
    let preston = area(&admin, "Preston", "PR1").await;
    let org = organisation::create(&admin, group("Chorley SEND Parents", &[&preston]))
        .await
        .expect("create");
    // Nothing can be approved, renewed or lapsed before an application.
    for step in [
        AffiliationStep::Approved,
        AffiliationStep::Renewed,
        AffiliationStep::Lapsed,
    ] {
        let err = affiliation::record(&admin, &org.id, step, StepInput::default())
            .await
            .expect_err("refused");
        assert_eq!(err.kind, ErrorKind::Conflict, "{step:?}: {err:?}");
        assert!(
            err.message.contains("not enquired or applied"),
            "{}",
            err.message
        );
    }
    affiliation::record(
        &admin,
        &org.id,
        AffiliationStep::Applied,
        on(days_ago(10), ""),
    )
    .await
    .expect("apply");
    affiliation::record(
        &admin,
        &org.id,
        AffiliationStep::Declined,
        on(days_ago(5), "Not a parent-led group"),
    )
    .await
    .expect("decline");
    // Renewing a declined application.
    let err = affiliation::record(
        &admin,
        &org.id,
        AffiliationStep::Renewed,
        StepInput::default(),
    )
    .await
    .expect_err("cannot renew a declined application");
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert_eq!(
        err.message,
        "Only an affiliated group can renew: its affiliation is declined."
    );
    // A date before the last step, and a date in the future.
    let message = field_error(
        affiliation::record(
            &admin,
            &org.id,
            AffiliationStep::Applied,
            on(days_ago(6), ""),
        )
        .await,
        "onDate",
    )
    .await;
    assert!(message.contains("on or after"), "{message}");
    let message = field_error(
        affiliation::record(
            &admin,
            &org.id,
            AffiliationStep::Applied,
            on(days_ago(-3), ""),
        )
        .await,
        "onDate",
    )
    .await;
    assert!(message.contains("today or in the past"), "{message}");
    let message = field_error(
        affiliation::record(
            &admin,
            &org.id,
            AffiliationStep::Applied,
            StepInput {
                on_date: "31/02/2026".into(),
                ..Default::default()
            },
        )
        .await,
        "onDate",
    )
    .await;
    assert!(!message.is_empty());
    // Unknown terms version.
    let message = field_error(
        affiliation::record(
            &admin,
            &org.id,
            AffiliationStep::Applied,
            StepInput {
                terms_version: Some(9),
                ..Default::default()
            },
        )
        .await,
        "termsVersion",
    )
    .await;
    assert!(message.contains("from 1 to 1"), "{message}");
    // An oversized note.
    let message = field_error(
        affiliation::record(
            &admin,
            &org.id,
            AffiliationStep::Applied,
            StepInput {
                note: "x".repeat(2001),
                ..Default::default()
            },
        )
        .await,
        "note",
    )
    .await;
    assert!(message.contains("2000 characters or fewer"), "{message}");
}

#[tokio::test]
async fn a_group_applies_under_the_terms_version_current_at_the_time() {
    let (_forum, admin) = new_forum().await;
    let preston = area(&admin, "Preston", "PR1").await;
    let early = organisation::create(&admin, group("Early Group", &[&preston]))
        .await
        .expect("early");
    affiliation::record(
        &admin,
        &early.id,
        AffiliationStep::Applied,
        StepInput::default(),
    )
    .await
    .expect("apply under v1");
    let message = field_error(affiliation::add_terms(&admin, "  ").await, "text").await;
    assert!(message.contains("Enter the terms"), "{message}");
    let v2 = affiliation::add_terms(
        &admin,
        "Version two: the group also shares an annual reach estimate.",
    )
    .await
    .expect("v2");
    assert_eq!(v2.version, 2);
    let late = organisation::create(&admin, group("Late Group", &[&preston]))
        .await
        .expect("late");
    let late = affiliation::record(
        &admin,
        &late.id,
        AffiliationStep::Applied,
        StepInput::default(),
    )
    .await
    .expect("apply under v2");
    let early = organisation::get(&admin, &early.id).await.expect("early");
    assert_eq!(early.affiliation.and_then(|a| a.terms_version), Some(1));
    assert_eq!(late.affiliation.and_then(|a| a.terms_version), Some(2));
    assert_eq!(late.timeline[0].terms_version, Some(2));
    let versions: Vec<i32> = affiliation::terms(&admin)
        .await
        .expect("terms")
        .iter()
        .map(|t| t.version)
        .collect();
    assert_eq!(versions, vec![2, 1]);
}

#[tokio::test]
async fn a_renewal_cannot_be_dated_before_the_approval() {
    let (_forum, admin) = new_forum().await;
    let preston = area(&admin, "Preston", "PR1").await;
    let org = organisation::create(&admin, group("Leyland Sunflowers", &[&preston]))
        .await
        .expect("create");
    affiliation::record(
        &admin,
        &org.id,
        AffiliationStep::Applied,
        on(days_ago(30), ""),
    )
    .await
    .expect("apply");
    affiliation::record(
        &admin,
        &org.id,
        AffiliationStep::Approved,
        on(days_ago(20), ""),
    )
    .await
    .expect("approve");
    let message = field_error(
        affiliation::record(
            &admin,
            &org.id,
            AffiliationStep::Renewed,
            on(days_ago(25), ""),
        )
        .await,
        "onDate",
    )
    .await;
    assert!(message.contains("on or after"), "{message}");
}

#[tokio::test]
async fn bad_organisation_details_get_field_errors_and_hostile_text_is_kept_as_text() {
    let (_forum, admin) = new_forum().await;
    let preston = area(&admin, "Preston", "PR1").await;
    let err = organisation::create(&admin, OrganisationInput::default())
        .await
        .expect_err("empty form");
    for field in ["name", "kind", "areaIds", "needs"] {
        assert!(err.fields.contains_key(field), "{field}: {err:?}");
    }
    let bad = OrganisationInput {
        website: "javascript:alert(1)".into(),
        public_email: "not an address".into(),
        public_phone: "12".into(),
        families_reached: "lots".into(),
        notes: "n".repeat(5001),
        area_ids: vec!["no-such-area".into()],
        ..group("Fine Name", &[])
    };
    let err = organisation::create(&admin, bad).await.expect_err("bad");
    for field in [
        "website",
        "publicEmail",
        "publicPhone",
        "familiesReached",
        "notes",
        "areaIds",
    ] {
        assert!(err.fields.contains_key(field), "{field}: {err:?}");
    }
    let future = OrganisationInput {
        families_reached: "120".into(),
        families_estimated_on: days_ago(-10).to_string(),
        ..group("Fine Name", &[&preston])
    };
    let message = field_error(
        organisation::create(&admin, future).await,
        "familiesEstimatedOn",
    )
    .await;
    assert!(message.contains("today or in the past"), "{message}");

    let hostile = OrganisationInput {
        name: "=HYPERLINK(\"http://evil\") <script>alert(1)</script>".into(),
        website: "www.parents.org.uk".into(),
        public_email: "Hello@Parents.org.uk".into(),
        public_phone: "01772 123456".into(),
        families_reached: "about 1,200".into(),
        needs: vec![Need::Asd, Need::Slcn, Need::Asd],
        all_needs: false,
        notes: "'; DROP TABLE organisations; --".into(),
        ..group("x", &[&preston, &preston])
    };
    let org = organisation::create(&admin, hostile)
        .await
        .expect("stored as text");
    assert_eq!(
        org.name,
        "=HYPERLINK(\"http://evil\") <script>alert(1)</script>"
    );
    assert_eq!(org.website.as_deref(), Some("https://www.parents.org.uk"));
    assert_eq!(org.public_phone.as_deref(), Some("+441772123456"));
    assert_eq!(org.public_phone_display.as_deref(), Some("01772 123456"));
    assert_eq!(org.families_reached, Some(1200));
    assert_eq!(
        org.families_estimated_on,
        Some(id::today_london().to_string())
    );
    assert_eq!(org.needs, vec![Need::Asd, Need::Slcn]);
    assert_eq!(org.areas.len(), 1);
    assert_eq!(
        org.notes.as_deref(),
        Some("'; DROP TABLE organisations; --")
    );
    let listed = organisation::list(&admin, &OrganisationFilter::default())
        .await
        .expect("list");
    assert_eq!(listed.len(), 1);
}

#[tokio::test]
async fn an_organisation_with_history_is_archived_not_deleted() {
    let (_forum, admin) = new_forum().await;
    let preston = area(&admin, "Preston", "PR1").await;
    let empty = organisation::create(&admin, group("Typo Group", &[&preston]))
        .await
        .expect("create");
    assert_eq!(
        organisation::remove(&admin, &empty.id)
            .await
            .expect("remove"),
        RemoveOutcome::Deleted
    );
    assert_eq!(
        organisation::get(&admin, &empty.id)
            .await
            .expect_err("gone")
            .kind,
        ErrorKind::NotFound
    );
    let org = affiliation::new_enquiry(
        &admin,
        group("Real Group", &[&preston]),
        StepInput::default(),
    )
    .await
    .expect("enquiry");
    assert_eq!(
        organisation::remove(&admin, &org.id).await.expect("remove"),
        RemoveOutcome::Archived
    );
    let kept = organisation::get(&admin, &org.id).await.expect("kept");
    assert!(kept.archived);
    assert_eq!(kept.timeline.len(), 1, "its history is kept");
    assert!(organisation::list(&admin, &OrganisationFilter::default())
        .await
        .expect("list")
        .is_empty());
    let all = OrganisationFilter {
        include_archived: true,
        ..Default::default()
    };
    assert_eq!(
        organisation::list(&admin, &all).await.expect("list").len(),
        1
    );
    let err = organisation::update(&admin, &org.id, group("Renamed", &[&preston]))
        .await
        .expect_err("archived");
    assert_eq!(err.kind, ErrorKind::Conflict);
}

#[tokio::test]
async fn contacts_and_co_opted_leaders() {
    let (_forum, admin) = new_forum().await;
    let preston = area(&admin, "Preston", "PR1").await;
    let ada = member(&admin, "Ada", "PR1 2HE", MembershipStatus::Active).await;
    let a = organisation::create(&admin, group("Group A", &[&preston]))
        .await
        .expect("a");
    let b = organisation::create(&admin, group("Group B", &[&preston]))
        .await
        .expect("b");
    let lead = |role: &str| ContactInput {
        person_id: ada.clone(),
        role: role.into(),
    };
    contacts::add(&admin, &a.id, lead("Lead"))
        .await
        .expect("lead at a");
    let b_page = contacts::add(&admin, &b.id, lead("Treasurer"))
        .await
        .expect("treasurer at b");
    assert_eq!(b_page.contacts.len(), 1);
    assert_eq!(b_page.contacts[0].first_name, "Ada");
    let message = field_error(contacts::add(&admin, &a.id, lead("Lead")).await, "role").await;
    assert!(message.contains("already recorded as Lead"), "{message}");
    let message = field_error(
        contacts::add(
            &admin,
            &a.id,
            ContactInput {
                person_id: "nobody".into(),
                role: "Lead".into(),
            },
        )
        .await,
        "personId",
    )
    .await;
    assert!(!message.is_empty());

    let page = co_option::co_opt(
        &admin,
        &a.id,
        CoOptionInput {
            person_id: ada.clone(),
            from_on: days_ago(100).to_string(),
            ..Default::default()
        },
    )
    .await
    .expect("co-opt");
    assert_eq!(page.co_options.len(), 1);
    let serving = co_option::serving(&admin).await.expect("serving");
    assert_eq!(serving.len(), 1);
    assert_eq!(serving[0].organisation_name, "Group A");
    let bad_end = CoOptionInput {
        person_id: ada.clone(),
        from_on: days_ago(10).to_string(),
        until_on: days_ago(20).to_string(),
        ..Default::default()
    };
    let message = field_error(co_option::co_opt(&admin, &a.id, bad_end).await, "untilOn").await;
    assert!(message.contains("on or after the start"), "{message}");
    let ended = co_option::end(&admin, &a.id, &page.co_options[0].id, "")
        .await
        .expect("end");
    assert!(ended.co_options[0].until_on.is_some());
    // Ended today: still serving today, gone tomorrow; ending twice is refused.
    let err = co_option::end(&admin, &a.id, &page.co_options[0].id, "")
        .await
        .expect_err("twice");
    assert_eq!(err.kind, ErrorKind::Conflict);
    let page = contacts::remove(
        &admin,
        &a.id,
        &contacts::add(&admin, &a.id, lead("Deputy"))
            .await
            .expect("deputy")
            .contacts
            .iter()
            .find(|c| c.role == "Deputy")
            .expect("deputy")
            .id,
    )
    .await
    .expect("remove");
    assert_eq!(
        page.contacts
            .iter()
            .map(|c| c.role.as_str())
            .collect::<Vec<_>>(),
        vec!["Lead"]
    );
}

async fn affiliate(s: &Session, org_id: &str, approved_days_ago: i64) {
    affiliation::record(
        s,
        org_id,
        AffiliationStep::Applied,
        on(days_ago(approved_days_ago + 5), ""),
    )
    .await
    .expect("apply");
    affiliation::record(
        s,
        org_id,
        AffiliationStep::Approved,
        on(days_ago(approved_days_ago), ""),
    )
    .await
    .expect("approve");
}

#[tokio::test]
async fn the_renewals_list_shows_overdue_and_due_within_sixty_days() {
    let (_forum, admin) = new_forum().await;
    let preston = area(&admin, "Preston", "PR1").await;
    let overdue = organisation::create(&admin, group("Overdue Group", &[&preston]))
        .await
        .expect("o");
    let soon = organisation::create(&admin, group("Soon Group", &[&preston]))
        .await
        .expect("s");
    let later = organisation::create(&admin, group("Later Group", &[&preston]))
        .await
        .expect("l");
    affiliate(&admin, &overdue.id, 400).await; // due about 35 days ago
    affiliate(&admin, &soon.id, 330).await; // due in about 35 days
    affiliate(&admin, &later.id, 200).await; // due in about 165 days
    let list = renewals::renewals(&admin).await.expect("renewals");
    let names =
        |rows: &[renewals::RenewalDue]| rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&list.overdue), vec!["Overdue Group"]);
    assert_eq!(names(&list.due_soon), vec!["Soon Group"]);
    assert!(list.overdue[0].days < 0 && list.due_soon[0].days > 0);
    let due = OrganisationFilter {
        status: Some(AffiliationStatus::RenewalDue),
        ..Default::default()
    };
    let listed = organisation::list(&admin, &due).await.expect("list");
    assert_eq!(
        listed.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
        vec!["Overdue Group"]
    );
    assert_eq!(listed[0].status, Some(AffiliationStatus::RenewalDue));
}

#[tokio::test]
async fn partner_bodies_with_no_affiliation_can_be_listed_on_their_own() {
    let (_forum, admin) = new_forum().await;
    let preston = area(&admin, "Preston", "PR1").await;
    let council = organisation::create(
        &admin,
        OrganisationInput {
            kind: Some(OrganisationKind::LocalAuthority),
            ..group("Lancashire SEND Team", &[&preston])
        },
    )
    .await
    .expect("council");
    organisation::create(
        &admin,
        OrganisationInput {
            kind: Some(OrganisationKind::Nhs),
            ..group("Lancashire ICB", &[&preston])
        },
    )
    .await
    .expect("icb");
    let enquired = organisation::create(&admin, group("Enquired Group", &[&preston]))
        .await
        .expect("enquired");
    affiliation::record(
        &admin,
        &enquired.id,
        AffiliationStep::Enquiry,
        StepInput::default(),
    )
    .await
    .expect("enquiry");
    // A group that withdrew still has an affiliation on record, so it is not a partner body.
    let withdrawn = organisation::create(&admin, group("Withdrawn Group", &[&preston]))
        .await
        .expect("withdrawn");
    for step in [AffiliationStep::Enquiry, AffiliationStep::Withdrawn] {
        affiliation::record(&admin, &withdrawn.id, step, StepInput::default())
            .await
            .expect("step");
    }
    let names = |rows: &[organisation::OrganisationSummary]| {
        rows.iter().map(|o| o.name.clone()).collect::<Vec<_>>()
    };
    let none = OrganisationFilter {
        without_affiliation: true,
        ..Default::default()
    };
    let listed = organisation::list(&admin, &none).await.expect("list");
    assert_eq!(
        names(&listed),
        vec!["Lancashire ICB", "Lancashire SEND Team"]
    );
    assert!(listed.iter().all(|o| o.status.is_none()));
    let councils = OrganisationFilter {
        kind: Some(OrganisationKind::LocalAuthority),
        ..none.clone()
    };
    let listed = organisation::list(&admin, &councils).await.expect("list");
    assert_eq!(names(&listed), vec!["Lancashire SEND Team"]);
    assert_eq!(listed[0].id, council.id);
    // Unfiltered, the list still has the groups with an affiliation.
    let all = organisation::list(&admin, &OrganisationFilter::default())
        .await
        .expect("all");
    assert_eq!(
        names(&all),
        vec![
            "Enquired Group",
            "Lancashire ICB",
            "Lancashire SEND Team",
            "Withdrawn Group"
        ]
    );
}

/// The seeded data set of the reach test, computed by hand:
///
/// | area    | direct | groups | families via groups | also members | combined |
/// |---------|--------|--------|---------------------|--------------|----------|
/// | Burnley | 3      | 2      | 50 + 31 = 81        | 1 (Ada)      | 83       |
/// | Preston | 2      | 1      | 50                  | 0            | 52       |
/// | No area | 1      | 0      | 0                   | 0            | 1        |
/// | All     | 6      | 2      | 131                 | 1            | 136      |
#[tokio::test]
async fn reach_matches_the_hand_computed_figures() {
    let (_forum, admin) = new_forum().await;
    let burnley = area(&admin, "Burnley", "BB10 BB11").await;
    let preston = area(&admin, "Preston", "PR1").await;
    let ada = member(&admin, "Ada", "BB10 1AA", MembershipStatus::Active).await;
    member(&admin, "Ben", "BB10 2AA", MembershipStatus::Active).await;
    member(&admin, "Cy", "BB11 1AA", MembershipStatus::Active).await;
    let dee = member(&admin, "Dee", "PR1 2HE", MembershipStatus::Active).await;
    member(&admin, "Eve", "PR1 3AB", MembershipStatus::Active).await;
    member(&admin, "Fay", "", MembershipStatus::Active).await;
    // Not direct members: a lapsed member and an applicant.
    let gus = member(&admin, "Gus", "BB10 3AA", MembershipStatus::Active).await;
    membership::lapse(&admin, &gus, MembershipDateInput::default())
        .await
        .expect("lapse");
    member(&admin, "Hal", "BB10 4AA", MembershipStatus::Applicant).await;

    // G1: both areas, 100 families, autism.
    let g1 = organisation::create(
        &admin,
        OrganisationInput {
            all_needs: false,
            needs: vec![Need::Asd],
            families_reached: "100".into(),
            families_estimated_on: "2026-01-10".into(),
            ..group("G1", &[&burnley, &preston])
        },
    )
    .await
    .expect("g1");
    // G2: Burnley only, 31 families, all needs.
    let g2 = organisation::create(
        &admin,
        OrganisationInput {
            families_reached: "31".into(),
            families_estimated_on: "2026-06-01".into(),
            ..group("G2", &[&burnley])
        },
    )
    .await
    .expect("g2");
    // G3 only enquired; G4 was affiliated but is archived.
    let g3 = organisation::create(
        &admin,
        OrganisationInput {
            families_reached: "500".into(),
            ..group("G3", &[&preston])
        },
    )
    .await
    .expect("g3");
    let g4 = organisation::create(
        &admin,
        OrganisationInput {
            families_reached: "70".into(),
            ..group("G4", &[&preston])
        },
    )
    .await
    .expect("g4");
    affiliate(&admin, &g1.id, 30).await;
    affiliate(&admin, &g2.id, 30).await;
    affiliation::record(
        &admin,
        &g3.id,
        AffiliationStep::Enquiry,
        StepInput::default(),
    )
    .await
    .expect("g3 enquiry");
    affiliate(&admin, &g4.id, 30).await;
    organisation::remove(&admin, &g4.id)
        .await
        .expect("archive g4");
    // Ada helps run G1 and G2 (counted once); Dee runs G2, which does not cover her area;
    // Gus (lapsed) runs G1.
    for (person, org) in [
        (&ada, &g1.id),
        (&ada, &g2.id),
        (&dee, &g2.id),
        (&gus, &g1.id),
    ] {
        contacts::add(
            &admin,
            org,
            ContactInput {
                person_id: person.clone(),
                role: "Lead".into(),
            },
        )
        .await
        .expect("contact");
    }

    let reach = reach::reach(&admin).await.expect("reach");
    let rows: Vec<(String, u32, u32, u32, u32, u32)> = reach
        .by_area
        .iter()
        .map(|r| {
            (
                r.area_name.clone(),
                r.direct_members,
                r.affiliated_groups,
                r.families_via_groups,
                r.also_members,
                r.combined,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("Burnley".into(), 3, 2, 81, 1, 83),
            ("Preston".into(), 2, 1, 50, 0, 52),
            ("No area".into(), 1, 0, 0, 0, 1),
        ]
    );
    let t = &reach.total;
    assert_eq!(
        (
            t.direct_members,
            t.affiliated_groups,
            t.families_via_groups,
            t.also_members,
            t.combined
        ),
        (6, 2, 131, 1, 136)
    );
    let needs: Vec<(Option<Need>, u32, u32)> = reach
        .by_need
        .iter()
        .map(|n| (n.need, n.affiliated_groups, n.families_via_groups))
        .collect();
    assert_eq!(needs, vec![(Some(Need::Asd), 1, 100), (None, 1, 31)]);
    assert_eq!(reach.oldest_estimate_on.as_deref(), Some("2026-01-10"));
    assert_eq!(reach.groups_without_estimate, 0);
}

#[tokio::test]
async fn volunteers_see_groups_but_cannot_manage_them() {
    let (forum, admin) = new_forum().await;
    let preston = area(&admin, "Preston", "PR1").await;
    let org = organisation::create(&admin, group("Group", &[&preston]))
        .await
        .expect("create");
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
    assert_eq!(
        organisation::get(&volunteer, &org.id)
            .await
            .expect("view")
            .name,
        "Group"
    );
    assert!(renewals::renewals(&volunteer).await.is_ok());
    assert!(reach::reach(&volunteer).await.is_ok());
    for err in [
        organisation::update(&volunteer, &org.id, group("Renamed", &[&preston]))
            .await
            .expect_err("update"),
        organisation::create(&volunteer, group("New", &[&preston]))
            .await
            .expect_err("create"),
        organisation::remove(&volunteer, &org.id)
            .await
            .map(|_| ())
            .expect_err("remove"),
    ] {
        assert_eq!(err.kind, ErrorKind::Forbidden, "{err:?}");
    }
    assert_eq!(
        organisation::list(&kiosk, &OrganisationFilter::default())
            .await
            .expect_err("kiosk")
            .kind,
        ErrorKind::Forbidden
    );
}
