//! Reads the first visible worksheet of an XLSX workbook with calamine.
//!
//! Cells are streamed (`worksheet_cells_reader`) rather than loaded as calamine's dense
//! `Range`: a hostile sheet with one cell in A1 and another in XFD1048576 would make that
//! range sixteen billion cells. Formulas are never evaluated; the value Excel saved with
//! the formula is what is read.

use std::io::Cursor;

use calamine::{
    DataRef, ExcelDateTime, ExcelDateTimeType, Reader, SheetType, SheetVisible, Xlsx, XlsxError,
};
use time::Date;

use crate::Error;

use super::table::{
    invalid, is_too_long, not_a_table, too_long_reason, too_many_columns, RawCell, Table,
    TableBuilder, MAX_COLUMNS, MAX_FILLED_CELLS, MAX_ROWS,
};
use super::values::excel_serial_date;

/// Days between the 1900 and 1904 date systems (old Mac workbooks use 1904).
const DAYS_1900_TO_1904: f64 = 1462.0;

pub(crate) fn read(file: &str, bytes: &[u8]) -> Result<Table, Error> {
    // calamine has not been hardened against hostile files; a panic in it must become a
    // refusal of the file, not the end of the app.
    std::panic::catch_unwind(|| read_workbook(file, bytes))
        .unwrap_or_else(|_| Err(not_a_table(file)))
}

fn read_workbook(file: &str, bytes: &[u8]) -> Result<Table, Error> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| open_error(file, &e))?;
    let sheets = workbook.sheets_metadata();
    let sheet = sheets
        .iter()
        .find(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .or_else(|| sheets.iter().find(|s| s.typ == SheetType::WorkSheet))
        .map(|s| s.name.clone())
        .ok_or_else(|| invalid(format!("{file} has no worksheet to read.")))?;

    // Cells as the file stores them: row by row, left to right, in every workbook Excel or a
    // library writes. Nothing obliges a file to, so they are sorted when they are not.
    let mut cells: Vec<(u32, u32, RawCell)> = Vec::new();
    let mut in_order = true;
    let mut rows = 0usize;
    let mut first_column = u32::MAX;
    let mut last_column = 0u32;
    {
        let mut reader = workbook
            .worksheet_cells_reader(&sheet)
            .map_err(|_| not_a_table(file))?;
        while let Some(cell) = reader.next_cell().map_err(|_| not_a_table(file))? {
            let Some(value) = cell_value(cell.get_value()) else {
                continue;
            };
            let (row, column) = cell.get_position();
            first_column = first_column.min(column);
            last_column = last_column.max(column);
            if last_column - first_column >= MAX_COLUMNS as u32 {
                return Err(too_many_columns(file));
            }
            match cells.last() {
                None => rows = 1,
                Some(&(r, c, _)) => {
                    in_order &= (r, c) < (row, column);
                    rows += usize::from(r != row);
                }
            }
            // In order, `rows` is the number of rows so far; out of order, the filled cells
            // alone bound what is held.
            if cells.len() >= MAX_FILLED_CELLS || (in_order && rows > MAX_ROWS + 1) {
                return Err(invalid(format!(
                    "{file} is too big to import in one go. Split it into smaller files and \
                     import them one at a time."
                )));
            }
            cells.push((row, column, value));
        }
    }
    if !in_order {
        // Stable: of two cells stored at one position, the later stays later, and wins below.
        cells.sort_by_key(|&(row, column, _)| (row, column));
    }

    let mut builder = TableBuilder::new(file);
    let mut cells = cells.into_iter().peekable();
    while let Some(&(row, ..)) = cells.peek() {
        let mut raw: Vec<RawCell> = Vec::new();
        while let Some((_, column, cell)) = cells.next_if(|&(r, ..)| r == row) {
            let index = (column - first_column) as usize;
            if let Some(earlier) = raw.get_mut(index) {
                *earlier = cell;
                continue;
            }
            raw.resize_with(index, || RawCell::Text(String::new()));
            raw.push(cell);
        }
        // calamine counts rows from 0; Excel shows them from 1.
        builder.push(row.saturating_add(1), raw)?;
    }
    builder.finish()
}

fn open_error(file: &str, error: &XlsxError) -> Error {
    match error {
        XlsxError::Password => invalid(format!(
            "{file} is protected with a password. Open it in Excel, remove the password, save \
             it, and choose it again."
        )),
        _ => not_a_table(file),
    }
}

/// The text a cell shows, or `None` for an empty cell.
fn cell_value(value: &DataRef<'_>) -> Option<RawCell> {
    let text = match value {
        DataRef::Empty => return None,
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(dt) => date_time_text(dt),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => {
            return Some(RawCell::Bad(format!(
                "this cell shows the spreadsheet error {e} instead of a value"
            )))
        }
    };
    if text.is_empty() {
        None
    } else if is_too_long(&text) {
        Some(RawCell::Bad(too_long_reason()))
    } else {
        Some(RawCell::Text(text))
    }
}

/// A number as Excel shows it in a General cell: whole numbers without ".0", and at most
/// 15 significant digits, so 0.1 + 0.2 reads "0.3" and a phone number stored as a number
/// reads as its digits.
pub(crate) fn number_text(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        return format!("{}", value as i64);
    }
    let rounded: f64 = format!("{value:.14e}").parse().unwrap_or(value);
    format!("{rounded}")
}

/// A date-formatted number as ISO text: "2024-03-05", or "2024-03-05 14:30" when it has a
/// time of day, or "14:30" for a time alone.
fn date_time_text(dt: &ExcelDateTime) -> String {
    let value = dt.as_f64();
    // calamine keeps the workbook's date system and the duration flag private unless its
    // `dates` feature (and chrono) is on, but `ExcelDateTime` compares them in `==`.
    let is_1904 = [ExcelDateTimeType::DateTime, ExcelDateTimeType::TimeDelta]
        .into_iter()
        .any(|kind| *dt == ExcelDateTime::new(value, kind, true));
    let is_duration = *dt == ExcelDateTime::new(value, ExcelDateTimeType::TimeDelta, is_1904);
    if is_duration || !value.is_finite() || value < 0.0 {
        return number_text(value);
    }
    let serial = if is_1904 {
        value + DAYS_1900_TO_1904
    } else {
        value
    };
    let mut days = serial.floor();
    let mut seconds = ((serial - days) * 86_400.0).round() as i64;
    if seconds >= 86_400 {
        days += 1.0;
        seconds -= 86_400;
    }
    let time = format_time(seconds);
    if days == 0.0 {
        return time.unwrap_or_else(|| "00:00".to_owned());
    }
    let Some(date) = excel_serial_date(days as i64) else {
        return number_text(value);
    };
    match time {
        Some(time) => format!("{} {time}", iso_date(date)),
        None => iso_date(date),
    }
}

fn format_time(seconds: i64) -> Option<String> {
    if seconds == 0 {
        return None;
    }
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    Some(if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    })
}

fn iso_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(number_text(42.0), "42");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(7_700_900_123.0), "7700900123");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(2.5), "2.5");
        assert_eq!(number_text(f64::NAN), "");
    }

    #[test]
    fn date_cells_become_iso_text_in_either_date_system() {
        let dt = |v, is_1904| ExcelDateTime::new(v, ExcelDateTimeType::DateTime, is_1904);
        assert_eq!(date_time_text(&dt(45_356.0, false)), "2024-03-05");
        assert_eq!(date_time_text(&dt(45_356.0 - 1462.0, true)), "2024-03-05");
        assert_eq!(
            date_time_text(&dt(45_356.604_166_666_7, false)),
            "2024-03-05 14:30"
        );
        assert_eq!(date_time_text(&dt(0.5, false)), "12:00");
        assert_eq!(date_time_text(&dt(1.0, false)), "1900-01-01");
        assert_eq!(date_time_text(&dt(61.0, false)), "1900-03-01");
    }
}
