//! Roles and what each may do. Every service call asks `Session::require(Action)` first, so
//! the rules hold for the app, the CLI and tests alike, whatever the UI shows or hides.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "Role.ts")]
pub enum Role {
    /// Users, settings, backups, erasure, special-category exports.
    Admin,
    /// Members, groups, evidence, reports.
    Officer,
    /// Adds and updates members and activities; no bulk export.
    Volunteer,
    /// The sign-up form at a stall, nothing else.
    Kiosk,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Officer, Role::Volunteer, Role::Kiosk];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Officer => "officer",
            Role::Volunteer => "volunteer",
            Role::Kiosk => "kiosk",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(text.trim()))
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Admin",
            Role::Officer => "Officer",
            Role::Volunteer => "Volunteer",
            Role::Kiosk => "Kiosk",
        }
    }
}

impl TryFrom<String> for Role {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        Role::parse(&text).ok_or_else(|| format!("unknown role {text:?}"))
    }
}

/// Everything a session can ask the core to do. Later capabilities add their actions here,
/// and the role-matrix test in `tests/roles.rs` grows with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    ViewUsers,
    ManageUsers,
    ChangeOwnPassword,
    UpdateSettings,
    VerifyAudit,
    CreateBackup,
    /// Find and read members' records (not their special-category data).
    ViewMembers,
    /// Add and change members, their membership and their consent.
    EditMembers,
    /// See children's needs and equality data (special category).
    ViewSpecialCategory,
    /// Record or change children's needs and equality data.
    EditSpecialCategory,
    /// Configure the forum's areas and their postcode districts.
    ManageAreas,
    /// Import members from a spreadsheet.
    ImportMembers,
    /// Export personal data (mailing lists).
    ExportMembers,
    /// Include special-category data in an export (asked for explicitly).
    ExportSpecialCategory,
    /// Merge two records of one person, undo a merge, and mark pairs as not duplicates.
    MergeMembers,
    /// See organisations, affiliations, renewals and reach.
    ViewGroups,
    /// Add and change organisations, their contacts and co-opted leaders, and take an
    /// affiliation through its steps.
    ManageGroups,
    /// Record a group's enquiry about affiliating (a new organisation or a known one).
    RecordGroupEnquiry,
    /// See participation activities and their documents.
    ViewActivities,
    /// Record and change activities and attach documents.
    EditActivities,
    /// Delete an activity (evidence for a grant year).
    DeleteActivities,
    /// Configure the evidence: the bodies where the forum holds seats and their holders.
    ManageEvidence,
    ViewAudit,
    HandleDataRequests,
    ErasePeople,
    ApplyRetention,
    ManageBreaches,
    ViewProcessingRecord,
}

impl Action {
    pub const ALL: [Action; 28] = [
        Action::ViewUsers,
        Action::ManageUsers,
        Action::ChangeOwnPassword,
        Action::UpdateSettings,
        Action::VerifyAudit,
        Action::CreateBackup,
        Action::ViewMembers,
        Action::EditMembers,
        Action::ViewSpecialCategory,
        Action::EditSpecialCategory,
        Action::ManageAreas,
        Action::ImportMembers,
        Action::ExportMembers,
        Action::ExportSpecialCategory,
        Action::MergeMembers,
        Action::ViewGroups,
        Action::ManageGroups,
        Action::RecordGroupEnquiry,
        Action::ViewActivities,
        Action::EditActivities,
        Action::DeleteActivities,
        Action::ManageEvidence,
        Action::ViewAudit,
        Action::HandleDataRequests,
        Action::ErasePeople,
        Action::ApplyRetention,
        Action::ManageBreaches,
        Action::ViewProcessingRecord,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Action::ViewUsers => "see the list of users",
            Action::ManageUsers => "add, disable or reset users",
            Action::ChangeOwnPassword => "change your password",
            Action::UpdateSettings => "change the forum's settings",
            Action::VerifyAudit => "check the audit trail",
            Action::CreateBackup => "make a backup",
            Action::ViewMembers => "see members' records",
            Action::EditMembers => "add or change members",
            Action::ViewSpecialCategory => "see children's needs or equality information",
            Action::EditSpecialCategory => "record children's needs or equality information",
            Action::ManageAreas => "change the forum's areas",
            Action::ImportMembers => "import members from a spreadsheet",
            Action::ExportMembers => "export members' personal data",
            Action::ExportSpecialCategory => "export children's needs or equality information",
            Action::MergeMembers => "merge duplicate members' records",
            Action::ViewGroups => "see affiliated groups",
            Action::ManageGroups => "manage organisations and affiliations",
            Action::RecordGroupEnquiry => "record a group's enquiry",
            Action::ViewActivities => "see participation activities",
            Action::EditActivities => "record participation activities",
            Action::DeleteActivities => "delete participation activities",
            Action::ManageEvidence => "change the bodies and seats the forum holds",
            Action::ViewAudit => "see the audit log",
            Action::HandleDataRequests => "handle subject access and erasure requests",
            Action::ErasePeople => "erase a person's data",
            Action::ApplyRetention => "review and apply the retention schedule",
            Action::ManageBreaches => "record data breaches",
            Action::ViewProcessingRecord => "see the record of processing and privacy notice",
        }
    }
}

pub fn permits(role: Role, action: Action) -> bool {
    use Action::*;
    match role {
        Role::Admin => true,
        Role::Officer => matches!(
            action,
            ChangeOwnPassword
                | VerifyAudit
                | ViewMembers
                | EditMembers
                | ViewSpecialCategory
                | EditSpecialCategory
                | ImportMembers
                | ExportMembers
                | MergeMembers
                | ViewGroups
                | ManageGroups
                | RecordGroupEnquiry
                | ViewActivities
                | EditActivities
                | DeleteActivities
                | ManageEvidence
                // GDPR: officers read the audit log, keep the breach register and work the
                // retention queue (the issue: "an officer approves erasure in bulk"); subject
                // access and erasure on request stay with admins.
                | ViewAudit
                | ApplyRetention
                | ManageBreaches
                | ViewProcessingRecord
        ),
        // Volunteers add and edit members but never see special-category data; they can see
        // affiliated groups and record a group's enquiry, which officers then take forward.
        Role::Volunteer => matches!(
            action,
            ChangeOwnPassword
                | ViewMembers
                | EditMembers
                | ViewGroups
                | RecordGroupEnquiry
                | ViewActivities
                | EditActivities
        ),
        // Kiosk accounts are shared at a stall; an admin sets and changes their password.
        Role::Kiosk => false,
    }
}
