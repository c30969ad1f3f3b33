//! The reviewable list of likely duplicate pairs across the whole membership, and "not a
//! duplicate" decisions, which hide a pair from the list and from the member page.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::json;
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::{likeness, reason, Likeness, Probe};
use crate::audit::{self, Entry};
use crate::members::search::MemberSummary;
use crate::role::Action;
use crate::session::Session;
use crate::{id, Error, Result};

pub const MAX_REVIEW: u32 = 500;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DuplicatePair.ts")]
pub struct DuplicatePair {
    pub a: MemberSummary,
    pub b: MemberSummary,
    /// In plain words, e.g. "same phone number and a similar name".
    pub reason: String,
}

#[derive(FromRow)]
struct RawPair {
    a_id: String,
    a_first: String,
    a_last: String,
    a_preferred: Option<String>,
    b_id: String,
    b_first: String,
    b_last: String,
    b_preferred: Option<String>,
    same_email: bool,
    same_phone: bool,
    same_postcode: bool,
}

/// A key shared by more people than this (an office phone number typed for everyone, a
/// block of flats) is left out of the list: it would add thousands of pairs and says little
/// about identity. Such people are still paired by their other keys.
const MAX_SHARED: i64 = 50;

/// Each pair once, with every key it shares flagged. Each branch pairs people through one
/// index, comparing row ids (which the index holds) rather than ids (which it does not), so
/// it never reads the table: at 100,000 members this is the difference between a tenth of a
/// second and seconds. `UNION` drops a pair found by two keys the second time. Pairs marked
/// "not a duplicate" are dropped by the dismissals' primary key (smaller id first). `CROSS
/// JOIN` keeps SQLite reading the pairs first and looking each person up, rather than
/// scanning everyone.
const PAIRS: &str = "\
WITH busy_email AS (SELECT email_key FROM people WHERE email_key IS NOT NULL GROUP BY email_key HAVING count(*) > ?1), \
busy_phone AS (SELECT phone FROM people WHERE phone IS NOT NULL GROUP BY phone HAVING count(*) > ?1), \
busy_postcode AS (SELECT postcode FROM people WHERE postcode IS NOT NULL GROUP BY postcode HAVING count(*) > ?1), \
pairs AS ( \
 SELECT a.rowid AS ra, b.rowid AS rb FROM people a JOIN people b ON b.email_key = a.email_key AND b.rowid > a.rowid \
  WHERE a.email_key IS NOT NULL AND a.email_key NOT IN busy_email \
 UNION \
 SELECT a.rowid, b.rowid FROM people a JOIN people b ON b.phone = a.phone AND b.rowid > a.rowid \
  WHERE a.phone IS NOT NULL AND a.phone NOT IN busy_phone \
 UNION \
 SELECT a.rowid, b.rowid FROM people a JOIN people b ON b.postcode = a.postcode AND b.rowid > a.rowid \
  WHERE a.postcode IS NOT NULL AND a.postcode NOT IN busy_postcode) \
SELECT a.id AS a_id, a.first_name AS a_first, a.last_name AS a_last, a.preferred_name AS a_preferred, \
 b.id AS b_id, b.first_name AS b_first, b.last_name AS b_last, b.preferred_name AS b_preferred, \
 coalesce(a.email_key = b.email_key, 0) AS same_email, coalesce(a.phone = b.phone, 0) AS same_phone, \
 coalesce(a.postcode = b.postcode, 0) AS same_postcode \
FROM pairs CROSS JOIN people a ON a.rowid = pairs.ra CROSS JOIN people b ON b.rowid = pairs.rb \
WHERE NOT EXISTS (SELECT 1 FROM duplicate_dismissals d \
 WHERE d.a_id = min(a.id, b.id) AND d.b_id = max(a.id, b.id))";

/// Likely duplicate pairs, the strongest first (more shared keys, then the same name before
/// a similar one), at most `limit` (up to [`MAX_REVIEW`]).
pub async fn review_list(s: &Session, limit: u32) -> Result<Vec<DuplicatePair>> {
    s.require(Action::ViewMembers)?;
    let limit = usize::try_from(limit.clamp(1, MAX_REVIEW)).unwrap_or(1);
    let mut conn = s.db().reader().acquire().await?;
    // One read transaction, so the pairs and the summaries describe the same moment.
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    let raw: Vec<RawPair> = sqlx::query_as(PAIRS)
        .bind(MAX_SHARED)
        .fetch_all(&mut *tx)
        .await?;
    let mut found: Vec<(usize, Likeness, RawPair)> = raw
        .into_iter()
        .filter_map(|pair| {
            let a = named(&pair.a_first, &pair.a_last, &pair.a_preferred);
            let b = named(&pair.b_first, &pair.b_last, &pair.b_preferred);
            let likeness = likeness(&a, &b)?;
            let keys = usize::from(pair.same_email)
                + usize::from(pair.same_phone)
                + usize::from(pair.same_postcode);
            Some((keys, likeness, pair))
        })
        .collect();
    found.sort_by(|x, y| {
        y.0.cmp(&x.0)
            .then_with(|| (x.1 == Likeness::Similar).cmp(&(y.1 == Likeness::Similar)))
            .then_with(|| x.2.a_last.cmp(&y.2.a_last))
            .then_with(|| x.2.a_id.cmp(&y.2.a_id))
            .then_with(|| x.2.b_id.cmp(&y.2.b_id))
    });
    found.truncate(limit);
    let ids: HashSet<&str> = found
        .iter()
        .flat_map(|(_, _, p)| [p.a_id.as_str(), p.b_id.as_str()])
        .collect();
    let summaries = summaries(&mut tx, &ids).await?;
    tx.commit().await?;
    Ok(found
        .into_iter()
        .filter_map(|(_, likeness, p)| {
            let a = summaries.get(&p.a_id).cloned()?;
            let b = summaries.get(&p.b_id).cloned()?;
            let reason = reason(p.same_email, p.same_phone, p.same_postcode, likeness);
            Some(DuplicatePair { a, b, reason })
        })
        .collect())
}

fn named(first: &str, last: &str, preferred: &Option<String>) -> Probe {
    Probe {
        first_name: first.to_owned(),
        last_name: last.to_owned(),
        preferred_name: preferred.clone(),
        ..Probe::default()
    }
}

async fn summaries(
    conn: &mut SqliteConnection,
    ids: &HashSet<&str>,
) -> Result<HashMap<String, MemberSummary>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let today = id::today_london().to_string();
    let mut q = QueryBuilder::<Sqlite>::new(
        "SELECT p.id, p.first_name, p.last_name, p.preferred_name, p.email, p.phone, p.postcode, \
         a.name AS area_name, m.member_type, CASE WHEN m.status = 'active' AND m.renewal_due_on <= ",
    );
    q.push_bind(today);
    q.push(
        " THEN 'renewal_due' ELSE m.status END AS status, m.renewal_due_on FROM people p \
         JOIN memberships m ON m.person_id = p.id LEFT JOIN areas a ON a.id = p.area_id \
         WHERE p.id IN (",
    );
    let mut list = q.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    q.push(")");
    let rows: Vec<MemberSummary> = q.build_query_as().fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|m| (m.id.clone(), m.shown()))
        .collect())
}

/// Records that `a` and `b` are different people, so the pair is no longer suggested.
pub async fn dismiss(s: &Session, a: &str, b: &str) -> Result<()> {
    s.require(Action::MergeMembers)?;
    if a == b {
        return Err(Error::field(
            "b",
            "Choose two different members: a record cannot be a duplicate of itself",
        ));
    }
    let (first, second) = if a < b { (a, b) } else { (b, a) };
    let mut tx = s.db().write().await?;
    let found: i64 =
        sqlx::query_scalar("SELECT count(*) FROM people WHERE id IN (?, ?) AND erased_at IS NULL")
            .bind(first)
            .bind(second)
            .fetch_one(&mut *tx)
            .await?;
    if found != 2 {
        return Err(Error::not_found("One of those members does not exist."));
    }
    sqlx::query(
        "INSERT INTO duplicate_dismissals (a_id, b_id, dismissed_by, at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (a_id, b_id) DO NOTHING",
    )
    .bind(first)
    .bind(second)
    .bind(s.user_id())
    .bind(id::now_rfc3339())
    .execute(&mut *tx)
    .await?;
    // Ids only: which two records, never what is in them.
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "member.not_duplicate",
            entity: "person",
            entity_id: Some(first),
            changes: json!({"other": second}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The people someone has said `person_id` is not the same as.
pub(super) async fn dismissed_with(
    conn: &mut SqliteConnection,
    person_id: &str,
) -> Result<HashSet<String>> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT b_id FROM duplicate_dismissals WHERE a_id = ?1 \
         UNION SELECT a_id FROM duplicate_dismissals WHERE b_id = ?1",
    )
    .bind(person_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().collect())
}
