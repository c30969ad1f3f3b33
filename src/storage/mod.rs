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
            .connect_with(
                options
                    .read_only(true)
                    .pragma("cache_size", format!("-{READER_CACHE_KIB}")),
            )
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

    /// After a bulk write committed with [`pause_checkpoints`]: checkpoints are automatic
    /// again, and the pages the write left in the WAL are copied into the file by a task of
    /// their own, so the person who started the write does not wait for it. If that task
    /// never runs (the app closes), the next commit or the last connection to close does it.
    pub(crate) async fn resume_checkpoints(&self) {
        let pragma = format!("PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}");
        // The write has committed (or failed) by now; a failure here must not be reported as
        // the write's. Until the setting is back the WAL only grows, which costs disk, not data.
        if let Err(err) = sqlx::query(&pragma).execute(&self.writer).await {
            tracing::warn!(%err, "could not turn automatic checkpoints back on");
            return;
        }
        let writer = self.writer.clone();
        tokio::spawn(async move {
            if let Err(err) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&writer)
                .await
            {
                tracing::warn!(%err, "checkpoint after a bulk write failed; the next write does it");
            }
        });
    }

    /// Copies every committed change from the WAL into the file and truncates the WAL to
    /// nothing, so deleted data (overwritten in the file, as `secure_delete` is on) is not
    /// left in old WAL frames. Retries while a reader still holds an older snapshot.
    pub(crate) async fn checkpoint_truncate(&self) -> Result<()> {
        for _ in 0..50 {
            let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&self.writer)
                .await?;
            if busy == 0 {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Err(crate::Error::conflict(
            "The database is busy, so the erased data could not yet be cleared from the \
             write-ahead log. It will be when the app is locked.",
        ))
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
        close_pool(&self.reader).await;
        close_pool(&self.writer).await;
    }
}

/// Closes `pool` and waits until no connection of it is open. `Pool::close` alone is not
/// enough: a connection that was being handed back (a query on `&pool` hands its connection
/// back in a spawned task) when `close` began can land in the idle queue after `close` has
/// emptied it, and would then stay open, with the key in SQLCipher's memory, until a worker
/// thread got round to dropping it. Calling `close` again closes such late arrivals.
async fn close_pool(pool: &SqlitePool) {
    pool.close().await;
    while pool.size() > 0 {
        tokio::task::yield_now().await;
        pool.close().await;
    }
}

/// The page cache of each reader connection, in KiB. Searching 100,000 members touches
/// pages all over the people table and its indexes; with SQLite's default (2 MiB) most of
/// them would be read and decrypted again for every keystroke. Filled only as pages are
/// read, and freed when the forum locks.
const READER_CACHE_KIB: i64 = 64 * 1024;

/// SQLite's limit on `?` parameters in one statement (its default since 3.32).
const MAX_PARAMETERS: usize = 32_766;

/// Splits `rows` into slices for multi-row `INSERT ... VALUES` statements of `columns`
/// values a row, so a bulk write (an import) takes one round trip per few hundred rows
/// instead of one per row. The slices are powers of two (full ones of the largest size
/// that fits, then the remainder in falling powers of two): the statement cache is keyed on
/// the SQL text, so a bulk write prepares at most nine statements of each kind, however
/// many rows each call brings.
pub(crate) fn batches<T>(rows: &[T], columns: usize) -> Vec<&[T]> {
    let fits = (MAX_PARAMETERS / columns.max(1)).clamp(1, MAX_ROWS_PER_STATEMENT);
    let largest = 1 << fits.ilog2();
    let mut out = Vec::new();
    let mut rest = rows;
    let mut size = largest;
    while !rest.is_empty() {
        while size > rest.len() {
            size /= 2;
        }
        let (head, tail) = rest.split_at(size);
        out.push(head);
        rest = tail;
    }
    out
}

const MAX_ROWS_PER_STATEMENT: usize = 256;

/// The page cache a large write (an import) gets on the writer connection, in KiB. With the
/// default (2 MiB), far smaller than the indexes of 100,000 members, a long transaction
/// evicts, re-reads and re-decrypts the same index pages over and over (measured: an
/// import of 100,000 rows did not finish in 45 s with it). 256 MiB holds the whole import
/// of 100,000 members, so nothing is written out early and the index rebuild reads from
/// memory: against 64 MiB, the rows took 6.1–6.5 s instead of 7.1–7.3 s. The cache only
/// grows as pages are used.
const BULK_CACHE_KIB: i64 = 256 * 1024;

/// Raises the writer connection's page cache for a bulk write; returns the setting to put
/// back with [`end_bulk_write`], so everyday writes keep the default.
pub(crate) async fn begin_bulk_write(conn: &mut SqliteConnection) -> Result<i64> {
    let previous: i64 = sqlx::query_scalar("PRAGMA cache_size")
        .fetch_one(&mut *conn)
        .await?;
    sqlx::query(&format!("PRAGMA cache_size = -{BULK_CACHE_KIB}"))
        .execute(&mut *conn)
        .await?;
    Ok(previous)
}

/// SQLite's default: a commit that leaves the WAL over this many pages copies them into
/// the file before it returns.
const AUTOCHECKPOINT_PAGES: i64 = 1000;

/// Before a bulk write commits: the commit returns once its pages are safely in the WAL,
/// without copying them all into the file as well (over half a second for a large import).
/// Call [`Database::resume_checkpoints`] after the commit, whether or not it succeeded.
pub(crate) async fn pause_checkpoints(conn: &mut SqliteConnection) -> Result<()> {
    sqlx::query("PRAGMA wal_autocheckpoint = 0")
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(crate) async fn end_bulk_write(conn: &mut SqliteConnection, previous: i64) -> Result<()> {
    sqlx::query(&format!("PRAGMA cache_size = {previous}"))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(crate) fn connect_options(path: &Path, key: &DbKey) -> Result<SqliteConnectOptions> {
    // OpenSSL, which SQLCipher encrypts with, otherwise frees its global state in an exit
    // handler. A connection still closing on sqlx's worker thread as the process exits (a
    // pool dropped rather than closed, a test's last session) then uses that state while it
    // is freed: a test binary that had passed aborted with "double free or corruption".
    // This initialises OpenSSL first, without the handler; it runs once per process.
    openssl_sys::init();
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

#[cfg(test)]
mod tests {
    use super::batches;

    #[test]
    fn bulk_statements_come_in_a_few_sizes() {
        let rows: Vec<u32> = (0..1000).collect();
        let sizes: Vec<usize> = batches(&rows, 8).iter().map(|b| b.len()).collect();
        assert_eq!(sizes, [256, 256, 256, 128, 64, 32, 8]);
        assert_eq!(batches(&rows[..0], 8).len(), 0);
        assert_eq!(
            batches(&rows[..3], 8)
                .iter()
                .map(|b| b.len())
                .collect::<Vec<_>>(),
            [2, 1]
        );
        let wide: Vec<usize> = batches(&rows, 200).iter().map(|b| b.len()).collect();
        assert_eq!(wide.iter().sum::<usize>(), 1000);
        assert!(wide.iter().all(|n| n * 200 <= 32_766));
        let flat: Vec<u32> = batches(&rows, 3).concat();
        assert_eq!(flat, rows);
    }
}
