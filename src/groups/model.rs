//! The words of affiliation: kinds of organisation, how a group meets, the affiliation's
//! status and its steps. Each is stored as the text shown here and generated into TypeScript.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text_enum::text_enum;

text_enum!(
    /// Partner bodies (the local authority, the NHS, schools, SENDIASS) are organisations
    /// too; later issues link activities and representation to them.
    OrganisationKind, "OrganisationKind.ts" {
        ParentGroup = "parent_group", Charity = "charity", SchoolOrCollege = "school_or_college",
        LocalAuthority = "local_authority", Nhs = "nhs", Sendiass = "sendiass", Other = "other",
    }
);

text_enum!(Meets, "Meets.ts" { Online = "online", InPerson = "in_person", Both = "both" });

text_enum!(
    /// What is stored, plus `RenewalDue`, shown when an affiliated group's renewal date has
    /// come and never stored. `None` (no row) means the organisation has never enquired.
    AffiliationStatus, "AffiliationStatus.ts" {
        Enquiry = "enquiry", Applied = "applied", Affiliated = "affiliated",
        RenewalDue = "renewal_due", Lapsed = "lapsed", Withdrawn = "withdrawn",
        Declined = "declined",
    }
);

text_enum!(
    /// One dated step in an affiliation's timeline.
    AffiliationStep, "AffiliationStep.ts" {
        Enquiry = "enquiry", Applied = "applied", Approved = "approved", Renewed = "renewed",
        Lapsed = "lapsed", Withdrawn = "withdrawn", Declined = "declined",
    }
);

impl OrganisationKind {
    pub fn label(self) -> &'static str {
        match self {
            OrganisationKind::ParentGroup => "Parent support group",
            OrganisationKind::Charity => "Charity",
            OrganisationKind::SchoolOrCollege => "School or college",
            OrganisationKind::LocalAuthority => "Local authority service",
            OrganisationKind::Nhs => "NHS body",
            OrganisationKind::Sendiass => "SENDIASS",
            OrganisationKind::Other => "Other",
        }
    }
}

impl AffiliationStatus {
    pub fn label(self) -> &'static str {
        match self {
            AffiliationStatus::Enquiry => "Enquiry",
            AffiliationStatus::Applied => "Application received",
            AffiliationStatus::Affiliated => "Affiliated",
            AffiliationStatus::RenewalDue => "Renewal due",
            AffiliationStatus::Lapsed => "Lapsed",
            AffiliationStatus::Withdrawn => "Withdrawn",
            AffiliationStatus::Declined => "Declined",
        }
    }

    /// Whether the affiliation has ended, so a new enquiry may start a new one.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            AffiliationStatus::Lapsed | AffiliationStatus::Withdrawn | AffiliationStatus::Declined
        )
    }
}
