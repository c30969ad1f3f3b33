//! Search as you type takes one of two plans: a prefix matching more than a few thousand
//! people reads people in name order and keeps the matches; anything rarer looks up its
//! matches and sorts them. Either way the page is chosen before its rows are joined to their
//! memberships. These tests check, on a forum large enough for both plans, that every page
//! of every plan holds the right people in the right order, and that the text-only plans
//! find exactly what the general plan (text with a filter) finds.

mod common;

use std::collections::BTreeSet;

use common::*;
use forumdesk::export::write_csv;
use forumdesk::members::import::{self, ImportOptions, ImportReport};
use forumdesk::members::model::MembershipStatus;
use forumdesk::members::search::{self, MemberQuery, MemberSummary};
use forumdesk::synth::{self, SynthMember, SynthOptions};
use forumdesk::Session;

/// Every page of a search, in order, and the total the first page gave.
async fn every_page(s: &Session, query: MemberQuery) -> (i64, Vec<MemberSummary>) {
    let mut found = Vec::new();
    let mut total = None;
    for page in 1.. {
        let got = search::search(
            s,
            &MemberQuery {
                page,
                page_size: search::MAX_PAGE_SIZE,
                ..query.clone()
            },
        )
        .await
        .expect("search");
        total.get_or_insert(got.total);
        if got.members.is_empty() {
            break;
        }
        found.extend(got.members);
    }
    (total.unwrap_or(0), found)
}

/// SQLite's NOCASE folds ASCII letters only, then compares bytes. (Ties go by row number,
/// which a summary does not show; that they are broken the same way on every page is what
/// the page-3 check below and "nobody on two pages" test.)
fn name_key(m: &MemberSummary) -> (String, String) {
    (
        m.last_name.to_ascii_lowercase(),
        m.first_name.to_ascii_lowercase(),
    )
}

/// Imports `members` synthetic people, none of them duplicates, as the import wizard would;
/// returns the people in the file and the import's report.
async fn import_synthetic(
    s: &Session,
    members: usize,
    seed: u64,
) -> (Vec<SynthMember>, ImportReport) {
    let people = synth::generate(&SynthOptions {
        members,
        seed,
        duplicate_rate: 0.0,
    });
    let file = write_csv(&synth::to_sheet(&people));
    let report = import::import(s, "members.csv", &file, ImportOptions::default())
        .await
        .expect("import");
    (people, report)
}

fn text(text: &str) -> MemberQuery {
    MemberQuery {
        text: text.into(),
        ..MemberQuery::default()
    }
}

#[tokio::test]
async fn dense_and_rare_prefixes_page_in_name_order_and_agree_with_the_filtered_plan() {
    let (_forum, admin) = new_forum().await;
    let (people, report) = import_synthetic(&admin, 3_600, 23).await;
    assert_eq!(report.rejected, 0);
    let members = i64::from(report.created);
    assert!(members > 3_000, "enough for the dense plan: {members}");

    // One typed letter that matches more than 3,000 people (most of the forum), a common
    // two-letter start, and the first four letters of one person's surname.
    let mut dense = None;
    for letter in ["e", "a", "o", "i", "c", "m", "s"] {
        let first = search::search(&admin, &text(letter)).await.expect("search");
        if first.total > 3_000 {
            dense = Some(letter);
            break;
        }
    }
    let dense = dense.expect("a letter most members' words start with");
    let rare: String = people[17].last_name.chars().take(4).collect();
    let common: String = people[5].last_name.chars().take(2).collect();

    for typed in [dense, common.as_str(), rare.as_str()] {
        let (total, found) = every_page(&admin, text(typed)).await;
        assert!(!found.is_empty(), "{typed:?} finds someone");
        assert_eq!(
            usize::try_from(total).expect("count"),
            found.len(),
            "{typed:?}: the total is every page's rows"
        );
        let ids: BTreeSet<&str> = found.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids.len(), found.len(), "{typed:?}: nobody on two pages");
        assert!(
            found.windows(2).all(|w| name_key(&w[0]) <= name_key(&w[1])),
            "{typed:?}: sorted by surname and first name"
        );

        // The same text with a status filter goes through the general plan (memberships
        // joined before the page is chosen). The five statuses split the forum, so between
        // them they must find exactly the same people.
        let mut by_status = BTreeSet::new();
        for status in [
            MembershipStatus::Applicant,
            MembershipStatus::Active,
            MembershipStatus::RenewalDue,
            MembershipStatus::Lapsed,
            MembershipStatus::Left,
        ] {
            let (count, rows) = every_page(
                &admin,
                MemberQuery {
                    status: Some(status),
                    ..text(typed)
                },
            )
            .await;
            assert_eq!(usize::try_from(count).expect("count"), rows.len());
            assert!(
                rows.iter().all(|m| m.status == status),
                "{typed:?} {status:?}"
            );
            by_status.extend(rows.into_iter().map(|m| m.id));
        }
        let ids: BTreeSet<String> = ids.into_iter().map(str::to_owned).collect();
        assert_eq!(ids, by_status, "{typed:?}: both plans find the same people");

        // A small page in the middle is the same slice of the same order.
        let third = search::search(
            &admin,
            &MemberQuery {
                page: 3,
                page_size: 7,
                ..text(typed)
            },
        )
        .await
        .expect("page 3");
        let expected: Vec<&str> = found
            .iter()
            .skip(14)
            .take(7)
            .map(|m| m.id.as_str())
            .collect();
        let got: Vec<&str> = third.members.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(got, expected, "{typed:?}: page 3 of 7 a page");
    }
    admin.lock().await;
}

/// `people_names` is derived (by triggers) from the people table; after adding, importing,
/// renaming, merging, undoing a merge and erasing, it must hold exactly every person's
/// row number and names.
#[tokio::test]
async fn the_names_search_sorts_by_follow_every_change_to_people() {
    use forumdesk::gdpr::erase;
    use forumdesk::members;
    use forumdesk::members::merge;

    let (forum, admin) = new_forum().await;
    let mut ids = Vec::new();
    for (first, last) in [
        ("Ada", "Quenby"),
        ("Ada", "Quenbey"),
        ("Cal", "Rook"),
        ("Di", "Ness"),
    ] {
        ids.push(add_member(&admin, first, last).await);
    }
    import_synthetic(&admin, 40, 5).await;
    members::update(&admin, &ids[2], name_and_postcode("Callum", "Rooke"))
        .await
        .expect("rename");
    let merged = merge_keeping(&admin, &ids[0], &ids[1]).await;
    merge::undo(&admin, &merged.merge_id).await.expect("undo");
    merge_keeping(&admin, &ids[1], &ids[0]).await;
    erase::erase(&admin, &ids[3], None).await.expect("erase");

    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    let expected: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT rowid, last_name, first_name FROM people ORDER BY rowid")
            .fetch_all(&mut conn)
            .await
            .expect("people");
    let names: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT person, last_name, first_name FROM people_names ORDER BY person")
            .fetch_all(&mut conn)
            .await
            .expect("names");
    assert!(expected.len() > 40, "{}", expected.len());
    assert_eq!(names, expected);
    assert!(names
        .iter()
        .any(|(_, last, first)| last == "Rooke" && first == "Callum"));
    assert!(
        !names.iter().any(|(_, last, _)| last == "Ness"),
        "erased names are gone"
    );
    drop(conn);
    admin.lock().await;
}

/// An import numbers its new people itself (one past the largest row number, as SQLite
/// would) and indexes them under those numbers. Here the newest member was merged away, so
/// the import's first person takes that member's freed number: each imported person must
/// be found by their own name, and the merged-away name by nobody.
#[tokio::test]
async fn an_import_after_the_newest_member_was_merged_away_indexes_everyone_under_their_own_row() {
    let (_forum, admin) = new_forum().await;
    let kept = add_member(&admin, "Ada", "Quixley").await;
    let newest = add_member(&admin, "Zebedee", "Marchbank").await;
    merge_keeping(&admin, &kept, &newest).await;

    let (people, report) = import_synthetic(&admin, 30, 11).await;
    assert!(report.created > 0, "{report:?}");
    for person in &people {
        let typed = format!("{} {}", person.first_name, person.last_name);
        let (_, found) = every_page(&admin, text(&typed)).await;
        assert!(
            found.iter().any(|m| {
                m.first_name.eq_ignore_ascii_case(person.first_name.trim())
                    && m.last_name.eq_ignore_ascii_case(person.last_name.trim())
            }),
            "{typed} is not found by name: {found:?}"
        );
    }
    for gone in ["Zebedee", "Marchbank"] {
        let (total, found) = every_page(&admin, text(gone)).await;
        assert_eq!((total, found.len()), (0, 0), "{gone}: {found:?}");
    }
    let (_, found) = every_page(&admin, text("Quixley")).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].id, kept);
    admin.lock().await;
}
