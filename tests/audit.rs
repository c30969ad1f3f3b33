//! The audit trail is append-only, and `verify` notices any entry changed, removed,
//! reordered or cut off the end, even by someone who bypasses the append-only triggers.

mod common;

use common::*;
use forumdesk::audit::{self, verify_chain, verify_chain_in_batches};
use forumdesk::testing::raw_connection;
use forumdesk::Role;
use sqlx::SqliteConnection;

/// A forum with a handful of entries, closed, and a raw connection to it.
async fn forum_with_history() -> (Forum, SqliteConnection) {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "sam.helper", Role::Volunteer).await;
    add_user(&admin, "pat.officer", Role::Officer).await;
    admin.lock().await;
    // Sign in again, as a volunteer would the next day.
    let admin = forum.admin().await;
    let report = audit::verify(&admin).await.expect("verify");
    assert!(report.intact, "{report:?}");
    assert_eq!(report.entries, 6, "{report:?}");
    admin.lock().await;
    let conn = raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    (forum, conn)
}

async fn exec(conn: &mut SqliteConnection, sql: &str) {
    sqlx::query(sql)
        .execute(&mut *conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn bypass_triggers(conn: &mut SqliteConnection) {
    exec(conn, "DROP TRIGGER audit_log_no_update").await;
    exec(conn, "DROP TRIGGER audit_log_no_delete").await;
}

#[tokio::test]
async fn entries_cannot_be_changed_or_deleted_through_sql() {
    let (_forum, mut conn) = forum_with_history().await;
    let update = sqlx::query("UPDATE audit_log SET action = 'nothing' WHERE seq = 2")
        .execute(&mut conn)
        .await;
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = sqlx::query("DELETE FROM audit_log WHERE seq = 2")
        .execute(&mut conn)
        .await;
    assert!(delete.unwrap_err().to_string().contains("append-only"));
    assert!(verify_chain(&mut conn).await.expect("verify").intact);
}

#[tokio::test]
async fn a_changed_entry_is_detected() {
    let (_forum, mut conn) = forum_with_history().await;
    bypass_triggers(&mut conn).await;
    exec(
        &mut conn,
        "UPDATE audit_log SET changes = '{\"role\":\"admin\"}' WHERE seq = 5",
    )
    .await;
    let report = verify_chain(&mut conn).await.expect("verify");
    assert!(!report.intact);
    assert_eq!(
        report.problem.as_deref(),
        Some("Entry 5 has been changed since it was written.")
    );
}

#[tokio::test]
async fn a_removed_entry_is_detected() {
    let (_forum, mut conn) = forum_with_history().await;
    bypass_triggers(&mut conn).await;
    exec(&mut conn, "DELETE FROM audit_log WHERE seq = 3").await;
    let report = verify_chain(&mut conn).await.expect("verify");
    assert!(!report.intact);
    assert!(report
        .problem
        .expect("problem")
        .starts_with("Entry 3 is missing"));
}

#[tokio::test]
async fn reordered_entries_are_detected() {
    let (_forum, mut conn) = forum_with_history().await;
    bypass_triggers(&mut conn).await;
    // Swap the contents of entries 3 and 4, keeping the sequence numbers in place.
    exec(&mut conn, "UPDATE audit_log SET seq = 1000 WHERE seq = 3").await;
    exec(&mut conn, "UPDATE audit_log SET seq = 3 WHERE seq = 4").await;
    exec(&mut conn, "UPDATE audit_log SET seq = 4 WHERE seq = 1000").await;
    let report = verify_chain(&mut conn).await.expect("verify");
    assert!(!report.intact);
    assert!(report
        .problem
        .expect("problem")
        .contains("removed or reordered"));
}

#[tokio::test]
async fn entries_cut_off_the_end_are_detected() {
    let (_forum, mut conn) = forum_with_history().await;
    bypass_triggers(&mut conn).await;
    exec(
        &mut conn,
        "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)",
    )
    .await;
    let report = verify_chain(&mut conn).await.expect("verify");
    assert!(!report.intact);
    assert!(report
        .problem
        .expect("problem")
        .contains("removed from the end"));
}

#[tokio::test]
async fn entries_record_who_and_what_but_no_personal_values() {
    let (forum, mut conn) = forum_with_history().await;
    let rows: Vec<(Option<String>, String, String, String)> =
        sqlx::query_as("SELECT actor_id, action, entity, changes FROM audit_log ORDER BY seq")
            .fetch_all(&mut conn)
            .await
            .expect("rows");
    let actions: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(
        &actions[..3],
        ["forum.created", "user.created", "recovery_key.created"]
    );
    assert!(actions.contains(&"user.signed_in"));
    assert_eq!(actions.iter().filter(|a| **a == "user.created").count(), 3);
    for (actor, action, _, changes) in &rows {
        assert!(actor.is_some(), "{action} has an actor");
        for personal in [
            FORUM,
            ADMIN_PASSWORD,
            "sam.helper",
            "sam.helper Person",
            "Alex Chair",
        ] {
            assert!(
                !changes.contains(personal),
                "{action} copies {personal:?} into the audit text"
            );
        }
    }
    drop(forum);
}

#[tokio::test]
async fn the_chain_is_checked_across_batch_boundaries() {
    let (_forum, mut conn) = forum_with_history().await;
    for batch in 1..=7 {
        let report = verify_chain_in_batches(&mut conn, batch)
            .await
            .expect("verify");
        assert!(report.intact, "batch {batch}: {report:?}");
        assert_eq!(report.entries, 6);
    }
    bypass_triggers(&mut conn).await;
    exec(
        &mut conn,
        "UPDATE audit_log SET changes = '{\"role\":\"admin\"}' WHERE seq = 5",
    )
    .await;
    for batch in 1..=7 {
        let report = verify_chain_in_batches(&mut conn, batch)
            .await
            .expect("verify");
        assert!(!report.intact, "batch {batch}");
        assert!(
            report
                .problem
                .as_deref()
                .is_some_and(|p| p.contains("Entry 5")),
            "batch {batch}: {report:?}"
        );
    }
}
