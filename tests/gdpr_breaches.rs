//! The breach register: recording and updating breaches (reportable or not), the checks on
//! times and text, the 72-hour ICO deadline for the home screen, audit entries without the
//! free text, and the role rules.

mod common;

use common::*;
use forumdesk::audit::view::{self, AuditFilter};
use forumdesk::gdpr::breaches::{self, BreachInput, BreachStatus, IndividualsTold, RiskLevel};
use forumdesk::{audit, ErrorKind, Role};
use time::OffsetDateTime;

/// A reportable breach discovered `hours_ago` hours ago (happened an hour before).
fn input(hours_ago: i64) -> BreachInput {
    let discovered = forumdesk::id::now_utc() - time::Duration::hours(hours_ago);
    let happened = discovered - time::Duration::hours(1);
    // Typed in UK time, whatever the time of year: GMT in winter, BST (UTC+1) in summer.
    let local = |at: OffsetDateTime| {
        let shift = if is_bst(at) { 1 } else { 0 };
        let l = at + time::Duration::hours(shift);
        (
            l.date().to_string(),
            format!("{:02}:{:02}", l.hour(), l.minute()),
        )
    };
    let (happened_on, happened_time) = local(happened);
    let (discovered_on, discovered_time) = local(discovered);
    BreachInput {
        happened_on,
        happened_time,
        discovered_on,
        discovered_time,
        what_happened:
            "A volunteer e-mailed the May newsletter list with everyone in To:\nSecond line".into(),
        data_affected: "E-mail addresses of members".into(),
        people_affected_count: "120".into(),
        people_affected: "Members on the newsletter list".into(),
        risk_level: Some(RiskLevel::Risk),
        risk_assessment: "Addresses reveal membership of a SEND forum".into(),
        reportable: Some(true),
        individuals_told: Some(IndividualsTold::NotYet),
        ..Default::default()
    }
}

fn is_bst(at: OffsetDateTime) -> bool {
    // Summer time if the UK date at 23:30 UTC is the next day.
    let probe = at.date().with_hms(23, 30, 0).expect("time").assume_utc();
    forumdesk::id::london_date(probe) != at.date()
}

#[tokio::test]
async fn a_reportable_breach_counts_down_72_hours_from_discovery() {
    let (_forum, admin) = new_forum().await;
    let breach = breaches::record(&admin, input(10)).await.expect("record");
    assert_eq!(breach.status, BreachStatus::Open);
    assert!(breach.reportable);
    assert_eq!(breach.people_affected_count, Some(120));
    let discovered = forumdesk::id::parse_rfc3339(&breach.discovered_at).expect("time");
    let deadline = forumdesk::id::parse_rfc3339(&breach.ico_deadline).expect("deadline");
    assert_eq!(deadline - discovered, time::Duration::hours(72));
    // The form gets back what was typed.
    let typed = input(10);
    assert_eq!(breach.discovered_on, typed.discovered_on);
    assert_eq!(breach.discovered_time, typed.discovered_time);

    let due = breaches::deadlines(&admin).await.expect("deadlines");
    assert_eq!(due.len(), 1);
    assert!(!due[0].overdue);
    // 62 hours left, give or take the minute the test takes.
    assert!(
        (61 * 60..=62 * 60).contains(&due[0].minutes_left),
        "{due:?}"
    );
    assert!(
        due[0].in_words.starts_with("2 days 1") || due[0].in_words.starts_with("2 days 2"),
        "{}",
        due[0].in_words
    );
    assert_eq!(
        due[0].summary,
        "A volunteer e-mailed the May newsletter list with everyone in To:"
    );

    // An older one is overdue, and comes first.
    let late = breaches::record(&admin, input(80)).await.expect("late");
    let due = breaches::deadlines(&admin).await.expect("deadlines");
    assert_eq!(due.len(), 2);
    assert_eq!(due[0].id, late.id);
    assert!(due[0].overdue && due[0].minutes_left < 0);
    assert!(
        due[0].in_words.starts_with("overdue by 8 hours"),
        "{}",
        due[0].in_words
    );

    // Reported: it leaves the countdown, and the audit names fields, not text.
    let mut reported = input(80);
    let now = forumdesk::id::now_utc();
    let shift = if is_bst(now) { 1 } else { 0 };
    let local = now + time::Duration::hours(shift) - time::Duration::minutes(5);
    reported.reported_on = local.date().to_string();
    reported.reported_time = format!("{:02}:{:02}", local.hour(), local.minute());
    reported.ico_reference = "IC-123456-A1B2".into();
    let updated = breaches::update(&admin, &late.id, reported)
        .await
        .expect("update");
    assert!(updated.reported_at.is_some());
    assert_eq!(updated.ico_reference.as_deref(), Some("IC-123456-A1B2"));
    let due = breaches::deadlines(&admin).await.expect("deadlines");
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].id, breach.id);

    let entries = view::list(
        &admin,
        &AuditFilter {
            action: Some("breach.updated".into()),
            ..Default::default()
        },
    )
    .await
    .expect("audit");
    assert_eq!(entries.entries.len(), 1);
    let fields = entries.entries[0].changes["fields"].to_string();
    assert!(
        fields.contains("reported_at") && fields.contains("ico_reference"),
        "{fields}"
    );
    assert!(!fields.contains("what_happened"));
    let all = view::export_csv(&admin, &AuditFilter::default())
        .await
        .expect("export");
    let text = String::from_utf8(all.bytes).expect("utf-8");
    assert!(!text.contains("newsletter") && !text.contains("IC-123456"));
    assert!(audit::verify(&admin).await.expect("verify").intact);

    // Closing keeps the closing time; the list shows both, newest discovery first.
    let mut closed = input(10);
    closed.status = Some(BreachStatus::Closed);
    closed.individuals_told = Some(IndividualsTold::No);
    closed.individuals_not_told_reason = "Low risk; addresses only".into();
    closed.actions_taken = "Recalled the e-mail; retrained the volunteer".into();
    closed.lessons_learned = "Use BCC, or the mailing tool".into();
    let closed = breaches::update(&admin, &breach.id, closed)
        .await
        .expect("close");
    assert_eq!(closed.status, BreachStatus::Closed);
    assert!(closed.closed_at.is_some());
    assert!(breaches::deadlines(&admin).await.expect("d").is_empty());
    let list = breaches::list(&admin).await.expect("list");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, breach.id);
    assert_eq!(list[0].recorded_by_name.as_deref(), Some("Alex Chair"));
}

#[tokio::test]
async fn breaches_that_need_no_report_are_logged_with_the_reason() {
    let (_forum, admin) = new_forum().await;
    let mut minor = input(2);
    minor.risk_level = Some(RiskLevel::Unlikely);
    minor.reportable = Some(false);
    let err = breaches::record(&admin, minor.clone())
        .await
        .expect_err("needs a reason");
    assert!(err.fields.contains_key("notReportableReason"), "{err:?}");
    minor.not_reportable_reason = "The laptop was encrypted and recovered the same day".into();
    let saved = breaches::record(&admin, minor).await.expect("logged");
    assert!(!saved.reportable);
    assert!(breaches::deadlines(&admin).await.expect("d").is_empty());

    // Risky but "not reportable" is refused.
    let mut wrong = input(2);
    wrong.reportable = Some(false);
    wrong.not_reportable_reason = "We would rather not".into();
    let err = breaches::record(&admin, wrong).await.expect_err("refused");
    assert!(err.fields.contains_key("reportable"), "{err:?}");
}

#[tokio::test]
async fn times_and_text_are_checked() {
    let (_forum, admin) = new_forum().await;

    // Nothing at all: every required field says what to do.
    let err = breaches::record(&admin, BreachInput::default())
        .await
        .expect_err("empty");
    assert_eq!(err.kind, ErrorKind::Validation);
    for field in [
        "happenedOn",
        "happenedTime",
        "discoveredOn",
        "discoveredTime",
        "whatHappened",
        "dataAffected",
        "peopleAffected",
        "riskLevel",
        "riskAssessment",
        "reportable",
    ] {
        assert!(err.fields.contains_key(field), "{field}: {err:?}");
    }
    assert_eq!(
        err.fields["happenedOn"],
        "Enter the date the breach happened"
    );

    // Discovered before it happened.
    let mut early = input(5);
    std::mem::swap(&mut early.happened_on, &mut early.discovered_on);
    std::mem::swap(&mut early.happened_time, &mut early.discovered_time);
    let err = breaches::record(&admin, early).await.expect_err("order");
    assert_eq!(
        err.fields["discoveredOn"],
        "The breach cannot have been discovered before it happened"
    );

    // In the future.
    let mut future = input(5);
    let next_year = forumdesk::id::today_london().year() + 1;
    future.discovered_on = format!("01/01/{next_year}");
    let err = breaches::record(&admin, future).await.expect_err("future");
    assert!(err.fields["discoveredOn"].contains("must not be in the future"));

    // Bad times and dates, hostile and oversized text.
    let mut bad = input(5);
    bad.happened_time = "25:61".into();
    bad.discovered_on = "31/02/2026".into();
    bad.what_happened = "x".repeat(5001);
    bad.data_affected = "<script>alert(1)</script>\u{0007}".into();
    bad.people_affected_count = "-3".into();
    bad.ico_reference = "ref\nwith a line break".into();
    bad.individuals_told = Some(IndividualsTold::No);
    let err = breaches::record(&admin, bad).await.expect_err("bad");
    for field in [
        "happenedTime",
        "discoveredOn",
        "whatHappened",
        "dataAffected",
        "peopleAffectedCount",
        "icoReference",
        "individualsNotToldReason",
    ] {
        assert!(err.fields.contains_key(field), "{field}: {err:?}");
    }
    assert!(err.fields["whatHappened"].contains("5000 characters or fewer"));

    // Markup and SQL are only text: stored and returned as typed.
    let mut odd = input(5);
    odd.what_happened = "'); DROP TABLE breaches;-- <img src=x onerror=alert(1)>".into();
    let saved = breaches::record(&admin, odd).await.expect("stored");
    assert_eq!(
        breaches::get(&admin, &saved.id)
            .await
            .expect("get")
            .what_happened,
        "'); DROP TABLE breaches;-- <img src=x onerror=alert(1)>"
    );
    let err = breaches::get(&admin, "no-such-id")
        .await
        .expect_err("missing");
    assert_eq!(err.kind, ErrorKind::NotFound);
    let err = breaches::update(&admin, "no-such-id", input(5))
        .await
        .expect_err("missing");
    assert_eq!(err.kind, ErrorKind::NotFound);
}

#[tokio::test]
async fn only_admins_and_officers_keep_the_register() {
    let (forum, admin) = new_forum().await;
    let breach = breaches::record(&admin, input(3)).await.expect("record");
    add_user(&admin, "pat.officer", Role::Officer).await;
    add_user(&admin, "sam.helper", Role::Volunteer).await;
    add_user(&admin, "kim.kiosk", Role::Kiosk).await;
    let officer = forum
        .unlock("pat.officer", &password_for("pat.officer"))
        .await
        .expect("officer");
    assert_eq!(breaches::list(&officer).await.expect("list").len(), 1);
    breaches::record(&officer, input(1))
        .await
        .expect("officer records");
    for name in ["sam.helper", "kim.kiosk"] {
        let s = forum
            .unlock(name, &password_for(name))
            .await
            .expect("unlock");
        assert_eq!(
            breaches::list(&s).await.expect_err("list").kind,
            ErrorKind::Forbidden
        );
        assert_eq!(
            breaches::deadlines(&s).await.expect_err("deadlines").kind,
            ErrorKind::Forbidden
        );
        assert_eq!(
            breaches::record(&s, input(1))
                .await
                .expect_err("record")
                .kind,
            ErrorKind::Forbidden
        );
        assert_eq!(
            breaches::update(&s, &breach.id, input(1))
                .await
                .expect_err("update")
                .kind,
            ErrorKind::Forbidden
        );
        s.lock().await;
    }
}
