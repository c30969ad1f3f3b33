//! Potential duplicates: on save, on import and as a reviewable list. E-mail is not unique
//! (parents and their young people share addresses), so no key is enough on its own. A pair
//! is a potential duplicate when its names are similar ([`similar_names`]) and it shares at
//! least one of: the e-mail address (compared without case), the phone number (E.164) or the
//! postcode. Only indexed exact lookups reach the database; names are compared in Rust on
//! the few candidates they return, so the importer can check every row of a large file.

mod names;
mod review;

use serde::Serialize;
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use super::details::{self, MemberDetails};
use super::model::MemberType;
use crate::role::Action;
use crate::session::Session;
use crate::{Error, Result};

pub use names::similar_names;
pub(crate) use names::{likeness, Likeness};
pub use review::{dismiss, review_list, DuplicatePair, MAX_REVIEW};

/// One person as the duplicate rules see them: already normalised (e-mail as
/// `values::email` returns it, phone in E.164, postcode as "PR1 2HE").
#[derive(Debug, Clone, Default, PartialEq, Eq, FromRow)]
pub struct Probe {
    pub first_name: String,
    pub last_name: String,
    pub preferred_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub postcode: Option<String>,
}

/// An existing member who may be the same person as the one being checked, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DuplicateMatch.ts")]
pub struct DuplicateMatch {
    pub person_id: String,
    pub first_name: String,
    pub last_name: String,
    pub preferred_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub postcode: Option<String>,
    /// In plain words, e.g. "same e-mail and a similar name".
    pub reason: String,
}

/// A person found by one of the exact keys, with which keys matched.
#[derive(FromRow)]
struct Candidate {
    id: String,
    first_name: String,
    last_name: String,
    preferred_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    postcode: Option<String>,
    same_email: bool,
    same_phone: bool,
    same_postcode: bool,
}

/// Bounds the work for one probe. A real postcode holds a few dozen households; a key
/// shared by hundreds (an office phone number typed for everyone) says nothing about
/// identity, and comparing names against all of it would stall an import.
const MAX_CANDIDATES: i64 = 200;

/// The existing members who may be `probe`, leaving out `exclude_id` (the person themself
/// when re-checking a saved record). One query: SQLite answers the three `OR`ed equality
/// tests with one index lookup each (its "OR by union" plan) and unions the row ids.
pub(crate) async fn candidates(
    conn: &mut SqliteConnection,
    probe: &Probe,
    exclude_id: Option<&str>,
) -> Result<Vec<DuplicateMatch>> {
    let email_key = probe.email.as_deref().map(str::to_lowercase);
    if email_key.is_none() && probe.phone.is_none() && probe.postcode.is_none() {
        return Ok(Vec::new());
    }
    let rows: Vec<Candidate> = sqlx::query_as(
        "SELECT id, first_name, last_name, preferred_name, email, phone, postcode, \
         coalesce(email_key = ?1, 0) AS same_email, coalesce(phone = ?2, 0) AS same_phone, \
         coalesce(postcode = ?3, 0) AS same_postcode FROM people \
         WHERE (email_key = ?1 OR phone = ?2 OR postcode = ?3) AND id IS NOT ?4 LIMIT ?5",
    )
    .bind(&email_key)
    .bind(&probe.phone)
    .bind(&probe.postcode)
    .bind(exclude_id)
    .bind(MAX_CANDIDATES)
    .fetch_all(&mut *conn)
    .await?;
    Ok(matches(probe, rows))
}

/// [`candidates`] for many probes in one query, as the importer checks a file: the same
/// answer for each probe, in the same order, as one call of `candidates(conn, probe, None)`
/// each against the same database. That query's plan ("OR by union": the e-mail index, then
/// the phone index, then the postcode index, each in row id order, skipping rows already
/// found, stopping at [`MAX_CANDIDATES`]) is followed here: each key gives at most
/// `MAX_CANDIDATES` rows in row id order, and the union is taken in Rust.
pub(crate) async fn candidates_many(
    conn: &mut SqliteConnection,
    probes: &[&Probe],
) -> Result<Vec<Vec<DuplicateMatch>>> {
    let keys: Vec<serde_json::Value> = probes
        .iter()
        .map(|p| {
            serde_json::json!([
                p.email.as_deref().map(str::to_lowercase),
                p.phone.as_deref(),
                p.postcode.as_deref()
            ])
        })
        .collect();
    let keys = serde_json::Value::Array(keys).to_string();
    let mut found: Vec<Vec<(i64, i64, Candidate)>> = std::iter::repeat_with(Vec::new)
        .take(probes.len())
        .collect();
    let rows: Vec<KeyedCandidate> = sqlx::query_as(
        "WITH probe (i, email_key, phone, postcode) AS \
         (SELECT key, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?1)) \
         SELECT probe.i, 0 AS k, p.rowid AS row_id, p.id, p.first_name, p.last_name, \
         p.preferred_name, p.email, p.phone, p.postcode, coalesce(p.email_key = probe.email_key, 0) \
         AS same_email, coalesce(p.phone = probe.phone, 0) AS same_phone, \
         coalesce(p.postcode = probe.postcode, 0) AS same_postcode FROM probe JOIN people p \
         ON p.rowid IN (SELECT rowid FROM people WHERE email_key = probe.email_key ORDER BY rowid LIMIT ?2) \
         UNION ALL \
         SELECT probe.i, 1 AS k, p.rowid AS row_id, p.id, p.first_name, p.last_name, \
         p.preferred_name, p.email, p.phone, p.postcode, coalesce(p.email_key = probe.email_key, 0) \
         AS same_email, coalesce(p.phone = probe.phone, 0) AS same_phone, \
         coalesce(p.postcode = probe.postcode, 0) AS same_postcode FROM probe JOIN people p \
         ON p.rowid IN (SELECT rowid FROM people WHERE phone = probe.phone ORDER BY rowid LIMIT ?2) \
         UNION ALL \
         SELECT probe.i, 2 AS k, p.rowid AS row_id, p.id, p.first_name, p.last_name, \
         p.preferred_name, p.email, p.phone, p.postcode, coalesce(p.email_key = probe.email_key, 0) \
         AS same_email, coalesce(p.phone = probe.phone, 0) AS same_phone, \
         coalesce(p.postcode = probe.postcode, 0) AS same_postcode FROM probe JOIN people p \
         ON p.rowid IN (SELECT rowid FROM people WHERE postcode = probe.postcode ORDER BY rowid LIMIT ?2)",
    )
    .bind(keys)
    .bind(MAX_CANDIDATES)
    .fetch_all(&mut *conn)
    .await?;
    for row in rows {
        if let Some(list) = usize::try_from(row.i).ok().and_then(|i| found.get_mut(i)) {
            list.push((row.k, row.row_id, row.candidate));
        }
    }
    Ok(found
        .into_iter()
        .zip(probes)
        .map(|(mut hits, probe)| {
            hits.sort_by_key(|(k, rowid, _)| (*k, *rowid));
            let mut seen = std::collections::HashSet::new();
            let union = hits
                .into_iter()
                .filter(|(_, rowid, _)| seen.insert(*rowid))
                .take(usize::try_from(MAX_CANDIDATES).unwrap_or(usize::MAX))
                .map(|(_, _, candidate)| candidate)
                .collect();
            matches(probe, union)
        })
        .collect())
}

#[derive(FromRow)]
struct KeyedCandidate {
    i: i64,
    k: i64,
    row_id: i64,
    #[sqlx(flatten)]
    candidate: Candidate,
}

/// The candidates whose names are similar to the probe's, with the reason.
fn matches(probe: &Probe, rows: Vec<Candidate>) -> Vec<DuplicateMatch> {
    rows.into_iter()
        .filter_map(|row| {
            let other = Probe {
                first_name: row.first_name,
                last_name: row.last_name,
                preferred_name: row.preferred_name,
                email: row.email,
                phone: row.phone,
                postcode: row.postcode,
            };
            let likeness = likeness(probe, &other)?;
            Some(DuplicateMatch {
                person_id: row.id,
                reason: reason(row.same_email, row.same_phone, row.same_postcode, likeness),
                first_name: other.first_name,
                last_name: other.last_name,
                preferred_name: other.preferred_name,
                email: other.email,
                phone: other.phone,
                postcode: other.postcode,
            })
        })
        .collect()
}

/// "same e-mail and a similar name", "same e-mail, phone number and postcode, and the same
/// name".
pub(crate) fn reason(email: bool, phone: bool, postcode: bool, likeness: Likeness) -> String {
    let keys: Vec<&str> = [
        (email, "e-mail"),
        (phone, "phone number"),
        (postcode, "postcode"),
    ]
    .into_iter()
    .filter_map(|(matched, key)| matched.then_some(key))
    .collect();
    let name = match likeness {
        Likeness::Same => "the same name",
        Likeness::Similar => "a similar name",
    };
    match keys.as_slice() {
        [] => name.to_owned(),
        [one] => format!("same {one} and {name}"),
        [first, last] => format!("same {first} and {last}, and {name}"),
        [rest @ .., last] => format!("same {} and {last}, and {name}", rest.join(", ")),
    }
}

/// The members who may be the same person as `person_id`, without the pairs someone has
/// marked as not duplicates.
pub async fn for_member(s: &Session, person_id: &str) -> Result<Vec<DuplicateMatch>> {
    s.require(Action::ViewMembers)?;
    let mut conn = s.db().reader().acquire().await?;
    let probe: Probe = sqlx::query_as(
        "SELECT first_name, last_name, preferred_name, email, phone, postcode FROM people WHERE id = ?",
    )
    .bind(person_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| Error::not_found("That member does not exist."))?;
    let found = candidates(&mut conn, &probe, Some(person_id)).await?;
    let dismissed = review::dismissed_with(&mut conn, person_id).await?;
    Ok(found
        .into_iter()
        .filter(|m| !dismissed.contains(&m.person_id))
        .collect())
}

/// The members who may be the person on the add or edit form, before it is saved, so the
/// form can say "this may be someone already here". `exclude_id` is the record being edited.
/// Details that do not pass the form's checks are a validation error, as on save.
pub async fn for_details(
    s: &Session,
    details: &MemberDetails,
    exclude_id: Option<&str>,
) -> Result<Vec<DuplicateMatch>> {
    s.require(Action::ViewMembers)?;
    // The check is about who they are; the membership type does not matter to it.
    let mut details = details.clone();
    details.member_type.get_or_insert(MemberType::ParentCarer);
    let clean = details::clean(&details)?;
    let probe = Probe {
        first_name: clean.first_name,
        last_name: clean.last_name,
        preferred_name: clean.preferred_name,
        email: clean.email,
        phone: clean.phone,
        postcode: clean.postcode,
    };
    let mut conn = s.db().reader().acquire().await?;
    candidates(&mut conn, &probe, exclude_id).await
}
