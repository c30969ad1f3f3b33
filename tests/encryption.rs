//! The database is unreadable without a key: not by a wrong key, not by plain sqlite3, and
//! no secret or name shows in any file on disk.

mod common;

use common::*;
use forumdesk::{paths, ErrorKind};

#[tokio::test]
async fn the_file_is_not_plain_sqlite_and_sqlite3_cannot_read_it() {
    let (forum, session) = new_forum().await;
    session.lock().await;
    // Locking closes every connection: a late one once kept the file, its WAL and the key
    // open after lock (and sqlite3 below then said "database is locked").
    assert_eq!(
        open_files_under(forum.dir.path()),
        Vec::<std::path::PathBuf>::new()
    );
    let bytes = std::fs::read(forum.db_path()).expect("read db");
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "a plain SQLite header was found"
    );

    let out = std::process::Command::new("sqlite3")
        .arg(forum.db_path())
        .arg(".tables")
        .output()
        .expect("the sqlite3 command is installed (see README set-up)");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("file is not a database"),
        "sqlite3 said: {stderr}; files still open here after locking: {:?}",
        open_files_under(forum.dir.path())
    );
}

/// The files under `dir` this process holds open (Linux: /proc; elsewhere nothing is known).
fn open_files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(fds) = std::fs::read_dir("/proc/self/fd") else {
        return Vec::new();
    };
    fds.flatten()
        .filter_map(|fd| std::fs::read_link(fd.path()).ok())
        .filter(|target| target.starts_with(dir))
        .collect()
}

#[tokio::test]
async fn a_wrong_key_cannot_open_the_file() {
    let (forum, session) = new_forum().await;
    session.lock().await;
    // A slot made for a different key: it opens fine, but its key is not this database's.
    let other = tempfile::tempdir().expect("tempdir");
    let other_vault = forumdesk::Vault::new(other.path().join("other.db"));
    let (s, _) = other_vault
        .init(setup_input("Other", ADMIN, ADMIN_PASSWORD))
        .await
        .expect("init");
    s.lock().await;
    std::fs::copy(other_vault.keyfile_path(), forum.vault.keyfile_path()).expect("swap keys");

    let err = forum
        .unlock(ADMIN, ADMIN_PASSWORD)
        .await
        .expect_err("refused");
    assert_eq!(err.kind, ErrorKind::Forbidden, "{err:?}");
    let raw = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD).await;
    assert!(raw.is_err(), "a wrong key opened the database");
}

#[tokio::test]
async fn no_name_password_or_key_appears_in_the_database_wal_or_key_file() {
    let (forum, session) = new_forum().await;
    let volunteer = add_user(&session, "sam.helper", forumdesk::Role::Volunteer).await;
    // Keep the session open so the WAL still holds the recent writes.
    let wal = paths::keyfile_path(&forum.db_path()).with_file_name("forum.db-wal");
    let files = [
        forum.db_path(),
        wal.clone(),
        forum.vault.keyfile_path().to_owned(),
    ];
    assert!(
        wal.exists(),
        "expected a WAL file while the database is open"
    );

    let needles: Vec<(&str, Vec<u8>)> = vec![
        ("forum name", FORUM.as_bytes().to_vec()),
        ("admin password", ADMIN_PASSWORD.as_bytes().to_vec()),
        (
            "volunteer password",
            password_for("sam.helper").into_bytes(),
        ),
        ("admin user name", ADMIN.as_bytes().to_vec()),
        ("volunteer user name", b"sam.helper".to_vec()),
        (
            "volunteer display name",
            volunteer.display_name.clone().into_bytes(),
        ),
        ("recovery key", forum.recovery_key.as_bytes().to_vec()),
        (
            "recovery key without dashes",
            forum.recovery_key.replace('-', "").into_bytes(),
        ),
    ];
    for file in &files {
        let bytes = std::fs::read(file).expect("read");
        for (what, needle) in &needles {
            let found = bytes.windows(needle.len()).any(|w| w == needle.as_slice());
            assert!(
                !found,
                "the {what} appears in the clear in {}",
                file.display()
            );
        }
    }
    session.lock().await;
}
