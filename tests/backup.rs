//! Backups round-trip, are taken while the database is open, and a restore checks the file
//! before replacing anything.

mod common;

use common::*;
use forumdesk::{audit, backup, users, ErrorKind, Role, Vault};

#[tokio::test]
async fn a_backup_taken_while_open_restores_to_the_same_state() {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "sam.helper", Role::Volunteer).await;
    let file = forum.dir.path().join("forum.fdbackup");
    let report = backup::create(&admin, &file).await.expect("backup");
    assert_eq!(report.bytes, std::fs::metadata(&file).expect("meta").len());
    // A change after the backup must not be in it.
    add_user(&admin, "late.comer", Role::Officer).await;

    let bytes = std::fs::read(&file).expect("read");
    assert!(bytes.starts_with(b"FORUMDESK-BACKUP\n"));
    for secret in [
        FORUM.as_bytes(),
        ADMIN_PASSWORD.as_bytes(),
        b"sam.helper".as_slice(),
    ] {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret),
            "backup leaks plain text"
        );
    }

    let to = forum.dir.path().join("restored").join("forum.db");
    backup::restore(&file, &to, ADMIN, ADMIN_PASSWORD)
        .await
        .expect("restore");
    let restored = Vault::new(&to);
    let session = restored
        .unlock(forumdesk::UnlockInput {
            username: ADMIN.into(),
            password: ADMIN_PASSWORD.into(),
        })
        .await
        .expect("unlock restored");
    let names: Vec<String> = users::list(&session)
        .await
        .expect("list")
        .into_iter()
        .map(|u| u.username)
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names.contains(&"sam.helper".to_string()) && !names.contains(&"late.comer".to_string())
    );
    assert_eq!(session.info().await.expect("info").forum_name, FORUM);
    assert!(audit::verify(&session).await.expect("verify").intact);
    session.lock().await;
    // The restored volunteer's password works too: the key slots came with the backup.
    restored
        .unlock(forumdesk::UnlockInput {
            username: "sam.helper".into(),
            password: password_for("sam.helper"),
        })
        .await
        .expect("volunteer unlocks the restored copy")
        .lock()
        .await;
    admin.lock().await;
}

#[tokio::test]
async fn a_damaged_backup_is_refused_and_nothing_is_replaced() {
    let (forum, admin) = new_forum().await;
    let file = forum.dir.path().join("forum.fdbackup");
    backup::create(&admin, &file).await.expect("backup");
    admin.lock().await;
    // What "nothing replaced" means: the same key file, the same audit trail, nothing moved
    // aside. (The database file's bytes are no measure: SQLite may still be folding its
    // journal into it after the close.)
    let keys_before = std::fs::read(forum.vault.keyfile_path()).expect("read keys");
    let entries_before = {
        let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
            .await
            .expect("raw");
        audit::verify_chain(&mut conn)
            .await
            .expect("verify")
            .entries
    };

    let mut bytes = std::fs::read(&file).expect("read");
    let middle = bytes.len() - 2000;
    bytes[middle] ^= 0x55;
    let damaged = forum.dir.path().join("damaged.fdbackup");
    std::fs::write(&damaged, &bytes).expect("write");
    let err = backup::restore(&damaged, &forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect_err("refused");
    assert_eq!(err.kind, ErrorKind::Validation);
    assert!(err.message.contains("checksum"), "{}", err.message);

    let truncated = forum.dir.path().join("truncated.fdbackup");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).expect("write");
    assert!(
        backup::restore(&truncated, &forum.db_path(), ADMIN, ADMIN_PASSWORD)
            .await
            .is_err()
    );

    let not_backup = forum.dir.path().join("members.csv");
    std::fs::write(
        &not_backup,
        "=HYPERLINK(\"http://x\"),'; DROP TABLE users;--\n",
    )
    .expect("write");
    let err = backup::restore(&not_backup, &forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect_err("refused");
    assert!(
        err.message.contains("does not start like one"),
        "{}",
        err.message
    );

    let err = backup::restore(&file, &forum.db_path(), ADMIN, "a wrong password here")
        .await
        .expect_err("refused");
    assert_eq!(err.kind, ErrorKind::Forbidden);

    assert_eq!(
        std::fs::read(forum.vault.keyfile_path()).expect("read keys"),
        keys_before
    );
    let leftovers: Vec<_> = std::fs::read_dir(forum.dir.path())
        .expect("ls")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.contains("restore-tmp") || n.contains("before-restore"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let session = forum.admin().await;
    let report = audit::verify(&session).await.expect("verify");
    assert!(report.intact);
    assert_eq!(
        report.entries,
        entries_before + 1,
        "only this sign-in was added"
    );
    session.lock().await;
}

#[tokio::test]
async fn restoring_over_a_database_moves_the_old_one_aside() {
    let (forum, admin) = new_forum().await;
    let file = forum.dir.path().join("forum.fdbackup");
    backup::create(&admin, &file).await.expect("backup");
    add_user(&admin, "after.backup", Role::Volunteer).await;
    admin.lock().await;

    backup::restore(&file, &forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("restore");
    let moved: Vec<String> = std::fs::read_dir(forum.dir.path())
        .expect("ls")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.contains(".before-restore-"))
        .collect();
    assert!(
        moved
            .iter()
            .any(|n| n.starts_with("forum.db.before-restore-")),
        "{moved:?}"
    );
    assert!(
        moved
            .iter()
            .any(|n| n.starts_with("forum.db.keys.before-restore-")),
        "{moved:?}"
    );
    let session = forum.admin().await;
    let names: Vec<String> = users::list(&session)
        .await
        .expect("list")
        .into_iter()
        .map(|u| u.username)
        .collect();
    assert_eq!(names, vec![ADMIN.to_string()]);
    session.lock().await;
}

/// The search index knows people by their row number, so a backup must keep those numbers
/// even where a merge has left a gap; renumbered rows would make search find the wrong
/// people, or nobody, in the restored copy.
#[tokio::test]
async fn search_finds_the_same_people_in_a_restored_copy_after_a_merge() {
    use forumdesk::members::search::{self, MemberQuery};

    let (forum, admin) = new_forum().await;
    let mut ids = Vec::new();
    for (first, last) in [("Ada", "Quenby"), ("Ada", "Quenbey"), ("Bryony", "Tallis")] {
        ids.push(add_member(&admin, first, last).await);
    }
    // The second row goes: the third person's row number is now one past a gap.
    merge_keeping(&admin, &ids[0], &ids[1]).await;
    let file = forum.dir.path().join("forum.fdbackup");
    backup::create(&admin, &file).await.expect("backup");
    admin.lock().await;

    let to = forum.dir.path().join("restored").join("forum.db");
    backup::restore(&file, &to, ADMIN, ADMIN_PASSWORD)
        .await
        .expect("restore");
    let session = Vault::new(&to)
        .unlock(forumdesk::UnlockInput {
            username: ADMIN.into(),
            password: ADMIN_PASSWORD.into(),
        })
        .await
        .expect("unlock restored");
    for (typed, expected) in [("tallis", &ids[2]), ("quenb", &ids[0])] {
        let page = search::search(
            &session,
            &MemberQuery {
                text: typed.into(),
                ..Default::default()
            },
        )
        .await
        .expect("search");
        let found: Vec<&str> = page.members.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(found, [expected.as_str()], "{typed:?} in the restored copy");
    }
    session.lock().await;
}
