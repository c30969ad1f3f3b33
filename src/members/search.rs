//! Finding members: search as you type over names, e-mail, phone and postcode (SQLite FTS5,
//! prefix matching, accents and case folded), with filters, sorting and pages. FTS5 stays in
//! this module, so a later move to a server database replaces this file, not the services.

use serde::{Deserialize, Serialize};
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::model::{MemberType, MembershipStatus, Need, Provision};
use crate::import::values;
use crate::role::Action;
use crate::session::Session;
use crate::{id, Result};

pub const MAX_PAGE_SIZE: u32 = 200;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "MemberSort.ts")]
pub enum MemberSort {
    #[default]
    Name,
    JoinedNewest,
    RenewalDue,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "MemberQuery.ts")]
pub struct MemberQuery {
    pub text: String,
    pub status: Option<MembershipStatus>,
    pub area_id: Option<String>,
    pub member_type: Option<MemberType>,
    /// A consent purpose the person has currently given, e.g. "email_news" ("can be e-mailed").
    pub consent: Option<String>,
    /// Special category: needs the role that may see it.
    pub need: Option<Need>,
    pub provision: Option<Provision>,
    pub sort: MemberSort,
    /// From 1.
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "MemberSummary.ts")]
pub struct MemberSummary {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub preferred_name: Option<String>,
    pub email: Option<String>,
    /// E.164, as stored: for editing and for matching.
    pub phone: Option<String>,
    /// `phone` as a volunteer reads and dials it: "07911 123456", "+33 1 23 45 67 89".
    #[sqlx(skip)]
    pub phone_display: Option<String>,
    pub postcode: Option<String>,
    pub area_name: Option<String>,
    pub member_type: MemberType,
    pub status: MembershipStatus,
    pub renewal_due_on: Option<String>,
}

impl MemberSummary {
    /// Fills in what SQL cannot: the phone number as it is shown.
    pub(crate) fn shown(mut self) -> MemberSummary {
        self.phone_display = self.phone.as_deref().map(values::phone_display);
        self
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "MemberPage.ts")]
pub struct MemberPage {
    #[ts(type = "number")]
    pub total: i64,
    pub page: u32,
    pub page_size: u32,
    pub members: Vec<MemberSummary>,
}

pub async fn search(s: &Session, query: &MemberQuery) -> Result<MemberPage> {
    s.require(Action::ViewMembers)?;
    if query.need.is_some() || query.provision.is_some() {
        s.require(Action::ViewSpecialCategory)?;
    }
    let page_size = query.page_size.clamp(1, MAX_PAGE_SIZE);
    let page = query.page.max(1);
    let today = id::today_london().to_string();
    let mut conn = s.db().reader().acquire().await?;

    // Search as you type with no filter: every row of the search index is a person with a
    // membership (both are written, and a person's row deleted, in the same transaction), so
    // the index alone counts the matches, without looking up each one. Counting stops at
    // DENSE_MATCHES + 1 first: that is the whole count for most of what is typed, and it is
    // enough to choose the page's plan. When there are more, the full count runs on a second
    // connection while this one fetches the page, so a short prefix that matches thousands
    // pays for one pass over its matches, not two in a row.
    let text_only = fts_query(&query.text).filter(|_| !has_filters(query));
    // An area is a tenth of the forum or less, while "active" is most of it; without
    // statistics SQLite rates both alike and, since the index of memberships by status and
    // person (for the evidence pack), walked every active membership to find one area's:
    // 70 ms a list page instead of 25 at 100,000 members. So an area leads.
    let by_area = query.area_id.is_some();
    let known_total: Option<i64> = match &text_only {
        Some(fts) => {
            let capped: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM (SELECT 1 FROM people_search WHERE people_search MATCH ? \
                 LIMIT ?)",
            )
            .bind(fts)
            .bind(DENSE_MATCHES + 1)
            .fetch_one(&mut *conn)
            .await?;
            (capped <= DENSE_MATCHES).then_some(capped)
        }
        None => {
            let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM people p");
            if by_area {
                count.push(" INDEXED BY people_area");
            }
            count.push(" JOIN memberships m ON m.person_id = p.id WHERE 1 = 1");
            filters(&mut count, query, &today);
            Some(count.build_query_scalar().fetch_one(&mut *conn).await?)
        }
    };
    // When a short prefix matches thousands, reading the people in name order and keeping
    // the matches finds a page at once; looking up and sorting every match would take
    // longer the more there are. The same rows either way: only SQLite's plan differs.
    let by_name_index = known_total.is_none() && query.sort == MemberSort::Name;

    // The page is chosen first, from as little as the order and the filters need, and only
    // its rows are then joined to their membership and area: sorting every match with all
    // it shows, and looking up the membership of each, made a search matching a thousand
    // people take twice as long. Typed text alone, sorted by name, reads only the search
    // index and each match's names (`people_names`, a few bytes a person, so that a search
    // after any write, which empties the readers' page caches, decrypts a few hundred small
    // pages rather than a page of the people table per match). Every person in the search
    // index has a membership and is not erased (both kept so in the same transactions), so
    // this needs no join to keep anyone out; anything else joins as before. Ties of name go
    // by row number, the order of the name index itself, so both text plans agree.
    let order = match query.sort {
        MemberSort::Name => {
            " ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.rowid"
        }
        MemberSort::JoinedNewest => " ORDER BY m.joined_on DESC, p.id",
        MemberSort::RenewalDue => " ORDER BY m.renewal_due_on IS NULL, m.renewal_due_on, p.id",
    };
    let mut rows = QueryBuilder::<Sqlite>::new("SELECT p.id, p.first_name, p.last_name, p.preferred_name, p.email, p.phone, p.postcode, a.name AS area_name, m.member_type, CASE WHEN m.status = 'active' AND m.renewal_due_on <= ");
    rows.push_bind(today.clone());
    rows.push(" THEN 'renewal_due' ELSE m.status END AS status, m.renewal_due_on FROM (");
    match &text_only {
        Some(fts) if query.sort == MemberSort::Name && !by_name_index => {
            rows.push("SELECT n.person FROM people_names n WHERE n.person IN (SELECT rowid FROM people_search WHERE people_search MATCH ")
                .push_bind(fts.clone())
                .push(") ORDER BY n.last_name COLLATE NOCASE, n.first_name COLLATE NOCASE, n.person");
        }
        _ => {
            rows.push("SELECT p.rowid AS person FROM people p");
            if by_name_index {
                rows.push(" INDEXED BY people_sort");
            } else if by_area {
                rows.push(" INDEXED BY people_area");
            }
            if text_only.is_none() || query.sort != MemberSort::Name {
                rows.push(" JOIN memberships m ON m.person_id = p.id");
            }
            rows.push(" WHERE 1 = 1");
            filters(&mut rows, query, &today);
            rows.push(order);
        }
    }
    rows.push(" LIMIT ").push_bind(i64::from(page_size));
    rows.push(" OFFSET ")
        .push_bind(i64::from(page - 1) * i64::from(page_size));
    // CROSS JOIN keeps the page as the outer loop: left to itself, SQLite may walk every
    // person in name order to meet the ORDER BY and look each one up in the page.
    rows.push(") page CROSS JOIN people p ON p.rowid = page.person JOIN memberships m ON m.person_id = p.id LEFT JOIN areas a ON a.id = p.area_id");
    rows.push(order);
    let page_rows = rows.build_query_as::<MemberSummary>().fetch_all(&mut *conn);
    let (members, total) = match (known_total, &text_only) {
        (Some(total), _) => (page_rows.await?, total),
        (None, fts) => {
            let fts = fts.clone().unwrap_or_default();
            let full_count = async {
                let mut other = s.db().reader().acquire().await?;
                let total: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM people_search WHERE people_search MATCH ?",
                )
                .bind(fts)
                .fetch_one(&mut *other)
                .await?;
                Ok::<i64, crate::Error>(total)
            };
            let (members, total) = tokio::join!(page_rows, full_count);
            (members?, total?)
        }
    };
    let members = members.into_iter().map(MemberSummary::shown).collect();
    Ok(MemberPage {
        total,
        page,
        page_size,
        members,
    })
}

/// Above this many matches, a text search reads people in name order (see [`search`]).
const DENSE_MATCHES: i64 = 3_000;

/// Whether the query filters on anything but the typed text.
fn has_filters(query: &MemberQuery) -> bool {
    let MemberQuery {
        text: _,
        status,
        area_id,
        member_type,
        consent,
        need,
        provision,
        sort: _,
        page: _,
        page_size: _,
    } = query;
    status.is_some()
        || area_id.is_some()
        || member_type.is_some()
        || consent.is_some()
        || need.is_some()
        || provision.is_some()
}

fn filters(q: &mut QueryBuilder<'_, Sqlite>, query: &MemberQuery, today: &str) {
    // Erased people stay as tombstones for the figures, never in a list.
    q.push(" AND p.erased_at IS NULL");
    if let Some(fts) = fts_query(&query.text) {
        q.push(" AND p.rowid IN (SELECT rowid FROM people_search WHERE people_search MATCH ")
            .push_bind(fts)
            .push(")");
    }
    match query.status {
        None => {}
        Some(MembershipStatus::RenewalDue) => {
            q.push(" AND m.status = 'active' AND m.renewal_due_on <= ")
                .push_bind(today.to_owned());
        }
        Some(MembershipStatus::Active) => {
            q.push(" AND m.status = 'active' AND (m.renewal_due_on IS NULL OR m.renewal_due_on > ")
                .push_bind(today.to_owned())
                .push(")");
        }
        Some(other) => {
            q.push(" AND m.status = ").push_bind(other.as_str());
        }
    }
    if let Some(area) = &query.area_id {
        q.push(" AND p.area_id = ").push_bind(area.clone());
    }
    if let Some(member_type) = query.member_type {
        q.push(" AND m.member_type = ")
            .push_bind(member_type.as_str());
    }
    if let Some(purpose) = &query.consent {
        // The person's consent bits (see `consent::refresh_given`), not their events: a
        // filter tests every person in the list, and the bits are on the row it reads.
        q.push(" AND p.consent_given & (SELECT 1 << bit FROM consent_purposes WHERE id = ")
            .push_bind(purpose.clone())
            .push(") != 0");
    }
    if query.need.is_some() || query.provision.is_some() {
        q.push(" AND EXISTS (SELECT 1 FROM children ch WHERE ch.person_id = p.id");
        if let Some(need) = query.need {
            q.push(" AND (ch.primary_need = ").push_bind(need.as_str());
            q.push(" OR EXISTS (SELECT 1 FROM json_each(ch.secondary_needs) WHERE value = ")
                .push_bind(need.as_str())
                .push("))");
        }
        if let Some(provision) = query.provision {
            q.push(" AND ch.provision = ").push_bind(provision.as_str());
        }
        q.push(")");
    }
}

/// Turns what a volunteer typed into an FTS5 query: every word a quoted prefix, all required.
/// A phone number typed with spaces is one word. Quoting means nothing typed is FTS syntax.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let phone_like = text
        .chars()
        .all(|c| c.is_ascii_digit() || " +()-".contains(c))
        && text.chars().filter(char::is_ascii_digit).count() >= 3;
    let words: Vec<String> = if phone_like {
        vec![text.chars().filter(char::is_ascii_digit).collect()]
    } else {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(8)
            .map(str::to_owned)
            .collect()
    };
    if words.is_empty() {
        return None;
    }
    Some(
        words
            .iter()
            .map(|w| format!("\"{}\"*", w.replace('"', "")))
            .collect::<Vec<_>>()
            .join(" AND "),
    )
}

/// The columns of `people` that go into the search index.
#[derive(FromRow)]
struct Indexed {
    rowid: i64,
    first_name: String,
    last_name: String,
    preferred_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    postcode: Option<String>,
}

/// One row of the search index, as written: the person's `people.rowid` and their words.
pub(crate) struct IndexRow {
    rowid: i64,
    names: String,
    email: Option<String>,
    phone: Option<String>,
    postcode: Option<String>,
}

impl IndexRow {
    /// The index row for a person's stored (normalised) values.
    pub(crate) fn new(
        rowid: i64,
        first_name: &str,
        last_name: &str,
        preferred_name: Option<&str>,
        email: Option<&str>,
        phone: Option<&str>,
        postcode: Option<&str>,
    ) -> IndexRow {
        let names = [Some(first_name), Some(last_name), preferred_name]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        // "+447700900123" is also found as typed in the UK: "07700 900123".
        let phone = phone.map(|p| {
            let digits: String = p.chars().filter(char::is_ascii_digit).collect();
            match digits.strip_prefix("44") {
                Some(national) => format!("{digits} 0{national}"),
                None => digits,
            }
        });
        // "PR1 2HE" is also found as "PR12HE".
        let postcode = postcode.map(|p| format!("{p} {}", p.replace(' ', "")));
        IndexRow {
            rowid,
            names,
            email: email.map(str::to_owned),
            phone,
            postcode,
        }
    }
}

/// Writes a person's row in the search index (replacing any old one).
pub(crate) async fn index(conn: &mut SqliteConnection, person_id: &str) -> Result<()> {
    let row: Option<Indexed> = sqlx::query_as(
        "SELECT rowid, first_name, last_name, preferred_name, email, phone, postcode FROM people WHERE id = ?",
    )
    .bind(person_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(());
    };
    sqlx::query("DELETE FROM people_search WHERE rowid = ?")
        .bind(row.rowid)
        .execute(&mut *conn)
        .await?;
    let row = IndexRow::new(
        row.rowid,
        &row.first_name,
        &row.last_name,
        row.preferred_name.as_deref(),
        row.email.as_deref(),
        row.phone.as_deref(),
        row.postcode.as_deref(),
    );
    index_new(conn, std::slice::from_ref(&row)).await
}

/// Adds the search rows of people just inserted (their row ids are new, so there is no old
/// row to replace: a deleted person's search row goes with them, see `merge`).
///
/// All of `rows` go in one statement. Inside a transaction, every statement that writes to
/// an FTS5 table opens a savepoint, and FTS5 writes its pending terms to disk as a new
/// segment at each savepoint, which later have to be merged: an import that wrote a
/// few hundred rows per statement spent a fifth of its database time flushing and merging
/// segments. The importer therefore collects a whole file's rows and calls this once.
pub(crate) async fn index_new(conn: &mut SqliteConnection, rows: &[IndexRow]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let values: Vec<_> = rows
        .iter()
        .map(|r| (r.rowid, &r.names, &r.email, &r.phone, &r.postcode))
        .collect();
    let values =
        serde_json::to_string(&values).map_err(|e| crate::Error::internal(e.to_string()))?;
    sqlx::query(
        "INSERT INTO people_search (rowid, names, email, phone, postcode) \
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?)",
    )
    .bind(values)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn typed_text_becomes_quoted_prefixes() {
        assert_eq!(fts_query("  "), None);
        assert_eq!(fts_query("jo blo").as_deref(), Some("\"jo\"* AND \"blo\"*"));
        assert_eq!(fts_query("07700 900").as_deref(), Some("\"07700900\"*"));
        assert_eq!(
            fts_query("jo.bloggs@ex").as_deref(),
            Some("\"jo\"* AND \"bloggs\"* AND \"ex\"*")
        );
        // FTS syntax and SQL are just words.
        assert_eq!(
            fts_query("\" OR 1=1; DROP TABLE people --").as_deref(),
            Some("\"OR\"* AND \"1\"* AND \"1\"* AND \"DROP\"* AND \"TABLE\"* AND \"people\"*")
        );
        assert_eq!(
            fts_query("NEAR(a b)").as_deref(),
            Some("\"NEAR\"* AND \"a\"* AND \"b\"*")
        );
        assert_eq!(fts_query("Zoë").as_deref(), Some("\"Zoë\"*"));
    }
}
