//! A large import into a small forum builds the member tables' secondary indexes once, at the
//! end, instead of growing them row by row.
//!
//! Each new member goes into the e-mail, phone, postcode, area and name indexes at a place
//! set by its values, so a 100,000-row import walks and splits pages all over five B-trees,
//! which was over a second of the import. `CREATE INDEX` sorts the keys first and writes each
//! index in order, which is several times cheaper, but it reads the whole table: it only pays
//! when the file brings at least as many people as the forum already has.
//!
//! It is safe because everything happens inside the import's transaction. A dry run, an
//! all-or-nothing refusal or an error rolls the `DROP INDEX` back with the rows, and readers
//! (including the duplicate lookups, which run on a reader) keep seeing the indexes of the
//! last commit. The definitions are read from the schema, not repeated here, so a migration
//! that changes an index is rebuilt as it now stands.

use sqlx::SqliteConnection;

use super::DuplicatePolicy;
use crate::Result;

/// Below this many rows the indexes are kept: the saving is small and rebuilding is not free.
const MIN_ROWS: usize = 1_000;

/// The indexes whose order is their values' (names, e-mails, phones, postcodes, dates), so
/// an import's rows land all over them. The others start with a new id (UUIDv7, in creation
/// order) or a handful of values such as the area, so new rows go at a few right-hand edges
/// and cost little; rebuilding those would read the whole table again for nothing.
const RANDOM_ORDER: &[&str] = &[
    "people_email_key",
    "people_phone",
    "people_postcode",
    "people_sort",
    "memberships_status",
    "membership_events_on",
];

/// Indexes dropped for this import, with the statements that make them again.
#[must_use = "the indexes must be built again before the import commits"]
pub(super) struct Deferred(Vec<String>);

/// Drops the [`RANDOM_ORDER`] indexes when an import of `file_rows` rows is worth building
/// them again afterwards. Only under the "skip"
/// policy: merging looks each row up on the writer, where it needs the indexes.
pub(super) async fn defer(
    conn: &mut SqliteConnection,
    file_rows: usize,
    policy: DuplicatePolicy,
) -> Result<Deferred> {
    if policy != DuplicatePolicy::Skip || file_rows < MIN_ROWS {
        return Ok(Deferred(Vec::new()));
    }
    let people: i64 = sqlx::query_scalar("SELECT count(*) FROM people")
        .fetch_one(&mut *conn)
        .await?;
    if usize::try_from(people).unwrap_or(usize::MAX) > file_rows {
        return Ok(Deferred(Vec::new()));
    }
    let placeholders = vec!["?"; RANDOM_ORDER.len()].join(", ");
    let sql = format!(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
         AND name IN ({placeholders}) ORDER BY name"
    );
    let mut query = sqlx::query_as::<_, (String, String)>(&sql);
    for name in RANDOM_ORDER {
        query = query.bind(*name);
    }
    let indexes = query.fetch_all(&mut *conn).await?;
    let mut rebuild = Vec::with_capacity(indexes.len());
    for (name, sql) in indexes {
        sqlx::query(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))
            .execute(&mut *conn)
            .await?;
        rebuild.push(sql);
    }
    Ok(Deferred(rebuild))
}

/// Builds the dropped indexes again, in the import's transaction.
pub(super) async fn rebuild(conn: &mut SqliteConnection, deferred: Deferred) -> Result<()> {
    for sql in deferred.0 {
        sqlx::query(&sql).execute(&mut *conn).await?;
    }
    Ok(())
}
