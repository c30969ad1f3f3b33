//! Consent: every change is an event (given or withdrawn, statement version, method, who,
//! when); the current answer for a purpose is the person's latest event for it (the greatest
//! id: ids are UUIDv7, in creation order), found by one seek on the events' key. Nothing is
//! ever pre-ticked: a person with no event for a purpose has not consented.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::children;
use super::model::ConsentMethod;
use super::record::{self, MemberRecord};
use crate::audit::{self, Entry};
use crate::role::Action;
use crate::session::Session;
use crate::{id, storage, Error, Result};

/// The purpose whose consent allows children's needs and equality data to be held.
pub const SPECIAL_CATEGORY: &str = "special_category";

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ConsentPurpose.ts")]
pub struct ConsentPurpose {
    pub id: String,
    pub name: String,
    pub channel: Option<String>,
    /// `consent`, `explicit_consent`, or a lawful basis that needs no consent.
    pub basis: String,
    pub special: bool,
    pub version: i32,
    pub statement: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ConsentInput.ts")]
pub struct ConsentInput {
    pub purpose_id: String,
    pub given: bool,
    pub method: ConsentMethod,
    /// Withdrawing special-category consent deletes the children's details and equality
    /// data; the caller must have shown that and had it confirmed.
    #[serde(default)]
    pub confirm_deletion: bool,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ConsentEvent.ts")]
pub struct ConsentEvent {
    pub id: String,
    pub purpose_id: String,
    pub purpose_name: String,
    pub given: bool,
    pub statement_version: i32,
    pub method: ConsentMethod,
    pub captured_by: Option<String>,
    pub at: String,
}

pub async fn purposes(s: &Session) -> Result<Vec<ConsentPurpose>> {
    s.require(Action::ViewMembers)?;
    Ok(sqlx::query_as(
        "SELECT p.id, p.name, p.channel, p.basis, p.special, st.version, st.text AS statement \
         FROM consent_purposes p JOIN consent_statements st ON st.purpose_id = p.id AND st.version = \
         (SELECT max(version) FROM consent_statements WHERE purpose_id = p.id) \
         WHERE p.active = 1 ORDER BY p.sort_order",
    )
    .fetch_all(s.db().reader())
    .await?)
}

pub async fn history(s: &Session, person_id: &str) -> Result<Vec<ConsentEvent>> {
    s.require(Action::ViewMembers)?;
    Ok(sqlx::query_as(
        "SELECT e.id, e.purpose_id, p.name AS purpose_name, e.given, e.statement_version, e.method, \
         u.display_name AS captured_by, e.at FROM consent_events e \
         JOIN consent_purposes p ON p.id = e.purpose_id LEFT JOIN users u ON u.id = e.captured_by \
         WHERE e.person_id = ? ORDER BY e.at DESC, e.id DESC",
    )
    .bind(person_id)
    .fetch_all(s.db().reader())
    .await?)
}

pub async fn record(s: &Session, person_id: &str, input: ConsentInput) -> Result<MemberRecord> {
    s.require(Action::EditMembers)?;
    let mut tx = s.db().write().await?;
    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM people WHERE id = ?")
        .bind(person_id)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Err(Error::not_found("That member does not exist."));
    }
    let special_withdrawal = input.purpose_id == SPECIAL_CATEGORY && !input.given;
    if special_withdrawal {
        let (children, equality) = children::count_held(&mut tx, person_id).await?;
        if (children > 0 || equality) && !input.confirm_deletion {
            let mut held = Vec::new();
            if children > 0 {
                let noun = if children == 1 {
                    "child's needs"
                } else {
                    "children's needs"
                };
                held.push(format!("the information held about {children} {noun}"));
            }
            if equality {
                held.push("their equality information".to_owned());
            }
            return Err(Error::conflict(format!(
                "Withdrawing this consent deletes {}. Confirm to continue.",
                held.join(" and ")
            )));
        }
    }
    append_event(
        &mut tx,
        person_id,
        &input.purpose_id,
        input.given,
        input.method,
        Some(s.user_id()),
    )
    .await?;
    let mut fields =
        json!({"purpose": input.purpose_id, "given": input.given, "method": input.method.as_str()});
    if special_withdrawal {
        let removed = children::delete_all_for_withdrawal(&mut tx, person_id).await?;
        fields["children_deleted"] = json!(removed);
    }
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "consent.recorded",
            entity: "person",
            entity_id: Some(person_id),
            changes: fields,
        },
    )
    .await?;
    tx.commit().await?;
    record::load(s, person_id).await
}

/// Appends one consent event at the purpose's current statement version, and refreshes the
/// person's consent bits. Shared with the importer.
pub(crate) async fn append_event(
    conn: &mut SqliteConnection,
    person_id: &str,
    purpose_id: &str,
    given: bool,
    method: ConsentMethod,
    captured_by: Option<&str>,
) -> Result<()> {
    let version = purpose_version(conn, purpose_id).await?;
    let event = NewEvent::new(person_id, purpose_id, given, version, method, captured_by);
    append_events(conn, std::slice::from_ref(&event)).await?;
    refresh_given(conn, person_id).await
}

/// Recomputes `people.consent_given` (the bits of the purposes whose latest answer is
/// "given") from a person's events. Every change to a person's events calls this in the
/// same transaction; only the importer, which writes a new person and their events
/// together, sets the bits itself (see [`given_bits`]).
pub(crate) async fn refresh_given(conn: &mut SqliteConnection, person_id: &str) -> Result<()> {
    sqlx::query(
        "UPDATE people SET consent_given = coalesce((SELECT sum(1 << pu.bit) FROM consent_purposes pu \
         WHERE (SELECT e.given FROM consent_events e WHERE e.person_id = people.id \
         AND e.purpose_id = pu.id ORDER BY e.id DESC LIMIT 1) = 1), 0) WHERE id = ?",
    )
    .bind(person_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Each purpose's bit in `people.consent_given`.
pub(crate) async fn purpose_bits(
    conn: &mut SqliteConnection,
) -> Result<std::collections::HashMap<String, i64>> {
    let bits: Vec<(String, i64)> =
        sqlx::query_as("SELECT id, bit FROM consent_purposes WHERE bit IS NOT NULL")
            .fetch_all(&mut *conn)
            .await?;
    Ok(bits.into_iter().collect())
}

/// The `people.consent_given` bits of a new person whose only answers are `answers`.
pub(crate) fn given_bits(
    bits: &std::collections::HashMap<String, i64>,
    answers: &[(&str, bool)],
) -> i64 {
    answers
        .iter()
        .filter(|(_, given)| *given)
        .filter_map(|(purpose, _)| bits.get(*purpose))
        .fold(0, |flags, bit| flags | (1 << bit))
}

/// The current statement version of a purpose that relies on consent; an error a form can
/// show for any other purpose. The importer looks this up once per purpose, not per row.
pub(crate) async fn purpose_version(conn: &mut SqliteConnection, purpose_id: &str) -> Result<i64> {
    let purpose: Option<(String, Option<i64>)> = sqlx::query_as(
        "SELECT p.basis, (SELECT max(version) FROM consent_statements WHERE purpose_id = p.id) \
         FROM consent_purposes p WHERE p.id = ? AND p.active = 1",
    )
    .bind(purpose_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((basis, Some(version))) = purpose else {
        return Err(Error::field(
            "purposeId",
            "Select one of the forum's consent purposes",
        ));
    };
    if basis != "consent" && basis != "explicit_consent" {
        return Err(Error::field(
            "purposeId",
            "This purpose does not rely on consent, so there is nothing to give or withdraw",
        ));
    }
    Ok(version)
}

/// One consent event to append, its statement version already looked up.
pub(crate) struct NewEvent<'a> {
    id: String,
    person_id: &'a str,
    purpose_id: &'a str,
    given: bool,
    statement_version: i64,
    method: ConsentMethod,
    captured_by: Option<&'a str>,
    at: String,
}

impl<'a> NewEvent<'a> {
    pub(crate) fn new(
        person_id: &'a str,
        purpose_id: &'a str,
        given: bool,
        statement_version: i64,
        method: ConsentMethod,
        captured_by: Option<&'a str>,
    ) -> NewEvent<'a> {
        NewEvent {
            id: id::new_id(),
            person_id,
            purpose_id,
            given,
            statement_version,
            method,
            captured_by,
            at: id::now_rfc3339(),
        }
    }

    /// When the answer was given, if not now (a sign-up typed earlier on a drive laptop).
    pub(crate) fn at(mut self, at: &str) -> NewEvent<'a> {
        at.clone_into(&mut self.at);
        self
    }
}

/// Appends consent events, in order, a few hundred rows per statement. A person and purpose appear at most once in `events`.
pub(crate) async fn append_events(
    conn: &mut SqliteConnection,
    events: &[NewEvent<'_>],
) -> Result<()> {
    for chunk in storage::batches(events, 8) {
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO consent_events (id, person_id, purpose_id, given, statement_version, method, \
             captured_by, at) ",
        );
        insert.push_values(chunk, |mut b, e| {
            b.push_bind(e.id.as_str())
                .push_bind(e.person_id)
                .push_bind(e.purpose_id)
                .push_bind(e.given)
                .push_bind(e.statement_version)
                .push_bind(e.method.as_str())
                .push_bind(e.captured_by)
                .push_bind(e.at.as_str());
        });
        insert.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Ids for the consent events of one import: UUIDv7s that share the import's time and a
/// random part, with a counter for the last 48 bits (RFC 9562 allows a counter there for
/// ids that must rise within one millisecond). They are unique within the import, greater
/// than every id made before it, and smaller than any made after, so "latest by id" holds;
/// and SQLite can make them itself, which lets [`append_imported`] send no id at all.
pub(crate) struct ImportedIds {
    /// The first 24 characters of a fresh UUIDv7 (`xxxxxxxx-xxxx-7xxx-yxxx-`).
    prefix: String,
    next: u64,
}

impl ImportedIds {
    pub(crate) fn new() -> ImportedIds {
        let mut prefix = id::new_id();
        prefix.truncate(24);
        ImportedIds { prefix, next: 0 }
    }
}

/// One imported person's answers, as bits over the purposes passed with them: which
/// purposes the row answered, and which of those it answered "yes".
pub(crate) struct ImportedAnswers<'a> {
    pub person_id: &'a str,
    pub answered: u64,
    pub given: u64,
}

/// Appends the consent events of imported rows (method "import", captured by `captured_by`
/// now), one statement for the lot. `purposes` are the purposes (with their current
/// statement versions) that the answers' bits stand for, at most 64. Each person goes as
/// three numbers in one JSON array and SQLite makes their events, ids included: at 100,000
/// members an import writes about half a million events, and sending eight values for each
/// was most of the import's time.
pub(crate) async fn append_imported(
    conn: &mut SqliteConnection,
    ids: &mut ImportedIds,
    purposes: &[(&str, i64)],
    people: &[ImportedAnswers<'_>],
    captured_by: &str,
) -> Result<()> {
    if people.is_empty() || purposes.is_empty() {
        return Ok(());
    }
    if purposes.len() > 64 {
        return Err(Error::internal("Too many consent purposes in one import."));
    }
    let rows: Vec<(&str, u64, u64)> = people
        .iter()
        .map(|p| (p.person_id, p.answered, p.given))
        .collect();
    let json = serde_json::to_string(&rows).map_err(|e| Error::internal(e.to_string()))?;
    let mut sql = String::from("WITH purpose (bit, id, version) AS (VALUES ");
    sql.push_str(&vec!["(?, ?, ?)"; purposes.len()].join(", "));
    // Read each person's numbers once, not once per purpose. CROSS JOIN keeps the people
    // as the outer loop, so the events arrive in the order of their people's (rising) ids
    // and go in at the right-hand edge of the table, with no sort first: an `ORDER BY`
    // made SQLite put every event through a temporary B-tree. The ids do not depend on
    // the order, being made from each person's place and each purpose's bit.
    sql.push_str(
        "), person (n, id, answered, given) AS MATERIALIZED (SELECT key, value ->> 0, \
         value ->> 1, value ->> 2 FROM json_each(?)) \
         INSERT INTO consent_events (id, person_id, purpose_id, given, statement_version, \
         method, captured_by, at) \
         SELECT ? || printf('%012x', ? + person.n * 64 + purpose.bit), person.id, purpose.id, \
         (person.given >> purpose.bit) & 1, purpose.version, ?, ?, ? \
         FROM person CROSS JOIN purpose ON (person.answered >> purpose.bit) & 1",
    );
    let mut query = sqlx::query(&sql);
    for (bit, (purpose, version)) in purposes.iter().enumerate() {
        query = query.bind(bit as i64).bind(*purpose).bind(*version);
    }
    let first = i64::try_from(ids.next).map_err(|_| Error::internal("Too many consent events."))?;
    query
        .bind(json)
        .bind(&ids.prefix)
        .bind(first)
        .bind(ConsentMethod::Import.as_str())
        .bind(captured_by)
        .bind(id::now_rfc3339())
        .execute(&mut *conn)
        .await?;
    ids.next += people.len() as u64 * 64;
    Ok(())
}

/// Whether `person_id`'s consent for `purpose_id` is currently given.
pub(crate) async fn is_given(
    conn: &mut SqliteConnection,
    person_id: &str,
    purpose_id: &str,
) -> Result<bool> {
    let given: Option<bool> = sqlx::query_scalar(
        "SELECT given FROM consent_events WHERE person_id = ? AND purpose_id = ? \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(person_id)
    .bind(purpose_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(given.unwrap_or(false))
}
