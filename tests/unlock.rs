//! Unlocking: the same answer for a wrong name or a wrong password, throttling that
//! survives a restart, the recovery key, and key slots that change only where they should.

mod common;

use common::*;
use forumdesk::crypto::{KdfParams, Keyfile, Slot, SlotKind};
use forumdesk::users::{self, ChangePasswordInput, ResetPasswordInput};
use forumdesk::{ErrorKind, RecoveryInput, Role, Vault, WRONG_CREDENTIALS};

#[tokio::test]
async fn wrong_user_and_wrong_password_get_the_same_message() {
    let (forum, session) = new_forum().await;
    session.lock().await;
    let wrong_password = forum
        .unlock(ADMIN, "not the password at all")
        .await
        .expect_err("refused");
    let wrong_user = forum
        .unlock("nobody", ADMIN_PASSWORD)
        .await
        .expect_err("refused");
    assert_eq!(wrong_password, wrong_user);
    assert_eq!(wrong_password.kind, ErrorKind::Forbidden);
    assert_eq!(wrong_password.message, WRONG_CREDENTIALS);
    // User names are not case-sensitive, and surrounding spaces are forgiven.
    forum
        .unlock(" Chair ", ADMIN_PASSWORD)
        .await
        .expect("unlocks")
        .lock()
        .await;
}

#[tokio::test]
async fn failed_unlocks_are_throttled_and_the_throttle_survives_a_restart() {
    let (forum, session) = new_forum().await;
    session.lock().await;
    // Three mistakes are forgiven without delay (people mistype).
    for _ in 0..3 {
        let err = forum
            .unlock(ADMIN, "a wrong password guess")
            .await
            .expect_err("refused");
        assert_eq!(err.kind, ErrorKind::Forbidden);
    }
    // Now even the right password must wait.
    let err = forum
        .unlock(ADMIN, ADMIN_PASSWORD)
        .await
        .expect_err("throttled");
    assert_eq!(err.kind, ErrorKind::Locked);
    assert!(
        err.message
            .starts_with("Too many unsuccessful attempts. Wait"),
        "{}",
        err.message
    );

    // "Restart": a fresh Vault reads the count from disk.
    let restarted = Vault::new(forum.db_path());
    let err = restarted
        .unlock(forumdesk::UnlockInput {
            username: ADMIN.into(),
            password: ADMIN_PASSWORD.into(),
        })
        .await
        .expect_err("still throttled");
    assert_eq!(err.kind, ErrorKind::Locked);

    // Once the wait has passed (we move the last failure into the past), the right
    // password works and the count starts again.
    let mut keyfile = Keyfile::load(forum.vault.keyfile_path()).expect("load");
    assert_eq!(
        keyfile.throttle.failures, 3,
        "refusals while throttled do not count"
    );
    keyfile.throttle.last_failure = Some("2020-01-01T00:00:00Z".into());
    keyfile.save(forum.vault.keyfile_path()).expect("save");
    forum
        .unlock(ADMIN, ADMIN_PASSWORD)
        .await
        .expect("unlocks")
        .lock()
        .await;
    assert_eq!(
        Keyfile::load(forum.vault.keyfile_path())
            .expect("load")
            .throttle
            .failures,
        0
    );
}

#[tokio::test]
async fn the_recovery_key_sets_a_new_password() {
    let (forum, session) = new_forum().await;
    session.lock().await;
    let new_password = "marble lantern quiet 31";
    let recover = |key: &str, user: &str| RecoveryInput {
        recovery_key: key.into(),
        username: user.into(),
        new_password: new_password.into(),
        new_password_confirm: new_password.into(),
    };
    let wrong = "0000-0000-0000-0000-0000-0000-0000-0000";
    let err = forum
        .vault
        .unlock_with_recovery_key(recover(wrong, ADMIN))
        .await
        .expect_err("refused");
    assert_eq!(
        err.fields["recoveryKey"],
        "That recovery key is not right for this forum"
    );
    let err = forum
        .vault
        .unlock_with_recovery_key(recover("nonsense", ADMIN))
        .await
        .expect_err("refused");
    assert_eq!(err.kind, ErrorKind::Validation);
    assert!(err.fields.contains_key("recoveryKey"));

    // Typed in lower case with spaces, as people do.
    let typed = forum.recovery_key.to_lowercase().replace('-', " ");
    let session = forum
        .vault
        .unlock_with_recovery_key(recover(&typed, ADMIN))
        .await
        .expect("recovers");
    assert_eq!(session.username(), ADMIN);
    session.lock().await;
    assert!(
        forum.unlock(ADMIN, ADMIN_PASSWORD).await.is_err(),
        "the old password is replaced"
    );
    forum
        .unlock(ADMIN, new_password)
        .await
        .expect("new password works")
        .lock()
        .await;
}

#[tokio::test]
async fn changing_a_password_rewraps_only_that_users_slot() {
    let (forum, session) = new_forum().await;
    let vol = add_user(&session, "sam.helper", Role::Volunteer).await;
    session.lock().await;
    let before = Keyfile::load(forum.vault.keyfile_path()).expect("load");

    let sam = forum
        .unlock("sam.helper", &password_for("sam.helper"))
        .await
        .expect("unlock");
    assert!(sam.info().await.expect("info").must_change_password);
    let bad = users::change_own_password(
        &sam,
        ChangePasswordInput {
            current_password: "not my password really".into(),
            new_password: "copper meadow violin 64".into(),
            new_password_confirm: "copper meadow violin 64".into(),
        },
    )
    .await
    .expect_err("wrong current password refused");
    assert_eq!(
        bad.fields["currentPassword"],
        "Your current password is not right"
    );
    users::change_own_password(
        &sam,
        ChangePasswordInput {
            current_password: password_for("sam.helper"),
            new_password: "copper meadow violin 64".into(),
            new_password_confirm: "copper meadow violin 64".into(),
        },
    )
    .await
    .expect("changed");
    assert!(!sam.info().await.expect("info").must_change_password);
    sam.lock().await;

    let after = Keyfile::load(forum.vault.keyfile_path()).expect("load");
    let slot = |k: &Keyfile, id: &str| {
        k.slots
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.wrapped_key.clone())
            .expect("slot")
    };
    assert_ne!(
        slot(&before, &vol.id),
        slot(&after, &vol.id),
        "sam's slot changed"
    );
    for other in before.slots.iter().filter(|s| s.id != vol.id) {
        assert_eq!(
            other.wrapped_key,
            slot(&after, &other.id),
            "slot {} must not change",
            other.id
        );
    }
    forum
        .unlock("sam.helper", "copper meadow violin 64")
        .await
        .expect("new password")
        .lock()
        .await;
}

#[tokio::test]
async fn disabled_users_cannot_unlock_and_a_reset_lets_them_back() {
    let (forum, admin) = new_forum().await;
    let vol = add_user(&admin, "sam.helper", Role::Volunteer).await;
    let disabled = users::disable(&admin, &vol.id).await.expect("disable");
    assert!(disabled.disabled);
    let own = users::disable(&admin, admin.user_id())
        .await
        .expect_err("not yourself");
    assert_eq!(own.kind, ErrorKind::Conflict);
    let err = forum
        .unlock("sam.helper", &password_for("sam.helper"))
        .await
        .expect_err("refused");
    assert_eq!(err.message, WRONG_CREDENTIALS);

    let reset = users::reset_password(
        &admin,
        ResetPasswordInput {
            user_id: vol.id.clone(),
            new_password: "saffron pebble north 12".into(),
            new_password_confirm: "saffron pebble north 12".into(),
        },
    )
    .await
    .expect("reset");
    assert!(!reset.disabled && reset.must_change_password);
    admin.lock().await;
    forum
        .unlock("sam.helper", "saffron pebble north 12")
        .await
        .expect("back in")
        .lock()
        .await;
}

#[tokio::test]
async fn a_slot_with_older_cheaper_settings_is_strengthened_on_unlock() {
    let (forum, session) = new_forum().await;
    session.lock().await;
    let mut keyfile = Keyfile::load(forum.vault.keyfile_path()).expect("load");
    let old = keyfile.user_slot(ADMIN).cloned().expect("slot");
    let key = old
        .unwrap_key(ADMIN_PASSWORD.as_bytes())
        .expect("ok")
        .expect("right password");
    let weaker = Slot::wrap(
        &old.id,
        SlotKind::User,
        old.user_tag.clone(),
        ADMIN_PASSWORD.as_bytes(),
        &key,
        KdfParams::FLOOR,
    )
    .expect("wrap");
    keyfile.put(weaker);
    keyfile.save(forum.vault.keyfile_path()).expect("save");
    assert_eq!(
        Keyfile::load(forum.vault.keyfile_path())
            .expect("load")
            .user_slot(ADMIN)
            .expect("slot")
            .kdf,
        KdfParams::FLOOR
    );

    forum
        .unlock(ADMIN, ADMIN_PASSWORD)
        .await
        .expect("unlock")
        .lock()
        .await;
    let slot = Keyfile::load(forum.vault.keyfile_path())
        .expect("load")
        .user_slot(ADMIN)
        .cloned()
        .expect("slot");
    assert_eq!(slot.kdf, KdfParams::CURRENT);
    const { assert!(KdfParams::CURRENT.m_kib >= 64 * 1024 && KdfParams::CURRENT.t >= 3) };
    // A slot edited to ask for less than the floor is refused rather than used.
    let mut tampered = slot.clone();
    tampered.kdf = KdfParams {
        m_kib: 1024,
        t: 1,
        p: 1,
    };
    assert!(tampered.unwrap_key(ADMIN_PASSWORD.as_bytes()).is_err());
}
