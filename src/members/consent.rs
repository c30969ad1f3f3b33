//! Consent: every answer is kept (given or withdrawn, statement version, method, who, when).
//! Answers are stored by capture, one row for each occasion a person answered (a form, a
//! kiosk sign-up, an imported row), holding which purposes it answered and how; the
//! `consent_events` view lists them one per purpose, as the history reads. The current
//! answer for a purpose is the person's latest capture that answered it (the greatest id:
//! ids are UUIDv7, in creation order). Nothing is ever pre-ticked: a person with no answer
//! for a purpose has not consented.

use std::collections::HashMap;

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
    /// The capture's id. One capture can answer several purposes, so an answer is known by
    /// this id and its purpose together.
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
         WHERE e.person_id = ? ORDER BY e.at DESC, e.id DESC, p.sort_order",
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

/// Appends one answer, for one purpose at its current statement version, as a capture of
/// its own, and refreshes the person's consent bits. Shared with the importer.
pub(crate) async fn append_event(
    conn: &mut SqliteConnection,
    person_id: &str,
    purpose_id: &str,
    given: bool,
    method: ConsentMethod,
    captured_by: Option<&str>,
) -> Result<()> {
    let version = purpose_version(conn, purpose_id).await?;
    let now = id::now_rfc3339();
    let mut capture = Capture::new(person_id, method, captured_by, &now);
    capture.answer(&purpose_bits(conn).await?, purpose_id, given, version)?;
    append_captures(conn, std::slice::from_ref(&capture)).await?;
    refresh_given(conn, person_id).await
}

/// Recomputes `people.consent_given` (the bits of the purposes whose latest answer is
/// "given") from a person's events. Every change to a person's events calls this in the
/// same transaction; only the importer, which writes a new person and their events
/// together, sets the bits itself (see [`given_bits`]).
pub(crate) async fn refresh_given(conn: &mut SqliteConnection, person_id: &str) -> Result<()> {
    sqlx::query(
        "UPDATE people SET consent_given = coalesce((SELECT sum(1 << pu.bit) FROM consent_purposes pu \
         WHERE pu.bit IS NOT NULL AND (SELECT (c.given >> pu.bit) & 1 FROM consent_captures c \
         WHERE c.person_id = people.id AND (c.answered >> pu.bit) & 1 \
         ORDER BY c.id DESC LIMIT 1) = 1), 0) WHERE id = ?",
    )
    .bind(person_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Each purpose's bit in `people.consent_given`.
pub(crate) async fn purpose_bits(conn: &mut SqliteConnection) -> Result<HashMap<String, i64>> {
    let bits: Vec<(String, i64)> =
        sqlx::query_as("SELECT id, bit FROM consent_purposes WHERE bit IS NOT NULL")
            .fetch_all(&mut *conn)
            .await?;
    Ok(bits.into_iter().collect())
}

/// The `people.consent_given` bits of a new person whose only answers are `answers`.
pub(crate) fn given_bits(bits: &HashMap<String, i64>, answers: &[(&str, bool)]) -> i64 {
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

/// One capture to append: a person's answers given on one occasion, each purpose at most
/// once, their statement versions already looked up.
pub(crate) struct Capture<'a> {
    id: String,
    person_id: &'a str,
    answered: i64,
    given: i64,
    /// Statement versions by purpose bit; `None` where the capture gave no answer.
    versions: Vec<Option<i64>>,
    method: ConsentMethod,
    captured_by: Option<&'a str>,
    at: &'a str,
}

impl<'a> Capture<'a> {
    /// A capture made `at` (RFC 3339): now, or earlier for a sign-up typed on a drive
    /// laptop. Its id is a fresh UUIDv7, so it sorts after every capture made before.
    pub(crate) fn new(
        person_id: &'a str,
        method: ConsentMethod,
        captured_by: Option<&'a str>,
        at: &'a str,
    ) -> Capture<'a> {
        Capture {
            id: id::new_id(),
            person_id,
            answered: 0,
            given: 0,
            versions: Vec::new(),
            method,
            captured_by,
            at,
        }
    }

    /// Adds the answer for `purpose_id`, whose bit is looked up in `bits`
    /// ([`purpose_bits`]).
    pub(crate) fn answer(
        &mut self,
        bits: &HashMap<String, i64>,
        purpose_id: &str,
        given: bool,
        statement_version: i64,
    ) -> Result<()> {
        let bit = bits
            .get(purpose_id)
            .and_then(|bit| usize::try_from(*bit).ok())
            .filter(|bit| *bit < 63)
            .ok_or_else(|| Error::internal(format!("No bit for consent purpose {purpose_id}.")))?;
        if self.versions.len() <= bit {
            self.versions.resize(bit + 1, None);
        }
        self.versions[bit] = Some(statement_version);
        self.answered |= 1 << bit;
        if given {
            self.given |= 1 << bit;
        } else {
            self.given &= !(1 << bit);
        }
        Ok(())
    }

    fn versions_json(&self) -> Result<String> {
        serde_json::to_string(&self.versions).map_err(|e| Error::internal(e.to_string()))
    }
}

/// Appends captures, a few hundred rows per statement. A capture with no answers is not
/// written (there is nothing to record). The caller refreshes the people's consent bits, or
/// sets them itself for a new person (see [`given_bits`]).
pub(crate) async fn append_captures(
    conn: &mut SqliteConnection,
    captures: &[Capture<'_>],
) -> Result<()> {
    let mut rows = Vec::with_capacity(captures.len());
    for capture in captures.iter().filter(|c| c.answered != 0) {
        rows.push((capture, capture.versions_json()?));
    }
    for chunk in storage::batches(&rows, 8) {
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO consent_captures (person_id, id, answered, given, versions, method, \
             captured_by, at) ",
        );
        insert.push_values(chunk, |mut b, (c, versions)| {
            b.push_bind(c.person_id)
                .push_bind(c.id.as_str())
                .push_bind(c.answered)
                .push_bind(c.given)
                .push_bind(versions.as_str())
                .push_bind(c.method.as_str())
                .push_bind(c.captured_by)
                .push_bind(c.at);
        });
        insert.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Whether `person_id`'s consent for `purpose_id` is currently given.
pub(crate) async fn is_given(
    conn: &mut SqliteConnection,
    person_id: &str,
    purpose_id: &str,
) -> Result<bool> {
    let given: Option<bool> = sqlx::query_scalar(
        "SELECT (c.given >> pu.bit) & 1 FROM consent_purposes pu JOIN consent_captures c \
         ON c.person_id = ? AND (c.answered >> pu.bit) & 1 WHERE pu.id = ? \
         ORDER BY c.id DESC LIMIT 1",
    )
    .bind(person_id)
    .bind(purpose_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(given.unwrap_or(false))
}
