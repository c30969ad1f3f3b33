//! The TypeScript types in ui/src/bindings are generated from the Rust types by ts-rs. This
//! test regenerates them into a temporary folder and fails if the committed files differ.
//! `cargo xtask bindings` (FORUMDESK_UPDATE_BINDINGS=1) writes them instead.

use std::collections::BTreeMap;
use std::path::Path;

use forumdesk::activities::activity::NamedRef;
use forumdesk::activities::documents::DocumentInfo;
use forumdesk::activities::{
    Activity, ActivityFilter, ActivityInput, ActivitySummary, QuickMeetingInput,
};
use forumdesk::audit::view::{
    AuditAction, AuditExport, AuditFilter, AuditPage, AuditRow, AuditUser,
};
use forumdesk::audit::AuditReport;
use forumdesk::backup::BackupReport;
use forumdesk::drives::drive::{Drive, DriveInput, DriveSummary, DriveVolunteer};
use forumdesk::drives::kiosk::{
    KioskAgeBandChoice, KioskChild, KioskConsentAnswer, KioskForm, KioskNeedChoice,
    KioskProvisionChoice, KioskPurpose, KioskSubmission, LeaveKioskInput,
};
use forumdesk::drives::pack::{PackDuplicate, PackExportInput, PackFile, PackImportReport};
use forumdesk::drives::population::{
    Population, PopulationCell, PopulationCellInput, PopulationImportReport, PopulationSourceInput,
};
use forumdesk::drives::reach_gap::{
    ReachGap, ReachGapFile, ReachGapFormat, ReachGapOptions, ReachGapRow, ReachTarget,
};
use forumdesk::drives::results::{DriveAreaCount, DriveNeedCount, DriveResults};
use forumdesk::drives::review::{PendingSignUp, SignUpMergeInput};
use forumdesk::gdpr::breaches::{
    Breach, BreachDeadline, BreachInput, BreachStatus, IndividualsTold, RiskLevel,
};
use forumdesk::gdpr::erase::ErasureReport;
use forumdesk::gdpr::requests::{
    CloseRequestInput, DataRequest, DataRequestFilter, DataRequestInput, ExtensionInput,
    IdentityCheckInput, PauseInput, RequestKind, RequestPause, RequestStatus, Urgency,
};
use forumdesk::gdpr::retention::{
    RetentionChoice, RetentionEntry, RetentionOutcome, RetentionRule, RetentionSettings,
};
use forumdesk::gdpr::ropa::ProcessingDocuments;
use forumdesk::gdpr::sar::{SarExport, SarSection};
use forumdesk::grants::period::{GrantInput, GrantPeriod};
use forumdesk::grants::spend::{BudgetLineInput, SpendEntry, SpendInput};
use forumdesk::groups::affiliation::{
    AffiliationEvent, AffiliationSettings, AffiliationState, AffiliationTerms, StepInput,
};
use forumdesk::groups::co_option::{CoOption, CoOptionInput};
use forumdesk::groups::contacts::{Contact, ContactInput};
use forumdesk::groups::model::{AffiliationStatus, AffiliationStep, Meets, OrganisationKind};
use forumdesk::groups::organisation::{
    AreaRef, Organisation, OrganisationFilter, OrganisationInput, OrganisationSummary,
    RemoveOutcome,
};
use forumdesk::groups::reach::{NeedReachRow, Reach, ReachRow};
use forumdesk::groups::renewals::{RenewalDue, Renewals};
use forumdesk::import::{ImportField, Mapping, Problem};
use forumdesk::indicators::{IndicatorReview, ReviewInput};
use forumdesk::members::areas::{Area, AreaInput};
use forumdesk::members::children::{ChildInput, EqualityInput};
use forumdesk::members::consent::{ConsentEvent, ConsentInput, ConsentPurpose};
use forumdesk::members::duplicates::{DuplicateMatch, DuplicatePair};
use forumdesk::members::export::{ExportFile, ExportInput};
use forumdesk::members::import::{
    ImportOptions, ImportProgress, ImportReport, MappingSource, SavedMapping,
};
use forumdesk::members::membership::{LeavingInput, MembershipDateInput, MembershipEvent};
use forumdesk::members::merge::{MergeInput, MergeOutcome};
use forumdesk::members::search::{MemberPage, MemberQuery};
use forumdesk::members::{MemberDetails, MemberRecord, MembershipStart};
use forumdesk::report::evidence::EvidencePack;
use forumdesk::report::figures::{FiguresFile, FiguresFormat};
use forumdesk::representation::body::{Body, BodyInput};
use forumdesk::representation::meeting::{BodyAttendance, BodyMeeting, MeetingInput};
use forumdesk::representation::seat::{Seat, SeatInput};
use forumdesk::settings::{MembershipSettings, SettingsInput};
use forumdesk::users::{ChangePasswordInput, NewUserInput, ResetPasswordInput, UserSummary};
use forumdesk::{
    AppStatus, Error, KioskInfo, LockedEvent, RecoveryInput, SetupInput, SetupResult, UnlockInput,
};
use ts_rs::TS;

fn export_all(dir: &Path) {
    macro_rules! export {
        ($($t:ty),* $(,)?) => {$(
            <$t as TS>::export_all_to(dir).expect(concat!("export ", stringify!($t)));
        )*};
    }
    export!(
        Error,
        AppStatus,
        SetupInput,
        SetupResult,
        UnlockInput,
        RecoveryInput,
        LockedEvent,
        UserSummary,
        NewUserInput,
        ResetPasswordInput,
        ChangePasswordInput,
        SettingsInput,
        AuditReport,
        AuditFilter,
        AuditRow,
        AuditPage,
        AuditUser,
        AuditAction,
        AuditExport,
        RiskLevel,
        IndividualsTold,
        BreachStatus,
        BreachInput,
        Breach,
        BreachDeadline,
        ProcessingDocuments,
        BackupReport,
        MemberDetails,
        MembershipStart,
        MemberRecord,
        MemberQuery,
        MemberPage,
        ConsentPurpose,
        ConsentInput,
        ConsentEvent,
        ChildInput,
        EqualityInput,
        Area,
        AreaInput,
        ImportField,
        Mapping,
        Problem,
        ImportOptions,
        ImportReport,
        ImportProgress,
        MappingSource,
        SavedMapping,
        ExportInput,
        ExportFile,
        DuplicateMatch,
        DuplicatePair,
        MergeInput,
        MergeOutcome,
        MembershipDateInput,
        LeavingInput,
        MembershipEvent,
        MembershipSettings,
        OrganisationKind,
        Meets,
        AffiliationStatus,
        AffiliationStep,
        OrganisationInput,
        OrganisationFilter,
        OrganisationSummary,
        Organisation,
        AreaRef,
        RemoveOutcome,
        StepInput,
        AffiliationState,
        AffiliationEvent,
        AffiliationTerms,
        AffiliationSettings,
        ContactInput,
        Contact,
        CoOptionInput,
        CoOption,
        RenewalDue,
        Renewals,
        IndicatorReview,
        ReviewInput,
        GrantInput,
        GrantPeriod,
        BudgetLineInput,
        SpendInput,
        SpendEntry,
        EvidencePack,
        FiguresFormat,
        FiguresFile,
        Reach,
        ReachRow,
        NeedReachRow,
        ActivityInput,
        QuickMeetingInput,
        ActivityFilter,
        ActivitySummary,
        Activity,
        NamedRef,
        DocumentInfo,
        Body,
        BodyInput,
        Seat,
        SeatInput,
        MeetingInput,
        BodyMeeting,
        BodyAttendance,
        // GDPR: subject access requests
        RequestKind,
        RequestStatus,
        Urgency,
        DataRequestInput,
        IdentityCheckInput,
        ExtensionInput,
        PauseInput,
        CloseRequestInput,
        DataRequestFilter,
        RequestPause,
        DataRequest,
        SarSection,
        ErasureReport,
        RetentionRule,
        RetentionSettings,
        RetentionEntry,
        RetentionChoice,
        RetentionOutcome,
        SarExport,
        // Drives: drives and kiosk
        DriveInput,
        Drive,
        DriveSummary,
        DriveVolunteer,
        DriveResults,
        DriveAreaCount,
        DriveNeedCount,
        KioskInfo,
        KioskForm,
        KioskPurpose,
        KioskNeedChoice,
        KioskAgeBandChoice,
        KioskProvisionChoice,
        KioskSubmission,
        KioskConsentAnswer,
        KioskChild,
        LeaveKioskInput,
        PendingSignUp,
        SignUpMergeInput,
        // Drives: reach and packs
        Population,
        PopulationCell,
        PopulationCellInput,
        PopulationSourceInput,
        PopulationImportReport,
        ReachGapOptions,
        ReachGap,
        ReachGapRow,
        ReachTarget,
        ReachGapFormat,
        ReachGapFile,
        PackExportInput,
        PackFile,
        PackImportReport,
        PackDuplicate,
    );
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                .map(|e| {
                    let text = std::fs::read_to_string(e.path()).expect("read binding");
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        text.replace("\r\n", "\n"),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn generated_typescript_matches_the_committed_bindings() {
    // Run-time value first: a test binary reused from another clone must check this one.
    let root = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into());
    let committed = root.join("ui/src/bindings");
    if std::env::var_os("FORUMDESK_UPDATE_BINDINGS").is_some() {
        for (name, _) in read_dir(&committed) {
            std::fs::remove_file(committed.join(name)).expect("remove old binding");
        }
        std::fs::create_dir_all(&committed).expect("mkdir");
        export_all(&committed);
        return;
    }
    let fresh = tempfile::tempdir().expect("tempdir");
    export_all(fresh.path());
    let expected = read_dir(fresh.path());
    let actual = read_dir(&committed);
    assert!(!expected.is_empty());
    for (name, text) in &expected {
        assert_eq!(
            actual.get(name),
            Some(text),
            "ui/src/bindings/{name} is out of date: run `cargo xtask bindings` and commit the result"
        );
    }
    let extra: Vec<&String> = actual
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    assert!(
        extra.is_empty(),
        "ui/src/bindings has files no Rust type generates: {extra:?}"
    );
}
