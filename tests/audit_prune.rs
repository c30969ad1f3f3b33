//! Removing audit entries past their retention period: the retention queue lists them, an
//! officer applies the rule, the entries before the cut-off go, and the rest of the trail
//! still verifies from the recorded anchor, while a change or removal after it is still
//! noticed and the triggers still refuse deleting a remaining entry.
//!
//! No service can back-date an entry, so the test rewrites the first entries' dates on a raw
//! connection (with the update trigger dropped for the moment) and chains the whole trail
//! again, exactly as `append` hashes it.

mod common;

use common::*;
use forumdesk::audit::{self, verify_chain};
use forumdesk::gdpr::retention::{self, RetentionChoice, RetentionRule, AUDIT_SUBJECT};
use forumdesk::testing::raw_connection;
use forumdesk::{ErrorKind, Role};
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

const NO_UPDATE: &str = "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
                         BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END";

async fn exec(conn: &mut SqliteConnection, sql: &str) {
    sqlx::query(sql)
        .execute(&mut *conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn raw(forum: &Forum) -> SqliteConnection {
    raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw")
}

type Row = (
    i64,
    String,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    String,
);

/// Dates the first `old` entries in 2019 and hashes the whole chain again, head included.
async fn backdate(conn: &mut SqliteConnection, old: i64) {
    exec(conn, "DROP TRIGGER audit_log_no_update").await;
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT seq, id, at, actor_id, action, entity, entity_id, changes FROM audit_log \
         ORDER BY seq",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("rows");
    let mut prev = audit::GENESIS.to_owned();
    for (seq, id, at, actor, action, entity, entity_id, changes) in rows {
        let at = if seq <= old {
            format!("2019-03-{seq:02}T10:00:00Z")
        } else {
            at
        };
        let hash = hex::encode(Sha256::digest(
            serde_json::json!([seq, id, at, actor, action, entity, entity_id, changes, prev])
                .to_string()
                .as_bytes(),
        ));
        sqlx::query("UPDATE audit_log SET at = ?, prev_hash = ?, hash = ? WHERE seq = ?")
            .bind(&at)
            .bind(&prev)
            .bind(&hash)
            .bind(seq)
            .execute(&mut *conn)
            .await
            .expect("rehash");
        prev = hash;
    }
    sqlx::query("UPDATE forum SET audit_head_hash = ? WHERE id = 1")
        .bind(&prev)
        .execute(&mut *conn)
        .await
        .expect("head");
    exec(conn, NO_UPDATE).await;
}

/// A forum with an officer and a volunteer whose first three audit entries are from 2019,
/// closed; the trail verifies.
async fn forum_with_old_entries() -> Forum {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "off", Role::Officer).await;
    add_user(&admin, "vol", Role::Volunteer).await;
    admin.lock().await;
    let mut conn = raw(&forum).await;
    backdate(&mut conn, 3).await;
    let report = verify_chain(&mut conn).await.expect("verify");
    assert!(report.intact, "{report:?}");
    drop(conn);
    forum
}

fn audit_choice() -> RetentionChoice {
    RetentionChoice {
        rule: RetentionRule::AuditEntries,
        subject_id: AUDIT_SUBJECT.into(),
    }
}

/// Applies the audit rule as the officer; returns how many entries went.
async fn prune_as_officer(forum: &Forum) -> u32 {
    let off = forum
        .unlock("off", &password_for("off"))
        .await
        .expect("off");
    let outcome = retention::apply(&off, &[audit_choice()])
        .await
        .expect("apply");
    assert_eq!((outcome.people_erased, outcome.children_removed), (0, 0));
    off.lock().await;
    outcome.audit_entries_removed
}

async fn anchor(conn: &mut SqliteConnection) -> (i64, String, i64) {
    sqlx::query_as("SELECT audit_base_seq, audit_base_hash, audit_head_seq FROM forum WHERE id = 1")
        .fetch_one(&mut *conn)
        .await
        .expect("anchor")
}

#[tokio::test]
async fn the_queue_lists_old_entries_and_applying_removes_them_leaving_a_verifiable_trail() {
    let forum = forum_with_old_entries().await;
    let off = forum
        .unlock("off", &password_for("off"))
        .await
        .expect("off");
    let queue = retention::queue(&off).await.expect("queue");
    let entry = queue
        .iter()
        .find(|e| e.rule == RetentionRule::AuditEntries)
        .expect("listed");
    assert!(entry.actionable);
    assert_eq!(entry.subject_id.as_deref(), Some(AUDIT_SUBJECT));
    assert_eq!(
        (entry.person_id.as_ref(), entry.name.as_ref()),
        (None, None)
    );
    assert!(
        entry
            .reason
            .starts_with("3 audit entries were written before "),
        "{}",
        entry.reason
    );
    assert!(
        entry.reason.contains("more than 72 months ago"),
        "{}",
        entry.reason
    );
    assert_eq!(retention::queue_count(&off).await.expect("count"), 1);
    off.lock().await;

    let mut conn = raw(&forum).await;
    let before: Vec<(i64, String)> =
        sqlx::query_as("SELECT seq, hash FROM audit_log WHERE seq IN (3, 4) ORDER BY seq")
            .fetch_all(&mut conn)
            .await
            .expect("before");
    drop(conn);

    assert_eq!(prune_as_officer(&forum).await, 3);

    let mut conn = raw(&forum).await;
    let (base_seq, base_hash, head_seq) = anchor(&mut conn).await;
    assert_eq!(base_seq, 3, "the anchor is the last entry removed");
    assert_eq!(base_hash, before[0].1, "with its hash");
    let first: (i64, String) =
        sqlx::query_as("SELECT seq, prev_hash FROM audit_log ORDER BY seq LIMIT 1")
            .fetch_one(&mut conn)
            .await
            .expect("first");
    assert_eq!(first, (4, base_hash.clone()));
    assert_eq!(before[1].0, 4);
    let old: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE at < '2020-01-01'")
        .fetch_one(&mut conn)
        .await
        .expect("old");
    assert_eq!(old, 0, "nothing from 2019 is left");
    let report = verify_chain(&mut conn).await.expect("verify");
    assert!(report.intact, "{report:?}");
    assert_eq!(report.entries, head_seq - 3);

    // The prune is audited by the officer, with counts and the cut-off only.
    let (actor, changes): (Option<String>, String) =
        sqlx::query_as("SELECT actor_id, changes FROM audit_log WHERE action = 'audit.pruned'")
            .fetch_one(&mut conn)
            .await
            .expect("pruned entry");
    assert!(actor.is_some());
    let changes: serde_json::Value = serde_json::from_str(&changes).expect("json");
    assert_eq!(changes["entries_removed"], 3);
    let cutoff = changes["before"].as_str().expect("cut-off");
    assert!(cutoff.ends_with("T00:00:00Z"), "{cutoff}");
    assert_eq!(changes.as_object().expect("object").len(), 2, "{changes}");
    let (rules, removed): (String, i64) = sqlx::query_as(
        "SELECT json_extract(changes, '$.rules'), \
         json_extract(changes, '$.audit_entries_removed') FROM audit_log \
         WHERE action = 'retention.applied'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("applied entry");
    assert_eq!(rules, r#"{"audit_entries":1}"#);
    assert_eq!(removed, 3);
    drop(conn);

    // The session's own verify agrees; the queue is empty; applying again is refused as stale.
    let off = forum
        .unlock("off", &password_for("off"))
        .await
        .expect("off");
    let report = audit::verify(&off).await.expect("verify");
    assert!(report.intact, "{report:?}");
    let queue = retention::queue(&off).await.expect("queue");
    assert!(queue.iter().all(|e| e.rule != RetentionRule::AuditEntries));
    let stale = retention::apply(&off, &[audit_choice()])
        .await
        .expect_err("nothing left to remove");
    assert_eq!(stale.kind, ErrorKind::Conflict);
}

#[tokio::test]
async fn after_pruning_a_changed_or_removed_entry_is_still_detected() {
    let forum = forum_with_old_entries().await;
    assert_eq!(prune_as_officer(&forum).await, 3);
    let mut conn = raw(&forum).await;

    // The triggers refuse deleting a remaining entry, and changing any.
    for seq in [4, 6] {
        let delete = sqlx::query("DELETE FROM audit_log WHERE seq = ?")
            .bind(seq)
            .execute(&mut conn)
            .await;
        assert!(
            delete
                .expect_err("refused")
                .to_string()
                .contains("append-only"),
            "entry {seq}"
        );
    }
    let update = sqlx::query("UPDATE audit_log SET action = 'nothing' WHERE seq = 5")
        .execute(&mut conn)
        .await;
    assert!(update
        .expect_err("refused")
        .to_string()
        .contains("append-only"));
    // The anchor moves only forward, never past the newest entry, and keeps its hash.
    let (base_seq, _, head_seq) = anchor(&mut conn).await;
    for sql in [
        format!(
            "UPDATE forum SET audit_base_seq = 0, audit_base_hash = '{}' WHERE id = 1",
            audit::GENESIS
        ),
        format!(
            "UPDATE forum SET audit_base_seq = {} WHERE id = 1",
            head_seq + 1
        ),
        "UPDATE forum SET audit_base_hash = 'forged' WHERE id = 1".to_owned(),
    ] {
        let moved = sqlx::query(&sql).execute(&mut conn).await;
        assert!(
            moved
                .expect_err(&sql)
                .to_string()
                .contains("only moves forward"),
            "{sql}"
        );
    }
    assert_eq!(anchor(&mut conn).await.0, base_seq);
    assert!(verify_chain(&mut conn).await.expect("verify").intact);

    // Bypassing the triggers: a changed entry after the anchor is noticed...
    exec(&mut conn, "DROP TRIGGER audit_log_no_update").await;
    exec(&mut conn, "DROP TRIGGER audit_log_no_delete").await;
    exec(
        &mut conn,
        "UPDATE audit_log SET changes = '{\"role\":\"admin\"}' WHERE seq = 5",
    )
    .await;
    let report = verify_chain(&mut conn).await.expect("verify");
    assert_eq!(
        report.problem.as_deref(),
        Some("Entry 5 has been changed since it was written.")
    );
    assert!(!report.intact);
}

#[tokio::test]
async fn after_pruning_removing_the_first_remaining_entry_is_detected() {
    let forum = forum_with_old_entries().await;
    assert_eq!(prune_as_officer(&forum).await, 3);
    let mut conn = raw(&forum).await;
    exec(&mut conn, "DROP TRIGGER audit_log_no_delete").await;
    exec(&mut conn, "DELETE FROM audit_log WHERE seq = 4").await;
    let report = verify_chain(&mut conn).await.expect("verify");
    assert!(!report.intact);
    assert!(
        report
            .problem
            .as_deref()
            .expect("problem")
            .starts_with("Entry 4 is missing"),
        "{report:?}"
    );
}

#[tokio::test]
async fn moving_the_anchor_without_its_hash_is_detected() {
    // Someone with the key moves the anchor forward and deletes an entry the normal way,
    // but cannot give the anchor the removed entry's real hash: the chain shows it.
    let forum = forum_with_old_entries().await;
    let mut conn = raw(&forum).await;
    exec(
        &mut conn,
        "UPDATE forum SET audit_base_seq = 1, audit_base_hash = 'forged' WHERE id = 1",
    )
    .await;
    exec(&mut conn, "DELETE FROM audit_log WHERE seq = 1").await;
    let report = verify_chain(&mut conn).await.expect("verify");
    assert!(!report.intact);
    assert!(
        report
            .problem
            .as_deref()
            .expect("problem")
            .contains("does not follow on"),
        "{report:?}"
    );
}

#[tokio::test]
async fn a_trail_that_does_not_verify_is_not_pruned() {
    let forum = forum_with_old_entries().await;
    let mut conn = raw(&forum).await;
    exec(&mut conn, "DROP TRIGGER audit_log_no_update").await;
    exec(
        &mut conn,
        "UPDATE audit_log SET changes = '{}' WHERE seq = 2",
    )
    .await;
    exec(&mut conn, NO_UPDATE).await;
    drop(conn);
    let off = forum
        .unlock("off", &password_for("off"))
        .await
        .expect("off");
    let err = retention::apply(&off, &[audit_choice()])
        .await
        .expect_err("refused");
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert!(
        err.message.contains("does not check out"),
        "{}",
        err.message
    );
    assert!(err.message.contains("Entry 2"), "{}", err.message);
    off.lock().await;
    let mut conn = raw(&forum).await;
    assert_eq!(anchor(&mut conn).await.0, 0);
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE seq <= 3")
        .fetch_one(&mut conn)
        .await
        .expect("count");
    assert_eq!(count, 3, "nothing was removed");
}

#[tokio::test]
async fn old_entries_can_be_kept_with_a_reason_and_volunteers_may_do_neither() {
    let forum = forum_with_old_entries().await;
    let vol = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("vol");
    assert_eq!(
        retention::queue(&vol).await.expect_err("vol").kind,
        ErrorKind::Forbidden
    );
    assert_eq!(
        retention::apply(&vol, &[audit_choice()])
            .await
            .expect_err("vol")
            .kind,
        ErrorKind::Forbidden
    );
    vol.lock().await;
    let mut conn = raw(&forum).await;
    assert_eq!(anchor(&mut conn).await.0, 0, "nothing was removed");
    drop(conn);

    let off = forum
        .unlock("off", &password_for("off"))
        .await
        .expect("off");
    let kept = retention::keep(
        &off,
        &[audit_choice()],
        "An auditor asked for the 2019 trail",
    )
    .await
    .expect("keep");
    assert_eq!(kept, 1);
    let queue = retention::queue(&off).await.expect("queue");
    assert!(queue.iter().all(|e| e.rule != RetentionRule::AuditEntries));
    off.lock().await;
}

#[tokio::test]
async fn a_problem_after_the_old_entries_does_not_stop_pruning_and_is_still_reported() {
    // Only the entries to remove (and the link to the next) are checked before removing
    // them; a change further on is no reason to keep them, and stays for `verify` to find.
    let forum = forum_with_old_entries().await;
    let mut conn = raw(&forum).await;
    exec(&mut conn, "DROP TRIGGER audit_log_no_update").await;
    exec(
        &mut conn,
        "UPDATE audit_log SET changes = '{}' WHERE seq = 5",
    )
    .await;
    exec(&mut conn, NO_UPDATE).await;
    drop(conn);
    assert_eq!(prune_as_officer(&forum).await, 3);
    let mut conn = raw(&forum).await;
    let report = verify_chain(&mut conn).await.expect("verify");
    assert!(!report.intact);
    assert_eq!(
        report.problem.as_deref(),
        Some("Entry 5 has been changed since it was written.")
    );
}

#[tokio::test]
async fn an_old_entry_that_no_longer_links_to_the_next_is_not_pruned() {
    // Entry 4 (kept) must follow on from entry 3 (the last to go), or the anchor would vouch
    // for a chain that does not hold.
    let forum = forum_with_old_entries().await;
    let mut conn = raw(&forum).await;
    exec(&mut conn, "DROP TRIGGER audit_log_no_update").await;
    exec(
        &mut conn,
        "UPDATE audit_log SET prev_hash = 'forged' WHERE seq = 4",
    )
    .await;
    exec(&mut conn, NO_UPDATE).await;
    drop(conn);
    let off = forum
        .unlock("off", &password_for("off"))
        .await
        .expect("off");
    let err = retention::apply(&off, &[audit_choice()])
        .await
        .expect_err("refused");
    assert!(
        err.message.contains("Entry 4 does not follow on"),
        "{}",
        err.message
    );
}
