//! Shared set-up for the core's integration tests: real encrypted database files in a
//! temporary folder, created through the same services the app uses.
#![allow(dead_code)]

use std::path::PathBuf;

use forumdesk::members::merge::{self, MergeInput, MergeOutcome};
use forumdesk::members::model::{MemberType, MembershipStatus};
use forumdesk::members::{self, MemberDetails, MemberRecord, MembershipStart};
use forumdesk::users::{self, NewUserInput};
use forumdesk::{Role, Session, SetupInput, UnlockInput, Vault};
use tempfile::TempDir;

pub const FORUM: &str = "Riverside Parent Carer Forum";
pub const ADMIN: &str = "chair";
pub const ADMIN_PASSWORD: &str = "violet kettle harbour 97";

pub struct Forum {
    pub dir: TempDir,
    pub vault: Vault,
    pub recovery_key: String,
}

impl Forum {
    pub fn db_path(&self) -> PathBuf {
        self.vault.db_path().to_owned()
    }

    pub async fn unlock(&self, username: &str, password: &str) -> forumdesk::Result<Session> {
        self.vault
            .unlock(UnlockInput {
                username: username.into(),
                password: password.into(),
            })
            .await
    }

    pub async fn admin(&self) -> Session {
        self.unlock(ADMIN, ADMIN_PASSWORD)
            .await
            .expect("admin unlocks")
    }
}

pub fn setup_input(forum: &str, admin: &str, password: &str) -> SetupInput {
    SetupInput {
        forum_name: forum.into(),
        admin_username: admin.into(),
        admin_display_name: "Alex Chair".into(),
        password: password.into(),
        password_confirm: password.into(),
    }
}

/// A new forum with its admin; the admin session is returned open.
pub async fn new_forum() -> (Forum, Session) {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = Vault::new(dir.path().join("forum.db"));
    let (session, recovery) = vault
        .init(setup_input(FORUM, ADMIN, ADMIN_PASSWORD))
        .await
        .expect("init");
    let recovery_key = recovery.expose().to_owned();
    (
        Forum {
            dir,
            vault,
            recovery_key,
        },
        session,
    )
}

pub fn password_for(username: &str) -> String {
    format!("{username} tulip orbit canyon 58")
}

pub async fn add_user(
    admin: &Session,
    username: &str,
    role: Role,
) -> forumdesk::users::UserSummary {
    let password = password_for(username);
    users::add(
        admin,
        NewUserInput {
            username: username.into(),
            display_name: format!("{username} Person"),
            role,
            password: password.clone(),
            password_confirm: password,
        },
    )
    .await
    .expect("add user")
}

/// Adds a member with an active membership starting today, from whatever details the test
/// gives.
pub async fn add_active(s: &Session, details: MemberDetails) -> MemberRecord {
    let start = MembershipStart {
        status: Some(MembershipStatus::Active),
        joined_on: None,
    };
    members::create(s, details, start)
        .await
        .expect("add member")
}

/// A parent carer's details with only a name and a postcode: for tests about finding,
/// merging and keeping people, where no e-mail or phone should make them look like
/// duplicates.
pub fn name_and_postcode(first: &str, last: &str) -> MemberDetails {
    MemberDetails {
        first_name: first.into(),
        last_name: last.into(),
        postcode: "PR1 2HE".into(),
        member_type: Some(MemberType::ParentCarer),
        ..Default::default()
    }
}

/// An active member with [`name_and_postcode`] details; returns their id.
pub async fn add_member(s: &Session, first: &str, last: &str) -> String {
    add_active(s, name_and_postcode(first, last)).await.id
}

/// Merges one member into another, keeping the kept member's value for every field.
pub async fn merge_keeping(s: &Session, keep_id: &str, merge_id: &str) -> MergeOutcome {
    merge::merge(
        s,
        MergeInput {
            keep_id: keep_id.into(),
            merge_id: merge_id.into(),
            picks: Default::default(),
        },
    )
    .await
    .expect("merge")
}
