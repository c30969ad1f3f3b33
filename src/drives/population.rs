//! The local SEND population by area, SEN2 primary need and age band: the figures the
//! reach-gap view compares the membership with. An admin types them in cell by cell or
//! imports them from a CSV (the template is in the README); the source and the year they
//! describe are kept beside them. These are published statistics, not personal data, but a
//! wrong figure would send a drive to the wrong place, so every change is audited.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::import::{self, Problem, Table};
use crate::members::model::{AgeBand, Need};
use crate::role::Action;
use crate::session::Session;
use crate::{id, Error, ErrorKind, Result};

/// The largest figure a cell takes: more children than any English local authority has.
pub const MAX_CHILDREN: i64 = 10_000_000;
/// A population file bigger than this is refused before it is read: one row per area, need
/// and age band is a few hundred kilobytes at most.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
const MAX_SOURCE_CHARS: usize = 200;

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PopulationCell.ts")]
pub struct PopulationCell {
    pub area_id: String,
    pub area_name: String,
    pub primary_need: Need,
    pub age_band: AgeBand,
    #[ts(type = "number")]
    pub children: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Population.ts")]
pub struct Population {
    /// The year the figures describe, for example 2026 for the January 2026 census.
    pub year: Option<i32>,
    /// Where they come from, for example "DfE SEN2 2026, split by area by the council".
    pub source: String,
    /// By area name, then need, then age band.
    pub cells: Vec<PopulationCell>,
    #[ts(type = "number")]
    pub total: i64,
}

/// One cell as an admin types it. Options are `None` until chosen, as a form sends them.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "PopulationCellInput.ts")]
pub struct PopulationCellInput {
    pub area_id: String,
    pub primary_need: Option<Need>,
    pub age_band: Option<AgeBand>,
    #[ts(type = "number | null")]
    pub children: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "PopulationSourceInput.ts")]
pub struct PopulationSourceInput {
    pub year: Option<i32>,
    pub source: String,
}

/// The outcome of a population import. Nothing is written unless every row is right
/// (`applied`); the problems say which rows and columns to fix.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "PopulationImportReport.ts")]
pub struct PopulationImportReport {
    /// Rows of figures in the file.
    pub rows: u32,
    /// Cells stored (0 unless applied).
    pub cells: u32,
    #[ts(type = "number")]
    pub total_children: i64,
    pub applied: bool,
    pub problems: Vec<Problem>,
    /// Headings in the file that are not part of the template, left unread.
    pub ignored_columns: Vec<String>,
}

/// The figures, their source and year. Admins and officers (anyone who may see the reach
/// gap) may read them.
pub async fn list(s: &Session) -> Result<Population> {
    s.require(Action::ViewReachGap)?;
    let mut conn = s.db().reader().acquire().await?;
    load(&mut conn).await
}

pub(crate) async fn load(conn: &mut SqliteConnection) -> Result<Population> {
    let (year, source): (Option<i32>, String) =
        sqlx::query_as("SELECT population_year, population_source FROM forum WHERE id = 1")
            .fetch_one(&mut *conn)
            .await?;
    let mut cells: Vec<PopulationCell> = sqlx::query_as(
        "SELECT f.area_id, a.name AS area_name, f.primary_need, f.age_band, f.children \
         FROM population_figures f JOIN areas a ON a.id = f.area_id \
         ORDER BY a.name COLLATE NOCASE, f.area_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    // Needs and bands in the order the app lists them, not alphabetically.
    let need_order = |n: Need| Need::ALL.iter().position(|x| *x == n);
    let band_order = |b: AgeBand| AgeBand::ALL.iter().position(|x| *x == b);
    cells.sort_by(|a, b| {
        (a.area_name.to_lowercase(), &a.area_id)
            .cmp(&(b.area_name.to_lowercase(), &b.area_id))
            .then(need_order(a.primary_need).cmp(&need_order(b.primary_need)))
            .then(band_order(a.age_band).cmp(&band_order(b.age_band)))
    });
    let total = cells.iter().map(|c| c.children).sum();
    Ok(Population {
        year,
        source,
        cells,
        total,
    })
}

/// Adds a cell or changes its figure.
pub async fn save_cell(s: &Session, input: PopulationCellInput) -> Result<Population> {
    s.require(Action::ManagePopulation)?;
    let mut errors = FieldErrors::default();
    if input.area_id.trim().is_empty() {
        errors.add("areaId", "Select the area");
    }
    if input.primary_need.is_none() {
        errors.add("primaryNeed", "Select the primary need");
    }
    if input.age_band.is_none() {
        errors.add("ageBand", "Select the age band");
    }
    match input.children {
        None => errors.add("children", "Enter the number of children and young people"),
        Some(n) if n < 0 => errors.add("children", "The number of children cannot be negative"),
        Some(n) if n > MAX_CHILDREN => errors.add(
            "children",
            format!(
                "Enter a number no bigger than {}",
                import::table::with_commas(MAX_CHILDREN as usize)
            ),
        ),
        Some(_) => {}
    }
    errors.finish()?;
    let (Some(need), Some(band), Some(children)) =
        (input.primary_need, input.age_band, input.children)
    else {
        return Err(Error::internal("The figure was checked but not complete."));
    };
    let mut tx = s.db().write().await?;
    let area: Option<String> = sqlx::query_scalar("SELECT id FROM areas WHERE id = ?")
        .bind(input.area_id.trim())
        .fetch_optional(&mut *tx)
        .await?;
    let Some(area_id) = area else {
        return Err(Error::field(
            "areaId",
            "Select one of the forum's areas (an admin sets them up under Areas)",
        ));
    };
    sqlx::query(
        "INSERT INTO population_figures (area_id, primary_need, age_band, children, updated_at) \
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (area_id, primary_need, age_band) DO UPDATE SET \
         children = excluded.children, updated_at = excluded.updated_at",
    )
    .bind(&area_id)
    .bind(need)
    .bind(band)
    .bind(children)
    .bind(id::now_rfc3339())
    .execute(&mut *tx)
    .await?;
    let cell = cell_id(&area_id, need, band);
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "population.cell_saved",
            entity: "population",
            entity_id: Some(&cell),
            changes: json!({"fields": ["children"]}),
        },
    )
    .await?;
    let population = load(&mut tx).await?;
    tx.commit().await?;
    Ok(population)
}

/// Removes one cell's figure.
pub async fn remove_cell(
    s: &Session,
    area_id: &str,
    primary_need: Need,
    age_band: AgeBand,
) -> Result<Population> {
    s.require(Action::ManagePopulation)?;
    let mut tx = s.db().write().await?;
    let done = sqlx::query(
        "DELETE FROM population_figures WHERE area_id = ? AND primary_need = ? AND age_band = ?",
    )
    .bind(area_id)
    .bind(primary_need)
    .bind(age_band)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::not_found(
            "There is no figure for that area, need and age band.",
        ));
    }
    let cell = cell_id(area_id, primary_need, age_band);
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "population.cell_removed",
            entity: "population",
            entity_id: Some(&cell),
            changes: json!({}),
        },
    )
    .await?;
    let population = load(&mut tx).await?;
    tx.commit().await?;
    Ok(population)
}

/// Records where the figures come from and the year they describe.
pub async fn set_source(s: &Session, input: PopulationSourceInput) -> Result<Population> {
    s.require(Action::ManagePopulation)?;
    let mut errors = FieldErrors::default();
    let (year, source) = check_source(&mut errors, input.year, &input.source);
    errors.finish()?;
    let mut tx = s.db().write().await?;
    sqlx::query("UPDATE forum SET population_year = ?, population_source = ? WHERE id = 1")
        .bind(year)
        .bind(&source)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "population.source_set",
            entity: "population",
            entity_id: None,
            changes: json!({"fields": ["year", "source"]}),
        },
    )
    .await?;
    let population = load(&mut tx).await?;
    tx.commit().await?;
    Ok(population)
}

fn check_source(errors: &mut FieldErrors, year: Option<i32>, source: &str) -> (i32, String) {
    let latest = id::today_london().year() + 1;
    let year = match year {
        None => {
            errors.add(
                "year",
                "Enter the year the figures describe, for example 2026",
            );
            0
        }
        Some(y) if !(2000..=latest).contains(&y) => {
            errors.add("year", format!("Enter a year between 2000 and {latest}"));
            y
        }
        Some(y) => y,
    };
    let source = source.trim().to_owned();
    if source.chars().count() > MAX_SOURCE_CHARS {
        errors.add(
            "source",
            format!("Where the figures come from must be {MAX_SOURCE_CHARS} characters or fewer"),
        );
    } else if source.chars().any(char::is_control) {
        errors.add(
            "source",
            "Where the figures come from must not contain line breaks or tabs",
        );
    }
    (year, source)
}

/// How a cell is named in the audit trail: `<area id>/<need>/<band>`.
fn cell_id(area_id: &str, need: Need, band: AgeBand) -> String {
    format!("{area_id}/{}/{}", need.as_str(), band.as_str())
}

/// Imports the figures in a CSV (or XLSX) file, replacing all the figures held, and records
/// the year and source given. Every row is checked first; if any has a problem, nothing is
/// written and the report lists them all.
pub async fn import(
    s: &Session,
    file_name: &str,
    bytes: &[u8],
    source: PopulationSourceInput,
) -> Result<PopulationImportReport> {
    s.require(Action::ManagePopulation)?;
    let mut errors = FieldErrors::default();
    let (year, source_text) = check_source(&mut errors, source.year, &source.source);
    errors.finish()?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::new(
            ErrorKind::Validation,
            format!(
                "That file is {} MB, far bigger than a table of population figures (one row \
                 per area, need and age band). Check it is the right file.",
                bytes.len() / (1024 * 1024)
            ),
        ));
    }
    // The reader was written for members lists; its whole-file messages say so.
    let table = import::read(file_name, bytes).map_err(|mut err| {
        err.message = err
            .message
            .replace("rows of members", "rows of figures")
            .replace("the members list", "the figures")
            .replace("a members list", "a table of figures");
        err
    })?;
    let columns = Columns::find(&table)?;
    let mut tx = s.db().write().await?;
    let areas: Vec<(String, String)> = sqlx::query_as("SELECT id, name FROM areas")
        .fetch_all(&mut *tx)
        .await?;
    let rows = check_rows(&table, &columns, &areas);
    let mut report = PopulationImportReport {
        rows: u32::try_from(table.rows.len()).unwrap_or(u32::MAX),
        cells: 0,
        total_children: rows.cells.iter().map(|c| c.3).sum(),
        applied: false,
        problems: rows.problems,
        ignored_columns: columns.ignored,
    };
    if !report.problems.is_empty() {
        drop(tx);
        return Ok(report);
    }
    sqlx::query("DELETE FROM population_figures")
        .execute(&mut *tx)
        .await?;
    let now = id::now_rfc3339();
    for (area_id, need, band, children) in &rows.cells {
        sqlx::query(
            "INSERT INTO population_figures (area_id, primary_need, age_band, children, \
             updated_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(area_id)
        .bind(need)
        .bind(band)
        .bind(children)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("UPDATE forum SET population_year = ?, population_source = ? WHERE id = 1")
        .bind(year)
        .bind(&source_text)
        .execute(&mut *tx)
        .await?;
    report.cells = u32::try_from(rows.cells.len()).unwrap_or(u32::MAX);
    report.applied = true;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "population.imported",
            entity: "population",
            entity_id: None,
            changes: json!({"cells": report.cells, "fields": ["year", "source"]}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

/// Which column of the file holds each of the template's four values.
struct Columns {
    area: usize,
    need: usize,
    band: usize,
    children: usize,
    ignored: Vec<String>,
}

impl Columns {
    fn find(table: &Table) -> Result<Columns> {
        let key = |h: &str| {
            h.to_lowercase()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
        };
        let mut found: [Option<usize>; 4] = [None; 4];
        let mut ignored = Vec::new();
        for (i, heading) in table.headers.iter().enumerate() {
            let slot = match key(heading).as_str() {
                "area" | "areaname" | "district" => 0,
                "primaryneed" | "need" | "sen2primaryneed" => 1,
                "ageband" | "age" => 2,
                "children" | "number" | "count" | "childrenandyoungpeople" => 3,
                _ => {
                    ignored.push(heading.clone());
                    continue;
                }
            };
            if found[slot].is_some() {
                return Err(Error::new(
                    ErrorKind::Validation,
                    format!(
                        "The file has two columns for the same value (\u{201c}{heading}\u{201d} \
                         is the second). Keep one and import again."
                    ),
                ));
            }
            found[slot] = Some(i);
        }
        let names = ["area", "primary_need", "age_band", "children"];
        let missing: Vec<&str> = names
            .iter()
            .zip(found)
            .filter(|(_, f)| f.is_none())
            .map(|(n, _)| *n)
            .collect();
        match found {
            [Some(area), Some(need), Some(band), Some(children)] => Ok(Columns {
                area,
                need,
                band,
                children,
                ignored,
            }),
            _ => Err(Error::new(
                ErrorKind::Validation,
                format!(
                    "The file has no column headed {}. The first row must hold the headings \
                     area, primary_need, age_band and children (see the template in the \
                     README).",
                    missing.join(", ")
                ),
            )),
        }
    }
}

type CheckedCell = (String, Need, AgeBand, i64);

struct Checked {
    cells: Vec<CheckedCell>,
    problems: Vec<Problem>,
}

fn check_rows(table: &Table, columns: &Columns, areas: &[(String, String)]) -> Checked {
    let by_name: HashMap<String, &str> = areas
        .iter()
        .map(|(id, name)| (fold(name), id.as_str()))
        .collect();
    let mut problems = table.problems(None);
    let unreadable: HashSet<u32> = problems.iter().map(|p| p.row).collect();
    let mut cells = Vec::with_capacity(table.rows.len());
    let mut seen: HashMap<(String, Need, AgeBand), u32> = HashMap::new();
    for row in &table.rows {
        if unreadable.contains(&row.number) {
            continue;
        }
        let mut problem = |column: usize, message: String| {
            problems.push(Problem::new(row.number, table.column_name(column), message));
        };
        let area = checked(row.cell(columns.area), "the area", |text| {
            by_name
                .get(&fold(text))
                .map(|id| (*id).to_owned())
                .ok_or_else(|| {
                    format!(
                        "{} is not one of the forum's areas: use an area's name exactly as it is \
                     set up under Areas",
                        quoted(text)
                    )
                })
        })
        .map_err(|m| problem(columns.area, m))
        .ok();
        let need = checked(row.cell(columns.need), "the primary need", parse_need)
            .map_err(|m| problem(columns.need, m))
            .ok();
        let band = checked(row.cell(columns.band), "the age band", parse_band)
            .map_err(|m| problem(columns.band, m))
            .ok();
        let children = checked(
            row.cell(columns.children),
            "the number of children",
            parse_count,
        )
        .map_err(|m| problem(columns.children, m))
        .ok();
        let (Some(area), Some(need), Some(band), Some(children)) = (area, need, band, children)
        else {
            continue;
        };
        if let Some(first) = seen.insert((area.clone(), need, band), row.number) {
            problem(
                columns.area,
                format!(
                    "row {first} already gives a figure for this area, need and age band: keep \
                     one of the two rows"
                ),
            );
            continue;
        }
        cells.push((area, need, band, children));
    }
    problems.sort_by_key(|p| p.row);
    Checked { cells, problems }
}

/// Checks a cell's text is there and is plain text, then parses it.
fn checked<T>(
    text: &str,
    what: &str,
    parse: impl FnOnce(&str) -> std::result::Result<T, String>,
) -> std::result::Result<T, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("enter {what}"));
    }
    if text.starts_with(['=', '+', '@']) || (text.starts_with('-') && !is_number(text)) {
        return Err(format!(
            "{} looks like a spreadsheet formula: type {what} itself",
            quoted(text)
        ));
    }
    if text.contains('<') && text.contains('>') {
        return Err(format!(
            "{} looks like web page code, not {what}",
            quoted(text)
        ));
    }
    parse(text)
}

fn is_number(text: &str) -> bool {
    text.trim_start_matches('-')
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// Lower case with single spaces, for matching names as typed.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn quoted(text: &str) -> String {
    const MAX: usize = 40;
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().count() <= MAX {
        format!("\u{201c}{text}\u{201d}")
    } else {
        let start: String = text.chars().take(MAX).collect();
        format!("\u{201c}{start}\u{2026}\u{201d}")
    }
}

/// A SEN2 code ("ASD") or the need's name ("Autistic spectrum disorder").
pub fn parse_need(text: &str) -> std::result::Result<Need, String> {
    // Names are compared by their letters alone: "Social, emotional and mental health" and
    // "social emotional & mental health" are the same need.
    let letters = |t: &str| {
        t.to_lowercase()
            .replace('&', "and")
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let key = letters(text);
    Need::parse(text)
        .or_else(|| {
            Need::ALL
                .iter()
                .copied()
                .find(|n| letters(n.label()) == key)
        })
        .ok_or_else(|| {
            format!(
                "{} is not a SEN2 primary need: use a code such as ASD, SEMH or SLCN, or the \
                 need's name",
                quoted(text)
            )
        })
}

/// One of the app's age bands, as "5-10", "5–10" or "5 to 10".
pub fn parse_band(text: &str) -> std::result::Result<AgeBand, String> {
    let normal: String = fold(text)
        .replace(" to ", "-")
        .replace(['\u{2013}', '\u{2014}'], "-")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    AgeBand::parse(&normal).ok_or_else(|| {
        format!(
            "{} is not one of the age bands: use 0-4, 5-10, 11-15, 16-19 or 20-25",
            quoted(text)
        )
    })
}

/// A whole number of children, with or without thousands separators.
fn parse_count(text: &str) -> std::result::Result<i64, String> {
    let digits: String = text.chars().filter(|c| *c != ',').collect();
    match digits.parse::<i64>() {
        Ok(n) if n < 0 => Err("the number of children cannot be negative".into()),
        Ok(n) if n > MAX_CHILDREN => Err(format!(
            "{} is more children than any local authority has",
            quoted(text)
        )),
        Ok(n) => Ok(n),
        Err(_) => Err(format!(
            "{} is not a whole number of children",
            quoted(text)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_are_read_by_code_or_name() {
        assert_eq!(parse_need(" asd "), Ok(Need::Asd));
        assert_eq!(parse_need("Autistic  spectrum disorder"), Ok(Need::Asd));
        assert_eq!(parse_need("semh"), Ok(Need::Semh));
        assert_eq!(
            parse_need("social emotional & mental health"),
            Ok(Need::Semh)
        );
        assert!(parse_need("autism-ish").is_err());
    }

    #[test]
    fn bands_accept_dashes_and_words() {
        assert_eq!(parse_band("5-10"), Ok(AgeBand::Age5To10));
        assert_eq!(parse_band("5 \u{2013} 10"), Ok(AgeBand::Age5To10));
        assert_eq!(parse_band("11 to 15"), Ok(AgeBand::Age11To15));
        assert!(parse_band("5-11").is_err());
    }

    #[test]
    fn counts_are_whole_and_not_negative() {
        assert_eq!(parse_count("1,234"), Ok(1234));
        assert!(parse_count("-3").is_err());
        assert!(parse_count("3.5").is_err());
        assert!(checked("=1+1", "x", parse_count).is_err());
        assert!(checked("-3", "x", parse_count)
            .expect_err("negative")
            .contains("negative"));
    }
}
