//! Merging two records of one person: the kept record takes the value chosen for each field
//! and all the history (consent events, membership events, children, equality and "not a
//! duplicate" decisions); the other record is deleted. Undo is possible until the kept
//! record is merged again.

mod history;
mod rows;
mod undo;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::consent;
use super::record::{self, MemberRecord};
use crate::audit::{self, Entry};
use crate::role::Action;
use crate::session::Session;
use crate::{id, Error, Result};
use rows::{DismissalRow, EqualityRow, MembershipRow, PersonRow};

pub use undo::undo;

/// Which record a field's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "MergeSide", export_to = "MergeSide.ts")]
pub enum Side {
    Keep,
    Merge,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "MergeInput.ts")]
pub struct MergeInput {
    /// The record that stays (its id, membership and source are kept).
    pub keep_id: String,
    /// The record that is folded into it and deleted.
    pub merge_id: String,
    /// Field → the record whose value to keep. The fields are firstName, lastName,
    /// preferredName, email, phone, addressLine1, addressLine2, town, postcode (which brings
    /// its area), heardAbout and notes; a field not named keeps the kept record's value.
    #[serde(default)]
    pub picks: BTreeMap<String, Side>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "MergeOutcome.ts")]
pub struct MergeOutcome {
    /// What to pass to undo the merge.
    pub merge_id: String,
    pub member: MemberRecord,
}

/// The fields a merge can take from either record, as the member form names them. The
/// postcode brings its area with it.
pub const FIELDS: [&str; 11] = [
    "firstName",
    "lastName",
    "preferredName",
    "email",
    "phone",
    "addressLine1",
    "addressLine2",
    "town",
    "postcode",
    "heardAbout",
    "notes",
];

/// What undo needs. It holds both people's details (personal data), which is why it lives
/// only in the encrypted database, and is cleared once the merge is undone.
#[derive(Debug, Serialize, Deserialize)]
struct Snapshot {
    kept: PersonRow,
    merged: PersonRow,
    merged_membership: Option<MembershipRow>,
    /// The merged person's equality row when it could not move (the kept person had one).
    merged_equality: Option<EqualityRow>,
    moved: history::Moved,
    dismissals: Vec<DismissalRow>,
}

pub async fn merge(s: &Session, input: MergeInput) -> Result<MergeOutcome> {
    s.require(Action::MergeMembers)?;
    if let Some(unknown) = input.picks.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(Error::field(
            "picks",
            format!("\u{201c}{unknown}\u{201d} is not a field that can be merged"),
        ));
    }
    if input.keep_id == input.merge_id {
        return Err(Error::field(
            "mergeId",
            "Choose two different members: a record cannot be merged with itself",
        ));
    }
    let (keep, gone) = (input.keep_id.as_str(), input.merge_id.as_str());
    let mut tx = s.db().write().await?;
    let kept = rows::person(&mut tx, keep).await?;
    let merged = rows::person(&mut tx, gone).await?;
    let merged_membership = rows::membership(&mut tx, gone).await?;
    let kept_equality = rows::equality(&mut tx, keep).await?;
    let merged_equality = rows::equality(&mut tx, gone).await?;
    let dismissals = rows::dismissals(&mut tx, gone).await?;

    let mut combined = kept.clone();
    let from_merged: Vec<&str> = FIELDS
        .into_iter()
        .filter(|f| input.picks.get(*f) == Some(&Side::Merge))
        .collect();
    for field in &from_merged {
        take(&mut combined, &merged, field);
    }
    combined.updated_at = id::now_rfc3339();
    rows::overwrite_person(&mut tx, &combined).await?;

    let move_equality = kept_equality.is_none() && merged_equality.is_some();
    let mut moved = history::move_all(&mut tx, gone, keep, move_equality).await?;
    history::mark_signups_merged(&mut tx, &mut moved, s.user_id()).await?;
    consent::refresh_given(&mut tx, keep).await?;
    history::check_special_category(&mut tx, keep, &display(&combined)).await?;

    // The merged person's search row is keyed by their row id, which the delete frees.
    let rowid: i64 = sqlx::query_scalar("SELECT rowid FROM people WHERE id = ?")
        .bind(gone)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM people_search WHERE rowid = ?")
        .bind(rowid)
        .execute(&mut *tx)
        .await?;
    // Cascades to their membership, any equality row left behind and
    // their "not a duplicate" decisions, all of which the snapshot holds.
    sqlx::query("DELETE FROM people WHERE id = ?")
        .bind(gone)
        .execute(&mut *tx)
        .await?;
    super::search::index(&mut tx, keep).await?;

    let counts = json!({
        "consent_captures": moved.consent_captures.len(),
        "membership_events": moved.membership_events.len(),
        "children": moved.children.len(),
        "equality": moved.equality,
        "drive_signups": moved.drive_signups.len(),
    });
    let snapshot = Snapshot {
        kept,
        merged,
        merged_membership,
        merged_equality: merged_equality.filter(|_| !move_equality),
        moved,
        dismissals,
    };
    let snapshot = serde_json::to_string(&snapshot).map_err(|e| Error::internal(e.to_string()))?;
    let merge_id = id::new_id();
    sqlx::query(
        "INSERT INTO merges (id, kept_id, merged_id, snapshot, merged_by, at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(&merge_id)
    .bind(keep)
    .bind(gone)
    .bind(snapshot)
    .bind(s.user_id())
    .bind(id::now_rfc3339())
    .execute(&mut *tx)
    .await?;
    // Field names and counts only, never the values.
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "member.merged",
            entity: "person",
            entity_id: Some(keep),
            changes: json!({
                "merged": gone,
                "merge": merge_id,
                "fields_from_merged": from_merged,
                "moved": counts,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(MergeOutcome {
        merge_id,
        member: record::load(s, keep).await?,
    })
}

/// Copies one field (named as in [`FIELDS`]) from `from` into `to`.
fn take(to: &mut PersonRow, from: &PersonRow, field: &str) {
    match field {
        "firstName" => to.first_name.clone_from(&from.first_name),
        "lastName" => to.last_name.clone_from(&from.last_name),
        "preferredName" => to.preferred_name.clone_from(&from.preferred_name),
        "email" => {
            to.email.clone_from(&from.email);
            to.email_key.clone_from(&from.email_key);
        }
        "phone" => to.phone.clone_from(&from.phone),
        "addressLine1" => to.address_line1.clone_from(&from.address_line1),
        "addressLine2" => to.address_line2.clone_from(&from.address_line2),
        "town" => to.town.clone_from(&from.town),
        "postcode" => {
            to.postcode.clone_from(&from.postcode);
            to.area_id.clone_from(&from.area_id);
            to.area_overridden = from.area_overridden;
        }
        "heardAbout" => to.heard_about.clone_from(&from.heard_about),
        "notes" => to.notes.clone_from(&from.notes),
        _ => {}
    }
}

/// A name for messages shown to the volunteer doing the merge.
fn display(p: &PersonRow) -> String {
    format!("{} {}", p.first_name, p.last_name)
}
