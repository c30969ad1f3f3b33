//! Bad input to the foundation's forms (set-up, add user, settings): every problem reported
//! on its field in plain words, hostile text stored as text, oversized text refused, and a
//! refused form leaving nothing behind.

mod common;

use common::*;
use forumdesk::settings::{self, SettingsInput};
use forumdesk::users::{self, NewUserInput};
use forumdesk::{ErrorKind, Role, SetupInput, Vault};

#[tokio::test]
async fn an_empty_set_up_form_reports_every_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = Vault::new(dir.path().join("forum.db"));
    let input = SetupInput {
        forum_name: "  ".into(),
        admin_username: String::new(),
        admin_display_name: String::new(),
        password: String::new(),
        password_confirm: String::new(),
    };
    let err = vault.init(input).await.expect_err("refused");
    assert_eq!(err.kind, ErrorKind::Validation);
    assert_eq!(err.fields["forumName"], "Enter the forum's name");
    assert_eq!(err.fields["adminUsername"], "Enter a user name");
    assert_eq!(err.fields["adminDisplayName"], "Enter your name");
    assert_eq!(err.fields["password"], "Enter a password");
    assert_eq!(err.message, "There are 4 problems with what was entered.");
    assert!(!vault.is_initialised() && !vault.db_path().exists());
}

#[tokio::test]
async fn oversized_input_is_refused_on_its_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = Vault::new(dir.path().join("forum.db"));
    let huge = "A".repeat(100_000);
    let mut input = setup_input(&huge, ADMIN, ADMIN_PASSWORD);
    input.admin_display_name = huge.clone();
    input.password = "x".repeat(1_000_000);
    input.password_confirm = input.password.clone();
    let err = vault.init(input).await.expect_err("refused");
    assert_eq!(
        err.fields["forumName"],
        "Forum's name must be 150 characters or fewer"
    );
    assert_eq!(
        err.fields["adminDisplayName"],
        "Name must be 100 characters or fewer"
    );
    assert_eq!(
        err.fields["password"],
        "Password must be 256 characters or fewer"
    );
    assert!(!vault.db_path().exists());
}

#[tokio::test]
async fn formula_script_and_sql_looking_text_is_stored_as_plain_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = Vault::new(dir.path().join("forum.db"));
    let hostile = "=HYPERLINK(\"http://evil\")<script>alert(1)</script>'); DROP TABLE users;--";
    let (admin, _) = vault
        .init(setup_input(hostile, ADMIN, ADMIN_PASSWORD))
        .await
        .expect("init");
    assert_eq!(admin.info().await.expect("info").forum_name, hostile);

    let password = "juniper falcon ledger 77".to_string();
    let added = users::add(
        &admin,
        NewUserInput {
            username: "robert".into(),
            display_name: "Robert'); DROP TABLE users;-- <img src=x onerror=alert(1)>".into(),
            role: Role::Volunteer,
            password: password.clone(),
            password_confirm: password,
        },
    )
    .await
    .expect("add");
    assert_eq!(
        added.display_name,
        "Robert'); DROP TABLE users;-- <img src=x onerror=alert(1)>"
    );
    assert_eq!(
        users::list(&admin).await.expect("list").len(),
        2,
        "the users table survived"
    );
    admin.lock().await;
}

#[tokio::test]
async fn add_user_reports_clashes_and_bad_fields() {
    let (_forum, admin) = new_forum().await;
    add_user(&admin, "sam.helper", Role::Volunteer).await;
    let password = "juniper falcon ledger 77".to_string();
    let again = users::add(
        &admin,
        NewUserInput {
            username: "SAM.HELPER".into(),
            display_name: "Another Sam".into(),
            role: Role::Officer,
            password: password.clone(),
            password_confirm: password.clone(),
        },
    )
    .await
    .expect_err("clash");
    assert_eq!(again.fields["username"], "That user name is already taken");

    let bad = users::add(
        &admin,
        NewUserInput {
            username: "sam helper".into(),
            display_name: "Line\nbreak".into(),
            role: Role::Officer,
            password: password.clone(),
            password_confirm: "something else entirely".into(),
        },
    )
    .await
    .expect_err("refused");
    assert!(bad.fields["username"].contains("letters, numbers"));
    assert!(bad.fields["displayName"].contains("line breaks"));
    assert_eq!(bad.fields["passwordConfirm"], "The passwords do not match");

    for minutes in [0, 241, u32::MAX] {
        let err = settings::update(
            &admin,
            SettingsInput {
                idle_lock_minutes: minutes,
            },
        )
        .await
        .expect_err("refused");
        assert_eq!(
            err.fields["idleLockMinutes"],
            "Enter a number of minutes between 1 and 240"
        );
    }
    assert_eq!(
        settings::update(
            &admin,
            SettingsInput {
                idle_lock_minutes: 30
            }
        )
        .await
        .expect("ok")
        .idle_lock_minutes,
        30
    );
    admin.lock().await;
}
