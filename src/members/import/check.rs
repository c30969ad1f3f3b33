//! The checks an imported row needs that touch no database: its values, as the member form
//! checks them, and whether an earlier row of the file is the same person. They run on
//! their own thread, a batch ahead of the writes, so the file's rows are being checked while
//! the previous batch is stored.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::context::Context;
use crate::id;
use crate::import::{table, values, ImportField, Mapping, Problem, Table};
use crate::members::details::{self, Clean, MemberDetails};
use crate::members::duplicates::{self, Probe};
use crate::members::model::{MemberType, MembershipStatus};

/// One row, checked and ready to store.
pub(super) struct Parsed {
    pub clean: Clean,
    pub status: MembershipStatus,
    pub joined_on: time::Date,
    pub consents: Vec<(&'static str, bool)>,
}

/// A row's values checked: what to store, or every problem found.
type Parse = std::result::Result<Parsed, Vec<Problem>>;

/// A row that passed its checks and is not a repeat of an earlier row of the file.
pub(super) struct Checked {
    pub number: u32,
    pub parsed: Parsed,
    pub probe: Probe,
}

/// What checking a batch of rows found.
#[derive(Default)]
pub(super) struct CheckedBatch {
    /// How many of the file's rows the batch covers, whatever became of them.
    pub size: u32,
    pub rows: Vec<Checked>,
    pub problems: Vec<Problem>,
    pub rejected: u32,
    /// Rows that repeat an earlier row of the file.
    pub duplicates: u32,
}

pub(super) struct Checker {
    table: Arc<Table>,
    mapping: Mapping,
    context: Arc<Context>,
    /// Rows the reader already found unusable (oversized cells, shifted cells); their
    /// problems are reported once, up front.
    unreadable: HashSet<u32>,
}

/// Earlier rows of the file, by e-mail, phone and postcode, to find duplicates within it.
#[derive(Default)]
struct Earlier(HashMap<String, Vec<(u32, Probe)>>);

impl Checker {
    pub(super) fn new(
        table: Arc<Table>,
        mapping: Mapping,
        context: Arc<Context>,
        unreadable: HashSet<u32>,
    ) -> Self {
        Checker {
            table,
            mapping,
            context,
            unreadable,
        }
    }

    /// Checks every row of the table, `batch` rows at a time in file order, handing each
    /// checked batch to `deliver` until it returns false. One thread does it all: most of
    /// the time goes on phone numbers, and the phone library checks them behind a single
    /// lock, so a second thread only waited for it (two threads took 3 to 7 s for the
    /// 85,000 numbers of the 100,000-member benchmark, one thread 1.8 to 2.8 s).
    pub(super) fn check_all(&self, batch: usize, mut deliver: impl FnMut(CheckedBatch) -> bool) {
        let mut earlier = Earlier::default();
        for chunk in self.table.rows.chunks(batch.max(1)) {
            let mut checked = CheckedBatch {
                size: u32::try_from(chunk.len()).unwrap_or(u32::MAX),
                ..CheckedBatch::default()
            };
            for row in chunk {
                let parsed = self.parse_readable(row);
                if let Some(row) = self.check(&mut earlier, row, parsed, &mut checked) {
                    checked.rows.push(row);
                }
            }
            if !deliver(checked) {
                break;
            }
        }
    }

    /// The row's values checked, or `None` when the reader already found it unusable.
    fn parse_readable(&self, row: &table::Row) -> Option<Parse> {
        (!self.unreadable.contains(&row.number)).then(|| self.parse(row))
    }

    /// Whether an earlier row of the file is the same person, given the row's checked
    /// values (`None`: the row could not be read).
    fn check(
        &self,
        earlier: &mut Earlier,
        row: &table::Row,
        parsed: Option<Parse>,
        batch: &mut CheckedBatch,
    ) -> Option<Checked> {
        let parsed = match parsed {
            None => {
                batch.rejected += 1;
                return None;
            }
            Some(Err(problems)) => {
                batch.rejected += 1;
                batch.problems.extend(problems);
                return None;
            }
            Some(Ok(parsed)) => parsed,
        };
        let probe = probe(&parsed.clean);
        if let Some(first) = earlier.seen_before(&probe) {
            batch.duplicates += 1;
            batch.problems.push(Problem::new(
                row.number,
                String::new(),
                format!(
                    "This looks like the same person as row {first}, so it was not imported again"
                ),
            ));
            return None;
        }
        earlier.remember(row.number, probe.clone());
        Some(Checked {
            number: row.number,
            parsed,
            probe,
        })
    }

    fn cell<'r>(&self, row: &'r table::Row, field: ImportField) -> &'r str {
        self.mapping
            .column_of(field)
            .map(|c| unneutralise(row.cell(c).trim()))
            .unwrap_or("")
    }

    fn column(&self, field: ImportField) -> String {
        self.mapping
            .column_of(field)
            .map(|c| self.table.column_name(c))
            .unwrap_or_default()
    }

    fn parse(&self, row: &table::Row) -> std::result::Result<Parsed, Vec<Problem>> {
        let context = &self.context;
        use ImportField as F;
        let mut problems = Vec::new();
        let mut problem = |field: F, message: String| {
            problems.push(Problem::new(row.number, self.column(field), message))
        };
        let (first_name, last_name) =
            match (self.cell(row, F::FirstName), self.cell(row, F::LastName)) {
                ("", "") => values::full_name(self.cell(row, F::FullName)),
                (first, last) => (first.to_owned(), last.to_owned()),
            };
        let member_type = match member_type(self.cell(row, F::MembershipType)) {
            Ok(t) => Some(t),
            Err(reason) => {
                problem(F::MembershipType, reason);
                None
            }
        };
        let area_name = self.cell(row, F::Area);
        let area_id = if area_name.is_empty() {
            None
        } else {
            let found = context
                .areas_by_name
                .get(&area_name.to_lowercase())
                .cloned();
            if found.is_none() {
                problem(F::Area, format!("There is no area called {area_name:?}: add it under Areas first, or leave this column out"));
            }
            found
        };
        let status = status(self.cell(row, F::Status)).unwrap_or_else(|reason| {
            problem(F::Status, reason);
            MembershipStatus::Active
        });
        let joined = self.cell(row, F::DateJoined);
        let joined_on = if joined.is_empty() {
            id::today_london()
        } else {
            values::uk_date(joined).unwrap_or_else(|reason| {
                problem(F::DateJoined, reason);
                id::today_london()
            })
        };
        let mut consents = Vec::new();
        for (field, purpose) in CONSENT_COLUMNS {
            match values::yes_no(self.cell(row, field)) {
                Ok(Some(given)) => consents.push((purpose, given)),
                // A blank is "not known", never "given".
                Ok(None) => {}
                Err(reason) => problem(field, reason),
            }
        }
        let form = MemberDetails {
            first_name,
            last_name,
            preferred_name: self.cell(row, F::PreferredName).to_owned(),
            email: self.cell(row, F::Email).to_owned(),
            phone: self.cell(row, F::Phone).to_owned(),
            address_line1: self.cell(row, F::AddressLine1).to_owned(),
            address_line2: self.cell(row, F::AddressLine2).to_owned(),
            town: self.cell(row, F::Town).to_owned(),
            postcode: self.cell(row, F::Postcode).to_owned(),
            area_id,
            heard_about: self.cell(row, F::HeardAbout).to_owned(),
            notes: self.cell(row, F::Notes).to_owned(),
            member_type: member_type.or(Some(MemberType::ParentCarer)),
            recruitment_source: String::new(),
        };
        let clean = details::clean(&form);
        match clean {
            Ok(clean) if problems.is_empty() => Ok(Parsed {
                clean,
                status,
                joined_on,
                consents,
            }),
            Ok(_) => Err(problems),
            Err(err) => {
                for (key, message) in err.fields {
                    let field = form_field(&key, &self.mapping);
                    problems.push(Problem::new(
                        row.number,
                        field.map(|f| self.column(f)).unwrap_or(key),
                        message,
                    ));
                }
                Err(problems)
            }
        }
    }
}

impl Earlier {
    fn seen_before(&self, probe: &Probe) -> Option<u32> {
        keys(probe).iter().find_map(|key| {
            self.0
                .get(key)?
                .iter()
                .find(|(_, other)| duplicates::similar_names(probe, other))
                .map(|(row, _)| *row)
        })
    }

    fn remember(&mut self, row: u32, probe: Probe) {
        for key in keys(&probe) {
            self.0.entry(key).or_default().push((row, probe.clone()));
        }
    }
}

pub(super) const CONSENT_COLUMNS: [(ImportField, &str); 6] = [
    (ImportField::ConsentEmail, "email_news"),
    (ImportField::ConsentSms, "sms"),
    (ImportField::ConsentPost, "post"),
    (ImportField::ConsentPhone, "phone"),
    (ImportField::ConsentSurveys, "surveys"),
    (ImportField::ConsentPhotos, "photos"),
];

fn probe(clean: &Clean) -> Probe {
    Probe {
        first_name: clean.first_name.clone(),
        last_name: clean.last_name.clone(),
        preferred_name: clean.preferred_name.clone(),
        email: clean.email_key(),
        phone: clean.phone.clone(),
        postcode: clean.postcode.clone(),
    }
}

fn keys(probe: &Probe) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(email) = &probe.email {
        keys.push(format!("e:{email}"));
    }
    if let Some(phone) = &probe.phone {
        keys.push(format!("p:{phone}"));
    }
    if let Some(postcode) = &probe.postcode {
        keys.push(format!("c:{postcode}"));
    }
    keys
}

/// Which mapped column a form field came from, so a problem names the spreadsheet's column.
fn form_field(key: &str, mapping: &Mapping) -> Option<ImportField> {
    use ImportField as F;
    let name = |split: F| {
        if mapping.column_of(split).is_some() {
            split
        } else {
            F::FullName
        }
    };
    Some(match key {
        "firstName" => name(F::FirstName),
        "lastName" => name(F::LastName),
        "preferredName" => F::PreferredName,
        "email" => F::Email,
        "phone" => F::Phone,
        "addressLine1" => F::AddressLine1,
        "addressLine2" => F::AddressLine2,
        "town" => F::Town,
        "postcode" => F::Postcode,
        "heardAbout" => F::HeardAbout,
        "notes" => F::Notes,
        "areaId" => F::Area,
        "memberType" => F::MembershipType,
        _ => return None,
    })
}

/// Undoes the quote our own exports put before a cell that could run as a formula, so an
/// exported list re-imports as it was.
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']) =>
        {
            rest
        }
        _ => cell,
    }
}

fn member_type(text: &str) -> std::result::Result<MemberType, String> {
    let words = text.to_lowercase().replace(['/', '-', '_'], " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    match words.as_str() {
        "" | "parent carer" | "parent" | "carer" | "parent or carer" | "member" | "full"
        | "full member" => Ok(MemberType::ParentCarer),
        "associate" | "associate member" | "professional" | "young person" | "supporter" => {
            Ok(MemberType::Associate)
        }
        _ => Err(format!(
            "{text:?} is not a membership type: use \"parent carer\" or \"associate\""
        )),
    }
}

fn status(text: &str) -> std::result::Result<MembershipStatus, String> {
    match text.trim().to_lowercase().as_str() {
        "" | "active" | "current" | "member" | "yes" | "renewal due" => {
            Ok(MembershipStatus::Active)
        }
        "applicant" | "applied" | "pending" | "new" => Ok(MembershipStatus::Applicant),
        "lapsed" | "expired" => Ok(MembershipStatus::Lapsed),
        "left" | "resigned" | "former" | "ex member" => Ok(MembershipStatus::Left),
        _ => Err(format!(
            "{text:?} is not a membership status: use active, applicant, lapsed or left"
        )),
    }
}
