//! The encrypted SQLite file. Everything SQLite- and SQLCipher-specific stays in this module,
//! so a later move to a shared server engine touches storage, not the services.

mod migrate;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection, Sqlite, SqlitePool, Transaction};

use crate::crypto::DbKey;
use crate::Result;

pub use migrate::migrate;

/// A write transaction. Opened with `BEGIN IMMEDIATE` on the single writer connection.
pub type WriteTx = Transaction<'static, Sqlite>;

/// An open database: one writer connection, several readers.
pub struct Database {
    writer: SqlitePool,
    reader: SqlitePool,
    path: PathBuf,
}

impl Database {
    /// Opens (or, with `create`, creates) the file with `key` and brings its schema up to date.
    pub async fn open(path: &Path, key: &DbKey, create: bool) -> Result<Database> {
        let options = connect_options(path, key)?.create_if_missing(create);
        // One writer: SQLite allows one write at a time anyway, and queueing writes here
        // (rather than racing for the file lock) means no write fails with "database is
        // locked". The busy timeout covers another process (the CLI) holding the lock.
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.clone())
            .await?;
        migrate(&writer, path).await?;
        let reader = SqlitePoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.read_only(true))
            .await?;
        Ok(Database {
            writer,
            reader,
            path: path.to_owned(),
        })
    }

    pub async fn write(&self) -> Result<WriteTx> {
        Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
    }

    pub fn reader(&self) -> &SqlitePool {
        &self.reader
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A separate read-write connection for work that must not hold the writer for long,
    /// such as a backup export. It may create files because `ATTACH` inherits the
    /// connection's open flags and the export target is new; the main file already exists.
    pub(crate) async fn extra_connection(&self, key: &DbKey) -> Result<SqliteConnection> {
        Ok(connect_options(&self.path, key)?
            .create_if_missing(true)
            .connect()
            .await?)
    }

    /// Closes every connection. WAL is checkpointed by SQLite when the last one closes.
    pub async fn close(self) {
        self.reader.close().await;
        self.writer.close().await;
    }
}

fn connect_options(path: &Path, key: &DbKey) -> Result<SqliteConnectOptions> {
    let options = SqliteConnectOptions::from_str("sqlite://")?
        .filename(path)
        // sqlx sends `key` before every other pragma, as SQLCipher requires.
        .pragma("key", key.pragma_value().to_string())
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        // Deleted personal data is overwritten, not left in free pages.
        .pragma("secure_delete", "ON")
        .log_statements(tracing::log::LevelFilter::Trace);
    Ok(options)
}

/// Opens one connection for checks outside a session (restore, tests, forensics).
pub async fn open_connection(path: &Path, key: &DbKey) -> Result<SqliteConnection> {
    let mut conn = connect_options(path, key)?.connect().await?;
    sqlx::query("SELECT count(*) FROM sqlite_master")
        .execute(&mut conn)
        .await?;
    Ok(conn)
}

/// `PRAGMA integrity_check` and SQLCipher's page-level HMAC check. `Ok(())` when both pass.
pub async fn check_integrity(conn: &mut SqliteConnection) -> Result<()> {
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut *conn)
        .await?;
    if integrity != "ok" {
        return Err(crate::Error::conflict(format!(
            "The database failed its integrity check: {integrity}"
        )));
    }
    let cipher_errors: Vec<String> = sqlx::query_scalar("PRAGMA cipher_integrity_check")
        .fetch_all(&mut *conn)
        .await?;
    if let Some(first) = cipher_errors.first() {
        return Err(crate::Error::conflict(format!(
            "The database's encrypted pages failed their check: {first}"
        )));
    }
    Ok(())
}

pub(crate) async fn close_connection(conn: SqliteConnection) {
    let _ = conn.close().await;
}
