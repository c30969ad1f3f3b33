//! Transfer packs between two real encrypted forum databases: sign-ups typed into the kiosk
//! on a drive laptop's own forum are exported in one encrypted file and imported into the
//! main forum once, with duplicates of existing members found; importing again changes
//! nothing; a wrong passphrase or a damaged, truncated, empty, random, oversized or
//! future-version file is refused with a clear message and the database is unchanged.

mod common;
#[path = "common/drives.rs"]
mod drives_common;

use common::*;
use drives_common::*;
use forumdesk::drives::kiosk::{self, KioskChild, KioskSubmission};
use forumdesk::drives::pack::{self, format, PackExportInput, PackImportReport};
use forumdesk::drives::review;
use forumdesk::members::consent::{self, ConsentInput};
use forumdesk::members::model::{
    AgeBand, ConsentMethod, MemberType, MembershipStatus, Need, Provision,
};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::{audit, ErrorKind, Role, Session};
use sqlx::Connection;

const PASSPHRASE: &str = "lantern orchard pebble 42";

fn passphrase(p: &str, confirm: &str) -> PackExportInput {
    PackExportInput {
        passphrase: p.into(),
        passphrase_confirm: confirm.into(),
    }
}

/// The drive laptop: its own forum, a drive, three sign-ups typed into the kiosk (Ada with
/// e-mail news and her child's needs, Bea ticking nothing, Cal with text messages and a
/// phone), an ordinary member who must never travel, and a fourth sign-up discarded in
/// review. Returns the laptop's forum, its admin, the drive id and the pack.
async fn laptop_pack() -> (Forum, Session, String, Vec<u8>) {
    let (forum, admin) = new_forum().await;
    let drive = new_drive(&admin, "Local offer day").await;
    members::create(
        &admin,
        MemberDetails {
            first_name: "Zed".into(),
            last_name: "Neverexported".into(),
            email: "zed@example.org".into(),
            notes: "Not for any pack".into(),
            member_type: Some(MemberType::ParentCarer),
            ..Default::default()
        },
        MembershipStart {
            status: Some(MembershipStatus::Active),
            joined_on: None,
        },
    )
    .await
    .expect("member");
    add_user(&admin, "vol", Role::Volunteer).await;
    let kiosk_session = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("volunteer");
    kiosk::start(&kiosk_session, &drive.id)
        .await
        .expect("kiosk");
    let form = kiosk::form(&kiosk_session).await.expect("form");
    submit(
        &kiosk_session,
        KioskSubmission {
            consents: answers(&form, &["email_news", "special_category"]),
            children: vec![KioskChild {
                age_band: Some(AgeBand::Age5To10),
                primary_need: Some(Need::Asd),
                provision: Some(Provision::SenSupport),
            }],
            ..signup("Ada", "Lovelace", "ada@example.org")
        },
    )
    .await;
    submit(
        &kiosk_session,
        KioskSubmission {
            consents: answers(&form, &[]),
            ..signup("Bea", "Brown", "bea@example.org")
        },
    )
    .await;
    submit(
        &kiosk_session,
        KioskSubmission {
            phone: "07700 900123".into(),
            consents: answers(&form, &["sms"]),
            ..signup("Cal", "Clark", "cal@example.org")
        },
    )
    .await;
    submit(&kiosk_session, signup("Dud", "Entry", "dud@example.org")).await;
    let pending = review::pending(&admin, Some(&drive.id))
        .await
        .expect("pending");
    let dud = pending.iter().find(|p| p.first_name == "Dud").expect("dud");
    review::discard(&admin, &dud.signup_id)
        .await
        .expect("discard");
    let file = pack::export(&admin, &drive.id, &passphrase(PASSPHRASE, PASSPHRASE))
        .await
        .expect("export");
    assert_eq!((file.signups, file.left_out), (3, 1));
    assert!(file.file_name.ends_with(".fdpack"), "{}", file.file_name);
    (forum, admin, drive.id, file.bytes)
}

/// The main forum, with Ada already a member (same e-mail and name: a duplicate).
async fn main_forum() -> (Forum, Session) {
    let (forum, admin) = new_forum().await;
    members::create(
        &admin,
        MemberDetails {
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            email: "ADA@example.org".into(),
            member_type: Some(MemberType::ParentCarer),
            ..Default::default()
        },
        MembershipStart {
            status: Some(MembershipStatus::Active),
            joined_on: None,
        },
    )
    .await
    .expect("existing Ada");
    (forum, admin)
}

/// Row counts of every table a pack import writes, to prove a refused one wrote nothing.
async fn counts(forum: &Forum) -> Vec<(String, i64)> {
    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    let mut out = Vec::new();
    for table in [
        "people",
        "memberships",
        "consent_captures",
        "children",
        "drives",
        "drive_signups",
        "audit_log",
    ] {
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(&mut conn)
            .await
            .expect("count");
        out.push((table.to_owned(), n));
    }
    let search: i64 = sqlx::query_scalar("SELECT count(*) FROM people_search")
        .fetch_one(&mut conn)
        .await
        .unwrap_or(-1);
    out.push(("people_search".into(), search));
    conn.close().await.ok();
    out
}

fn without_audit(counts: &[(String, i64)]) -> Vec<(String, i64)> {
    counts
        .iter()
        .filter(|(t, _)| t != "audit_log")
        .cloned()
        .collect()
}

async fn import(
    admin: &Session,
    bytes: &[u8],
    passphrase: &str,
) -> forumdesk::Result<PackImportReport> {
    pack::import(
        admin,
        "/media/usb/Local offer day.fdpack",
        bytes,
        passphrase,
    )
    .await
}

#[tokio::test]
async fn a_pack_from_a_second_forum_imports_once_with_duplicates_found() {
    let (_laptop, laptop_admin, drive_id, bytes) = laptop_pack().await;
    let (forum, admin) = main_forum().await;
    let before = counts(&forum).await;

    let report = import(&admin, &bytes, PASSPHRASE).await.expect("import");
    assert_eq!(
        (
            report.signups,
            report.created,
            report.already_imported,
            report.duplicates
        ),
        (3, 3, 0, 1)
    );
    assert!(report.drive_created);
    assert_eq!(report.drive_id, drive_id);
    assert_eq!(report.drive_name, "Local offer day");
    assert_eq!(report.duplicate_signups.len(), 1);

    // Each sign-up is an applicant in the review queue, from the pack, with its duplicate.
    let pending = review::pending(&admin, Some(&drive_id))
        .await
        .expect("pending");
    let names: Vec<&str> = pending.iter().map(|p| p.first_name.as_str()).collect();
    assert_eq!(names, ["Ada", "Bea", "Cal"]);
    assert!(pending.iter().all(|p| p
        .imported_from
        .as_deref()
        .is_some_and(|f| f.starts_with("Local offer day.fdpack "))));
    let ada = &pending[0];
    assert_eq!(report.duplicate_signups[0].person_id, ada.person_id);
    assert_eq!(ada.duplicates.len(), 1, "the review queue sees it too");
    let record = members::get(&admin, &ada.person_id).await.expect("record");
    assert_eq!(
        record.membership.map(|m| m.status),
        Some(MembershipStatus::Applicant),
        "a sign-up is an applicant until reviewed"
    );
    assert_eq!(pending[2].phone.as_deref(), Some("+447700900123"));

    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    let (source, drive): (String, Option<String>) = sqlx::query_as(
        "SELECT p.source, m.drive_id FROM people p JOIN memberships m ON m.person_id = p.id \
         WHERE p.id = ?",
    )
    .bind(&ada.person_id)
    .fetch_one(&mut conn)
    .await
    .expect("source");
    assert!(
        source.starts_with("transfer pack: Local offer day.fdpack "),
        "{source}"
    );
    assert_eq!(drive.as_deref(), Some(drive_id.as_str()));
    let consents: Vec<(String, String)> = sqlx::query_as(
        "SELECT p.first_name, e.purpose_id || ':' || e.method || ':' || e.given FROM \
         consent_events e JOIN people p ON p.id = e.person_id WHERE p.source LIKE 'transfer%' \
         ORDER BY p.first_name, e.purpose_id",
    )
    .fetch_all(&mut conn)
    .await
    .expect("consents");
    assert_eq!(
        consents,
        [
            ("Ada".into(), "email_news:kiosk:1".into()),
            ("Ada".into(), "special_category:kiosk:1".into()),
            ("Cal".into(), "sms:kiosk:1".into()),
        ],
        "only what was ticked, as a kiosk consent; nothing for Bea"
    );
    let children: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.age_band, c.primary_need, c.provision FROM children c JOIN people p \
         ON p.id = c.person_id WHERE p.source LIKE 'transfer%'",
    )
    .fetch_all(&mut conn)
    .await
    .expect("children");
    assert_eq!(
        children,
        [("5-10".into(), "ASD".into(), "sen_support".into())]
    );
    let noted: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'pack.imported'")
            .fetch_one(&mut conn)
            .await
            .expect("audit");
    assert_eq!(noted, 1);
    conn.close().await.ok();

    let after = counts(&forum).await;
    let grew = |table: &str| {
        let at = |c: &[(String, i64)]| c.iter().find(|(t, _)| t == table).map(|(_, n)| *n);
        at(&after).unwrap_or(0) - at(&before).unwrap_or(0)
    };
    assert_eq!(
        (
            grew("people"),
            grew("drive_signups"),
            grew("drives"),
            grew("children")
        ),
        (3, 3, 1, 1)
    );

    // Importing the same pack again creates nothing.
    let again = import(&admin, &bytes, PASSPHRASE).await.expect("again");
    assert_eq!(
        (
            again.signups,
            again.created,
            again.already_imported,
            again.duplicates
        ),
        (3, 0, 3, 0)
    );
    assert!(!again.drive_created);
    assert_eq!(without_audit(&counts(&forum).await), without_audit(&after));
    assert!(audit::verify(&admin).await.expect("verify").intact);

    // A pack exported again on the laptop (same sign-up ids) is a no-op too.
    let second = pack::export(
        &laptop_admin,
        &drive_id,
        &passphrase(PASSPHRASE, PASSPHRASE),
    )
    .await
    .expect("export again");
    assert_ne!(second.bytes, bytes, "a fresh salt and nonce each time");
    let third = import(&admin, &second.bytes, PASSPHRASE)
        .await
        .expect("third");
    assert_eq!((third.created, third.already_imported), (0, 3));
}

#[tokio::test]
async fn the_pack_holds_only_what_the_kiosk_collected() {
    let (_laptop, admin, drive_id, bytes) = laptop_pack().await;
    let contents = format::open("p.fdpack", &bytes, PASSPHRASE).expect("open");
    assert_eq!(contents.drive.id, drive_id);
    assert_eq!(contents.drive.venue, "St Mary's Primary School");
    let names: Vec<&str> = contents
        .signups
        .iter()
        .map(|s| s.first_name.as_str())
        .collect();
    assert_eq!(names, ["Ada", "Bea", "Cal"], "not the discarded one");
    let ada = &contents.signups[0];
    let ticked: Vec<(&str, i32, bool)> = ada
        .consents
        .iter()
        .map(|c| (c.purpose_id.as_str(), c.statement_version, c.given))
        .collect();
    assert_eq!(
        ticked,
        [("email_news", 1, true), ("special_category", 1, true)]
    );
    assert!(ada.consents.iter().all(|c| !c.statement_text.is_empty()));
    assert_eq!(ada.children.len(), 1);
    assert_eq!(ada.heard_about, "A poster at school");
    assert!(contents.signups[1].consents.is_empty());
    let json = serde_json::to_string(&contents).expect("json");
    for never in ["Zed", "Neverexported", "Not for any pack", "Dud"] {
        assert!(!json.contains(never), "{never} in the pack");
    }
    // Nothing readable in the file itself.
    let raw = String::from_utf8_lossy(&bytes);
    for hidden in ["Ada", "ada@example.org", "Lovelace", "Local offer day"] {
        assert!(!raw.contains(hidden), "{hidden} in the clear");
    }

    // A consent withdrawn after signing up does not travel: the pack must not bring it back.
    let pending = review::pending(&admin, Some(&drive_id))
        .await
        .expect("pending");
    let cal = pending.iter().find(|p| p.first_name == "Cal").expect("Cal");
    consent::record(
        &admin,
        &cal.person_id,
        ConsentInput {
            purpose_id: "sms".into(),
            given: false,
            method: ConsentMethod::Verbal,
            confirm_deletion: false,
        },
    )
    .await
    .expect("withdraw");
    let again = pack::export(&admin, &drive_id, &passphrase(PASSPHRASE, PASSPHRASE))
        .await
        .expect("export");
    let contents = format::open("p.fdpack", &again.bytes, PASSPHRASE).expect("open");
    let cal = contents
        .signups
        .iter()
        .find(|s| s.first_name == "Cal")
        .expect("Cal still signed up");
    assert!(cal.consents.is_empty(), "{:?}", cal.consents);
}

#[tokio::test]
async fn wrong_damaged_and_foreign_packs_change_nothing() {
    let (_laptop, _laptop_admin, _drive, bytes) = laptop_pack().await;
    let (forum, admin) = main_forum().await;
    let before = counts(&forum).await;
    let refused = |r: forumdesk::Result<PackImportReport>, expect: &str| {
        let err = r.expect_err(expect);
        assert_eq!(err.kind, ErrorKind::Validation, "{expect}: {err:?}");
        assert!(
            err.message.contains(expect),
            "{expect:?} not in {:?}",
            err.message
        );
    };
    refused(
        import(&admin, &bytes, "lantern orchard pebble 43").await,
        "passphrase is wrong",
    );
    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    refused(
        import(&admin, &flipped, PASSPHRASE).await,
        "changed or damaged",
    );
    let mut header = bytes.clone();
    header[30] ^= 0x80; // in the salt
    refused(
        import(&admin, &header, PASSPHRASE).await,
        "changed or damaged",
    );
    let mut tag = bytes.clone();
    let last = tag.len() - 1;
    tag[last] ^= 0x01;
    refused(import(&admin, &tag, PASSPHRASE).await, "changed or damaged");
    refused(
        import(&admin, &bytes[..bytes.len() / 2], PASSPHRASE).await,
        "changed or damaged",
    );
    refused(import(&admin, &bytes[..40], PASSPHRASE).await, "is damaged");
    refused(import(&admin, &bytes[..5], PASSPHRASE).await, "is damaged");
    refused(import(&admin, b"", PASSPHRASE).await, "is empty");
    let garbage: Vec<u8> = (0..10_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    refused(
        import(&admin, &garbage, PASSPHRASE).await,
        "is not a ForumDesk transfer pack",
    );
    refused(
        import(&admin, b"area,primary_need\nPreston,ASD\n", PASSPHRASE).await,
        "is not a ForumDesk transfer pack",
    );
    let mut future = bytes.clone();
    future[8..10].copy_from_slice(&2u16.to_be_bytes());
    refused(
        import(&admin, &future, PASSPHRASE).await,
        "made by a newer version of ForumDesk",
    );
    let huge = vec![0u8; format::MAX_PACK_BYTES + 1];
    refused(
        import(&admin, &huge, PASSPHRASE).await,
        "bigger than any transfer pack",
    );
    assert_eq!(
        counts(&forum).await,
        before,
        "nothing was written, not even an audit entry"
    );

    // The file reader refuses an oversized file before reading it.
    let path = forum.dir.path().join("big.fdpack");
    let file = std::fs::File::create(&path).expect("file");
    file.set_len(format::MAX_PACK_BYTES as u64 + 1)
        .expect("sparse file");
    let err = pack::read_file(&path).await.expect_err("too big");
    assert!(
        err.message.contains("big.fdpack is 65 MB"),
        "{}",
        err.message
    );

    // And the genuine pack still imports afterwards.
    let report = import(&admin, &bytes, PASSPHRASE).await.expect("import");
    assert_eq!(report.created, 3);
}

#[tokio::test]
async fn exporting_needs_a_strong_passphrase_typed_twice_and_the_right_role() {
    let (forum, admin) = new_forum().await;
    let drive = new_drive(&admin, "Coffee morning").await;
    let err = pack::export(&admin, &drive.id, &passphrase("short", "short"))
        .await
        .expect_err("short");
    assert!(
        err.fields["passphrase"].starts_with("Passphrase must be"),
        "{err:?}"
    );
    let err = pack::export(
        &admin,
        &drive.id,
        &passphrase(PASSPHRASE, "lantern orchard pebble 24"),
    )
    .await
    .expect_err("mismatch");
    assert_eq!(
        err.fields["passphraseConfirm"],
        "The passphrases do not match"
    );
    let err = pack::export(&admin, "no-such-drive", &passphrase(PASSPHRASE, PASSPHRASE))
        .await
        .expect_err("drive");
    assert_eq!(err.kind, ErrorKind::NotFound);
    // An empty drive makes an empty pack, which imports as nothing.
    let empty = pack::export(&admin, &drive.id, &passphrase(PASSPHRASE, PASSPHRASE))
        .await
        .expect("empty pack");
    assert_eq!(empty.signups, 0);

    add_user(&admin, "officer", Role::Officer).await;
    add_user(&admin, "volunteer", Role::Volunteer).await;
    let officer = forum
        .unlock("officer", &password_for("officer"))
        .await
        .expect("officer");
    let volunteer = forum
        .unlock("volunteer", &password_for("volunteer"))
        .await
        .expect("volunteer");
    let report = pack::import(&officer, "empty.fdpack", &empty.bytes, PASSPHRASE)
        .await
        .expect("officer imports");
    assert_eq!(
        (report.signups, report.created, report.drive_created),
        (0, 0, false)
    );
    let err = pack::export(&volunteer, &drive.id, &passphrase(PASSPHRASE, PASSPHRASE))
        .await
        .expect_err("volunteer export");
    assert_eq!(err.kind, ErrorKind::Forbidden);
    let err = pack::import(&volunteer, "empty.fdpack", &empty.bytes, PASSPHRASE)
        .await
        .expect_err("volunteer import");
    assert_eq!(err.kind, ErrorKind::Forbidden);
}
