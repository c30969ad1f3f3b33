//! The generated rows laid out like a forum's old membership spreadsheet, headers and all, so
//! a benchmark can write them with the exporters and import them back.

use super::SynthMember;
use crate::export::Sheet;

/// Headers as volunteers name them (the importer must map them by its synonyms).
pub const HEADERS: [&str; 21] = [
    "First name",
    "Surname",
    "Known as",
    "Email address",
    "Mobile",
    "Address 1",
    "Town",
    "Post Code",
    "Membership type",
    "Status",
    "Date joined",
    "How did you hear about us",
    "OK to email",
    "SMS",
    "Post",
    "OK to phone",
    "Surveys",
    "Photos",
    "Primary need",
    "Provision",
    "Child year of birth",
];

/// Index of the "Mobile" column, marked as a phone column in the sheet.
pub const PHONE_COLUMN: usize = 4;

pub fn to_sheet(members: &[SynthMember]) -> Sheet {
    let headers = HEADERS.iter().map(|h| (*h).to_owned()).collect();
    let rows = members.iter().map(row).collect();
    Sheet::new(headers, rows).with_phone_columns([PHONE_COLUMN])
}

fn row(m: &SynthMember) -> Vec<String> {
    let c = &m.consent;
    vec![
        m.first_name.clone(),
        m.last_name.clone(),
        m.preferred_name.clone().unwrap_or_default(),
        m.email.clone().unwrap_or_default(),
        m.phone.clone().unwrap_or_default(),
        m.address_line1.clone(),
        m.town.clone(),
        m.postcode.clone(),
        m.membership_type.to_owned(),
        m.status.to_owned(),
        m.date_joined.clone(),
        m.heard_about.unwrap_or_default().to_owned(),
        yes_no(c.email),
        yes_no(c.sms),
        yes_no(c.post),
        yes_no(c.phone),
        yes_no(c.surveys),
        yes_no(c.photos),
        m.primary_need.unwrap_or_default().to_owned(),
        m.provision.unwrap_or_default().to_owned(),
        m.child_year_of_birth
            .map(|y| y.to_string())
            .unwrap_or_default(),
    ]
}

fn yes_no(consent: Option<bool>) -> String {
    match consent {
        Some(true) => "Y",
        Some(false) => "N",
        None => "",
    }
    .to_owned()
}
