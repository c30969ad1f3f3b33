//! The sign-up kiosk on real encrypted databases: a volunteer's session bound to a drive can
//! do nothing but add sign-ups; leaving needs a volunteer's password (wrong ones refused,
//! throttled and audited); sign-ups land as applicants with the consent ticked and nothing
//! else; children's needs only with special-category consent; hostile input is refused
//! with field errors or stored as plain text.

mod common;
#[path = "common/drives.rs"]
mod drives_common;

use common::*;
use drives_common::*;
use forumdesk::drives::drive;
use forumdesk::drives::kiosk::{self, KioskChild, LeaveKioskInput};
use forumdesk::drives::review;
use forumdesk::members::model::{AgeBand, MembershipStatus, Need, Provision};
use forumdesk::members::search::{self, MemberQuery};
use forumdesk::members::{self, consent};
use forumdesk::{users, Action, ErrorKind, Role, Session};
use sqlx::Connection;

/// A forum with a drive and a volunteer whose session is the kiosk for it.
async fn kiosk() -> (Forum, Session, Session, String) {
    let (forum, admin) = new_forum().await;
    let drive = new_drive(&admin, "Local offer day").await;
    add_user(&admin, "vol", Role::Volunteer).await;
    let session = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("volunteer unlocks");
    let info = kiosk::start(&session, &drive.id).await.expect("start");
    assert_eq!(info.role, Role::Kiosk);
    assert_eq!(
        info.kiosk.as_ref().map(|k| k.drive_name.as_str()),
        Some("Local offer day")
    );
    (forum, admin, session, drive.id)
}

fn leave_input(username: &str, password: &str) -> LeaveKioskInput {
    LeaveKioskInput {
        username: username.into(),
        password: password.into(),
    }
}

/// Rows of a query on the database file itself (the test's own connection).
async fn count(forum: &Forum, sql: &str) -> i64 {
    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("open");
    let n: i64 = sqlx::query_scalar(sql)
        .fetch_one(&mut conn)
        .await
        .expect(sql);
    conn.close().await.ok();
    n
}

#[tokio::test]
async fn a_kiosk_session_is_refused_every_other_action() {
    let (_forum, admin, session, drive_id) = kiosk().await;
    assert_eq!(session.role(), Role::Kiosk);
    for action in Action::ALL {
        let result = session.require(action);
        if action == Action::KioskSignUp {
            assert!(result.is_ok(), "the kiosk may add sign-ups");
        } else {
            let err = result.expect_err(&format!("kiosk must be refused {action:?}"));
            assert_eq!(err.kind, ErrorKind::Forbidden, "{action:?}");
            assert!(err.message.contains("Kiosk"), "{}", err.message);
        }
    }
    // And the real services, not just the gate.
    let refused = |r: forumdesk::Result<()>| {
        assert_eq!(r.expect_err("refused").kind, ErrorKind::Forbidden);
    };
    refused(
        search::search(&session, &MemberQuery::default())
            .await
            .map(drop),
    );
    refused(drive::list(&session).await.map(drop));
    refused(drive::get(&session, &drive_id).await.map(drop));
    refused(users::list(&session).await.map(drop));
    refused(review::pending(&session, None).await.map(drop));
    refused(kiosk::start(&session, &drive_id).await.map(drop));
    refused(consent::purposes(&session).await.map(drop));
    // The one thing it can do, it can.
    let form = kiosk::form(&session).await.expect("form");
    assert_eq!(form.drive_id, drive_id);
    submit(&session, signup("Ada", "Lovelace", "ada@example.org")).await;
    session.lock().await;
    admin.lock().await;
}

#[tokio::test]
async fn the_form_shows_each_consent_statement_unticked() {
    let (_forum, admin, session, _) = kiosk().await;
    let form = kiosk::form(&session).await.expect("form");
    let ids: Vec<&str> = form.purposes.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        ["email_news", "sms", "post", "phone", "surveys", "photos"],
        "every consent purpose but membership admin (not consent) and special category"
    );
    let special = form.special_purpose.as_ref().expect("special purpose");
    assert_eq!(special.id, consent::SPECIAL_CATEGORY);
    assert!(special.statement.contains("special educational needs"));
    assert!(form
        .purposes
        .iter()
        .all(|p| p.version == 1 && !p.statement.is_empty()));
    // Nothing in the form can say "ticked": the type has no such field.
    let json = serde_json::to_value(&form).expect("json");
    assert!(!json.to_string().contains("\"given\""));
    assert_eq!(form.needs.len(), Need::ALL.len());
    assert_eq!(form.age_bands.len(), AgeBand::ALL.len());
    session.lock().await;
    admin.lock().await;
}

#[tokio::test]
async fn leaving_needs_a_volunteers_password_and_wrong_ones_are_audited() {
    let (forum, admin, session, _) = kiosk().await;
    add_user(&admin, "stall", Role::Kiosk).await;
    // Wrong password.
    let err = kiosk::leave(&session, leave_input("", "not the password"))
        .await
        .expect_err("wrong password");
    assert_eq!(err.kind, ErrorKind::Validation);
    assert!(err.fields.contains_key("password"), "{err:?}");
    assert_eq!(session.role(), Role::Kiosk, "still a kiosk");
    // A kiosk account's own right password does not count.
    let err = kiosk::leave(&session, leave_input("stall", &password_for("stall")))
        .await
        .expect_err("a kiosk account cannot end the kiosk");
    assert!(err.fields.contains_key("password"));
    assert_eq!(session.role(), Role::Kiosk);
    assert_eq!(
        count(
            &forum,
            "SELECT count(*) FROM audit_log WHERE action = 'kiosk.leave_refused'"
        )
        .await,
        2
    );
    // The volunteer's own password (blank user name: whoever started it).
    let info = kiosk::leave(&session, leave_input("", &password_for("vol")))
        .await
        .expect("leave");
    assert_eq!(info.role, Role::Volunteer);
    assert!(info.kiosk.is_none());
    assert_eq!(session.role(), Role::Volunteer);
    assert!(search::search(&session, &MemberQuery::default())
        .await
        .is_ok());
    assert!(kiosk::form(&session).await.is_err(), "not a kiosk any more");
    assert_eq!(
        count(
            &forum,
            "SELECT count(*) FROM audit_log WHERE action = 'kiosk.left'"
        )
        .await,
        1
    );
    // Leaving again is not a thing.
    assert_eq!(
        kiosk::leave(&session, leave_input("", &password_for("vol")))
            .await
            .expect_err("not a kiosk")
            .kind,
        ErrorKind::Conflict
    );
    session.lock().await;
    admin.lock().await;
}

#[tokio::test]
async fn an_officers_password_also_ends_the_kiosk_and_guessing_is_throttled() {
    let (_forum, admin, session, _) = kiosk().await;
    add_user(&admin, "officer", Role::Officer).await;
    let info = kiosk::leave(&session, leave_input("officer", &password_for("officer")))
        .await
        .expect("an officer's password");
    assert_eq!(
        info.role,
        Role::Volunteer,
        "the session stays the volunteer's"
    );
    let drive = drive::list(&session).await.expect("list")[0].id.clone();
    kiosk::start(&session, &drive).await.expect("start again");
    for _ in 0..3 {
        let err = kiosk::leave(&session, leave_input("", "guess"))
            .await
            .expect_err("wrong");
        assert_eq!(err.kind, ErrorKind::Validation);
    }
    // The fourth attempt waits, even with the right password.
    let err = kiosk::leave(&session, leave_input("", &password_for("vol")))
        .await
        .expect_err("throttled");
    assert_eq!(err.kind, ErrorKind::Locked, "{err:?}");
    assert_eq!(session.role(), Role::Kiosk);
    session.lock().await;
    admin.lock().await;
}

#[tokio::test]
async fn a_kiosk_account_without_a_drive_is_told_to_ask_a_volunteer() {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "stall", Role::Kiosk).await;
    let session = forum
        .unlock("stall", &password_for("stall"))
        .await
        .expect("unlock");
    let err = kiosk::submit(&session, signup("Ada", "Lovelace", "ada@example.org"))
        .await
        .expect_err("no drive");
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert!(
        err.message.contains("Ask a volunteer to start the kiosk"),
        "{}",
        err.message
    );
    assert!(kiosk::form(&session).await.is_err());
    // And the kiosk role cannot start a kiosk for itself.
    let drive = new_drive(&admin, "Clinic").await;
    assert_eq!(
        kiosk::start(&session, &drive.id)
            .await
            .expect_err("kiosk")
            .kind,
        ErrorKind::Forbidden
    );
    session.lock().await;
    admin.lock().await;
}

#[tokio::test]
async fn a_signup_lands_as_an_applicant_with_the_consent_ticked_and_no_other() {
    let (forum, admin, session, drive_id) = kiosk().await;
    let form = kiosk::form(&session).await.expect("form");
    let mut input = signup("Grace", "Hopper", "Grace.Hopper@Example.org");
    input.phone = "07911 123456".into();
    input.consents = answers(&form, &["email_news", "surveys"]);
    submit(&session, input).await;

    let page = search::search(
        &admin,
        &MemberQuery {
            text: "Hopper".into(),
            ..Default::default()
        },
    )
    .await
    .expect("search finds the sign-up");
    assert_eq!(page.members.len(), 1, "indexed for search");
    let person = members::get(&admin, &page.members[0].id)
        .await
        .expect("record");
    assert_eq!(person.email.as_deref(), Some("Grace.Hopper@example.org"));
    assert_eq!(person.source, "kiosk: Local offer day");
    let membership = person.membership.as_ref().expect("membership");
    assert_eq!(membership.status, MembershipStatus::Applicant);
    assert_eq!(
        membership.recruitment_source.as_deref(),
        Some("Recruitment drive")
    );
    let history = consent::history(&admin, &person.id).await.expect("history");
    // One capture's answers are listed in the purposes' order.
    let given: Vec<(&str, bool, i32, &str)> = history
        .iter()
        .map(|e| {
            (
                e.purpose_id.as_str(),
                e.given,
                e.statement_version,
                e.method.as_str(),
            )
        })
        .collect();
    assert_eq!(
        given,
        [
            ("email_news", true, 1, "kiosk"),
            ("surveys", true, 1, "kiosk")
        ],
        "ticked purposes given; unticked ones not recorded at all"
    );
    assert!(
        history
            .iter()
            .all(|e| e.id == history[0].id && e.at == history[0].at),
        "one sign-up is one capture, made when the person signed up: {history:?}"
    );
    assert_eq!(
        count(&forum, "SELECT count(*) FROM consent_captures").await,
        1
    );
    assert_eq!(
        count(&forum, "SELECT consent_given FROM people").await,
        (1 << 1) | (1 << 5),
        "the consent bits follow the events"
    );
    assert_eq!(
        count(
            &forum,
            &format!("SELECT count(*) FROM memberships WHERE drive_id = '{drive_id}'")
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &forum,
            "SELECT count(*) FROM drive_signups WHERE status = 'pending' AND person_id IS NOT NULL"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &forum,
            "SELECT count(*) FROM audit_log WHERE action = 'drive.signup'"
        )
        .await,
        1
    );
    // The audit entry holds ids, never the person's details.
    assert_eq!(
        count(&forum, "SELECT count(*) FROM audit_log WHERE changes LIKE '%Hopper%' OR changes LIKE '%example.org%'").await,
        0
    );
    session.lock().await;
    admin.lock().await;
}

#[tokio::test]
async fn children_only_with_special_category_consent_in_the_same_submission() {
    let (forum, admin, session, _) = kiosk().await;
    let form = kiosk::form(&session).await.expect("form");
    let child = KioskChild {
        age_band: Some(AgeBand::Age5To10),
        primary_need: Some(Need::Asd),
        provision: Some(Provision::Ehcp),
    };
    let mut input = signup("Mary", "Seacole", "mary@example.org");
    input.consents = answers(&form, &["email_news"]);
    input.children = vec![child.clone()];
    let err = kiosk::submit(&session, input)
        .await
        .expect_err("no special consent");
    assert_eq!(err.kind, ErrorKind::Validation);
    assert!(err.fields["children"].contains("tick the box"), "{err:?}");
    assert_eq!(
        count(&forum, "SELECT count(*) FROM people").await,
        0,
        "nothing written"
    );

    let mut input = signup("Mary", "Seacole", "mary@example.org");
    input.consents = answers(&form, &["email_news", consent::SPECIAL_CATEGORY]);
    input.children = vec![
        child,
        KioskChild {
            age_band: None,
            primary_need: None,
            provision: None,
        },
    ];
    let err = kiosk::submit(&session, input.clone())
        .await
        .expect_err("incomplete child");
    assert!(err.fields.contains_key("children.1.ageBand"), "{err:?}");
    assert!(err.fields.contains_key("children.1.provision"), "{err:?}");
    input.children.pop();
    submit(&session, input).await;
    assert_eq!(
        count(&forum, "SELECT count(*) FROM children WHERE primary_need = 'ASD' AND provision = 'ehcp' AND age_band = '5-10'").await,
        1
    );
    assert_eq!(count(&forum, "SELECT count(*) FROM consent_events WHERE purpose_id = 'special_category' AND method = 'kiosk' AND given = 1").await, 1);
    session.lock().await;
    admin.lock().await;
}

#[tokio::test]
async fn the_form_asks_for_a_name_a_way_to_contact_and_a_postcode() {
    let (forum, admin, session, _) = kiosk().await;
    let err = kiosk::submit(&session, Default::default())
        .await
        .expect_err("empty");
    assert_eq!(err.kind, ErrorKind::Validation);
    assert_eq!(err.fields["firstName"], "Enter your first name");
    assert_eq!(err.fields["lastName"], "Enter your last name");
    assert!(err.fields["email"].contains("e-mail address or a phone number"));
    assert_eq!(err.fields["postcode"], "Enter your postcode");
    // A phone number alone is enough.
    let mut input = signup("Alan", "Turing", "");
    input.phone = "01772 123456".into();
    submit(&session, input).await;
    // A statement that changed since the form was drawn must be read again.
    let form = kiosk::form(&session).await.expect("form");
    let mut answers = answers(&form, &["sms"]);
    answers.iter_mut().for_each(|a| a.statement_version = 7);
    let mut input = signup("Alan", "Turing", "alan@example.org");
    input.consents = answers;
    let err = kiosk::submit(&session, input)
        .await
        .expect_err("stale statement");
    assert!(err.fields["consents"].contains("has changed"), "{err:?}");
    assert_eq!(count(&forum, "SELECT count(*) FROM people").await, 1);
    session.lock().await;
    admin.lock().await;
}

#[tokio::test]
async fn hostile_input_gets_field_errors_or_is_stored_as_text() {
    let (forum, admin, session, _) = kiosk().await;
    // Oversized: a 50 KB name and e-mail are refused on their fields, nothing written.
    let huge = "A".repeat(50 * 1024);
    let mut input = signup(&huge, &huge, &format!("{huge}@example.org"));
    input.postcode = huge.clone();
    input.heard_about = huge.clone();
    let err = kiosk::submit(&session, input).await.expect_err("too long");
    assert_eq!(
        err.fields["firstName"],
        "First name must be 100 characters or fewer"
    );
    assert!(err.fields["email"].contains("254 characters or fewer"));
    assert!(err.fields["postcode"].contains("characters or fewer"));
    assert!(err.fields["heardAbout"].contains("characters or fewer"));
    assert!(
        err.message.len() < 200,
        "the message does not echo the input"
    );
    assert_eq!(count(&forum, "SELECT count(*) FROM people").await, 0);
    // Control characters are refused.
    let err = kiosk::submit(
        &session,
        signup("Ada\u{0}", "Love\nlace", "ada@example.org"),
    )
    .await
    .expect_err("control characters");
    assert!(err.fields.contains_key("firstName") && err.fields.contains_key("lastName"));
    // A postcode or e-mail that is script is not a postcode or e-mail.
    let mut input = signup("Eve", "Smith", "<script>alert(1)</script>");
    input.postcode = "<b>x</b>".into();
    let err = kiosk::submit(&session, input)
        .await
        .expect_err("not an e-mail");
    assert!(err.fields.contains_key("email") && err.fields.contains_key("postcode"));
    // Names that look like formulas, markup or SQL are names: stored as typed, never run.
    let hostile = [
        (
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+cmd|' /C calc'!A0",
        ),
        (
            "<script>alert('x')</script>",
            "<img src=x onerror=alert(1)>",
        ),
        ("Robert'); DROP TABLE people;--", "x' OR '1'='1"),
    ];
    for (i, (first, last)) in hostile.iter().enumerate() {
        let mut input = signup(first, last, &format!("h{i}@example.org"));
        input.heard_about = "'; DELETE FROM drives; --".into();
        submit(&session, input).await;
    }
    assert_eq!(
        count(&forum, "SELECT count(*) FROM people").await,
        3,
        "the people table is still there"
    );
    assert_eq!(count(&forum, "SELECT count(*) FROM drives").await, 1);
    let ids: Vec<String> = {
        let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
            .await
            .expect("open");
        sqlx::query_scalar("SELECT id FROM people")
            .fetch_all(&mut conn)
            .await
            .expect("ids")
    };
    let mut names: Vec<(String, String)> = Vec::new();
    for id in &ids {
        let record = members::get(&admin, id).await.expect("record");
        assert_eq!(
            record.heard_about.as_deref(),
            Some("'; DELETE FROM drives; --")
        );
        names.push((record.first_name, record.last_name));
    }
    names.sort();
    let mut expected: Vec<(String, String)> = hostile
        .iter()
        .map(|(f, l)| ((*f).to_owned(), (*l).to_owned()))
        .collect();
    expected.sort();
    assert_eq!(names, expected, "stored exactly as typed");
    session.lock().await;
    admin.lock().await;
}
