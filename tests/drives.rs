//! Recruitment drives on real encrypted databases: what a drive records and how the form is
//! checked, who may see and change drives, the list, and the audit trail.

mod common;
#[path = "common/drives.rs"]
mod drives_common;

use common::*;
use drives_common::*;
use forumdesk::drives::drive::{self, DriveInput};
use forumdesk::drives::results;
use forumdesk::members::areas::{self, AreaInput};
use forumdesk::members::model::{AgeBand, Need};
use forumdesk::{ErrorKind, Role};

async fn audit_fields(forum: &Forum, action: &str) -> Vec<String> {
    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("open");
    sqlx::query_scalar("SELECT changes FROM audit_log WHERE action = ? ORDER BY seq")
        .bind(action)
        .fetch_all(&mut conn)
        .await
        .expect("audit")
}

#[tokio::test]
async fn a_drive_records_where_when_who_it_aims_at_who_helped_and_the_cost() {
    let (forum, admin) = new_forum().await;
    let preston = areas::save(
        &admin,
        None,
        AreaInput {
            name: "Preston".into(),
            districts: "PR1".into(),
        },
    )
    .await
    .expect("area");
    let vol = add_user(&admin, "vol", Role::Volunteer).await;
    let officer = add_user(&admin, "officer", Role::Officer).await;
    let drive = drive::create(
        &admin,
        DriveInput {
            name: "  Local offer day  ".into(),
            starts_on: "14/11/2026".into(),
            ends_on: "2026-11-15".into(),
            venue: "Guild Hall".into(),
            area_id: Some(preston.id.clone()),
            target_areas: vec![preston.id.clone(), preston.id.clone()],
            target_needs: vec![Need::Asd, Need::Semh, Need::Asd],
            target_age_bands: vec![AgeBand::Age0To4],
            target_communities: "Polish-speaking families".into(),
            volunteer_ids: vec![vol.id.clone(), officer.id.clone()],
            extra_volunteers: 3,
            cost: "£1,250.5".into(),
            notes: "Stall 12, near the entrance.\nBring the banner.".into(),
        },
    )
    .await
    .expect("create");
    assert_eq!(drive.name, "Local offer day");
    assert_eq!(drive.starts_on, "2026-11-14");
    assert_eq!(drive.ends_on.as_deref(), Some("2026-11-15"));
    assert_eq!(drive.area_name.as_deref(), Some("Preston"));
    assert_eq!(drive.target_areas, vec![preston.id.clone()]);
    assert_eq!(drive.target_needs, vec![Need::Asd, Need::Semh]);
    assert_eq!(drive.target_age_bands, vec![AgeBand::Age0To4]);
    assert_eq!(drive.volunteers.len(), 2);
    assert_eq!(
        drive.volunteers_present, 5,
        "two with accounts and three without"
    );
    assert_eq!(drive.cost_pence, 125_050);
    assert!(drive.notes.contains("Bring the banner."));

    let again = drive::get(&admin, &drive.id).await.expect("get");
    assert_eq!(again.cost_pence, drive.cost_pence);
    assert_eq!(
        drive::find(&admin, "LOCAL OFFER DAY")
            .await
            .expect("by name")
            .id,
        drive.id
    );
    assert_eq!(
        drive::find(&admin, &drive.id).await.expect("by id").id,
        drive.id
    );

    // An update, audited by field name only.
    let updated = drive::update(
        &admin,
        &drive.id,
        DriveInput {
            name: "Local offer day".into(),
            starts_on: "2026-11-14".into(),
            venue: "Guild Hall, room 2".into(),
            volunteer_ids: vec![vol.id.clone()],
            cost: "1250.50".into(),
            ..Default::default()
        },
    )
    .await
    .expect("update");
    assert_eq!(updated.ends_on, None);
    assert_eq!(updated.volunteers_present, 1);
    let changes = audit_fields(&forum, "drive.updated").await;
    assert_eq!(changes.len(), 1);
    for field in [
        "ends_on",
        "venue",
        "area_id",
        "targets",
        "target_communities",
        "volunteers",
        "extra_volunteers",
        "notes",
    ] {
        assert!(
            changes[0].contains(&format!("\"{field}\"")),
            "{field}: {}",
            changes[0]
        );
    }
    assert!(!changes[0].contains("\"name\"") && !changes[0].contains("cost_pence"));
    assert!(!changes[0].contains("Guild Hall"), "no values in the audit");
    assert_eq!(audit_fields(&forum, "drive.created").await.len(), 1);

    // Two drives with one name: the name alone is not enough.
    new_drive(&admin, "Local offer day").await;
    let err = drive::find(&admin, "Local offer day")
        .await
        .expect_err("ambiguous");
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert_eq!(
        drive::find(&admin, "nothing").await.expect_err("none").kind,
        ErrorKind::NotFound
    );
    admin.lock().await;
}

#[tokio::test]
async fn the_drive_form_shows_every_problem_at_once() {
    let (_forum, admin) = new_forum().await;
    let stall = add_user(&admin, "stall", Role::Kiosk).await;
    let err = drive::create(
        &admin,
        DriveInput {
            name: " ".into(),
            starts_on: "31/02/2026".into(),
            ends_on: "next week".into(),
            venue: "Hall\u{7}".into(),
            area_id: Some("nowhere".into()),
            target_areas: vec!["nowhere".into()],
            volunteer_ids: vec![stall.id.clone(), "no-such-user".into()],
            extra_volunteers: 5000,
            cost: "=1+1".into(),
            notes: "x".repeat(5000),
            ..Default::default()
        },
    )
    .await
    .expect_err("invalid");
    assert_eq!(err.kind, ErrorKind::Validation);
    for field in [
        "name",
        "startsOn",
        "endsOn",
        "venue",
        "areaId",
        "targetAreas",
        "volunteerIds",
        "extraVolunteers",
        "cost",
        "notes",
    ] {
        assert!(err.fields.contains_key(field), "{field}: {err:?}");
    }
    assert_eq!(err.fields["name"], "Enter the name of the drive");
    let err = drive::create(
        &admin,
        DriveInput {
            name: "Clinic".into(),
            starts_on: "2026-11-14".into(),
            ends_on: "2026-11-13".into(),
            ..Default::default()
        },
    )
    .await
    .expect_err("ends before it starts");
    assert!(err.fields["endsOn"].contains("after the first day"));
    let err = drive::create(
        &admin,
        DriveInput {
            name: "Clinic".into(),
            ..Default::default()
        },
    )
    .await
    .expect_err("no date");
    assert_eq!(err.fields["startsOn"], "Enter the date of the drive");
    assert!(drive::list(&admin).await.expect("list").is_empty());
    admin.lock().await;
}

#[tokio::test]
async fn volunteers_plan_drives_and_the_list_counts_signups() {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "vol", Role::Volunteer).await;
    let vol = forum
        .unlock("vol", &password_for("vol"))
        .await
        .expect("unlock");
    let choices = drive::volunteer_choices(&vol).await.expect("choices");
    let names: Vec<&str> = choices.iter().map(|c| c.display_name.as_str()).collect();
    assert_eq!(
        names,
        ["Alex Chair", "vol Person"],
        "active users, no kiosks"
    );
    let older = new_drive(&vol, "Coffee morning").await;
    let newer = drive::create(
        &vol,
        DriveInput {
            name: "School gate".into(),
            starts_on: "2026-11-20".into(),
            ..Default::default()
        },
    )
    .await
    .expect("volunteer creates a drive");
    forumdesk::drives::kiosk::start(&vol, &newer.id)
        .await
        .expect("kiosk");
    submit(&vol, signup("Ada", "Lovelace", "ada@example.org")).await;
    submit(&vol, signup("Alan", "Turing", "alan@example.org")).await;
    forumdesk::drives::kiosk::leave(
        &vol,
        forumdesk::drives::kiosk::LeaveKioskInput {
            username: String::new(),
            password: password_for("vol"),
        },
    )
    .await
    .expect("leave");
    let list = drive::list(&vol).await.expect("list");
    let names: Vec<(&str, u32, u32)> = list
        .iter()
        .map(|d| (d.name.as_str(), d.signups, d.pending))
        .collect();
    assert_eq!(
        names,
        [("School gate", 2, 2), ("Coffee morning", 0, 0)],
        "latest first"
    );
    let r = results::results(&vol, &newer.id).await.expect("results");
    assert_eq!((r.signups, r.pending, r.new_members), (2, 2, 0));
    assert!(
        r.by_need.is_none(),
        "a volunteer does not see children's needs"
    );
    assert_eq!(r.cost_per_new_member_pence, None);
    let r = results::results(&admin, &older.id).await.expect("results");
    assert_eq!(r.signups, 0);
    assert_eq!(r.by_need, Some(vec![]));
    vol.lock().await;
    admin.lock().await;
}
