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
    /// See recruitment drives and their results.
    ViewDrives,
    /// Plan and record recruitment drives.
    ManageDrives,
    /// Turn this laptop into the sign-up kiosk for a drive.
    RunKiosk,
    /// Add a sign-up to the kiosk's drive: the only thing a kiosk can do.
    KioskSignUp,
    /// Accept, merge or discard kiosk sign-ups.
    ReviewSignUps,
    /// Enter or import the local SEND population figures.
    ManagePopulation,
    /// Compare the membership with the local SEND population.
    ViewReachGap,
    /// Write a drive's sign-ups to an encrypted transfer pack.
    ExportTransferPack,
    /// Bring a transfer pack's sign-ups into this forum.
    ImportTransferPack,
}

impl Action {
    pub const ALL: [Action; 37] = [
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
        Action::ViewDrives,
        Action::ManageDrives,
        Action::RunKiosk,
        Action::KioskSignUp,
        Action::ReviewSignUps,
        Action::ManagePopulation,
        Action::ViewReachGap,
        Action::ExportTransferPack,
        Action::ImportTransferPack,
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
            Action::ViewDrives => "see recruitment drives",
            Action::ManageDrives => "plan and record recruitment drives",
            Action::RunKiosk => "start the sign-up kiosk",
            Action::KioskSignUp => "add a sign-up at the kiosk",
            Action::ReviewSignUps => "review kiosk sign-ups",
            Action::ManagePopulation => "change the local SEND population figures",
            Action::ViewReachGap => "compare the membership with the local population",
            Action::ExportTransferPack => "export a transfer pack of sign-ups",
            Action::ImportTransferPack => "import a transfer pack of sign-ups",
        }
    }
}

pub fn permits(role: Role, action: Action) -> bool {
    use Action::*;
    match role {
        // Sign-ups are typed only into a kiosk; every other action is an admin's.
        Role::Admin => action != KioskSignUp,
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
                | ViewDrives
                | ManageDrives
                | RunKiosk
                | ReviewSignUps
                | ViewReachGap
                | ExportTransferPack
                | ImportTransferPack
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
                // Volunteers run the stalls: they plan a drive and start its kiosk. Reviewing
                // sign-ups and moving packs of personal data are officers' work.
                | ViewDrives
                | ManageDrives
                | RunKiosk
        ),
        // A kiosk (a volunteer's session switched into kiosk mode, or a kiosk account) can
        // only add sign-ups; an admin sets and changes a kiosk account's password.
        Role::Kiosk => action == KioskSignUp,
    }
}
