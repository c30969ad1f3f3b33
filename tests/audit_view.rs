//! The audit viewer: filters by person, user, action and dates, keyset pages with no gaps or
//! repeats, role rules, and the auditor's CSV without personal values.

mod common;

use std::collections::BTreeSet;

use common::*;
use forumdesk::audit::view::{self, AuditFilter};
use forumdesk::members::model::MemberType;
use forumdesk::members::{self, MemberDetails};
use forumdesk::{audit, ErrorKind, Role, Session};

fn details(first: &str, last: &str) -> MemberDetails {
    MemberDetails {
        first_name: first.into(),
        last_name: last.into(),
        email: format!(
            "{}.{}@example.org",
            first.to_lowercase(),
            last.to_lowercase()
        ),
        phone: "07911 123456".into(),
        postcode: "pr1 2he".into(),
        member_type: Some(MemberType::ParentCarer),
        ..Default::default()
    }
}

async fn add(s: &Session, first: &str, last: &str) -> String {
    add_active(s, details(first, last)).await.id
}

async fn all_pages(s: &Session, mut filter: AuditFilter) -> Vec<i64> {
    let mut seqs = Vec::new();
    loop {
        let page = view::list(s, &filter).await.expect("list");
        assert!(page.entries.len() <= filter.page_size.unwrap_or(50) as usize);
        seqs.extend(page.entries.iter().map(|e| e.seq));
        match page.next_before {
            Some(b) => filter.before = Some(b),
            None => break,
        }
    }
    seqs
}

#[tokio::test]
async fn filters_and_pages_without_gaps_or_repeats() {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "pat.officer", Role::Officer).await;
    let ada = add(&admin, "Zebedee", "Quintrell").await;
    let bob = add(&admin, "Bob", "Other").await;
    for _ in 0..20 {
        members::get(&admin, &ada).await.expect("view");
    }
    let officer = forum
        .unlock("pat.officer", &password_for("pat.officer"))
        .await
        .expect("officer");
    for _ in 0..7 {
        members::get(&officer, &bob).await.expect("view");
    }
    members::get(&officer, &ada).await.expect("view");

    // Everything, in pages of 6: strictly newest first, no gaps, no repeats.
    let seqs = all_pages(
        &admin,
        AuditFilter {
            page_size: Some(6),
            ..Default::default()
        },
    )
    .await;
    let total = audit::verify(&admin).await.expect("verify").entries;
    assert_eq!(seqs.len() as i64, total);
    let expected: Vec<i64> = (1..=total).rev().collect();
    assert_eq!(seqs, expected);

    // By person: Ada's creation and her 21 views, nothing about Bob.
    let page = view::list(
        &admin,
        &AuditFilter {
            person_id: Some(ada.clone()),
            page_size: Some(500),
            ..Default::default()
        },
    )
    .await
    .expect("person");
    assert!(page.next_before.is_none());
    assert!(page
        .entries
        .iter()
        .all(|e| e.entity_id.as_deref() == Some(ada.as_str())));
    let views = page
        .entries
        .iter()
        .filter(|e| e.action == "member.viewed")
        .count();
    assert_eq!(views, 21);
    assert!(page.entries.iter().any(|e| e.action == "member.created"));
    assert_eq!(
        page.entries
            .iter()
            .find(|e| e.action == "member.viewed")
            .map(|e| e.action_words.as_str()),
        Some("Opened a member's record")
    );

    // By person paged in threes gives the same entries.
    let paged = all_pages(
        &admin,
        AuditFilter {
            person_id: Some(ada.clone()),
            page_size: Some(3),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(
        paged,
        page.entries.iter().map(|e| e.seq).collect::<Vec<_>>()
    );

    // By user: the officer's sign-in and eight views; their display name is shown.
    let officer_id = officer.user_id().to_owned();
    let by_user = view::list(
        &admin,
        &AuditFilter {
            user_id: Some(officer_id.clone()),
            ..Default::default()
        },
    )
    .await
    .expect("user");
    assert!(by_user
        .entries
        .iter()
        .all(|e| e.user_id.as_deref() == Some(officer_id.as_str())
            && e.user_name.as_deref() == Some("pat.officer Person")));
    assert_eq!(
        by_user
            .entries
            .iter()
            .filter(|e| e.action == "member.viewed")
            .count(),
        8
    );

    // User and action together; and a person with a user.
    let both = view::list(
        &admin,
        &AuditFilter {
            user_id: Some(officer_id.clone()),
            action: Some("member.viewed".into()),
            person_id: Some(ada.clone()),
            ..Default::default()
        },
    )
    .await
    .expect("combined");
    assert_eq!(both.entries.len(), 1);

    // By action, paged.
    let viewed = all_pages(
        &admin,
        AuditFilter {
            action: Some("member.viewed".into()),
            page_size: Some(4),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(viewed.len(), 28);
    assert_eq!(viewed.iter().collect::<BTreeSet<_>>().len(), 28);

    // Dates: today holds everything; yesterday nothing; the future nothing.
    let today = forumdesk::id::today_london();
    let today_text = today.to_string();
    let today_only = all_pages(
        &admin,
        AuditFilter {
            from: Some(today_text.clone()),
            to: Some(today_text.clone()),
            page_size: Some(500),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(today_only.len() as i64, total);
    let yesterday = today.previous_day().expect("yesterday").to_string();
    let none = view::list(
        &admin,
        &AuditFilter {
            to: Some(yesterday),
            ..Default::default()
        },
    )
    .await
    .expect("before today");
    assert!(none.entries.is_empty() && none.next_before.is_none());
    let tomorrow = today.next_day().expect("tomorrow");
    let day_first = format!(
        "{:02}/{:02}/{}",
        tomorrow.day(),
        u8::from(tomorrow.month()),
        tomorrow.year()
    );
    let future = view::list(
        &admin,
        &AuditFilter {
            from: Some(day_first),
            ..Default::default()
        },
    )
    .await
    .expect("future");
    assert!(future.entries.is_empty());

    // Bad dates are field errors; a reversed range too.
    let err = view::list(
        &admin,
        &AuditFilter {
            from: Some("31/02/2026".into()),
            ..Default::default()
        },
    )
    .await
    .expect_err("bad date");
    assert_eq!(err.kind, ErrorKind::Validation);
    assert!(err.fields.contains_key("from"));
    let err = view::list(
        &admin,
        &AuditFilter {
            from: Some("2026-05-02".into()),
            to: Some("2026-05-01".into()),
            ..Default::default()
        },
    )
    .await
    .expect_err("reversed");
    assert!(err.fields.contains_key("to"));

    // Hostile filter text is just text that matches nothing.
    let hostile = view::list(
        &admin,
        &AuditFilter {
            action: Some("x' OR '1'='1".into()),
            person_id: Some("'); DROP TABLE audit_log;--".into()),
            ..Default::default()
        },
    )
    .await
    .expect("hostile");
    assert!(hostile.entries.is_empty());
    assert!(audit::verify(&admin).await.expect("verify").intact);
}

#[tokio::test]
async fn only_admins_and_officers_see_the_log() {
    let (forum, admin) = new_forum().await;
    for (name, role) in [
        ("pat.officer", Role::Officer),
        ("sam.helper", Role::Volunteer),
        ("kim.kiosk", Role::Kiosk),
    ] {
        add_user(&admin, name, role).await;
    }
    for (name, allowed) in [
        ("pat.officer", true),
        ("sam.helper", false),
        ("kim.kiosk", false),
    ] {
        let s = forum
            .unlock(name, &password_for(name))
            .await
            .expect("unlock");
        let listed = view::list(&s, &AuditFilter::default()).await;
        let exported = view::export_csv(&s, &AuditFilter::default()).await;
        let users = view::users(&s).await;
        if allowed {
            assert!(!listed.expect("list").entries.is_empty());
            assert!(exported.is_ok() && users.is_ok());
        } else {
            assert_eq!(listed.expect_err("refused").kind, ErrorKind::Forbidden);
            assert_eq!(exported.expect_err("refused").kind, ErrorKind::Forbidden);
            assert_eq!(users.expect_err("refused").kind, ErrorKind::Forbidden);
        }
        s.lock().await;
    }
}

#[tokio::test]
async fn the_auditors_csv_names_staff_but_never_members_and_is_formula_safe() {
    let (forum, admin) = new_forum().await;
    // A staff display name that looks like a formula must not run in a spreadsheet.
    forumdesk::users::add(
        &admin,
        forumdesk::users::NewUserInput {
            username: "evil.user".into(),
            display_name: "=HYPERLINK(\"http://x\")".into(),
            role: Role::Officer,
            password: password_for("evil.user"),
            password_confirm: password_for("evil.user"),
        },
    )
    .await
    .expect("user");
    let evil = forum
        .unlock("evil.user", &password_for("evil.user"))
        .await
        .expect("unlock");
    let ada = add(&admin, "Zebedee", "Quintrell").await;
    members::get(&evil, &ada).await.expect("view");

    let export = view::export_csv(&admin, &AuditFilter::default())
        .await
        .expect("export");
    let text = String::from_utf8(export.bytes.clone()).expect("utf-8");
    assert!(text.starts_with('\u{feff}'));
    assert!(export.file_name.starts_with("audit-log-") && export.file_name.ends_with(".csv"));
    assert!(!text.contains("Zebedee") && !text.contains("Quintrell"));
    assert!(!text.contains("quintrell@"));
    assert!(text.contains(&ada), "members appear by id");
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{text}");
    assert!(!text.contains(",\"=HYPERLINK"));
    let lines = text.lines().count();
    assert_eq!(lines as u32, export.entries + 1);

    // Filtered export holds only the filter's entries, and the export itself is audited.
    let only = view::export_csv(
        &admin,
        &AuditFilter {
            person_id: Some(ada.clone()),
            ..Default::default()
        },
    )
    .await
    .expect("filtered");
    assert_eq!(only.entries, 2, "created and viewed");
    let last = view::list(&admin, &AuditFilter::default())
        .await
        .expect("list");
    assert_eq!(last.entries[0].action, "audit.exported");
    assert_eq!(last.entries[0].changes["filters"][0], "person");
    assert!(audit::verify(&admin).await.expect("verify").intact);
}

/// Every action a service writes has words for the viewer's filter, so a new one without
/// words fails here rather than showing as `thing.done` to a volunteer.
#[test]
fn every_action_written_has_words() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read");
            // `action: "x.y"` in an entry, and `audit_change(.., "x.y", ..)` helpers.
            let helper_calls = text.split("audit_change(").skip(1).filter_map(|call| {
                let call = &call[..call.find(';').unwrap_or(call.len())];
                call.split('"')
                    .nth(1)
                    .filter(|a| a.contains('.'))
                    .map(|a| format!("{a}\""))
            });
            let literals = text.split("action: \"").skip(1).map(str::to_owned);
            for part in literals.chain(helper_calls) {
                let part = part.as_str();
                let action: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_' || *c == '.')
                    .collect();
                if part[action.len()..].starts_with('"')
                    && !view::ACTIONS.iter().any(|(a, _)| *a == action)
                {
                    missing.push(format!("{action} ({})", path.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "actions without words in audit::view::ACTIONS: {missing:?}"
    );
}
