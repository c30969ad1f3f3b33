//! Moving a person's history (consent captures, membership events, children, equality) from
//! one record to another, and the derived state that follows it.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;

use crate::members::consent::{self, SPECIAL_CATEGORY};
use crate::{Error, Result};

/// The ids of the history rows a merge moved, so undo moves exactly those back (rows added
/// to the kept record after the merge stay with it).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Moved {
    /// Consent captures. Merges made before captures existed moved events, which the
    /// migration turned into captures with the same ids, so their undo still finds them.
    #[serde(alias = "consent_events")]
    pub consent_captures: Vec<String>,
    pub membership_events: Vec<String>,
    pub children: Vec<String>,
    /// The equality row moved too (the kept person had none).
    pub equality: bool,
    /// Recruitment-drive sign-ups that now point at the kept record. (Absent from the
    /// snapshots of merges made before drives existed.)
    #[serde(default)]
    pub drive_signups: Vec<String>,
    /// Of those, the ones that were waiting for review and that the merge marked `merged`;
    /// undo puts them back to `pending`.
    #[serde(default)]
    pub signups_merged: Vec<String>,
}

/// Tables whose rows are history keyed by person and move whole on a merge. A later table
/// keyed by person id (for example drive attendance) belongs here too.
const TABLES: [&str; 4] = [
    "consent_captures",
    "membership_events",
    "children",
    "drive_signups",
];

pub(super) async fn move_all(
    conn: &mut SqliteConnection,
    from: &str,
    to: &str,
    equality: bool,
) -> Result<Moved> {
    let mut ids: [Vec<String>; 4] = Default::default();
    for (table, ids) in TABLES.iter().zip(ids.iter_mut()) {
        // Table names come from the constant above, never from input.
        *ids = sqlx::query_scalar(&format!(
            "UPDATE {table} SET person_id = ?1 WHERE person_id = ?2 RETURNING id"
        ))
        .bind(to)
        .bind(from)
        .fetch_all(&mut *conn)
        .await?;
        ids.sort();
    }
    if equality {
        sqlx::query("UPDATE equality SET person_id = ? WHERE person_id = ?")
            .bind(to)
            .bind(from)
            .execute(&mut *conn)
            .await?;
    }
    let [consent_captures, membership_events, children, drive_signups] = ids;
    Ok(Moved {
        consent_captures,
        membership_events,
        children,
        equality,
        drive_signups,
        signups_merged: Vec::new(),
    })
}

/// A sign-up waiting for review whose person is merged into a record already there has been
/// settled by the merge: it is marked `merged`, by `reviewer`, whichever screen the merge
/// was made from.
pub(super) async fn mark_signups_merged(
    conn: &mut SqliteConnection,
    moved: &mut Moved,
    reviewer: &str,
) -> Result<()> {
    let ids =
        serde_json::to_string(&moved.drive_signups).map_err(|e| Error::internal(e.to_string()))?;
    moved.signups_merged = sqlx::query_scalar(
        "UPDATE drive_signups SET status = 'merged', reviewed_by = ?1, reviewed_at = ?2 \
         WHERE status = 'pending' AND id IN (SELECT value FROM json_each(?3)) RETURNING id",
    )
    .bind(reviewer)
    .bind(crate::id::now_rfc3339())
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    moved.signups_merged.sort();
    Ok(())
}

/// Moves the rows listed in `moved` from `from` back to `to`. Rows deleted since (children
/// removed when consent was withdrawn) are simply no longer there.
pub(super) async fn move_back(
    conn: &mut SqliteConnection,
    moved: &Moved,
    from: &str,
    to: &str,
) -> Result<()> {
    let lists = [
        &moved.consent_captures,
        &moved.membership_events,
        &moved.children,
        &moved.drive_signups,
    ];
    for (table, ids) in TABLES.iter().zip(lists) {
        let ids = serde_json::to_string(ids).map_err(|e| Error::internal(e.to_string()))?;
        sqlx::query(&format!(
            "UPDATE {table} SET person_id = ?1 WHERE person_id = ?2 \
             AND id IN (SELECT value FROM json_each(?3))"
        ))
        .bind(to)
        .bind(from)
        .bind(ids)
        .execute(&mut *conn)
        .await?;
    }
    if moved.equality {
        sqlx::query("UPDATE equality SET person_id = ? WHERE person_id = ?")
            .bind(to)
            .bind(from)
            .execute(&mut *conn)
            .await?;
    }
    let ids =
        serde_json::to_string(&moved.signups_merged).map_err(|e| Error::internal(e.to_string()))?;
    sqlx::query(
        "UPDATE drive_signups SET status = 'pending', reviewed_by = NULL, reviewed_at = NULL \
         WHERE status = 'merged' AND id IN (SELECT value FROM json_each(?))",
    )
    .bind(ids)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Children's needs and equality data may only be held under active explicit consent. A
/// merge or undo that would leave them without it is refused, not silently deleted: the
/// person's latest consent answer decides, and a volunteer should settle it first.
pub(super) async fn check_special_category(
    conn: &mut SqliteConnection,
    person_id: &str,
    name: &str,
) -> Result<()> {
    let held: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM children WHERE person_id = ?1) \
         + (SELECT count(*) FROM equality WHERE person_id = ?1)",
    )
    .bind(person_id)
    .fetch_one(&mut *conn)
    .await?;
    if held > 0 && !consent::is_given(conn, person_id, SPECIAL_CATEGORY).await? {
        return Err(Error::conflict(format!(
            "{name} would hold children's needs or equality information without their consent \
             for it: their latest answer for that purpose is not \u{201c}given\u{201d}. Record \
             their consent, or remove that information, and try again."
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Moved;

    #[test]
    fn a_merge_recorded_before_consent_captures_still_names_the_consent_it_moved() {
        let old = r#"{"consent_events":["018d0000-0000-7000-8000-000000000001"],
            "membership_events":[],"children":[],"equality":false}"#;
        let moved: Moved = serde_json::from_str(old).expect("an old snapshot");
        assert_eq!(
            moved.consent_captures,
            ["018d0000-0000-7000-8000-000000000001"]
        );
        let new = serde_json::to_value(&moved).expect("json");
        assert!(new.get("consent_captures").is_some(), "{new}");
    }
}
