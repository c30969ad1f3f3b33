//! The retention schedule on a real encrypted database: what each rule catches and why, the
//! settings, keeping with a reason, applying in bulk (erasure through the tombstone path),
//! and who may do it. Dates the services cannot back-date are set on a raw connection.

mod common;

use common::*;
use forumdesk::gdpr::retention::{self, RetentionChoice, RetentionRule, RetentionSettings};
use forumdesk::members::children::{self, ChildInput};
use forumdesk::members::consent::{self, ConsentInput};
use forumdesk::members::membership::{self, LeavingInput};
use forumdesk::members::model::{ConsentMethod, MemberType, MembershipStatus, Need, Provision};
use forumdesk::members::search::{self, MemberQuery};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::{ErrorKind, Role, Session};

async fn member(
    s: &Session,
    first: &str,
    status: MembershipStatus,
    joined: Option<&str>,
) -> String {
    members::create(
        s,
        MemberDetails {
            first_name: first.into(),
            last_name: "Example".into(),
            member_type: Some(MemberType::ParentCarer),
            ..Default::default()
        },
        MembershipStart {
            status: Some(status),
            joined_on: joined.map(str::to_owned),
        },
    )
    .await
    .expect("member")
    .id
}

async fn leave(s: &Session, id: &str, on: &str) {
    membership::leave(
        s,
        id,
        LeavingInput {
            on_date: on.into(),
            reason: "Moved away".into(),
        },
    )
    .await
    .expect("leave");
}

fn consent(purpose: &str, given: bool) -> ConsentInput {
    ConsentInput {
        purpose_id: purpose.into(),
        given,
        method: ConsentMethod::Paper,
        confirm_deletion: true,
    }
}

fn choice(rule: RetentionRule, subject: &str) -> RetentionChoice {
    RetentionChoice {
        rule,
        subject_id: subject.into(),
    }
}

async fn raw(forum: &Forum, sql: &str, binds: &[&str]) {
    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    let mut q = sqlx::query(sql);
    for b in binds {
        q = q.bind(*b);
    }
    q.execute(&mut conn).await.expect("raw sql");
}

#[tokio::test]
async fn the_rules_list_what_they_catch_with_reasons_and_officers_apply_or_keep_them() {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "vol", Role::Volunteer).await;
    add_user(&admin, "off", Role::Officer).await;

    let old_leaver = member(
        &admin,
        "Oldleaver",
        MembershipStatus::Active,
        Some("2022-01-10"),
    )
    .await;
    leave(&admin, &old_leaver, "2024-01-03").await;
    let recent_leaver = member(
        &admin,
        "Recentleaver",
        MembershipStatus::Active,
        Some("2025-01-10"),
    )
    .await;
    leave(&admin, &recent_leaver, "2026-06-01").await;
    let withdrawn = member(
        &admin,
        "Withdrawn",
        MembershipStatus::Active,
        Some("2025-01-10"),
    )
    .await;
    consent::record(&admin, &withdrawn, consent("email_news", true))
        .await
        .expect("consent");
    consent::record(&admin, &withdrawn, consent("email_news", false))
        .await
        .expect("withdraw");
    leave(&admin, &withdrawn, "2026-06-01").await;
    let old_applicant = member(&admin, "Oldapplicant", MembershipStatus::Applicant, None).await;
    let new_applicant = member(&admin, "Newapplicant", MembershipStatus::Applicant, None).await;
    let parent = member(&admin, "Parent", MembershipStatus::Active, None).await;
    consent::record(&admin, &parent, consent("special_category", true))
        .await
        .expect("consent");
    let child = |year| ChildInput {
        year_of_birth: Some(year),
        age_band: None,
        primary_need: Some(Need::Asd),
        secondary_needs: vec![],
        provision: Some(Provision::Ehcp),
        school_phase: None,
        setting_type: None,
        local_authority: String::new(),
    };
    children::save(&admin, &parent, None, child(2015))
        .await
        .expect("young child");
    let grown = children::save(&admin, &parent, None, child(2005))
        .await
        .expect("older child");
    let grown_id = grown
        .special
        .expect("special")
        .children
        .iter()
        .find(|c| c.year_of_birth == Some(2005))
        .expect("2005")
        .id
        .clone();
    // What the services cannot back-date: an application made in January, a child born in
    // 1999 (the form only takes the last 25 years).
    raw(
        &forum,
        "UPDATE people SET created_at = '2026-01-05T10:00:00Z' WHERE id = ?",
        &[&old_applicant],
    )
    .await;
    raw(
        &forum,
        "UPDATE children SET year_of_birth = 1999 WHERE id = ?",
        &[&grown_id],
    )
    .await;

    let queue = retention::queue(&admin).await.expect("queue");
    let reason = |rule: RetentionRule, subject: &str| {
        queue
            .iter()
            .find(|e| e.rule == rule && e.subject_id.as_deref() == Some(subject))
            .map(|e| e.reason.clone())
    };
    assert_eq!(
        reason(RetentionRule::LeftMembers, &old_leaver).as_deref(),
        Some("Left on 03/01/2024, more than 24 months ago")
    );
    assert_eq!(
        reason(RetentionRule::UnconfirmedApplicants, &old_applicant).as_deref(),
        Some("Applied on 05/01/2026 and was never confirmed, more than 6 months ago")
    );
    assert_eq!(
        reason(RetentionRule::ConsentWithdrawn, &withdrawn).as_deref(),
        Some("Left on 01/06/2026, and every consent they gave has been withdrawn")
    );
    assert_eq!(
        reason(RetentionRule::ChildrenOverAge, &grown_id).as_deref(),
        Some("Born in 1999: their child is now over 25")
    );
    let listed: Vec<_> = queue.iter().filter_map(|e| e.subject_id.clone()).collect();
    for not_caught in [&recent_leaver, &new_applicant, &parent] {
        assert!(
            !listed.contains(not_caught),
            "{not_caught} caught: {queue:?}"
        );
    }
    assert_eq!(queue.len(), 4, "{queue:?}");
    assert_eq!(retention::queue_count(&admin).await.expect("count"), 4);
    let old_leaver_entry = queue
        .iter()
        .find(|e| e.subject_id.as_deref() == Some(old_leaver.as_str()))
        .expect("entry");
    assert_eq!(old_leaver_entry.name.as_deref(), Some("Oldleaver Example"));

    // The schedule is a setting: 36 months lets the 2024 leaver stay, for now.
    let defaults = retention::settings(&admin).await.expect("settings");
    assert_eq!(
        defaults,
        RetentionSettings {
            left_months: 24,
            applicant_months: 6,
            child_age: 25,
            audit_months: 72
        }
    );
    let longer = RetentionSettings {
        left_months: 36,
        ..defaults
    };
    retention::update_settings(&admin, longer)
        .await
        .expect("update");
    let q = retention::queue(&admin).await.expect("queue");
    assert!(q
        .iter()
        .all(|e| e.subject_id.as_deref() != Some(old_leaver.as_str())));
    let bad = retention::update_settings(
        &admin,
        RetentionSettings {
            left_months: 0,
            ..defaults
        },
    )
    .await
    .expect_err("bad");
    assert!(bad.fields.contains_key("leftMonths"), "{bad:?}");
    retention::update_settings(&admin, defaults)
        .await
        .expect("restore");

    // A volunteer may not see or apply it; an officer may.
    let vol = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("vol");
    assert_eq!(
        retention::queue(&vol).await.expect_err("vol").kind,
        ErrorKind::Forbidden
    );
    assert_eq!(
        retention::apply(&vol, &[choice(RetentionRule::LeftMembers, &old_leaver)])
            .await
            .expect_err("vol")
            .kind,
        ErrorKind::Forbidden
    );
    vol.lock().await;
    let off = forum
        .unlock("off", &password_for("off"))
        .await
        .expect("off");

    // Keeping needs a reason, and takes the entry out of the queue for a year.
    let keep = [choice(RetentionRule::ConsentWithdrawn, &withdrawn)];
    let err = retention::keep(&off, &keep, "  ")
        .await
        .expect_err("reason");
    assert!(err.fields.contains_key("reason"));
    assert_eq!(
        retention::keep(&off, &keep, "Complaint still open")
            .await
            .expect("keep"),
        1
    );
    assert_eq!(retention::queue_count(&off).await.expect("count"), 3);

    // Something no longer in the queue cannot be applied.
    let stale = retention::apply(&off, &[choice(RetentionRule::LeftMembers, &recent_leaver)])
        .await
        .expect_err("not caught");
    assert_eq!(stale.kind, ErrorKind::Conflict);

    let outcome = retention::apply(
        &off,
        &[
            choice(RetentionRule::LeftMembers, &old_leaver),
            choice(RetentionRule::UnconfirmedApplicants, &old_applicant),
            choice(RetentionRule::ChildrenOverAge, &grown_id),
        ],
    )
    .await
    .expect("apply");
    assert_eq!(outcome.people_erased, 2);
    assert_eq!(outcome.children_removed, 1);
    assert_eq!(retention::queue_count(&off).await.expect("count"), 0);
    off.lock().await;

    // The erased are tombstones: not listed, not found.
    let all = search::search(
        &admin,
        &MemberQuery {
            page_size: 50,
            ..Default::default()
        },
    )
    .await
    .expect("list");
    let ids: Vec<_> = all.members.iter().map(|m| m.id.clone()).collect();
    assert!(!ids.contains(&old_leaver) && !ids.contains(&old_applicant));
    assert!(ids.contains(&parent) && ids.contains(&withdrawn));
    let parent_record = members::get(&admin, &parent).await.expect("parent");
    let kids = parent_record.special.expect("special").children;
    assert_eq!(kids.len(), 1);
    assert_eq!(kids[0].year_of_birth, Some(2015));
    admin.lock().await;

    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    let erased: i64 = sqlx::query_scalar("SELECT count(*) FROM people WHERE erased_at IS NOT NULL")
        .fetch_one(&mut conn)
        .await
        .expect("erased");
    assert_eq!(erased, 2);
    let removed: i64 = sqlx::query_scalar("SELECT count(*) FROM children_removed")
        .fetch_one(&mut conn)
        .await
        .expect("removed");
    assert_eq!(removed, 1);
    let (changes, entity_id): (String, Option<String>) = sqlx::query_as(
        "SELECT changes, entity_id FROM audit_log WHERE action = 'retention.applied'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("audited");
    assert!(entity_id.is_none());
    assert!(!changes.contains(&old_leaver), "no person id: {changes}");
    assert!(changes.contains("\"people_erased\":2"), "{changes}");
    let kept: (String, String) =
        sqlx::query_as("SELECT reason, review_on FROM retention_keeps WHERE person_id = ?")
            .bind(&withdrawn)
            .fetch_one(&mut conn)
            .await
            .expect("kept");
    assert_eq!(kept.0, "Complaint still open");
    let today = forumdesk::id::today_london();
    assert_eq!(
        kept.1,
        today
            .replace_year(today.year() + 1)
            .unwrap_or(today)
            .to_string()
    );
}

#[tokio::test]
async fn old_audit_entries_are_listed_and_a_broken_trail_is_not_pruned() {
    let (forum, admin) = new_forum().await;
    admin.lock().await;
    // The first entry back-dated to 2019 on a raw connection (the trail refuses updates, and
    // no service can back-date one) without hashing it again: the chain no longer checks
    // out. Pruning a trail that does not check out could hide the problem, so it is refused.
    // tests/audit_prune.rs prunes a sound trail.
    raw(&forum, "DROP TRIGGER audit_log_no_update", &[]).await;
    raw(
        &forum,
        "UPDATE audit_log SET at = '2019-01-01T00:00:00Z' WHERE seq = 1",
        &[],
    )
    .await;
    let admin = forum.admin().await;
    let queue = retention::queue(&admin).await.expect("queue");
    let audit = queue
        .iter()
        .find(|e| e.rule == RetentionRule::AuditEntries)
        .expect("listed");
    assert!(audit.actionable);
    assert_eq!(audit.subject_id.as_deref(), Some(retention::AUDIT_SUBJECT));
    assert!(
        audit
            .reason
            .starts_with("1 audit entry was written before "),
        "{}",
        audit.reason
    );
    assert_eq!(retention::queue_count(&admin).await.expect("count"), 1);
    let err = retention::apply(
        &admin,
        &[RetentionChoice {
            rule: RetentionRule::AuditEntries,
            subject_id: retention::AUDIT_SUBJECT.into(),
        }],
    )
    .await
    .expect_err("broken trail");
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert!(
        err.message.contains("does not check out"),
        "{}",
        err.message
    );
}
