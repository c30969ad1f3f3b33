//! The words of the membership: types, statuses, consent methods, needs and provision.
//! Each is stored as the snake_case text shown here and generated into TypeScript.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text_enum::text_enum;

text_enum!(
    /// Parent carers are the forum's voting members; associates are professionals and young
    /// people who support it.
    MemberType, "MemberType.ts" { ParentCarer = "parent_carer", Associate = "associate" }
);

text_enum!(
    /// What is stored. `RenewalDue` is shown when an active membership's renewal date has
    /// come; it is never stored.
    MembershipStatus, "MembershipStatus.ts" {
        Applicant = "applicant",
        Active = "active",
        RenewalDue = "renewal_due",
        Lapsed = "lapsed",
        Left = "left",
    }
);

text_enum!(MembershipEventKind, "MembershipEventKind.ts" {
    Joined = "joined", Renewed = "renewed", Lapsed = "lapsed", Left = "left", Rejoined = "rejoined",
});

text_enum!(ConsentMethod, "ConsentMethod.ts" {
    Paper = "paper", Online = "online", Verbal = "verbal", Kiosk = "kiosk", Import = "import",
});

text_enum!(
    /// The SEN2 primary-need categories the Department for Education uses.
    Need, "Need.ts" {
        Spld = "SPLD", Mld = "MLD", Sld = "SLD", Pmld = "PMLD", Semh = "SEMH", Slcn = "SLCN",
        Hi = "HI", Vi = "VI", Msi = "MSI", Pd = "PD", Asd = "ASD", Oth = "OTH", Nsa = "NSA",
    }
);

text_enum!(Provision, "Provision.ts" {
    Ehcp = "ehcp", SenSupport = "sen_support", None = "none", NotKnown = "not_known",
});

text_enum!(AgeBand, "AgeBand.ts" {
    Age0To4 = "0-4", Age5To10 = "5-10", Age11To15 = "11-15", Age16To19 = "16-19", Age20To25 = "20-25",
});

text_enum!(SchoolPhase, "SchoolPhase.ts" {
    EarlyYears = "early_years", Primary = "primary", Secondary = "secondary", Post16 = "post_16",
    NotInEducation = "not_in_education",
});

text_enum!(SettingType, "SettingType.ts" {
    Mainstream = "mainstream", Special = "special", ResourcedProvision = "resourced_provision",
    AlternativeProvision = "alternative_provision", Independent = "independent",
    HomeEducated = "home_educated", College = "college", Other = "other",
});

impl Need {
    pub fn label(self) -> &'static str {
        match self {
            Need::Spld => "Specific learning difficulty",
            Need::Mld => "Moderate learning difficulty",
            Need::Sld => "Severe learning difficulty",
            Need::Pmld => "Profound and multiple learning difficulty",
            Need::Semh => "Social, emotional and mental health",
            Need::Slcn => "Speech, language and communication needs",
            Need::Hi => "Hearing impairment",
            Need::Vi => "Vision impairment",
            Need::Msi => "Multi-sensory impairment",
            Need::Pd => "Physical disability",
            Need::Asd => "Autistic spectrum disorder",
            Need::Oth => "Other difficulty or disability",
            Need::Nsa => "SEN support but no specialist assessment of type of need",
        }
    }
}
