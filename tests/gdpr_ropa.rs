//! The record of processing and the privacy notice are drawn from the forum's real
//! configuration: purposes and their bases, the retention schedule, the idle lock, the key
//! file's Argon2id cost. Values from the database are escaped in both formats.

mod common;

use common::*;
use forumdesk::gdpr::ropa;
use forumdesk::settings::{self, SettingsInput};
use forumdesk::testing::raw_connection;
use forumdesk::{ErrorKind, Role};

#[tokio::test]
async fn the_record_reflects_the_forums_own_settings() {
    let (forum, admin) = new_forum().await;
    settings::update(
        &admin,
        SettingsInput {
            idle_lock_minutes: 7,
        },
    )
    .await
    .expect("settings");
    admin.lock().await;

    // A purpose the admin configured, with markup in its name and statement, and a
    // retention period changed from the default.
    let mut conn = raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    for sql in [
        "INSERT INTO consent_purposes (id, name, channel, basis, special, sort_order) VALUES \
         ('peer_support', 'Peer support <script>alert(1)</script>', NULL, 'legitimate_interests', 0, 9)",
        "INSERT INTO consent_statements (purpose_id, version, text, created_at) VALUES \
         ('peer_support', 1, 'We match you with a [buddy](http://evil.example) | parent', '2026-11-22T00:00:00Z')",
        "UPDATE forum SET retention_left_months = 30, retention_audit_months = 84",
    ] {
        sqlx::query(sql).execute(&mut conn).await.expect(sql);
    }
    drop(conn);

    let admin = forum.admin().await;
    let docs = ropa::documents(&admin).await.expect("documents");
    let md = &docs.record_markdown;
    let html = &docs.record_html;

    // Every configured purpose appears with its basis; the new one too.
    assert!(
        md.contains("Peer support &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{md}"
    );
    let row = md
        .lines()
        .find(|l| l.contains("Peer support"))
        .expect("purpose row");
    assert!(
        row.contains("Legitimate interests — UK GDPR Article 6(1)(f)"),
        "{row}"
    );
    assert!(row.contains("None: no special-category data"));
    assert!(
        row.contains("\\[buddy\\](http://evil.example) \\| parent"),
        "{row}"
    );
    let special = md
        .lines()
        .find(|l| l.contains("Children's needs and equality information |"))
        .expect("special row");
    assert!(
        special.contains("Explicit consent — UK GDPR Article 9(2)(a)"),
        "{special}"
    );
    let email = md
        .lines()
        .find(|l| l.starts_with("| E-mail") || l.contains("by e-mail"))
        .expect("email row");
    assert!(
        email.contains("Consent — UK GDPR Article 6(1)(a)"),
        "{email}"
    );

    // Settings as set: idle lock, retention, Argon2id from the key file.
    assert!(
        md.contains("locks itself after 7 minutes without use"),
        "{md}"
    );
    assert!(md.contains("30 months after they left or lapsed"));
    assert!(md.contains("| 7 years |"), "{md}");
    assert!(md.contains("6 months after signing up"));
    assert!(md.contains("never after the young person turns 25"));
    assert!(
        md.contains("Argon2id (128 MiB memory, 3 passes, 1 lane)"),
        "{md}"
    );
    assert!(md.contains("SQLCipher 4."), "{md}");
    assert!(md.contains("Users now: 1 admin."), "{md}");
    assert!(md.contains("Department for Education and Contact"));
    assert!(md.contains("receive only anonymous figures"));

    // HTML: self-contained, printable, everything escaped.
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("<script"),
        "no script, not even from the data"
    );
    assert!(html.contains("Peer support &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("src=") && !html.contains("href="));
    assert!(html.contains("default-src 'none'"));
    assert!(html.contains("Legitimate interests — UK GDPR Article 6(1)(f)"));
    assert!(html.contains("@media print"));

    // The privacy notice says the same in plain words.
    let notice = &docs.notice_markdown;
    assert!(notice.contains(&format!("# How {FORUM} uses your information")));
    assert!(notice.contains("because we need to, to run the forum for its members"));
    assert!(
        notice.contains("we delete your details 30 months later"),
        "{notice}"
    );
    assert!(notice.contains("locks itself after 7 minutes"));
    assert!(notice.contains("ico.org.uk/make-a-complaint"));
    assert!(notice.contains("I would like to receive the forum's news, events and invitations to have my say by e-mail."));
    assert!(!docs.notice_html.contains("<script"));
    assert!(docs.record_file_stem.starts_with("record-of-processing-"));
    assert!(docs.notice_file_stem.starts_with("privacy-notice-"));
}

#[tokio::test]
async fn only_admins_and_officers_see_the_record() {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "pat.officer", Role::Officer).await;
    add_user(&admin, "sam.helper", Role::Volunteer).await;
    let officer = forum
        .unlock("pat.officer", &password_for("pat.officer"))
        .await
        .expect("officer");
    let docs = ropa::documents(&officer).await.expect("officer sees it");
    assert!(docs
        .record_markdown
        .contains("Users now: 1 admin, 1 officer, 1 volunteer."));
    let volunteer = forum
        .unlock("sam.helper", &password_for("sam.helper"))
        .await
        .expect("volunteer");
    assert_eq!(
        ropa::documents(&volunteer).await.expect_err("refused").kind,
        ErrorKind::Forbidden
    );
}
