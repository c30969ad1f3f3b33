//! Which member field each column of an import file fills. Headings are matched to fields
//! automatically, ignoring case, spaces and punctuation and knowing the names British
//! spreadsheets use ("Surname", "Post Code", "Tel"); the volunteer can change any choice
//! and save the result as a [`Mapping`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, ErrorKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "ImportField.ts")]
pub enum ImportField {
    FirstName,
    LastName,
    /// Split into first and last name when the file has no separate columns.
    FullName,
    PreferredName,
    Email,
    Phone,
    AddressLine1,
    AddressLine2,
    Town,
    Postcode,
    Area,
    HeardAbout,
    MembershipType,
    Status,
    DateJoined,
    ConsentEmail,
    ConsentSms,
    ConsentPost,
    ConsentPhone,
    ConsentSurveys,
    ConsentPhotos,
    Notes,
}

impl ImportField {
    /// Every field, in the order the mapping screen lists them.
    pub const ALL: [ImportField; 22] = [
        Self::FirstName,
        Self::LastName,
        Self::FullName,
        Self::PreferredName,
        Self::Email,
        Self::Phone,
        Self::AddressLine1,
        Self::AddressLine2,
        Self::Town,
        Self::Postcode,
        Self::Area,
        Self::HeardAbout,
        Self::MembershipType,
        Self::Status,
        Self::DateJoined,
        Self::ConsentEmail,
        Self::ConsentSms,
        Self::ConsentPost,
        Self::ConsentPhone,
        Self::ConsentSurveys,
        Self::ConsentPhotos,
        Self::Notes,
    ];

    /// Plain English, as the mapping screen and problem reports show it.
    pub fn label(self) -> &'static str {
        match self {
            Self::FirstName => "First name",
            Self::LastName => "Last name",
            Self::FullName => "Full name",
            Self::PreferredName => "Preferred name",
            Self::Email => "Email",
            Self::Phone => "Phone",
            Self::AddressLine1 => "Address line 1",
            Self::AddressLine2 => "Address line 2",
            Self::Town => "Town",
            Self::Postcode => "Postcode",
            Self::Area => "Area",
            Self::HeardAbout => "How they heard about the forum",
            Self::MembershipType => "Membership type",
            Self::Status => "Membership status",
            Self::DateJoined => "Date joined",
            Self::ConsentEmail => "Consent: email news",
            Self::ConsentSms => "Consent: text messages",
            Self::ConsentPost => "Consent: post",
            Self::ConsentPhone => "Consent: phone calls",
            Self::ConsentSurveys => "Consent: surveys and research",
            Self::ConsentPhotos => "Consent: photos",
            Self::Notes => "Notes",
        }
    }

    /// True for the yes/no consent columns (read with `values::yes_no`).
    pub fn is_consent(self) -> bool {
        matches!(
            self,
            Self::ConsentEmail
                | Self::ConsentSms
                | Self::ConsentPost
                | Self::ConsentPhone
                | Self::ConsentSurveys
                | Self::ConsentPhotos
        )
    }

    /// Headings (already reduced by [`heading_key`]) that mean this field.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Self::FirstName => &[
                "firstname",
                "forename",
                "forenames",
                "givenname",
                "givennames",
                "christianname",
                "first",
            ],
            Self::LastName => &["lastname", "surname", "familyname", "last"],
            Self::FullName => &["name", "fullname", "membername", "contactname"],
            Self::PreferredName => &["knownas", "preferredname", "nickname"],
            Self::Email => &["email", "emailaddress", "emailaddr"],
            Self::Phone => &[
                "tel",
                "telno",
                "telephone",
                "telephonenumber",
                "telephoneno",
                "mobile",
                "mobilenumber",
                "mobileno",
                "mobilephone",
                "phone",
                "phonenumber",
                "phoneno",
                "contactnumber",
            ],
            Self::AddressLine1 => &[
                "address1",
                "addressline1",
                "address",
                "street",
                "streetaddress",
                "addr1",
                "firstlineofaddress",
            ],
            Self::AddressLine2 => &["address2", "addressline2", "addr2", "secondlineofaddress"],
            Self::Town => &["town", "city", "towncity", "townorcity"],
            Self::Postcode => &["postcode", "zip", "zipcode", "postalcode"],
            Self::Area => &["area", "district", "localarea"],
            Self::HeardAbout => &[
                "howdidyouhearaboutus",
                "howdidyouhearaboutthegroup",
                "howdidyouhearabouttheforum",
                "heardabout",
                "howheard",
                "source",
                "referralsource",
            ],
            Self::MembershipType => &["membertype", "membershiptype", "type"],
            Self::Status => &["status", "membershipstatus", "memberstatus"],
            Self::DateJoined => &[
                "datejoined",
                "joined",
                "joindate",
                "joiningdate",
                "dateofjoining",
                "membersince",
            ],
            Self::ConsentEmail => &[
                "emailconsent",
                "consentemail",
                "oktoemail",
                "newsletter",
                "emailnewsletter",
            ],
            Self::ConsentSms => &[
                "sms",
                "smsconsent",
                "consentsms",
                "textmessages",
                "oktotext",
            ],
            Self::ConsentPost => &["post", "postconsent", "consentpost", "letters", "oktowrite"],
            Self::ConsentPhone => &["phoneconsent", "consentphone", "oktophone", "oktocall"],
            Self::ConsentSurveys => &[
                "surveys",
                "survey",
                "research",
                "surveyconsent",
                "surveysandresearch",
            ],
            Self::ConsentPhotos => &["photos", "photo", "photoconsent", "photographs"],
            Self::Notes => &["notes", "note", "comments", "comment"],
        }
    }
}

/// A heading reduced to what matters for matching: lower-case letters and digits only, so
/// "E-mail", "E mail" and "EMAIL:" all read "email".
fn heading_key(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A field for each heading, or `None` where nothing matches. A field is given to the first
/// column that matches it only, so two columns never fill the same field.
pub fn auto_map(headers: &[String]) -> Vec<Option<ImportField>> {
    let known: HashMap<&str, ImportField> = ImportField::ALL
        .iter()
        .flat_map(|&field| field.synonyms().iter().map(move |&s| (s, field)))
        .collect();
    let mut used = Vec::new();
    headers
        .iter()
        .map(|heading| {
            let field = *known.get(heading_key(heading).as_str())?;
            if used.contains(&field) {
                return None;
            }
            used.push(field);
            Some(field)
        })
        .collect()
}

/// The field chosen for each column, by position; saved so the next import of a file laid
/// out the same way starts from the volunteer's own choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "ImportMapping.ts")]
pub struct Mapping(pub Vec<Option<ImportField>>);

impl Mapping {
    pub fn auto(headers: &[String]) -> Self {
        Self(auto_map(headers))
    }

    /// The column a field is read from, if any.
    pub fn column_of(&self, field: ImportField) -> Option<usize> {
        self.0.iter().position(|f| *f == Some(field))
    }

    /// Checks a mapping (perhaps a saved one, or one the screen sent) fits these headings:
    /// one entry per column, no field chosen twice, and some column for the names.
    pub fn check(&self, headers: &[String]) -> Result<(), Error> {
        let refuse = |message: String| {
            let mut error = Error::new(ErrorKind::Validation, message.clone());
            error.fields.insert("mapping".to_owned(), message);
            error
        };
        if self.0.len() != headers.len() {
            return Err(refuse(format!(
                "The column choices are for a file with {} columns, but this file has {}. \
                 Choose the fields for this file's columns again.",
                self.0.len(),
                headers.len()
            )));
        }
        for (i, field) in self.0.iter().enumerate() {
            let Some(field) = field else { continue };
            if let Some(j) = self.0[i + 1..].iter().position(|f| f == &Some(*field)) {
                return Err(refuse(format!(
                    "{} is chosen for two columns, \"{}\" and \"{}\". Choose it for one only.",
                    field.label(),
                    headers[i],
                    headers[i + 1 + j]
                )));
            }
        }
        let has_name = [
            ImportField::FirstName,
            ImportField::LastName,
            ImportField::FullName,
        ]
        .into_iter()
        .any(|f| self.column_of(f).is_some());
        if !has_name {
            return Err(refuse(
                "Choose the column (or columns) that hold the members' names.".to_owned(),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn every_synonym_is_claimed_by_one_field_only() {
        let mut seen = HashMap::new();
        for field in ImportField::ALL {
            for synonym in field.synonyms() {
                assert_eq!(heading_key(synonym), *synonym, "{synonym} is not reduced");
                if let Some(other) = seen.insert(*synonym, field) {
                    panic!("{synonym} is claimed by {other:?} and {field:?}");
                }
            }
        }
    }

    #[test]
    fn british_headings_are_matched_whatever_their_case_and_punctuation() {
        let cases = [
            ("Surname", ImportField::LastName),
            ("Family name", ImportField::LastName),
            ("FORENAME", ImportField::FirstName),
            ("Given name", ImportField::FirstName),
            ("Name", ImportField::FullName),
            ("Known as", ImportField::PreferredName),
            ("E-mail", ImportField::Email),
            ("Email address:", ImportField::Email),
            ("Tel.", ImportField::Phone),
            ("Mobile", ImportField::Phone),
            ("Phone number", ImportField::Phone),
            ("Post Code", ImportField::Postcode),
            ("Zip", ImportField::Postcode),
            ("Address 1", ImportField::AddressLine1),
            ("Street", ImportField::AddressLine1),
            ("Address line 2", ImportField::AddressLine2),
            ("City", ImportField::Town),
            ("Town/City", ImportField::Town),
            ("Member since", ImportField::DateJoined),
            ("Join date", ImportField::DateJoined),
            ("How did you hear about us?", ImportField::HeardAbout),
            ("Source", ImportField::HeardAbout),
            ("Type", ImportField::MembershipType),
            ("Membership type", ImportField::MembershipType),
            ("Status", ImportField::Status),
            ("OK to email?", ImportField::ConsentEmail),
            ("Newsletter", ImportField::ConsentEmail),
            ("Text messages", ImportField::ConsentSms),
            ("SMS", ImportField::ConsentSms),
            ("Letters", ImportField::ConsentPost),
            ("Post", ImportField::ConsentPost),
            ("OK to phone", ImportField::ConsentPhone),
            ("Phone consent", ImportField::ConsentPhone),
            ("Research", ImportField::ConsentSurveys),
            ("Photo consent", ImportField::ConsentPhotos),
            ("Comments", ImportField::Notes),
        ];
        for (heading, field) in cases {
            assert_eq!(auto_map(&headers(&[heading])), [Some(field)], "{heading}");
        }
    }

    #[test]
    fn unknown_headings_map_to_nothing() {
        assert_eq!(
            auto_map(&headers(&["Shoe size", "", "Column 5", "Email (2)"])),
            [None, None, None, None]
        );
    }

    #[test]
    fn a_field_goes_to_the_first_matching_column_only() {
        let mapped = auto_map(&headers(&[
            "Email",
            "Surname",
            "E-mail address",
            "Last name",
        ]));
        assert_eq!(
            mapped,
            [
                Some(ImportField::Email),
                Some(ImportField::LastName),
                None,
                None
            ]
        );
    }

    #[test]
    fn a_mapping_is_saved_as_snake_case_field_names() {
        let mapping = Mapping(vec![Some(ImportField::DateJoined), None]);
        let json = serde_json::to_string(&mapping).expect("json");
        assert_eq!(json, r#"["date_joined",null]"#);
        assert_eq!(
            serde_json::from_str::<Mapping>(&json).expect("back"),
            mapping
        );
    }

    #[test]
    fn check_refuses_a_mapping_that_does_not_fit() {
        let h = headers(&["Name", "Email", "Mail"]);
        let ok = Mapping(vec![
            Some(ImportField::FullName),
            Some(ImportField::Email),
            None,
        ]);
        assert!(ok.check(&h).is_ok());

        let short = Mapping(vec![Some(ImportField::FullName)]);
        assert!(short.check(&h).is_err());

        let twice = Mapping(vec![
            Some(ImportField::FullName),
            Some(ImportField::Email),
            Some(ImportField::Email),
        ]);
        let err = twice.check(&h).expect_err("twice");
        assert_eq!(err.kind, ErrorKind::Validation);
        assert!(
            err.message.contains("\"Email\" and \"Mail\""),
            "{}",
            err.message
        );

        let nameless = Mapping(vec![None, Some(ImportField::Email), None]);
        assert!(nameless
            .check(&h)
            .expect_err("no name")
            .message
            .contains("names"));
    }
}
