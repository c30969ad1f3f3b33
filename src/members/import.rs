//! Importing members from the old spreadsheet, the database half: each row goes through the
//! same checks as the member form, problems are reported by row and column, duplicates
//! (within the file and against existing members) are found, and everything happens in one
//! transaction, so an import either lands as reported or not at all.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::consent;
use super::details::{self, Clean, MemberDetails, NewPerson};
use super::duplicates::{self, DuplicateMatch, Probe};
use super::model::{ConsentMethod, MemberType, MembershipStatus};
use crate::audit::{self, Entry};
use crate::import::{table, values, ImportField, Mapping, Problem, Table};
use crate::role::Action;
use crate::session::Session;
use crate::{id, storage, Error, ErrorKind, Result};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "DuplicatePolicy.ts")]
pub enum DuplicatePolicy {
    /// Leave the existing member as they are and report the row.
    #[default]
    Skip,
    /// Fill the existing member's blank fields from the row and add its consent answers.
    Merge,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "ImportOptions.ts")]
pub struct ImportOptions {
    /// The user's own column mapping; `None` maps the headings automatically.
    pub mapping: Option<Mapping>,
    /// Check everything and report, but change nothing.
    pub dry_run: bool,
    /// Import nothing unless every row is valid.
    pub all_or_nothing: bool,
    pub duplicates: DuplicatePolicy,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ImportReport.ts")]
pub struct ImportReport {
    pub rows: u32,
    pub created: u32,
    pub updated: u32,
    pub duplicates: u32,
    pub rejected: u32,
    pub problems: Vec<Problem>,
    /// The mapping used, so the user can check and change it.
    pub mapping: Mapping,
    pub headers: Vec<String>,
    /// False for a dry run, and when "all or nothing" met a bad row.
    pub applied: bool,
}

/// Reads `bytes` (CSV or XLSX) and imports it.
pub async fn import(
    s: &Session,
    file_name: &str,
    bytes: &[u8],
    options: ImportOptions,
) -> Result<ImportReport> {
    s.require(Action::ImportMembers)?;
    let table = table::read(file_name, bytes)?;
    let mapping = match options.mapping.clone() {
        Some(mapping) => mapping,
        None => Mapping::auto(&table.headers),
    };
    mapping.check(&table.headers)?;
    let mut tx = s.db().write().await?;
    let cache = storage::begin_bulk_write(&mut tx).await?;
    let ran = run(&mut tx, s, file_name, &table, &mapping, options.duplicates).await;
    storage::end_bulk_write(&mut tx, cache).await?;
    let mut report = ran?;
    report.problems.sort_by_key(|p| p.row);
    let refused = options.all_or_nothing && report.rejected > 0;
    report.applied = !options.dry_run && !refused;
    if !report.applied {
        drop(tx); // rolls back
        if !options.dry_run {
            report.created = 0;
            report.updated = 0;
        }
        return Ok(report);
    }
    let changes = json!({"file_rows": report.rows, "created": report.created, "updated": report.updated, "duplicates": report.duplicates, "rejected": report.rejected});
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "members.imported",
            entity: "import",
            entity_id: None,
            changes,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

/// Checks every row and stores the good ones, new members a batch at a time.
async fn run(
    conn: &mut SqliteConnection,
    s: &Session,
    file_name: &str,
    table: &Table,
    mapping: &Mapping,
    policy: DuplicatePolicy,
) -> Result<ImportReport> {
    let context = Context::load(conn, file_name).await?;
    let mut run = Run::new(table, mapping);
    for rows in table.rows.chunks(BATCH) {
        let checked: Vec<Checked> = rows
            .iter()
            .filter_map(|row| run.check(row, &context))
            .collect();
        // Skipping changes no existing member, so the rows of a batch are looked up together;
        // merging can give an existing member a new key, so each row waits for the one before.
        let mut found = match policy {
            DuplicatePolicy::Skip if !checked.is_empty() => {
                let probes: Vec<&Probe> = checked.iter().map(|c| &c.probe).collect();
                duplicates::candidates_many(conn, &probes).await?
            }
            _ => Vec::new(),
        }
        .into_iter();
        for row in checked {
            let existing = match policy {
                DuplicatePolicy::Skip => found.next().unwrap_or_default(),
                DuplicatePolicy::Merge => duplicates::candidates(conn, &row.probe, None).await?,
            };
            run.store(conn, s, &context, row, existing, policy).await?;
        }
        run.flush(conn, s, &context).await?;
    }
    Ok(run.report)
}

/// Rows are checked, looked up and written this many at a time: a few statements per batch
/// rather than a dozen per row. An earlier row of the file that is not written yet cannot be
/// found in the database, but it does not need to be: [`Run::seen_before`] checks every
/// earlier row of the file first, by the same keys and the same name rule.
const BATCH: usize = 500;

/// A row that passed its checks and is not a repeat of an earlier row of the file.
struct Checked {
    number: u32,
    parsed: Parsed,
    probe: Probe,
}

/// What every row needs and is the same for all of them, read once.
struct Context {
    areas_by_name: HashMap<String, String>,
    /// Postcode district → area, for members whose area follows their postcode.
    areas_by_district: HashMap<String, String>,
    renewal_months: i64,
    /// The current statement version of each consent column's purpose, or why it cannot
    /// take consent (reported, as before, when the first row needs it).
    versions: HashMap<&'static str, std::result::Result<i64, crate::Error>>,
    source: String,
}

impl Context {
    async fn load(conn: &mut SqliteConnection, file_name: &str) -> Result<Context> {
        let areas: Vec<(String, String)> = sqlx::query_as("SELECT lower(name), id FROM areas")
            .fetch_all(&mut *conn)
            .await?;
        let districts: Vec<(String, String)> =
            sqlx::query_as("SELECT district, area_id FROM postcode_areas")
                .fetch_all(&mut *conn)
                .await?;
        let renewal_months = details::renewal_months(conn).await?;
        let mut versions = HashMap::new();
        for (_, purpose) in CONSENT_COLUMNS {
            let version = match consent::purpose_version(conn, purpose).await {
                Err(err) if err.kind != ErrorKind::Validation => return Err(err),
                version => version,
            };
            versions.insert(purpose, version);
        }
        let base = std::path::Path::new(file_name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Context {
            areas_by_name: areas.into_iter().collect(),
            areas_by_district: districts.into_iter().collect(),
            renewal_months,
            versions,
            source: format!("import: {base} {}", id::now_rfc3339()),
        })
    }

    /// As [`details::resolve_area`], from the tables read once. An area chosen in the file
    /// came from `areas_by_name`, so it exists.
    fn area(&self, clean: &Clean) -> (Option<String>, bool) {
        if let Some(area) = &clean.area_override {
            return (Some(area.clone()), true);
        }
        let area = clean
            .postcode
            .as_deref()
            .and_then(values::postcode_district)
            .and_then(|district| self.areas_by_district.get(&district).cloned());
        (area, false)
    }

    fn version(&self, purpose: &str) -> Result<i64> {
        match self.versions.get(purpose) {
            Some(Ok(version)) => Ok(*version),
            Some(Err(err)) => Err(err.clone()),
            None => Err(Error::internal("An unknown consent column.")),
        }
    }
}

/// One row, checked and ready to store.
struct Parsed {
    clean: Clean,
    status: MembershipStatus,
    joined_on: time::Date,
    consents: Vec<(&'static str, bool)>,
}

struct Run<'t> {
    table: &'t Table,
    mapping: &'t Mapping,
    report: ImportReport,
    /// Rows the reader already found unusable (oversized cells, shifted cells).
    unreadable: HashSet<u32>,
    /// Earlier rows of this file, by e-mail, phone and postcode, to find duplicates within it.
    earlier: HashMap<String, Vec<(u32, Probe)>>,
    /// New members checked and not yet written, with their consent answers.
    pending: Vec<(NewPerson, Vec<(&'static str, bool)>)>,
}

impl<'t> Run<'t> {
    fn new(table: &'t Table, mapping: &'t Mapping) -> Self {
        let problems = table.problems(Some(mapping));
        let unreadable = problems.iter().map(|p| p.row).collect();
        let report = ImportReport {
            rows: u32::try_from(table.rows.len()).unwrap_or(u32::MAX),
            created: 0,
            updated: 0,
            duplicates: 0,
            rejected: 0,
            problems,
            mapping: mapping.clone(),
            headers: table.headers.clone(),
            applied: false,
        };
        Run {
            table,
            mapping,
            report,
            unreadable,
            earlier: HashMap::new(),
            pending: Vec::new(),
        }
    }

    /// The checks that need nothing from the database: the row's values, and whether an
    /// earlier row of the file is the same person.
    fn check(&mut self, row: &table::Row, context: &Context) -> Option<Checked> {
        if self.unreadable.contains(&row.number) {
            self.report.rejected += 1;
            return None;
        }
        let parsed = match self.parse(row, context) {
            Ok(parsed) => parsed,
            Err(problems) => {
                self.report.rejected += 1;
                self.report.problems.extend(problems);
                return None;
            }
        };
        let probe = probe(&parsed.clean);
        if let Some(first) = self.seen_before(&probe) {
            self.report.duplicates += 1;
            self.report.problems.push(Problem::new(
                row.number,
                String::new(),
                format!(
                    "This looks like the same person as row {first}, so it was not imported again"
                ),
            ));
            return None;
        }
        self.remember(row.number, probe.clone());
        Some(Checked {
            number: row.number,
            parsed,
            probe,
        })
    }

    /// A checked row, given the existing members it may be: reported or merged as a
    /// duplicate, or queued to be written as a new member.
    async fn store(
        &mut self,
        conn: &mut SqliteConnection,
        s: &Session,
        context: &Context,
        row: Checked,
        existing: Vec<DuplicateMatch>,
        policy: DuplicatePolicy,
    ) -> Result<()> {
        let Checked { number, parsed, .. } = row;
        if let Some(found) = existing.first() {
            self.report.duplicates += 1;
            let who = format!("{} {}", found.first_name, found.last_name);
            match policy {
                DuplicatePolicy::Skip => {
                    self.report.problems.push(Problem::new(number, String::new(), format!("This looks like {who}, who is already a member ({}), so it was skipped", found.reason)));
                }
                DuplicatePolicy::Merge => {
                    fill_blanks(conn, &found.person_id, &parsed.clean).await?;
                    for (purpose, given) in &parsed.consents {
                        consent::append_event(
                            conn,
                            &found.person_id,
                            purpose,
                            *given,
                            ConsentMethod::Import,
                            Some(s.user_id()),
                        )
                        .await?;
                    }
                    super::search::index(conn, &found.person_id).await?;
                    self.report.updated += 1;
                }
            }
            return Ok(());
        }
        for (purpose, _) in &parsed.consents {
            context.version(purpose)?;
        }
        let (area_id, overridden) = context.area(&parsed.clean);
        let person = NewPerson::new(
            parsed.clean,
            area_id,
            overridden,
            parsed.status,
            parsed.joined_on,
        );
        self.pending.push((person, parsed.consents));
        self.report.created += 1;
        Ok(())
    }

    /// Writes the new members checked since the last flush.
    async fn flush(
        &mut self,
        conn: &mut SqliteConnection,
        s: &Session,
        context: &Context,
    ) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let (people, consents): (Vec<NewPerson>, Vec<_>) =
            std::mem::take(&mut self.pending).into_iter().unzip();
        details::insert_many(
            conn,
            &people,
            s.user_id(),
            &context.source,
            context.renewal_months,
        )
        .await?;
        let mut events = Vec::new();
        for (person, consents) in people.iter().zip(&consents) {
            for (purpose, given) in consents {
                events.push(consent::NewEvent::new(
                    &person.id,
                    purpose,
                    *given,
                    context.version(purpose)?,
                    ConsentMethod::Import,
                    Some(s.user_id()),
                ));
            }
        }
        consent::append_events(conn, &events).await
    }

    fn cell(&self, row: &'t table::Row, field: ImportField) -> &'t str {
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

    fn parse(
        &self,
        row: &'t table::Row,
        context: &Context,
    ) -> std::result::Result<Parsed, Vec<Problem>> {
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
                    let field = form_field(&key, self.mapping);
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

    fn seen_before(&self, probe: &Probe) -> Option<u32> {
        keys(probe).iter().find_map(|key| {
            self.earlier
                .get(key)?
                .iter()
                .find(|(_, other)| duplicates::similar_names(probe, other))
                .map(|(row, _)| *row)
        })
    }

    fn remember(&mut self, row: u32, probe: Probe) {
        for key in keys(&probe) {
            self.earlier
                .entry(key)
                .or_default()
                .push((row, probe.clone()));
        }
    }
}

const CONSENT_COLUMNS: [(ImportField, &str); 6] = [
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

/// For the "merge" duplicate policy: blank fields of the existing member take the row's values.
async fn fill_blanks(conn: &mut SqliteConnection, person_id: &str, clean: &Clean) -> Result<()> {
    sqlx::query(
        "UPDATE people SET preferred_name = coalesce(preferred_name, ?), email = coalesce(email, ?), \
         email_key = coalesce(email_key, ?), phone = coalesce(phone, ?), address_line1 = coalesce(address_line1, ?), \
         address_line2 = coalesce(address_line2, ?), town = coalesce(town, ?), postcode = coalesce(postcode, ?), \
         heard_about = coalesce(heard_about, ?), notes = coalesce(notes, ?), updated_at = ? WHERE id = ?",
    )
    .bind(&clean.preferred_name)
    .bind(&clean.email)
    .bind(clean.email_key())
    .bind(&clean.phone)
    .bind(&clean.address_line1)
    .bind(&clean.address_line2)
    .bind(&clean.town)
    .bind(&clean.postcode)
    .bind(&clean.heard_about)
    .bind(&clean.notes)
    .bind(id::now_rfc3339())
    .bind(person_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// For the CLI's `--json`: exactly the shape scripts rely on.
#[derive(Serialize)]
pub struct ImportSummary<'a> {
    pub rows: u32,
    pub created: u32,
    pub updated: u32,
    pub duplicates: u32,
    pub rejected: u32,
    pub problems: &'a [Problem],
}

impl ImportReport {
    pub fn summary(&self) -> ImportSummary<'_> {
        ImportSummary {
            rows: self.rows,
            created: self.created,
            updated: self.updated,
            duplicates: self.duplicates,
            rejected: self.rejected,
            problems: &self.problems,
        }
    }
}
