//! The membership lifecycle on a real encrypted database: every transition and the ones that
//! are refused, effective dates, the history and the audit trail, the forum's renewal and
//! lapsing settings, roles, and hostile leaving reasons.

mod common;

use common::*;
use forumdesk::id::today_london;
use forumdesk::members::membership::{self, LeavingInput, MembershipDateInput};
use forumdesk::members::model::{MemberType, MembershipEventKind, MembershipStatus};
use forumdesk::members::{self, MemberDetails, MemberRecord, Membership, MembershipStart};
use forumdesk::settings::{self, MembershipSettings};
use forumdesk::{ErrorKind, Role, Session};
use time::{Date, Duration};

fn details(first: &str, last: &str) -> MemberDetails {
    MemberDetails {
        first_name: first.into(),
        last_name: last.into(),
        member_type: Some(MemberType::ParentCarer),
        ..Default::default()
    }
}

async fn add(s: &Session, status: MembershipStatus, joined_on: Date) -> MemberRecord {
    members::create(
        s,
        details("Sam", "Okafor"),
        MembershipStart {
            status: Some(status),
            joined_on: Some(joined_on.to_string()),
        },
    )
    .await
    .expect("create member")
}

fn on(date: Date) -> MembershipDateInput {
    MembershipDateInput {
        on_date: date.to_string(),
    }
}

fn today() -> MembershipDateInput {
    MembershipDateInput::default()
}

fn leaving(date: &str, reason: &str) -> LeavingInput {
    LeavingInput {
        on_date: date.into(),
        reason: reason.into(),
    }
}

fn membership(record: &MemberRecord) -> Membership {
    record.membership.clone().expect("a membership")
}

fn iso(date: Date) -> Option<String> {
    Some(date.to_string())
}

/// The same month arithmetic as the core, written out independently.
fn months_after(date: Date, months: i32) -> Date {
    let total = date.year() * 12 + i32::from(u8::from(date.month())) - 1 + months;
    let month = time::Month::try_from(u8::try_from(total.rem_euclid(12) + 1).expect("month"))
        .expect("month");
    let year = total.div_euclid(12);
    Date::from_calendar_date(year, month, date.day().min(month.length(year))).expect("date")
}

/// Audit actions for one person, oldest first, read outside any session.
async fn audit_actions(forum: &Forum, person_id: &str) -> Vec<(String, String)> {
    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    sqlx::query_as(
        "SELECT action, changes FROM audit_log WHERE entity_id = ? AND action LIKE 'membership.%' \
         ORDER BY seq",
    )
    .bind(person_id)
    .fetch_all(&mut conn)
    .await
    .expect("audit rows")
}

fn kinds(events: &[membership::MembershipEvent]) -> Vec<MembershipEventKind> {
    events.iter().map(|e| e.kind).collect()
}

#[tokio::test]
async fn an_applicant_is_approved_from_a_date_and_the_renewal_follows_the_forum_period() {
    let (forum, admin) = new_forum().await;
    settings::update_membership(
        &admin,
        MembershipSettings {
            renewal_months: 6,
            lapse_after_days: 90,
        },
    )
    .await
    .expect("settings");
    let applied = today_london() - Duration::days(20);
    let approved_on = today_london() - Duration::days(5);
    let member = add(&admin, MembershipStatus::Applicant, applied).await;
    assert_eq!(membership(&member).status, MembershipStatus::Applicant);
    // Applying is not joining: the membership row has the date they applied, and the history
    // starts when they are approved.
    assert_eq!(membership(&member).joined_on, iso(applied));
    assert_eq!(
        membership(&member).renewal_due_on,
        None,
        "nothing to renew until they are approved"
    );
    let history = membership::history(&admin, &member.id)
        .await
        .expect("history");
    assert!(history.is_empty(), "{history:?}");

    let approved = membership::approve(&admin, &member.id, on(approved_on))
        .await
        .expect("approve");
    let m = membership(&approved);
    assert_eq!(m.status, MembershipStatus::Active);
    assert_eq!(m.joined_on, iso(approved_on));
    assert_eq!(m.renewal_due_on, iso(months_after(approved_on, 6)));

    let history = membership::history(&admin, &member.id)
        .await
        .expect("history");
    assert_eq!(
        kinds(&history),
        [MembershipEventKind::Joined],
        "joined once"
    );
    assert_eq!(history[0].on_date, approved_on.to_string());
    assert_eq!(history[0].recorded_by.as_deref(), Some("Alex Chair"));

    let err = membership::approve(&admin, &member.id, today())
        .await
        .expect_err("already active");
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert_eq!(err.message, "Only an applicant can be approved.");

    let audit = audit_actions(&forum, &member.id).await;
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert_eq!(audit[0].0, "membership.approved");
    assert!(audit[0].1.contains(&approved_on.to_string()), "{audit:?}");
    admin.lock().await;
}

#[tokio::test]
async fn an_applicant_cannot_be_approved_before_they_applied_or_in_the_future() {
    let (_forum, admin) = new_forum().await;
    let applied = today_london() - Duration::days(10);
    let member = add(&admin, MembershipStatus::Applicant, applied).await;
    let err = membership::approve(&admin, &member.id, on(applied - Duration::DAY))
        .await
        .expect_err("before applying");
    assert_eq!(err.kind, ErrorKind::Validation);
    let message = &err.fields["onDate"];
    assert!(message.contains("when they applied"), "{message}");

    let err = membership::approve(&admin, &member.id, on(today_london() + Duration::DAY))
        .await
        .expect_err("future");
    assert!(
        err.fields["onDate"].starts_with("The date must be today or in the past"),
        "{:?}",
        err.fields
    );

    for unreadable in ["31/02/2025", "next tuesday", "2025-13-01"] {
        let err = membership::approve(
            &admin,
            &member.id,
            MembershipDateInput {
                on_date: unreadable.into(),
            },
        )
        .await
        .expect_err("unreadable");
        assert_eq!(err.kind, ErrorKind::Validation, "{unreadable}");
        assert!(err.fields.contains_key("onDate"), "{unreadable}: {err:?}");
    }
    // Nothing was changed by the refusals: still an applicant, with no history yet.
    let history = membership::history(&admin, &member.id)
        .await
        .expect("history");
    assert_eq!(kinds(&history), []);
    let still = members::get(&admin, &member.id).await.expect("get");
    assert_eq!(membership(&still).status, MembershipStatus::Applicant);
    admin.lock().await;
}

#[tokio::test]
async fn a_late_renewal_runs_a_full_period_from_the_day_of_renewing() {
    let (forum, admin) = new_forum().await;
    let joined = today_london() - Duration::days(400);
    let member = add(&admin, MembershipStatus::Active, joined).await;
    assert_eq!(
        membership(&member).status,
        MembershipStatus::RenewalDue,
        "an active membership past its renewal date shows as renewal due"
    );
    let renewed = membership::renew(&admin, &member.id, today())
        .await
        .expect("renew");
    let m = membership(&renewed);
    assert_eq!(m.status, MembershipStatus::Active);
    assert_eq!(m.renewal_due_on, iso(months_after(today_london(), 12)));
    assert_eq!(m.joined_on, iso(joined), "renewing keeps the joining date");

    let history = membership::history(&admin, &member.id)
        .await
        .expect("history");
    assert_eq!(
        kinds(&history),
        [MembershipEventKind::Renewed, MembershipEventKind::Joined]
    );
    assert_eq!(history[0].on_date, today_london().to_string());
    let audit = audit_actions(&forum, &member.id).await;
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].0, "membership.renewed");
    // The same late renewal recorded again the same day (a double click) adds nothing.
    let err = membership::renew(&admin, &member.id, today())
        .await
        .expect_err("recorded twice");
    assert_eq!(err.kind, ErrorKind::Conflict, "{err:?}");
    let again = members::get(&admin, &member.id).await.expect("get");
    assert_eq!(
        membership(&again).renewal_due_on,
        iso(months_after(today_london(), 12))
    );
    admin.lock().await;
}

#[tokio::test]
async fn an_early_renewal_keeps_the_time_left_and_cannot_be_recorded_twice() {
    let (_forum, admin) = new_forum().await;
    let joined = today_london() - Duration::days(300);
    let member = add(&admin, MembershipStatus::Active, joined).await;
    let due = months_after(joined, 12);
    assert_eq!(membership(&member).renewal_due_on, iso(due));
    let renewed = membership::renew(&admin, &member.id, today())
        .await
        .expect("renew");
    let new_due = months_after(due, 12);
    assert_eq!(membership(&renewed).renewal_due_on, iso(new_due));

    let err = membership::renew(&admin, &member.id, today())
        .await
        .expect_err("renewed already");
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert!(
        err.message
            .starts_with("Their membership is already renewed until"),
        "{}",
        err.message
    );
    let history = membership::history(&admin, &member.id)
        .await
        .expect("history");
    assert_eq!(history.len(), 2, "the refused renewal wrote nothing");
    admin.lock().await;
}

#[tokio::test]
async fn a_lapsed_member_rejoins_and_cannot_renew_or_lapse_again() {
    let (forum, admin) = new_forum().await;
    let joined = today_london() - Duration::days(400);
    let member = add(&admin, MembershipStatus::Active, joined).await;
    let lapsed_on = today_london() - Duration::days(10);
    let lapsed = membership::lapse(&admin, &member.id, on(lapsed_on))
        .await
        .expect("lapse");
    assert_eq!(membership(&lapsed).status, MembershipStatus::Lapsed);

    let err = membership::renew(&admin, &member.id, today())
        .await
        .expect_err("lapsed cannot renew");
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert!(
        err.message.contains("can rejoin instead"),
        "{}",
        err.message
    );
    let err = membership::lapse(&admin, &member.id, today())
        .await
        .expect_err("already lapsed");
    assert_eq!(err.kind, ErrorKind::Conflict);
    let err = membership::approve(&admin, &member.id, today())
        .await
        .expect_err("not an applicant");
    assert_eq!(err.kind, ErrorKind::Conflict);

    // A rejoining cannot be dated before the lapse it follows.
    let err = membership::rejoin(&admin, &member.id, on(lapsed_on - Duration::DAY))
        .await
        .expect_err("before the lapse");
    assert!(
        err.fields["onDate"].contains("when their membership lapsed"),
        "{:?}",
        err.fields
    );
    let rejoined = membership::rejoin(&admin, &member.id, today())
        .await
        .expect("rejoin");
    let m = membership(&rejoined);
    assert_eq!(m.status, MembershipStatus::Active);
    assert_eq!(m.renewal_due_on, iso(months_after(today_london(), 12)));
    assert_eq!(m.joined_on, iso(joined), "the first joining date is kept");

    let history = membership::history(&admin, &member.id)
        .await
        .expect("history");
    assert_eq!(
        kinds(&history),
        [
            MembershipEventKind::Rejoined,
            MembershipEventKind::Lapsed,
            MembershipEventKind::Joined
        ]
    );
    let actions: Vec<String> = audit_actions(&forum, &member.id)
        .await
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    assert_eq!(actions, ["membership.lapsed", "membership.rejoined"]);
    admin.lock().await;
}

#[tokio::test]
async fn leaving_needs_a_reason_and_rejoining_clears_it_from_the_record_not_the_history() {
    let (forum, admin) = new_forum().await;
    let joined = today_london() - Duration::days(100);
    let member = add(&admin, MembershipStatus::Active, joined).await;

    let err = membership::leave(&admin, &member.id, leaving("", "  \n "))
        .await
        .expect_err("no reason");
    assert_eq!(err.kind, ErrorKind::Validation);
    assert_eq!(err.fields["reason"], "Enter the reason they left");

    // Every problem on the form at once.
    let future = (today_london() + Duration::days(3)).to_string();
    let err = membership::leave(&admin, &member.id, leaving(&future, ""))
        .await
        .expect_err("two problems");
    assert_eq!(
        err.fields.keys().collect::<Vec<_>>(),
        ["onDate", "reason"],
        "{err:?}"
    );
    assert_eq!(err.message, "There are 2 problems with what was entered.");

    let before_joining = (joined - Duration::DAY).to_string();
    let err = membership::leave(&admin, &member.id, leaving(&before_joining, "Moved away"))
        .await
        .expect_err("before joining");
    assert!(
        err.fields["onDate"].contains("when they joined"),
        "{:?}",
        err.fields
    );

    let left_on = today_london() - Duration::days(2);
    let left = membership::leave(
        &admin,
        &member.id,
        leaving(
            &left_on.to_string(),
            "  Moved out of the area\r\nto Leeds  ",
        ),
    )
    .await
    .expect("leave");
    let m = membership(&left);
    assert_eq!(m.status, MembershipStatus::Left);
    assert_eq!(m.left_on, iso(left_on));
    assert_eq!(
        m.leaving_reason.as_deref(),
        Some("Moved out of the area\nto Leeds")
    );

    let err = membership::leave(&admin, &member.id, leaving("", "Again"))
        .await
        .expect_err("already left");
    assert_eq!(err.kind, ErrorKind::Conflict);
    let err = membership::renew(&admin, &member.id, today())
        .await
        .expect_err("left cannot renew");
    assert_eq!(err.kind, ErrorKind::Conflict);

    let rejoined = membership::rejoin(&admin, &member.id, today())
        .await
        .expect("rejoin");
    let m = membership(&rejoined);
    assert_eq!(m.status, MembershipStatus::Active);
    assert_eq!((m.left_on, m.leaving_reason), (None, None));

    let err = membership::rejoin(&admin, &member.id, today())
        .await
        .expect_err("active cannot rejoin");
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert_eq!(err.message, "Only a lapsed or former member can rejoin.");

    let history = membership::history(&admin, &member.id)
        .await
        .expect("history");
    assert_eq!(
        kinds(&history),
        [
            MembershipEventKind::Rejoined,
            MembershipEventKind::Left,
            MembershipEventKind::Joined
        ]
    );
    assert_eq!(
        history[1].reason.as_deref(),
        Some("Moved out of the area\nto Leeds")
    );
    assert_eq!(history[1].on_date, left_on.to_string());

    let audit = audit_actions(&forum, &member.id).await;
    let left_entry = &audit[0];
    assert_eq!(left_entry.0, "membership.left");
    assert!(
        !left_entry.1.contains("Leeds"),
        "the audit trail names the field, never the reason: {}",
        left_entry.1
    );
    admin.lock().await;
}

#[tokio::test]
async fn an_applicant_can_withdraw_and_a_former_applicant_rejoins_as_active() {
    let (_forum, admin) = new_forum().await;
    let member = add(
        &admin,
        MembershipStatus::Applicant,
        today_london() - Duration::days(3),
    )
    .await;
    let left = membership::leave(
        &admin,
        &member.id,
        leaving("", "Withdrew their application"),
    )
    .await
    .expect("withdraw");
    assert_eq!(membership(&left).status, MembershipStatus::Left);
    assert_eq!(membership(&left).left_on, iso(today_london()));
    let rejoined = membership::rejoin(&admin, &member.id, today())
        .await
        .expect("rejoin");
    assert_eq!(membership(&rejoined).status, MembershipStatus::Active);
    // They never joined as an applicant, so the history has no "joined" event.
    let history = membership::history(&admin, &member.id)
        .await
        .expect("history");
    assert_eq!(
        kinds(&history),
        [MembershipEventKind::Rejoined, MembershipEventKind::Left]
    );
    admin.lock().await;
}

#[tokio::test]
async fn hostile_leaving_reasons_are_stored_as_text_and_oversized_ones_refused() {
    let (_forum, admin) = new_forum().await;
    let hostile = [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "<script>alert('x')</script><img src=x onerror=alert(1)>",
        "'; DROP TABLE memberships; --",
        "+cmd|' /C calc'!A0",
        "Moved 🏡 — «Ünïcödé» \t tabbed",
    ];
    for reason in hostile {
        let member = add(
            &admin,
            MembershipStatus::Active,
            today_london() - Duration::days(30),
        )
        .await;
        let left = membership::leave(&admin, &member.id, leaving("", reason))
            .await
            .expect("stored");
        assert_eq!(membership(&left).leaving_reason.as_deref(), Some(reason));
        let history = membership::history(&admin, &member.id)
            .await
            .expect("history");
        assert_eq!(history[0].reason.as_deref(), Some(reason));
    }

    let member = add(
        &admin,
        MembershipStatus::Active,
        today_london() - Duration::days(30),
    )
    .await;
    let at_limit = "x".repeat(2000);
    let err = membership::leave(&admin, &member.id, leaving("", &format!("{at_limit}y")))
        .await
        .expect_err("oversized");
    assert_eq!(err.kind, ErrorKind::Validation);
    assert_eq!(
        err.fields["reason"],
        "The reason for leaving must be 2000 characters or fewer; it is 2001"
    );
    let err = membership::leave(&admin, &member.id, leaving("", "bell\u{7}ring"))
        .await
        .expect_err("control character");
    assert!(err.fields.contains_key("reason"));
    let left = membership::leave(&admin, &member.id, leaving("", &at_limit))
        .await
        .expect("exactly the limit");
    assert_eq!(
        membership(&left).leaving_reason.map(|r| r.len()),
        Some(2000)
    );
    // The tables are still there after the SQL-looking reason.
    let found = forumdesk::members::search::search(&admin, &Default::default())
        .await
        .expect("search");
    assert_eq!(found.total, 6);
    admin.lock().await;
}

#[tokio::test]
async fn changing_the_member_type_is_audited_and_a_no_change_writes_nothing() {
    let (forum, admin) = new_forum().await;
    let member = add(
        &admin,
        MembershipStatus::Active,
        today_london() - Duration::days(30),
    )
    .await;
    let changed = membership::change_type(&admin, &member.id, MemberType::Associate)
        .await
        .expect("change");
    assert_eq!(membership(&changed).member_type, MemberType::Associate);
    membership::change_type(&admin, &member.id, MemberType::Associate)
        .await
        .expect("same type");
    let audit = audit_actions(&forum, &member.id).await;
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert_eq!(audit[0].0, "membership.type_changed");
    assert!(audit[0].1.contains("associate"));
    let history = membership::history(&admin, &member.id)
        .await
        .expect("history");
    assert_eq!(kinds(&history), [MembershipEventKind::Joined]);

    let err = membership::change_type(&admin, "no-such-member", MemberType::Associate)
        .await
        .expect_err("missing");
    assert_eq!(err.kind, ErrorKind::NotFound);
    let err = membership::renew(&admin, "no-such-member", today())
        .await
        .expect_err("missing");
    assert_eq!(err.kind, ErrorKind::NotFound);
    admin.lock().await;
}

#[tokio::test]
async fn overdue_memberships_lapse_after_the_grace_period_once() {
    let (forum, admin) = new_forum().await;
    settings::update_membership(
        &admin,
        MembershipSettings {
            renewal_months: 12,
            lapse_after_days: 30,
        },
    )
    .await
    .expect("settings");
    let long_overdue = add(
        &admin,
        MembershipStatus::Active,
        today_london() - Duration::days(420),
    )
    .await;
    let in_grace = add(
        &admin,
        MembershipStatus::Active,
        today_london() - Duration::days(370),
    )
    .await;
    let current = add(
        &admin,
        MembershipStatus::Active,
        today_london() - Duration::days(10),
    )
    .await;
    let applicant = add(
        &admin,
        MembershipStatus::Applicant,
        today_london() - Duration::days(420),
    )
    .await;

    let report = membership::lapse_overdue(&admin).await.expect("lapse");
    assert_eq!((report.lapsed, report.lapse_after_days), (1, 30));

    let status = |record: MemberRecord| membership(&record).status;
    let get = |id: String| {
        let admin = &admin;
        async move { members::get(admin, &id).await.expect("get") }
    };
    assert_eq!(
        status(get(long_overdue.id.clone()).await),
        MembershipStatus::Lapsed
    );
    assert_eq!(
        status(get(in_grace.id.clone()).await),
        MembershipStatus::RenewalDue
    );
    assert_eq!(
        status(get(current.id.clone()).await),
        MembershipStatus::Active
    );
    assert_eq!(
        status(get(applicant.id.clone()).await),
        MembershipStatus::Applicant
    );

    let history = membership::history(&admin, &long_overdue.id)
        .await
        .expect("history");
    let lapsed = &history[0];
    assert_eq!(lapsed.kind, MembershipEventKind::Lapsed);
    assert_eq!(
        lapsed.recorded_by, None,
        "ForumDesk lapsed it, not a person"
    );
    let due = months_after(today_london() - Duration::days(420), 12);
    assert_eq!(
        lapsed.on_date,
        (due + Duration::days(31)).to_string(),
        "dated the first day after the grace period"
    );
    assert_eq!(
        lapsed.reason.as_deref(),
        Some("Not renewed within 30 days of the renewal date")
    );

    let again = membership::lapse_overdue(&admin).await.expect("again");
    assert_eq!(again.lapsed, 0);
    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    let runs: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'membership.lapsed_overdue'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("count");
    assert_eq!(runs, 1, "a run that lapses nobody writes nothing");
    drop(conn);
    admin.lock().await;
}

#[tokio::test]
async fn membership_settings_are_checked_and_only_admins_change_them() {
    let (forum, admin) = new_forum().await;
    let initial = settings::membership(&admin).await.expect("read");
    assert_eq!(
        initial,
        MembershipSettings {
            renewal_months: 12,
            lapse_after_days: 90
        }
    );
    let err = settings::update_membership(
        &admin,
        MembershipSettings {
            renewal_months: 0,
            lapse_after_days: 731,
        },
    )
    .await
    .expect_err("out of range");
    assert_eq!(
        err.fields.keys().collect::<Vec<_>>(),
        ["lapseAfterDays", "renewalMonths"]
    );
    add_user(&admin, "vol", Role::Volunteer).await;
    let volunteer = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("unlock");
    assert_eq!(
        settings::membership(&volunteer).await.expect("read"),
        initial
    );
    let err = settings::update_membership(&volunteer, initial)
        .await
        .expect_err("volunteer");
    assert_eq!(err.kind, ErrorKind::Forbidden);
    volunteer.lock().await;
    admin.lock().await;
}

#[tokio::test]
async fn volunteers_change_memberships_and_kiosk_accounts_cannot_touch_them() {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "vol", Role::Volunteer).await;
    add_user(&admin, "stall", Role::Kiosk).await;
    let member = add(
        &admin,
        MembershipStatus::Active,
        today_london() - Duration::days(400),
    )
    .await;
    let volunteer = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("unlock");
    membership::renew(&volunteer, &member.id, today())
        .await
        .expect("volunteer renews");
    let history = membership::history(&volunteer, &member.id)
        .await
        .expect("volunteer reads history");
    assert_eq!(history[0].recorded_by.as_deref(), Some("vol Person"));
    volunteer.lock().await;

    let kiosk = forum
        .unlock("stall", &password_for("stall"))
        .await
        .expect("unlock");
    let id = member.id.as_str();
    let attempts = [
        membership::approve(&kiosk, id, today()).await.map(drop),
        membership::renew(&kiosk, id, today()).await.map(drop),
        membership::lapse(&kiosk, id, today()).await.map(drop),
        membership::leave(&kiosk, id, leaving("", "x"))
            .await
            .map(drop),
        membership::rejoin(&kiosk, id, today()).await.map(drop),
        membership::change_type(&kiosk, id, MemberType::Associate)
            .await
            .map(drop),
        membership::history(&kiosk, id).await.map(drop),
        membership::lapse_overdue(&kiosk).await.map(drop),
        settings::membership(&kiosk).await.map(drop),
    ];
    for result in attempts {
        let err = result.expect_err("kiosk refused");
        assert_eq!(err.kind, ErrorKind::Forbidden, "{err:?}");
        assert!(err.message.contains("Kiosk"), "{}", err.message);
    }
    kiosk.lock().await;
    let history = membership::history(&admin, &member.id)
        .await
        .expect("history");
    assert_eq!(history.len(), 2, "the kiosk's attempts wrote nothing");
    admin.lock().await;
}
