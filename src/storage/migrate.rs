//! Embedded migrations, with a copy of the file taken before any migration changes it.

use std::path::{Path, PathBuf};

use sqlx::migrate::Migrator;
use sqlx::SqlitePool;

use crate::{id, Result};

static MIGRATOR: Migrator = sqlx::migrate!();

pub async fn migrate(writer: &SqlitePool, path: &Path) -> Result<()> {
    migrate_with(&MIGRATOR, writer, path).await.map(|_| ())
}

/// Runs `migrator`; returns the path of the copy taken first, if one was needed. A brand-new
/// database (no migration applied yet) has nothing worth copying.
pub(crate) async fn migrate_with(
    migrator: &Migrator,
    writer: &SqlitePool,
    path: &Path,
) -> Result<Option<PathBuf>> {
    let applied = applied_versions(writer).await?;
    let pending: Vec<i64> = migrator
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .map(|m| m.version)
        .filter(|v| !applied.contains(v))
        .collect();
    let mut copy = None;
    if !applied.is_empty() && !pending.is_empty() {
        copy = Some(copy_aside(writer, path, applied.iter().max().copied().unwrap_or(0)).await?);
    }
    migrator.run(writer).await?;
    Ok(copy)
}

async fn applied_versions(writer: &SqlitePool) -> Result<Vec<i64>> {
    let exists: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(writer)
    .await?;
    if exists == 0 {
        return Ok(Vec::new());
    }
    Ok(
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = 1")
            .fetch_all(writer)
            .await?,
    )
}

/// Folds the WAL into the main file, then copies the (still encrypted) file byte for byte.
async fn copy_aside(writer: &SqlitePool, path: &Path, from_version: i64) -> Result<PathBuf> {
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(writer)
        .await?;
    let stamp = id::now_utc().unix_timestamp();
    let copy = crate::paths::sibling(path, &format!(".before-migration-{from_version}-{stamp}"));
    std::fs::copy(path, &copy)?;
    Ok(copy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::DbKey;
    use crate::storage::Database;

    #[tokio::test]
    async fn a_new_migration_copies_the_file_aside_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("forum.db");
        let key = DbKey::generate();
        let db = Database::open(&path, &key, true).await.expect("open");

        // A later release: the real migrations plus one more.
        let later = dir.path().join("migrations");
        std::fs::create_dir(&later).expect("mkdir");
        for entry in std::fs::read_dir(
            std::env::var("CARGO_MANIFEST_DIR")
                .unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").into())
                + "/migrations",
        )
        .expect("ls")
        {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), later.join(entry.file_name())).expect("copy");
        }
        std::fs::write(
            later.join("29990101000000_later.sql"),
            "CREATE TABLE later (x INTEGER);",
        )
        .expect("write");
        let migrator = Migrator::new(later.as_path()).await.expect("migrator");

        let copy = migrate_with(&migrator, &db.writer, &path)
            .await
            .expect("migrate");
        let copy = copy.expect("a copy was taken");
        let bytes = std::fs::read(&copy).expect("read copy");
        assert!(
            !bytes.starts_with(b"SQLite format 3"),
            "the copy stays encrypted"
        );
        assert!(bytes.len() >= 4096);

        // Nothing pending now: no second copy.
        assert!(migrate_with(&migrator, &db.writer, &path)
            .await
            .expect("again")
            .is_none());
        db.close().await;
    }

    /// The migrations up to and including `last`, from the repository's folder.
    async fn migrator_up_to(dir: &Path, last: i64) -> Migrator {
        std::fs::create_dir(dir).expect("mkdir");
        let source = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("migrations");
        for entry in std::fs::read_dir(source).expect("ls") {
            let entry = entry.expect("entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            let version: i64 = name
                .split('_')
                .next()
                .and_then(|v| v.parse().ok())
                .expect("a versioned migration");
            if version <= last {
                std::fs::copy(entry.path(), dir.join(&name)).expect("copy");
            }
        }
        Migrator::new(dir).await.expect("migrator")
    }

    #[tokio::test]
    async fn consent_events_keep_their_history_and_the_bits_follow_them_after_migrating() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("forum.db");
        let key = DbKey::generate();
        let options = crate::storage::connect_options(&path, &key)
            .expect("options")
            .create_if_missing(true);
        let writer = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .expect("connect");
        let before = migrator_up_to(&dir.path().join("before"), 20261122000004).await;
        migrate_with(&before, &writer, &path)
            .await
            .expect("old schema");
        sqlx::query(
            "INSERT INTO people (id, first_name, last_name, source, created_at, updated_at) \
             VALUES ('p1', 'Ada', 'Byron', 'entered', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        )
        .execute(&writer)
        .await
        .expect("person");
        // Given in January, withdrawn in March: the old table says "withdrawn".
        for (id, given, at) in [
            (
                "018d0000-0000-7000-8000-000000000001",
                1,
                "2026-01-05T10:00:00Z",
            ),
            (
                "018e0000-0000-7000-8000-000000000002",
                0,
                "2026-03-05T10:00:00Z",
            ),
        ] {
            sqlx::query(
                "INSERT INTO consent_events (id, person_id, purpose_id, given, statement_version, \
                 method, captured_by, at) VALUES (?, 'p1', 'email_news', ?, 1, 'paper', NULL, ?)",
            )
            .bind(id)
            .bind(given)
            .bind(at)
            .execute(&writer)
            .await
            .expect("event");
        }
        // Text messages: given, and never withdrawn.
        sqlx::query(
            "INSERT INTO consent_events (id, person_id, purpose_id, given, statement_version, \
             method, captured_by, at) VALUES ('018e0000-0000-7000-8000-000000000003', 'p1', \
             'sms', 1, 1, 'paper', NULL, '2026-03-05T10:00:00Z')",
        )
        .execute(&writer)
        .await
        .expect("sms event");
        sqlx::query(
            "INSERT INTO consent_current (person_id, purpose_id, given, event_id) \
             VALUES ('p1', 'email_news', 0, '018e0000-0000-7000-8000-000000000002')",
        )
        .execute(&writer)
        .await
        .expect("current");

        let copy = migrate_with(&MIGRATOR, &writer, &path)
            .await
            .expect("migrate");
        assert!(copy.is_some(), "the old file was copied aside first");
        let events: Vec<(String, i64, String)> = sqlx::query_as(
            "SELECT id, given, at FROM consent_events WHERE person_id = 'p1' ORDER BY id",
        )
        .fetch_all(&writer)
        .await
        .expect("events");
        assert_eq!(
            events,
            vec![
                (
                    "018d0000-0000-7000-8000-000000000001".into(),
                    1,
                    "2026-01-05T10:00:00Z".into()
                ),
                (
                    "018e0000-0000-7000-8000-000000000002".into(),
                    0,
                    "2026-03-05T10:00:00Z".into()
                ),
                (
                    "018e0000-0000-7000-8000-000000000003".into(),
                    1,
                    "2026-03-05T10:00:00Z".into()
                ),
            ]
        );
        let current: i64 = sqlx::query_scalar(
            "SELECT given FROM consent_events WHERE person_id = 'p1' AND purpose_id = 'email_news' \
             ORDER BY id DESC LIMIT 1",
        )
        .fetch_one(&writer)
        .await
        .expect("current");
        assert_eq!(current, 0, "the latest answer is still the withdrawal");
        let (bits, sms_bit): (i64, i64) = sqlx::query_as(
            "SELECT consent_given, (SELECT bit FROM consent_purposes WHERE id = 'sms') \
             FROM people WHERE id = 'p1'",
        )
        .fetch_one(&writer)
        .await
        .expect("bits");
        assert_eq!(bits, 1 << sms_bit, "only text messages are given");
        // Each event became a capture of its own, keeping its id, with the version at the
        // purpose's bit; read back as events, it is the event it was.
        let (answered, versions): (i64, String) = sqlx::query_as(
            "SELECT answered, versions FROM consent_captures \
             WHERE id = '018e0000-0000-7000-8000-000000000003'",
        )
        .fetch_one(&writer)
        .await
        .expect("capture");
        assert_eq!(answered, 1 << sms_bit);
        assert_eq!(versions, "[null,null,1]");
        let sms: (String, i64, i64, String) = sqlx::query_as(
            "SELECT purpose_id, given, statement_version, method FROM consent_events \
             WHERE id = '018e0000-0000-7000-8000-000000000003'",
        )
        .fetch_one(&writer)
        .await
        .expect("sms event");
        assert_eq!(sms, ("sms".into(), 1, 1, "paper".into()));
        let old_table: i64 =
            sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE name = 'consent_current'")
                .fetch_one(&writer)
                .await
                .expect("schema");
        assert_eq!(old_table, 0);
        // Deleting the person still takes their events with them.
        sqlx::query("DELETE FROM people WHERE id = 'p1'")
            .execute(&writer)
            .await
            .expect("delete");
        let left: i64 = sqlx::query_scalar("SELECT count(*) FROM consent_events")
            .fetch_one(&writer)
            .await
            .expect("count");
        assert_eq!(left, 0);
        writer.close().await;
    }

    #[tokio::test]
    async fn an_existing_audit_trail_still_verifies_after_the_pruning_anchor_arrives() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("forum.db");
        let key = DbKey::generate();
        let options = crate::storage::connect_options(&path, &key)
            .expect("options")
            .create_if_missing(true);
        let writer = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .expect("connect");
        let before = migrator_up_to(&dir.path().join("before"), 20261122000017).await;
        migrate_with(&before, &writer, &path)
            .await
            .expect("old schema");
        let mut conn = writer.acquire().await.expect("conn");
        sqlx::query(
            "INSERT INTO forum (id, name, created_at, audit_head_seq, audit_head_hash) \
             VALUES (1, 'Forum', '2026-01-01T00:00:00Z', 0, ?)",
        )
        .bind(crate::audit::GENESIS)
        .execute(&mut *conn)
        .await
        .expect("forum");
        for action in ["forum.created", "user.created"] {
            crate::audit::append(
                &mut conn,
                crate::audit::Entry {
                    actor_id: None,
                    action,
                    entity: "forum",
                    entity_id: None,
                    changes: serde_json::json!({}),
                },
            )
            .await
            .expect("append");
        }
        drop(conn);

        migrate_with(&MIGRATOR, &writer, &path)
            .await
            .expect("migrate");
        let mut conn = writer.acquire().await.expect("conn");
        let anchor: (i64, String) =
            sqlx::query_as("SELECT audit_base_seq, audit_base_hash FROM forum WHERE id = 1")
                .fetch_one(&mut *conn)
                .await
                .expect("anchor");
        assert_eq!(anchor, (0, crate::audit::GENESIS.to_owned()));
        let report = crate::audit::verify_chain(&mut conn).await.expect("verify");
        assert!(report.intact, "{report:?}");
        assert_eq!(report.entries, 2);
        // Nothing has been pruned, so no entry may be deleted.
        let delete = sqlx::query("DELETE FROM audit_log WHERE seq = 1")
            .execute(&mut *conn)
            .await;
        assert!(delete
            .expect_err("refused")
            .to_string()
            .contains("append-only"));
        drop(conn);
        writer.close().await;
    }
}
