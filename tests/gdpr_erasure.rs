//! Erasure, tested as an attacker would: after erasing a person whose details are
//! distinctive strings, every page of the database file (free pages too), decrypted with the
//! key, and the write-ahead log, hold none of them; search finds nothing; and the figures
//! (the evidence pack, membership totals) are exactly the same before and after.

mod common;

use std::path::Path;

use aes::cipher::generic_array::GenericArray;
use aes::cipher::{BlockDecrypt, KeyInit};
use common::*;
use forumdesk::activities::activity::{self, ActivityInput};
use forumdesk::activities::model::{ActivityKind, Level};
use forumdesk::gdpr::erase;
use forumdesk::gdpr::requests::{self, DataRequestInput, RequestKind};
use forumdesk::groups::contacts::{self, ContactInput};
use forumdesk::groups::model::{Meets, OrganisationKind};
use forumdesk::groups::organisation::{self, OrganisationInput};
use forumdesk::members::areas::{self, AreaInput};
use forumdesk::members::children::{self, ChildInput, EqualityInput};
use forumdesk::members::consent::{self, ConsentInput};
use forumdesk::members::duplicates;
use forumdesk::members::export::{self, ExportFormat, ExportInput};
use forumdesk::members::membership::{self, LeavingInput};
use forumdesk::members::model::{ConsentMethod, MemberType, MembershipStatus, Need, Provision};
use forumdesk::members::search::{self, MemberQuery};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::report::evidence;
use forumdesk::{ErrorKind, Role, Session};

const PAGE: usize = 4096;
/// SQLCipher 4 reserves 80 bytes at the end of each page: a 16-byte IV and a 64-byte HMAC.
const RESERVE: usize = 80;

/// Decrypts one SQLCipher 4 page (AES-256-CBC with the raw key). Page 1 starts with the
/// 16-byte salt, which is not encrypted.
fn decrypt_page(key: &[u8; 32], page: &[u8], first: bool) -> Vec<u8> {
    let cipher = aes::Aes256::new(GenericArray::from_slice(key));
    let iv = &page[PAGE - RESERVE..PAGE - RESERVE + 16];
    let data = &page[if first { 16 } else { 0 }..PAGE - RESERVE];
    let mut out = Vec::with_capacity(data.len());
    let mut prev: &[u8] = iv;
    for block in data.chunks(16) {
        let mut b = GenericArray::clone_from_slice(block);
        cipher.decrypt_block(&mut b);
        out.extend(b.iter().zip(prev).map(|(x, p)| x ^ p));
        prev = block;
    }
    out
}

/// Every page of the file decrypted, in order (free pages included: every 4 KiB of it).
fn decrypted_file(key: &[u8; 32], path: &Path) -> Vec<Vec<u8>> {
    let bytes = std::fs::read(path).expect("read database file");
    assert_eq!(bytes.len() % PAGE, 0, "whole pages");
    bytes
        .chunks(PAGE)
        .enumerate()
        .map(|(i, page)| decrypt_page(key, page, i == 0))
        .collect()
}

/// Every page image in a WAL file, decrypted (32-byte header, then frames of a 24-byte
/// header and a page).
fn decrypted_wal(key: &[u8; 32], path: &Path) -> Vec<Vec<u8>> {
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    let mut pages = Vec::new();
    let mut at = 32;
    while at + 24 + PAGE <= bytes.len() {
        let pgno = u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
        pages.push(decrypt_page(
            key,
            &bytes[at + 24..at + 24 + PAGE],
            pgno == 1,
        ));
        at += 24 + PAGE;
    }
    pages
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The needle in the forms it could be stored in: as typed, lower and upper case.
fn forms(needles: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for n in needles {
        for f in [n.to_string(), n.to_lowercase(), n.to_uppercase()] {
            if !all.contains(&f) {
                all.push(f);
            }
        }
    }
    all
}

/// Fragments of the erased person's details. Suffixes too: the search index stores each
/// word after the prefix it shares with the word before it.
const ERASED: &[&str] = &[
    "Zephyrine",
    "ephyrine",
    "Quillfeather",
    "uillfeather",
    "zq.unique@example.org",
    "zq.unique",
    "07700 900123",
    "+447700900123",
    "447700900123",
    "07700900123",
    "7700900123",
    "Pomegranate Wharf",
    "Marmalade-Quokka",
    "armalade",
    "ZE2 9QX",
    "ZE29QX",
    "Quillshire",
    "Zorblatian",
    "Convenor of Owls",
    "Moved to Ruritania",
];

fn zephyrine() -> MemberDetails {
    MemberDetails {
        first_name: "Zephyrine".into(),
        last_name: "Quillfeather".into(),
        preferred_name: "Zeph Quillfeather".into(),
        email: "zq.unique@example.org".into(),
        phone: "07700 900123".into(),
        address_line1: "12 Pomegranate Wharf".into(),
        town: "Quillshire Magna".into(),
        postcode: "ZE2 9QX".into(),
        heard_about: "Marmalade-Quokka newsletter".into(),
        notes: "Marmalade-Quokka: call after school".into(),
        member_type: Some(MemberType::ParentCarer),
        recruitment_source: "School event".into(),
        ..Default::default()
    }
}

fn barnabus() -> MemberDetails {
    MemberDetails {
        first_name: "Barnabus".into(),
        last_name: "Wellingtonia".into(),
        email: "bw.keeper@example.org".into(),
        phone: "07700 900456".into(),
        postcode: "PR1 2HE".into(),
        member_type: Some(MemberType::ParentCarer),
        recruitment_source: "School event".into(),
        ..Default::default()
    }
}

fn joined(on: &str) -> MembershipStart {
    MembershipStart {
        status: Some(MembershipStatus::Active),
        joined_on: Some(on.into()),
    }
}

fn consent(purpose: &str, given: bool) -> ConsentInput {
    ConsentInput {
        purpose_id: purpose.into(),
        given,
        method: ConsentMethod::Paper,
        confirm_deletion: true,
    }
}

fn child(year: i32, need: Need) -> ChildInput {
    ChildInput {
        year_of_birth: Some(year),
        age_band: None,
        primary_need: Some(need),
        secondary_needs: vec![],
        provision: Some(Provision::Ehcp),
        school_phase: None,
        setting_type: None,
        local_authority: "Quillshire".into(),
    }
}

/// A member with everything the forum can hold about a person.
async fn full_history(s: &Session, details: MemberDetails, area: &str) -> String {
    let mut details = details;
    details.area_id = Some(area.to_owned());
    let id = members::create(s, details, joined("2026-02-01"))
        .await
        .expect("member")
        .id;
    for purpose in ["email_news", "sms", "special_category"] {
        consent::record(s, &id, consent(purpose, true))
            .await
            .expect("consent");
    }
    consent::record(s, &id, consent("sms", false))
        .await
        .expect("withdraw sms");
    children::save(s, &id, None, child(2014, Need::Asd))
        .await
        .expect("child");
    children::save_equality(
        s,
        &id,
        EqualityInput {
            ethnicity: "Zorblatian".into(),
            first_language: "Zorblatian".into(),
        },
    )
    .await
    .expect("equality");
    activity::create(
        s,
        ActivityInput {
            title: "Coffee morning".into(),
            kind: Some(ActivityKind::Event),
            starts_on: "2026-03-10".into(),
            level: Some(Level::Individual),
            person_ids: vec![id.clone()],
            parent_carers_engaged: "9".into(),
            volunteer_hours: "2".into(),
            ..Default::default()
        },
    )
    .await
    .expect("activity");
    id
}

async fn area(s: &Session) -> String {
    areas::save(
        s,
        None,
        AreaInput {
            name: "Quay District".into(),
            districts: "ZE2".into(),
        },
    )
    .await
    .expect("area")
    .id
}

#[tokio::test]
async fn erased_details_are_nowhere_in_the_decrypted_pages_or_the_wal() {
    let (forum, admin) = new_forum().await;
    let area = area(&admin).await;
    let keeper = members::create(&admin, barnabus(), joined("2026-01-05"))
        .await
        .expect("keeper")
        .id;
    let id = full_history(&admin, zephyrine(), &area).await;
    let org = organisation::create(
        &admin,
        OrganisationInput {
            name: "Harbour Parents".into(),
            kind: Some(OrganisationKind::ParentGroup),
            area_ids: vec![area.clone()],
            all_needs: true,
            meets: Some(Meets::Both),
            ..Default::default()
        },
    )
    .await
    .expect("group");
    contacts::add(
        &admin,
        &org.id,
        ContactInput {
            person_id: id.clone(),
            role: "Convenor of Owls".into(),
        },
    )
    .await
    .expect("contact");
    membership::leave(
        &admin,
        &id,
        LeavingInput {
            on_date: "2026-06-01".into(),
            reason: "Moved to Ruritania".into(),
        },
    )
    .await
    .expect("leave");
    // Before: search finds her, and the pages hold her details (the test can see them).
    let found = |text: &str| MemberQuery {
        text: text.into(),
        page_size: 10,
        ..Default::default()
    };
    assert_eq!(
        search::search(&admin, &found("Zephyrine"))
            .await
            .expect("search")
            .total,
        1
    );

    let request = requests::record(
        &admin,
        DataRequestInput {
            kind: Some(RequestKind::Erasure),
            person_id: id.clone(),
            ..Default::default()
        },
    )
    .await
    .expect("request")
    .id;
    let unknown = erase::erase(&admin, &id, Some("no-such-request"))
        .await
        .expect_err("unknown request");
    assert!(unknown.fields.contains_key("requestId"), "{unknown:?}");
    let report = erase::erase(&admin, &id, Some(&request))
        .await
        .expect("erase");
    assert_eq!(report.requests_unlinked, 1);
    assert_eq!(report.people, 1);
    assert_eq!(report.children_removed, 1);
    assert_eq!(report.contact_roles_deleted, 1);
    assert!(report.consent_events_deleted >= 4);

    for text in [
        "Zephyrine",
        "Quillfeather",
        "zq.unique",
        "07700 900123",
        "ZE2 9QX",
    ] {
        let page = search::search(&admin, &found(text)).await.expect("search");
        assert!(
            page.members.iter().all(|m| m.id != id),
            "{text} still finds the erased person"
        );
    }
    let err = members::get(&admin, &id).await.expect_err("erased");
    assert_eq!(err.kind, ErrorKind::NotFound);
    // Nothing new can be linked to the tombstone.
    let relink = contacts::add(
        &admin,
        &org.id,
        ContactInput {
            person_id: id.clone(),
            role: "Lead".into(),
        },
    )
    .await
    .expect_err("erased");
    assert!(relink.fields.contains_key("personId"), "{relink:?}");
    admin.lock().await;

    // The request is kept, unlinked; the one audit entry names the request, not the person.
    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    let (person, requester): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT person_id, requester FROM gdpr_requests WHERE id = ?")
            .bind(&request)
            .fetch_one(&mut conn)
            .await
            .expect("request kept");
    assert_eq!(person, None);
    assert_eq!(requester.as_deref(), Some("Erased person"));
    let erasures: Vec<(String, Option<String>, String)> = sqlx::query_as(
        "SELECT entity, entity_id, changes FROM audit_log WHERE action = 'person.erased'",
    )
    .fetch_all(&mut conn)
    .await
    .expect("audit");
    assert_eq!(
        erasures,
        vec![(
            "gdpr_request".to_owned(),
            Some(request.clone()),
            "{\"people\":1}".to_owned()
        )]
    );
    let (first, last, erased_at): (String, String, Option<String>) =
        sqlx::query_as("SELECT first_name, last_name, erased_at FROM people WHERE id = ?")
            .bind(&id)
            .fetch_one(&mut conn)
            .await
            .expect("tombstone");
    assert_eq!((first.as_str(), last.as_str()), ("", "Erased person"));
    assert!(erased_at.is_some());
    drop(conn);

    let key =
        forumdesk::testing::database_key(&forum.db_path(), ADMIN, ADMIN_PASSWORD).expect("key");
    let db = forum.db_path();
    let pages = decrypted_file(&key, &db);
    // The decryption works: page 1's header (after the salt) gives the page size and the
    // reserved bytes, and the member who was not erased is there in the clear.
    assert_eq!(
        &pages[0][0..2],
        &[0x10, 0x00],
        "page size 4096 in the header"
    );
    assert_eq!(pages[0][4], RESERVE as u8, "80 reserved bytes per page");
    assert!(
        pages.iter().any(|p| contains(p, "Wellingtonia")),
        "the kept member's name is readable in the decrypted pages"
    );
    assert!(pages.iter().any(|p| contains(p, "bw.keeper@example.org")));
    assert!(pages.iter().any(|p| contains(p, &keeper)));

    let mut wal_pages = Vec::new();
    for suffix in ["-wal", "-shm", "-journal"] {
        let path = db.with_file_name(format!(
            "{}{suffix}",
            db.file_name().expect("name").to_string_lossy()
        ));
        if suffix == "-wal" {
            wal_pages = decrypted_wal(&key, &path);
        } else if let Ok(raw) = std::fs::read(&path) {
            // The shared-memory index and any journal hold no page contents, but check
            // their bytes as they are.
            for needle in forms(ERASED) {
                assert!(!contains(&raw, &needle), "{needle:?} in {suffix}");
            }
        }
    }
    let raw_file = std::fs::read(&db).expect("file");
    for needle in forms(ERASED) {
        assert!(!contains(&raw_file, &needle), "{needle:?} in the raw file");
        for (i, page) in pages.iter().enumerate() {
            if let Some(at) = page
                .windows(needle.len())
                .position(|w| w == needle.as_bytes())
            {
                eprintln!(
                    "DEBUG page {} type {} around: {:?}",
                    i + 1,
                    page[if i == 0 { 84 } else { 0 }],
                    String::from_utf8_lossy(
                        &page[at.saturating_sub(200)..(at + 100).min(page.len())]
                    )
                );
            }
            assert!(!contains(page, &needle), "{needle:?} on page {}", i + 1);
        }
        for page in &wal_pages {
            assert!(!contains(page, &needle), "{needle:?} in the WAL");
        }
    }
}

#[tokio::test]
async fn the_figures_are_the_same_after_erasure_and_the_person_is_in_no_list() {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "vol", Role::Volunteer).await;
    add_user(&admin, "off", Role::Officer).await;
    let area = area(&admin).await;
    let keeper = members::create(&admin, barnabus(), joined("2026-01-05"))
        .await
        .expect("keeper")
        .id;
    let id = full_history(&admin, zephyrine(), &area).await;
    // A second person, who left, erased too: their leaving still counts.
    let mut other = zephyrine();
    other.first_name = "Octavia".into();
    other.email = "octavia@example.org".into();
    other.phone = "07700 900789".into();
    let left = full_history(&admin, other, &area).await;
    membership::leave(
        &admin,
        &left,
        LeavingInput {
            on_date: "2026-07-15".into(),
            reason: "Moved to Ruritania".into(),
        },
    )
    .await
    .expect("leave");

    let before = serde_json::to_value(
        evidence::evidence_pack(&admin, "2026-01-01", "2026-11-22")
            .await
            .expect("pack"),
    )
    .expect("json");
    let all = MemberQuery {
        page_size: 50,
        ..Default::default()
    };
    let listed_before = search::search(&admin, &all).await.expect("list");
    assert_eq!(listed_before.total, 3);
    let pairs_before = duplicates::review_list(&admin, 50).await.expect("pairs");
    assert!(pairs_before.iter().any(|p| p.a.id == id || p.b.id == id));
    let export_input = ExportInput {
        purpose: "membership_admin".into(),
        format: ExportFormat::Csv,
        include_special: false,
    };
    let exported_before = export::mailing_list(&admin, &export_input)
        .await
        .expect("export");

    // Only an admin may erase.
    for user in ["vol", "off"] {
        let s = forum
            .unlock(user, &password_for(user))
            .await
            .expect("unlock");
        let err = erase::erase(&s, &id, None).await.expect_err("refused");
        assert_eq!(err.kind, ErrorKind::Forbidden, "{user}");
        s.lock().await;
    }
    erase::erase(&admin, &id, None).await.expect("erase");
    erase::erase(&admin, &left, None)
        .await
        .expect("erase the leaver");
    let again = erase::erase(&admin, &id, None).await.expect_err("twice");
    assert_eq!(again.kind, ErrorKind::Conflict);
    assert!(
        again.message.contains("already been erased"),
        "{}",
        again.message
    );
    let missing = erase::erase(&admin, "no-such-person", None)
        .await
        .expect_err("missing");
    assert_eq!(missing.kind, ErrorKind::NotFound);
    // The tombstone cannot be merged into (or with) anyone, or marked "not a duplicate".
    for (keep, gone) in [(&keeper, &id), (&id, &keeper)] {
        let refused = forumdesk::members::merge::merge(
            &admin,
            forumdesk::members::merge::MergeInput {
                keep_id: keep.clone(),
                merge_id: gone.clone(),
                picks: Default::default(),
            },
        )
        .await
        .expect_err("merging an erased person");
        assert_eq!(refused.kind, ErrorKind::NotFound, "{refused:?}");
    }
    let refused = duplicates::dismiss(&admin, &keeper, &id)
        .await
        .expect_err("dismissing with an erased person");
    assert_eq!(refused.kind, ErrorKind::NotFound, "{refused:?}");

    let after = serde_json::to_value(
        evidence::evidence_pack(&admin, "2026-01-01", "2026-11-22")
            .await
            .expect("pack"),
    )
    .expect("json");
    assert_eq!(before, after, "the evidence pack is unchanged by erasure");
    assert_eq!(
        before["membership"]["byPrimaryNeed"][0]["label"], "ASD",
        "the pack counted the erased member's child before and after"
    );

    let listed = search::search(&admin, &all).await.expect("list");
    assert_eq!(listed.total, 1);
    assert_eq!(listed.members.len(), 1);
    assert_eq!(listed.members[0].id, keeper);
    let pairs = duplicates::review_list(&admin, 50).await.expect("pairs");
    assert!(pairs.iter().all(|p| p.a.id != id && p.b.id != id));
    let exported = export::mailing_list(&admin, &export_input)
        .await
        .expect("export");
    assert_eq!(exported.rows + 1, exported_before.rows);
    assert!(!contains(&exported.bytes, "Erased"));
    assert!(!contains(&exported.bytes, "Zephyrine"));
}
