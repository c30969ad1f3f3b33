//! The role matrix: every operation against every role, through the real services. The
//! expected table is written out here on purpose, so that a change to `role::permits` that
//! is not also a deliberate change to this table fails. Later capabilities add rows.

mod common;

use common::*;
use forumdesk::role::{permits, Action};
use forumdesk::settings::{self, SettingsInput};
use forumdesk::users::{self, ChangePasswordInput, NewUserInput, ResetPasswordInput};
use forumdesk::{
    activities, audit, backup, groups, members, representation, ErrorKind, Role, Session,
};

#[rustfmt::skip]
const EXPECTED: &[(Action, [bool; 4])] = &[
    //                              admin  officer volunteer kiosk
    (Action::ViewUsers,             [true, false, false, false]),
    (Action::ManageUsers,           [true, false, false, false]),
    (Action::ChangeOwnPassword,     [true, true,  true,  false]),
    (Action::UpdateSettings,        [true, false, false, false]),
    (Action::VerifyAudit,           [true, true,  false, false]),
    (Action::CreateBackup,          [true, false, false, false]),
    (Action::ViewMembers,           [true, true,  true,  false]),
    (Action::EditMembers,           [true, true,  true,  false]),
    (Action::ViewSpecialCategory,   [true, true,  false, false]),
    (Action::EditSpecialCategory,   [true, true,  false, false]),
    (Action::ManageAreas,           [true, false, false, false]),
    (Action::ImportMembers,         [true, true,  false, false]),
    (Action::ExportMembers,         [true, true,  false, false]),
    (Action::ExportSpecialCategory, [true, false, false, false]),
    (Action::MergeMembers,          [true, true,  false, false]),
    (Action::ViewGroups,            [true, true,  true,  false]),
    (Action::ManageGroups,          [true, true,  false, false]),
    (Action::RecordGroupEnquiry,    [true, true,  true,  false]),
    (Action::ViewActivities,        [true, true,  true,  false]),
    (Action::EditActivities,        [true, true,  true,  false]),
    (Action::DeleteActivities,      [true, true,  false, false]),
    (Action::ManageEvidence,        [true, true,  false, false]),
    (Action::ViewAudit,             [true, true,  false, false]),
    (Action::HandleDataRequests,    [true, false, false, false]),
    (Action::ErasePeople,           [true, false, false, false]),
    (Action::ApplyRetention,        [true, true,  false, false]),
    (Action::ManageBreaches,        [true, true,  false, false]),
    (Action::ViewProcessingRecord,  [true, true,  false, false]),
    (Action::ViewDrives,            [true, true,  true,  false]),
    (Action::ManageDrives,          [true, true,  true,  false]),
    (Action::RunKiosk,              [true, true,  true,  false]),
    (Action::KioskSignUp,           [false, false, false, true]),
    (Action::ReviewSignUps,         [true, true,  false, false]),
    (Action::ManagePopulation,      [true, false, false, false]),
    (Action::ViewReachGap,          [true, true,  false, false]),
    (Action::ExportTransferPack,    [true, true,  false, false]),
    (Action::ImportTransferPack,    [true, true,  false, false]),
];

#[test]
fn the_permission_table_is_the_expected_one() {
    assert_eq!(EXPECTED.len(), Action::ALL.len(), "every action has a row");
    for (action, row) in EXPECTED {
        for (role, allowed) in Role::ALL.iter().zip(row) {
            assert_eq!(permits(*role, *action), *allowed, "{role:?} × {action:?}");
        }
    }
}

/// Runs `action` as `s` through the service that implements it. Inputs are valid, so the only
/// reason to fail is the role check.
async fn attempt(
    s: &Session,
    action: Action,
    forum: &Forum,
    target_id: &str,
) -> forumdesk::Result<()> {
    match action {
        Action::ViewUsers => users::list(s).await.map(drop),
        Action::ManageUsers => {
            let password = "juniper falcon ledger 77".to_string();
            users::add(
                s,
                NewUserInput {
                    username: format!("new.{}", s.role().as_str()),
                    display_name: "New Person".into(),
                    role: Role::Volunteer,
                    password: password.clone(),
                    password_confirm: password.clone(),
                },
            )
            .await?;
            users::reset_password(
                s,
                ResetPasswordInput {
                    user_id: target_id.into(),
                    new_password: password.clone(),
                    new_password_confirm: password,
                },
            )
            .await?;
            users::disable(s, target_id).await.map(drop)
        }
        Action::ChangeOwnPassword => {
            users::change_own_password(
                s,
                ChangePasswordInput {
                    current_password: if s.role() == Role::Admin {
                        ADMIN_PASSWORD.into()
                    } else {
                        password_for(s.username())
                    },
                    new_password: "orchid tractor sunset 90".into(),
                    new_password_confirm: "orchid tractor sunset 90".into(),
                },
            )
            .await
        }
        Action::UpdateSettings => {
            settings::update(
                s,
                SettingsInput {
                    idle_lock_minutes: 20,
                },
            )
            .await?;
            let membership = settings::MembershipSettings {
                renewal_months: 12,
                lapse_after_days: 60,
            };
            settings::update_membership(s, membership).await.map(drop)
        }
        Action::VerifyAudit => audit::verify(s).await.map(drop),
        Action::ViewMembers => members::search::search(s, &Default::default())
            .await
            .map(drop),
        Action::EditMembers => {
            let details = members::MemberDetails {
                first_name: "Test".into(),
                last_name: "Member".into(),
                member_type: Some(members::model::MemberType::ParentCarer),
                ..Default::default()
            };
            let start = members::MembershipStart {
                status: Some(members::model::MembershipStatus::Active),
                joined_on: None,
            };
            let member = members::create(s, details, start).await?;
            let leaving = members::membership::LeavingInput {
                on_date: String::new(),
                reason: "Moved away".into(),
            };
            members::membership::leave(s, &member.id, leaving).await?;
            members::membership::rejoin(s, &member.id, Default::default())
                .await
                .map(drop)
        }
        Action::ViewSpecialCategory => {
            let query = members::search::MemberQuery {
                need: Some(members::model::Need::Asd),
                ..Default::default()
            };
            members::search::search(s, &query).await.map(drop)
        }
        Action::EditSpecialCategory => {
            // The role check comes before anything about the member, so a made-up id shows
            // a forbidden role as forbidden and an allowed one as "not found".
            let input = members::children::EqualityInput::default();
            match members::children::save_equality(s, "no-such-member", input).await {
                Err(e) if e.kind == ErrorKind::Conflict || e.kind == ErrorKind::NotFound => Ok(()),
                other => other.map(drop),
            }
        }
        Action::ManageAreas => {
            let input = members::areas::AreaInput {
                name: format!("Area {}", s.role().as_str()),
                districts: String::new(),
            };
            members::areas::save(s, None, input).await.map(drop)
        }
        Action::ImportMembers => {
            let file = b"First name,Last name\r\nAnn,Example\r\n";
            members::import::import(s, "m.csv", file, Default::default())
                .await
                .map(drop)
        }
        Action::ExportMembers | Action::ExportSpecialCategory => {
            let input = members::export::ExportInput {
                purpose: "email_news".into(),
                format: members::export::ExportFormat::Csv,
                include_special: action == Action::ExportSpecialCategory,
            };
            members::export::mailing_list(s, &input).await.map(drop)
        }
        Action::MergeMembers => {
            // The role check comes first, so made-up ids show a forbidden role as forbidden
            // and an allowed one as "not found".
            let input = members::merge::MergeInput {
                keep_id: "no-such-member".into(),
                merge_id: "no-such-other".into(),
                picks: Default::default(),
            };
            match members::merge::merge(s, input).await {
                Err(e) if e.kind == ErrorKind::NotFound => Ok(()),
                other => other.map(drop),
            }
        }
        Action::ViewGroups => groups::organisation::list(s, &Default::default())
            .await
            .map(drop),
        // As for merging: the role check comes first, then the made-up organisation is not
        // found.
        Action::ManageGroups => match groups::organisation::remove(s, "no-such-group").await {
            Err(e) if e.kind == ErrorKind::NotFound => Ok(()),
            other => other.map(drop),
        },
        Action::RecordGroupEnquiry => {
            let step = groups::model::AffiliationStep::Enquiry;
            match groups::affiliation::record(s, "no-such-group", step, Default::default()).await {
                Err(e) if e.kind == ErrorKind::NotFound => Ok(()),
                other => other.map(drop),
            }
        }
        Action::ViewActivities => activities::activity::list(s, &Default::default())
            .await
            .map(drop),
        Action::EditActivities => {
            let input = activities::ActivityInput {
                title: format!("Board meeting seen by {}", s.role().as_str()),
                kind: Some(activities::model::ActivityKind::BoardMeeting),
                starts_on: "2026-03-12".into(),
                ..Default::default()
            };
            activities::activity::create(s, input).await.map(drop)
        }
        Action::DeleteActivities => {
            match activities::activity::delete(s, "no-such-activity").await {
                Err(e) if e.kind == ErrorKind::NotFound => Ok(()),
                other => other,
            }
        }
        Action::ManageEvidence => {
            let input = representation::body::BodyInput {
                name: format!("Priority group of {}", s.role().as_str()),
                forum_chairs: false,
            };
            representation::body::save(s, None, input).await.map(drop)
        }
        Action::ViewAudit => forumdesk::audit::view::list(s, &Default::default())
            .await
            .map(drop),
        Action::HandleDataRequests => {
            let filter = forumdesk::gdpr::requests::DataRequestFilter::default();
            forumdesk::gdpr::requests::list(s, &filter).await.map(drop)
        }
        Action::ManageBreaches => forumdesk::gdpr::breaches::list(s).await.map(drop),
        Action::ErasePeople => {
            // A fresh person to erase each time, added by an admin.
            let admin = forum.admin().await;
            let details = members::MemberDetails {
                first_name: "To".into(),
                last_name: "Erase".into(),
                member_type: Some(members::model::MemberType::ParentCarer),
                ..Default::default()
            };
            let start = members::MembershipStart {
                status: Some(members::model::MembershipStatus::Active),
                joined_on: None,
            };
            let person = members::create(&admin, details, start).await?;
            admin.lock().await;
            forumdesk::gdpr::erase::erase(s, &person.id, None)
                .await
                .map(drop)
        }
        Action::ApplyRetention => forumdesk::gdpr::retention::queue(s).await.map(drop),
        Action::ViewProcessingRecord => forumdesk::gdpr::ropa::documents(s).await.map(drop),
        Action::ManagePopulation => forumdesk::drives::population::set_source(
            s,
            forumdesk::drives::population::PopulationSourceInput {
                year: Some(2026),
                source: "DfE SEN2 2026".into(),
            },
        )
        .await
        .map(drop),
        Action::ViewReachGap => forumdesk::drives::reach_gap::reach_gap(s, &Default::default())
            .await
            .map(drop),
        Action::ViewDrives => forumdesk::drives::drive::list(s).await.map(drop),
        Action::ManageDrives => {
            match forumdesk::drives::drive::update(s, "no-such-drive", Default::default()).await {
                Err(e) if e.kind == ErrorKind::NotFound => Ok(()),
                other => other.map(drop),
            }
        }
        // Starting the kiosk for a drive that is not there: the gate, then "not found", so
        // the session is not left in kiosk mode.
        Action::RunKiosk => match forumdesk::drives::kiosk::start(s, "no-such-drive").await {
            Err(e) if e.kind == ErrorKind::NotFound => Ok(()),
            other => other.map(drop),
        },
        // A kiosk account with no drive started is told to ask a volunteer (not refused).
        Action::KioskSignUp => {
            match forumdesk::drives::kiosk::submit(s, Default::default()).await {
                Err(e) if e.kind == ErrorKind::Conflict => Ok(()),
                other => other.map(drop),
            }
        }
        Action::ReviewSignUps => forumdesk::drives::review::pending(s, None).await.map(drop),
        Action::ExportTransferPack => {
            let input = forumdesk::drives::pack::PackExportInput {
                passphrase: "lantern orchard pebble 42".into(),
                passphrase_confirm: "lantern orchard pebble 42".into(),
            };
            match forumdesk::drives::pack::export(s, "no-such-drive", &input).await {
                Err(e) if e.kind == ErrorKind::NotFound => Ok(()),
                other => other.map(drop),
            }
        }
        Action::ImportTransferPack => {
            match forumdesk::drives::pack::import(s, "empty.fdpack", b"", "passphrase").await {
                Err(e) if e.kind == ErrorKind::Validation => Ok(()),
                other => other.map(drop),
            }
        }
        Action::CreateBackup => {
            let out = forum
                .dir
                .path()
                .join(format!("backup-{}.fdbackup", s.role().as_str()));
            backup::create(s, &out).await.map(drop)
        }
    }
}

#[tokio::test]
async fn every_role_is_allowed_exactly_what_the_table_says() {
    let (forum, admin) = new_forum().await;
    for role in [Role::Officer, Role::Volunteer, Role::Kiosk] {
        add_user(&admin, role.as_str(), role).await;
    }
    for (action, row) in EXPECTED {
        for (role, allowed) in Role::ALL.iter().zip(row) {
            // A fresh target for the user-management actions each time.
            let target = add_user(
                &admin,
                &format!("t{}{}", *action as u8, role.as_str()),
                Role::Volunteer,
            )
            .await;
            let session = if *role == Role::Admin {
                forum.admin().await
            } else {
                forum
                    .unlock(role.as_str(), &password_for(role.as_str()))
                    .await
                    .expect("unlock")
            };
            let result = attempt(&session, *action, &forum, &target.id).await;
            match (allowed, &result) {
                (true, Ok(())) => {}
                (false, Err(e)) if e.kind == ErrorKind::Forbidden => {
                    assert!(
                        e.message.contains(role.label()),
                        "message names the role: {}",
                        e.message
                    );
                }
                _ => panic!("{role:?} × {action:?}: expected allowed={allowed}, got {result:?}"),
            }
            // Put passwords back so the next round can unlock.
            if *action == Action::ChangeOwnPassword && *allowed {
                let old = if *role == Role::Admin {
                    ADMIN_PASSWORD.to_string()
                } else {
                    password_for(role.as_str())
                };
                users::change_own_password(
                    &session,
                    ChangePasswordInput {
                        current_password: "orchid tractor sunset 90".into(),
                        new_password: old.clone(),
                        new_password_confirm: old,
                    },
                )
                .await
                .expect("restore password");
            }
            session.lock().await;
        }
    }
    admin.lock().await;
}
