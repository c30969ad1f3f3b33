//! Undoing a merge: the merged person comes back under their own id with the history that
//! moved, and the kept person's details return to what they were before the merge. Possible
//! until the kept record is merged again (a later merge's snapshot assumes this one).
//! Changes made to the kept person's details since the merge are undone with it; history
//! added to the kept record since (a new consent answer, say) stays with the kept record.

use serde_json::json;

use super::{history, rows, Snapshot};
use crate::audit::{self, Entry};
use crate::members::consent;
use crate::members::record::{self, MemberRecord};
use crate::role::Action;
use crate::session::Session;
use crate::{id, Error, Result};

pub async fn undo(s: &Session, merge_id: &str) -> Result<MemberRecord> {
    s.require(Action::MergeMembers)?;
    let mut tx = s.db().write().await?;
    let found: Option<(String, String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT kept_id, merged_id, snapshot, undone_at FROM merges WHERE id = ?")
            .bind(merge_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((keep, gone, snapshot, undone_at)) = found else {
        return Err(Error::not_found("That merge does not exist."));
    };
    if undone_at.is_some() {
        return Err(Error::conflict("That merge has already been undone."));
    }
    // A later merge that involves either record, and has not itself been undone, built on
    // this one's result. Row ids order merges as they were made.
    let later: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM merges m WHERE m.rowid > (SELECT rowid FROM merges WHERE id = ?1) \
         AND m.undone_at IS NULL AND (m.kept_id IN (?2, ?3) OR m.merged_id IN (?2, ?3)))",
    )
    .bind(merge_id)
    .bind(&keep)
    .bind(&gone)
    .fetch_one(&mut *tx)
    .await?;
    if later {
        return Err(Error::conflict(
            "This merge can no longer be undone: the record has been merged again since. \
             Undo the later merge first.",
        ));
    }
    let snapshot: Snapshot = snapshot
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| Error::internal(format!("The merge's saved copy cannot be read: {e}")))?
        .ok_or_else(|| Error::conflict("That merge has no saved copy to restore."))?;
    let kept_exists: Option<String> = sqlx::query_scalar("SELECT id FROM people WHERE id = ?")
        .bind(&keep)
        .fetch_optional(&mut *tx)
        .await?;
    if kept_exists.is_none() {
        return Err(Error::conflict(
            "This merge cannot be undone: the record it kept no longer exists.",
        ));
    }

    rows::insert_person(&mut tx, &snapshot.merged).await?;
    if let Some(membership) = &snapshot.merged_membership {
        rows::insert_membership(&mut tx, &gone, membership).await?;
    }
    history::move_back(&mut tx, &snapshot.moved, &keep, &gone).await?;
    if let Some(equality) = &snapshot.merged_equality {
        rows::insert_equality(&mut tx, &gone, equality).await?;
    }
    rows::overwrite_person(&mut tx, &snapshot.kept).await?;
    for dismissal in &snapshot.dismissals {
        rows::restore_dismissal(&mut tx, dismissal).await?;
    }
    for (person, row) in [(&keep, &snapshot.kept), (&gone, &snapshot.merged)] {
        consent::refresh_given(&mut tx, person).await?;
        let name = format!("{} {}", row.first_name, row.last_name);
        history::check_special_category(&mut tx, person, &name).await?;
        crate::members::search::index(&mut tx, person).await?;
    }
    sqlx::query("UPDATE merges SET undone_at = ?, snapshot = NULL WHERE id = ?")
        .bind(id::now_rfc3339())
        .bind(merge_id)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "member.merge_undone",
            entity: "person",
            entity_id: Some(&keep),
            changes: json!({"merge": merge_id, "restored": gone}),
        },
    )
    .await?;
    tx.commit().await?;
    record::load(s, &keep).await
}
