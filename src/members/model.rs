//! The words of the membership: types, statuses, consent methods, needs and provision.
//! Each is stored as the snake_case text shown here and generated into TypeScript.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident, $file:literal { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[ts(export_to = $file)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                let text = text.trim();
                Self::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(text))
            }
        }

        // Stored as text: read and written by sqlx like a `String`, refused if unknown.
        impl sqlx::Type<sqlx::Sqlite> for $name {
            fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
                <String as sqlx::Type<sqlx::Sqlite>>::type_info()
            }
            fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
                <String as sqlx::Type<sqlx::Sqlite>>::compatible(ty)
            }
        }

        impl<'r> sqlx::Decode<'r, sqlx::Sqlite> for $name {
            fn decode(value: sqlx::sqlite::SqliteValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <&str as sqlx::Decode<sqlx::Sqlite>>::decode(value)?;
                $name::parse(text).ok_or_else(|| format!("unknown {} {text:?}", stringify!($name)).into())
            }
        }

        impl<'q> sqlx::Encode<'q, sqlx::Sqlite> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut Vec<sqlx::sqlite::SqliteArgumentValue<'q>>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<sqlx::Sqlite>>::encode(self.as_str(), buf)
            }
        }
    };
}

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
