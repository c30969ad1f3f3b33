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
}
