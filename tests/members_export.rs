//! Mailing lists: only people whose consent is active, formula-safe, audited, and limited to
//! officers and admins; special-category columns only for an admin who asks.

mod common;

use common::*;
use forumdesk::members::consent::{self, ConsentInput};
use forumdesk::members::export::{self, ExportFormat, ExportInput};
use forumdesk::members::model::{ConsentMethod, MemberType, MembershipStatus};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::{ErrorKind, Role};

fn person(first: &str, email: &str) -> MemberDetails {
    MemberDetails {
        first_name: first.into(),
        last_name: "Tester".into(),
        email: email.into(),
        member_type: Some(MemberType::ParentCarer),
        ..Default::default()
    }
}

fn input(purpose: &str, include_special: bool) -> ExportInput {
    ExportInput {
        purpose: purpose.into(),
        format: ExportFormat::Csv,
        include_special,
    }
}

#[tokio::test]
async fn a_mailing_list_holds_only_people_whose_consent_is_active() {
    let (forum, admin) = new_forum().await;
    let start = || MembershipStart {
        status: Some(MembershipStatus::Active),
        joined_on: None,
    };
    let yes = members::create(
        &admin,
        person("=cmd|' /C calc'!A0", "yes@example.org"),
        start(),
    )
    .await
    .expect("a");
    let no = members::create(&admin, person("Withdrawn", "no@example.org"), start())
        .await
        .expect("b");
    members::create(&admin, person("Never", "never@example.org"), start())
        .await
        .expect("c");
    let no_email = members::create(&admin, person("Noemail", ""), start())
        .await
        .expect("d");
    for (id, given) in [
        (&yes.id, true),
        (&no.id, true),
        (&no.id, false),
        (&no_email.id, true),
    ] {
        let c = ConsentInput {
            purpose_id: "email_news".into(),
            given,
            method: ConsentMethod::Online,
            confirm_deletion: false,
        };
        consent::record(&admin, id, c).await.expect("consent");
    }
    let file = export::mailing_list(&admin, &input("email_news", false))
        .await
        .expect("export");
    assert_eq!((file.rows, file.missing_contact), (1, 1));
    let text = String::from_utf8(file.bytes.clone()).expect("utf8");
    assert!(text.starts_with('\u{feff}'), "BOM for Excel");
    assert!(text.contains("'=cmd|"), "formula neutralised: {text}");
    assert!(!text.contains("Withdrawn") && !text.contains("Never"));
    assert!(file.file_name.starts_with("email-news-") && file.file_name.ends_with(".csv"));

    let by_name = export::mailing_list(&admin, &input("News and invitations by e-mail", false))
        .await
        .expect("by name");
    assert_eq!(by_name.rows, 1);
    let unknown = export::mailing_list(&admin, &input("carrier pigeon", false))
        .await
        .expect_err("unknown");
    assert!(unknown.fields.contains_key("purpose"));

    add_user(&admin, "off", Role::Officer).await;
    add_user(&admin, "vol", Role::Volunteer).await;
    let officer = forum
        .unlock("off", &password_for("off"))
        .await
        .expect("officer");
    assert!(export::mailing_list(&officer, &input("email_news", false))
        .await
        .is_ok());
    let err = export::mailing_list(&officer, &input("email_news", true))
        .await
        .expect_err("special");
    assert_eq!(err.kind, ErrorKind::Forbidden);
    officer.lock().await;
    let vol = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("volunteer");
    assert_eq!(
        export::mailing_list(&vol, &input("email_news", false))
            .await
            .expect_err("no")
            .kind,
        ErrorKind::Forbidden
    );
    vol.lock().await;
    let special = export::mailing_list(
        &admin,
        &ExportInput {
            format: ExportFormat::Xlsx,
            ..input("email_news", true)
        },
    )
    .await
    .expect("admin");
    assert!(special.bytes.starts_with(b"PK"));
    admin.lock().await;
}
