//! A file of members as a grid of text: the column headings and the rows under them, each
//! numbered as a spreadsheet shows it. [`read`] accepts CSV (in the encodings and delimiters
//! Excel writes) and XLSX, and refuses anything else, or anything too big, with a reason a
//! volunteer can act on. It never fails a whole file because of one bad cell: the cell is
//! emptied and recorded in [`Row::problems`] so the caller can reject that row alone.

use crate::{Error, ErrorKind};

use super::{delimited, encoding, xlsx, Mapping, Problem};

/// More columns than this is not a members list (the old spreadsheet has about thirty).
pub const MAX_COLUMNS: usize = 1_000;
/// More data rows than this is refused: a forum has thousands of members, not millions.
pub const MAX_ROWS: usize = 1_000_000;
/// A longer cell is reported as a problem on its row (Excel itself stops at 32,767).
pub const MAX_CELL_CHARS: usize = 65_536;
/// Bounds memory for any file: every filled cell costs a `String` however short it is.
pub const MAX_FILLED_CELLS: usize = 10_000_000;

/// Why a row is flagged when it has values to the right of the last column heading.
pub const EXTRA_CELLS_REASON: &str =
    "this row has more cells than there are column headings (is there an unquoted comma?)";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Trimmed, never blank ("Column 5" where the file has none) and distinct
    /// ("Email", "Email (2)").
    pub headers: Vec<String>,
    /// The rows under the headings, in file order. Wholly blank rows are left out, but every
    /// row keeps its own number, so numbers can skip.
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row number a spreadsheet shows: for a CSV the heading row is 1 and a record with
    /// a line break inside quotes is still one row; for XLSX it is the sheet's own number.
    pub number: u32,
    /// At least one cell per heading (short rows are padded with empty cells). More cells
    /// than headings only when the row has values beyond the last heading; then `problems`
    /// holds an [`EXTRA_CELLS_REASON`] entry.
    pub cells: Vec<String>,
    /// Cells that could not be read (too long, or an Excel error such as `#N/A`); each such
    /// cell is empty in `cells`. A row with problems must not be imported as it stands.
    pub problems: Vec<CellProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    /// Index into `Row::cells` (and into `Table::headers` when below its length).
    pub column: usize,
    /// Plain English, fit for "row 7, column Notes: <reason>".
    pub reason: String,
}

impl Row {
    /// The cell's text, or "" beyond the end of the row.
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }
}

impl Table {
    /// The heading of a column, or "Column N" (counting from 1) beyond the headings.
    pub fn column_name(&self, column: usize) -> String {
        self.headers
            .get(column)
            .cloned()
            .unwrap_or_else(|| format!("Column {}", column + 1))
    }

    /// Every cell problem in the file, in row order, ready to show. With a mapping, problems
    /// in columns the mapping leaves out are skipped (a too-long cell nobody imports does not
    /// matter); values beyond the last heading are always reported, because they usually
    /// mean the row's values have shifted into the wrong columns.
    pub fn problems(&self, mapping: Option<&Mapping>) -> Vec<Problem> {
        let wanted = |column: usize| match mapping {
            None => true,
            Some(mapping) => {
                column >= self.headers.len() || mapping.0.get(column).is_some_and(Option::is_some)
            }
        };
        self.rows
            .iter()
            .flat_map(|row| {
                row.problems
                    .iter()
                    .filter(|p| wanted(p.column))
                    .map(|p| Problem::new(row.number, self.column_name(p.column), &p.reason))
            })
            .collect()
    }
}

/// Reads a members file. `file_name` is used to tell CSV from XLSX when the content does
/// not, and to name the file in messages (only its last path component is shown).
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Table, Error> {
    let file = display_name(file_name);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(invalid(format!("{file} is empty.")));
    }
    let lower = file.to_lowercase();
    // Content wins over the name: a workbook renamed to .csv is still a workbook.
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return xlsx::read(&file, bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // The Compound File format: a pre-2007 .xls, or an .xlsx saved with a password.
        return Err(invalid(format!(
            "{file} is an old-style Excel file (.xls) or is protected with a password. Open it \
             in Excel, remove any password, and save it as an Excel Workbook (.xlsx) or CSV."
        )));
    }
    if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        return xlsx::read(&file, bytes);
    }
    let text = encoding::decode(&file, bytes)?;
    delimited::read(&file, &text)
}

/// The last path component, so messages name the file the volunteer picked.
fn display_name(file_name: &str) -> String {
    let name = file_name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    if name.is_empty() {
        "The file".to_owned()
    } else {
        name.to_owned()
    }
}

pub(crate) fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Validation, message)
}

pub(crate) fn not_a_table(file: &str) -> Error {
    invalid(format!(
        "{file} does not look like a CSV or Excel file. Save the members list from your \
         spreadsheet as CSV or as an Excel Workbook (.xlsx) and choose that file."
    ))
}

pub(crate) fn too_many_columns(file: &str) -> Error {
    invalid(format!(
        "{file} has more than {} columns, far more than a members list has, so nothing was \
         read. Check it is the right file, or delete the columns you do not need.",
        with_commas(MAX_COLUMNS)
    ))
}

/// 1000000 → "1,000,000", as messages show numbers.
pub(crate) fn with_commas(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(crate) fn too_long_reason() -> String {
    format!(
        "this cell is longer than {} characters",
        with_commas(MAX_CELL_CHARS)
    )
}

/// True when the text is over [`MAX_CELL_CHARS`] characters (counting only when the byte
/// length says it might be, as counting a 50 MB cell takes a moment).
pub(crate) fn is_too_long(text: &str) -> bool {
    text.len() > MAX_CELL_CHARS && text.chars().count() > MAX_CELL_CHARS
}

/// A cell as a reader found it, before the table is shaped.
pub(crate) enum RawCell {
    Text(String),
    /// Unreadable; the reason becomes a [`CellProblem`].
    Bad(String),
}

impl RawCell {
    fn is_blank(&self) -> bool {
        matches!(self, RawCell::Text(text) if text.trim().is_empty())
    }
}

/// Shapes the records a reader produces into a [`Table`] and enforces the size limits as
/// rows arrive, so an oversized file is refused before it is all in memory.
pub(crate) struct TableBuilder<'f> {
    file: &'f str,
    headers: Option<Vec<String>>,
    rows: Vec<Row>,
    filled: usize,
}

impl<'f> TableBuilder<'f> {
    pub(crate) fn new(file: &'f str) -> Self {
        Self {
            file,
            headers: None,
            rows: Vec::new(),
            filled: 0,
        }
    }

    /// Adds the record the file shows as row `number`. The first non-blank record is the
    /// headings; blank records are dropped (their numbers are simply not used).
    pub(crate) fn push(&mut self, number: u32, cells: Vec<RawCell>) -> Result<(), Error> {
        if cells.len() > MAX_COLUMNS {
            return Err(too_many_columns(self.file));
        }
        if cells.iter().all(RawCell::is_blank) {
            return Ok(());
        }
        let Some(headers) = &self.headers else {
            self.headers = Some(header_names(self.file, cells)?);
            return Ok(());
        };
        if self.rows.len() >= MAX_ROWS {
            return Err(invalid(format!(
                "{} has more than {} rows. Split it into smaller files and import them one \
                 at a time.",
                self.file,
                with_commas(MAX_ROWS)
            )));
        }
        self.filled += cells.iter().filter(|c| !c.is_blank()).count();
        if self.filled > MAX_FILLED_CELLS {
            return Err(invalid(format!(
                "{} has more than {} filled cells, too many to import in one go. Split it \
                 into smaller files and import them one at a time.",
                self.file,
                with_commas(MAX_FILLED_CELLS)
            )));
        }
        self.rows.push(shape_row(number, cells, headers.len()));
        Ok(())
    }

    pub(crate) fn finish(self) -> Result<Table, Error> {
        let Some(headers) = self.headers else {
            return Err(invalid(format!("{} is empty.", self.file)));
        };
        if self.rows.is_empty() {
            return Err(invalid(format!(
                "{} has column headings but no rows of members under them.",
                self.file
            )));
        }
        Ok(Table {
            headers,
            rows: self.rows,
        })
    }
}

fn shape_row(number: u32, raw: Vec<RawCell>, width: usize) -> Row {
    let mut cells = Vec::with_capacity(raw.len().max(width));
    let mut problems = Vec::new();
    for (column, cell) in raw.into_iter().enumerate() {
        match cell {
            RawCell::Text(text) => cells.push(text),
            RawCell::Bad(reason) => {
                cells.push(String::new());
                problems.push(CellProblem { column, reason });
            }
        }
    }
    // Blank cells past the last heading are the trailing commas some programs write.
    let filled_len = cells
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |i| i + 1)
        .max(problems.last().map_or(0, |p| p.column + 1));
    cells.truncate(filled_len.max(width));
    if cells.len() > width {
        let first_extra = (width..cells.len())
            .find(|&i| !cells[i].trim().is_empty() || problems.iter().any(|p| p.column == i))
            .unwrap_or(width);
        problems.push(CellProblem {
            column: first_extra,
            reason: EXTRA_CELLS_REASON.to_owned(),
        });
    }
    cells.resize(cells.len().max(width), String::new());
    Row {
        number,
        cells,
        problems,
    }
}

/// Trims the headings, names blank ones after their column and numbers repeats, so every
/// column can be told apart in the mapping screen and in problem reports.
fn header_names(file: &str, raw: Vec<RawCell>) -> Result<Vec<String>, Error> {
    let mut texts = Vec::with_capacity(raw.len());
    for (i, cell) in raw.into_iter().enumerate() {
        match cell {
            RawCell::Text(text) => {
                texts.push(text.split_whitespace().collect::<Vec<_>>().join(" "))
            }
            RawCell::Bad(_) => {
                return Err(invalid(format!(
                    "The heading of column {} in {file} cannot be read as a column heading \
                     (it is too long or shows an error). Check the first row of the file \
                     holds the column headings.",
                    i + 1
                )))
            }
        }
    }
    // Blank headings at the end are unused formatted columns, not columns of data.
    let width = texts
        .iter()
        .rposition(|t| !t.is_empty())
        .map_or(0, |i| i + 1);
    texts.truncate(width);
    let mut seen = std::collections::HashSet::new();
    let mut headers = Vec::with_capacity(width);
    for (i, text) in texts.into_iter().enumerate() {
        let base = if text.is_empty() {
            format!("Column {}", i + 1)
        } else {
            text
        };
        let mut name = base.clone();
        let mut n = 2;
        while !seen.insert(name.to_lowercase()) {
            name = format!("{base} ({n})");
            n += 1;
        }
        headers.push(name);
    }
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> RawCell {
        RawCell::Text(s.to_owned())
    }

    #[test]
    fn numbers_are_written_with_thousands_separators() {
        assert_eq!(with_commas(0), "0");
        assert_eq!(with_commas(999), "999");
        assert_eq!(with_commas(1_000), "1,000");
        assert_eq!(with_commas(65_536), "65,536");
        assert_eq!(with_commas(1_000_000), "1,000,000");
    }

    #[test]
    fn headings_are_trimmed_named_and_made_distinct() {
        let raw = vec![
            text("  Email \n address "),
            text(""),
            text("email address"),
            text("Email address (2)"),
            text("Name"),
            text(" "),
        ];
        let headers = header_names("f.csv", raw).expect("headers");
        assert_eq!(
            headers,
            [
                "Email address",
                "Column 2",
                "email address (2)",
                "Email address (2) (2)",
                "Name"
            ]
        );
    }

    #[test]
    fn short_rows_are_padded_and_trailing_blanks_dropped() {
        let row = shape_row(3, vec![text("a")], 3);
        assert_eq!(row.cells, ["a", "", ""]);
        assert!(row.problems.is_empty());
        let row = shape_row(
            4,
            vec![text("a"), text("b"), text("c"), text(""), text(" ")],
            3,
        );
        assert_eq!(row.cells, ["a", "b", "c"]);
        assert!(row.problems.is_empty());
    }

    #[test]
    fn values_beyond_the_headings_are_kept_and_flagged() {
        let row = shape_row(5, vec![text("a"), text("b"), text(""), text("x")], 2);
        assert_eq!(row.cells, ["a", "b", "", "x"]);
        assert_eq!(
            row.problems,
            [CellProblem {
                column: 3,
                reason: EXTRA_CELLS_REASON.to_owned()
            }]
        );
    }

    #[test]
    fn display_name_keeps_only_the_last_path_component() {
        assert_eq!(display_name("C:\\Users\\jo\\members.csv"), "members.csv");
        assert_eq!(display_name("/home/jo/members.xlsx"), "members.xlsx");
        assert_eq!(display_name(""), "The file");
    }
}
