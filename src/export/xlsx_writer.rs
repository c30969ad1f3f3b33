//! XLSX via rust_xlsxwriter: every cell a text cell, so nothing in an export is a formula.

use std::borrow::Cow;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{is_phone_like, neutralise, Sheet};
use crate::{Error, ErrorKind};

/// Excel's limits. Checked up front so an export that cannot fit fails with a message that
/// says why, before any work is done.
pub const XLSX_MAX_ROWS: usize = 1_048_576;
pub const XLSX_MAX_COLUMNS: usize = 16_384;
pub const XLSX_MAX_CELL_CHARS: usize = 32_767;

/// Column widths are measured on the first rows only: enough to size names and e-mails well
/// without a second pass over 100,000 rows.
const WIDTH_SAMPLE_ROWS: usize = 1_000;
const MIN_WIDTH: usize = 8;
const MAX_WIDTH: usize = 60;

/// Writes the sheet as an XLSX workbook with one worksheet, header row bold and frozen.
///
/// Every cell goes through `write_string`, which makes a text cell that Excel never evaluates.
/// Cells are neutralised as well, because a user who edits a text cell starting with `=` and
/// presses Enter turns it into a live formula. The exception is a phone-like value in one of
/// [`Sheet::phone_columns`]: it is written verbatim with Excel's hidden "quote prefix" style,
/// which keeps it text even after editing, so `+447700900123` reads as typed.
///
/// Fails (as a validation error) when the sheet exceeds Excel's row, column or cell-length
/// limits; CSV has no such limits. Line breaks inside cells are written as LF (see
/// `lf_line_breaks`).
pub fn write_xlsx(sheet: &Sheet) -> Result<Vec<u8>, Error> {
    check_limits(sheet)?;
    let mut workbook = Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name("Export").map_err(internal)?;
    write_headers(worksheet, sheet)?;
    let phone = Format::new().set_quote_prefix();
    for (r, row) in sheet.rows.iter().enumerate() {
        let excel_row = row_num(r + 1);
        for (c, cell) in row.iter().enumerate() {
            // Excel shows an empty text cell as blank anyway; skipping it keeps the file small.
            if cell.is_empty() {
                continue;
            }
            let col = col_num(c);
            let written = if sheet.is_phone_column(c) && is_phone_like(cell) {
                worksheet.write_string_with_format(excel_row, col, cell, &phone)
            } else {
                worksheet.write_string(excel_row, col, lf_line_breaks(neutralise(cell)))
            };
            written.map_err(|e| cell_error(e, r + 2, c, sheet))?;
        }
    }
    set_widths(worksheet, sheet).map_err(internal)?;
    workbook.save_to_buffer().map_err(internal)
}

/// Excel's line break inside a cell is a bare LF (Alt+Enter). A CR has to be stored as the
/// escape `_x000D_`, which Excel decodes but some readers show literally (calamine 0.26
/// did), so CRLF and lone CRs become LF.
fn lf_line_breaks(cell: Cow<'_, str>) -> Cow<'_, str> {
    if cell.contains('\r') {
        Cow::Owned(cell.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        cell
    }
}

fn write_headers(worksheet: &mut Worksheet, sheet: &Sheet) -> Result<(), Error> {
    let bold = Format::new().set_bold();
    for (c, header) in sheet.headers.iter().enumerate() {
        worksheet
            .write_string_with_format(0, col_num(c), lf_line_breaks(neutralise(header)), &bold)
            .map_err(|e| cell_error(e, 1, c, sheet))?;
    }
    // Freeze below the header so it stays in view while scrolling a long list.
    worksheet.set_freeze_panes(1, 0).map_err(internal)?;
    Ok(())
}

fn check_limits(sheet: &Sheet) -> Result<(), Error> {
    let rows = sheet.rows.len() + 1;
    if rows > XLSX_MAX_ROWS {
        return Err(too_big(format!(
            "This export has {rows} rows with its header, more than the {XLSX_MAX_ROWS} an \
             XLSX sheet can hold. Export it as CSV instead."
        )));
    }
    let columns = sheet
        .rows
        .iter()
        .map(Vec::len)
        .chain([sheet.headers.len()])
        .max()
        .unwrap_or(0);
    if columns > XLSX_MAX_COLUMNS {
        return Err(too_big(format!(
            "This export has {columns} columns, more than the {XLSX_MAX_COLUMNS} an XLSX sheet \
             can hold. Export it as CSV instead."
        )));
    }
    Ok(())
}

fn set_widths(worksheet: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    let mut widths: Vec<usize> = sheet.headers.iter().map(|h| h.chars().count()).collect();
    for row in sheet.rows.iter().take(WIDTH_SAMPLE_ROWS) {
        if row.len() > widths.len() {
            widths.resize(row.len(), 0);
        }
        for (width, cell) in widths.iter_mut().zip(row) {
            // Bounded count: a 30,000-character cell needs no more than MAX_WIDTH measured.
            *width = (*width).max(cell.chars().take(MAX_WIDTH).count());
        }
    }
    for (c, width) in widths.into_iter().enumerate() {
        // +2 leaves room for bold header text and the cell padding.
        let width = (width + 2).clamp(MIN_WIDTH, MAX_WIDTH);
        worksheet.set_column_width(col_num(c), width as f64)?;
    }
    Ok(())
}

fn cell_error(err: XlsxError, spreadsheet_row: usize, column: usize, sheet: &Sheet) -> Error {
    match err {
        XlsxError::MaxStringLengthExceeded => {
            let header = sheet.headers.get(column).map_or("", String::as_str);
            too_big(format!(
                "Row {spreadsheet_row}, column {} (\"{header}\") is longer than the \
                 {XLSX_MAX_CELL_CHARS} characters an XLSX cell can hold. Export it as CSV \
                 instead.",
                column + 1
            ))
        }
        other => internal(other),
    }
}

fn too_big(message: String) -> Error {
    Error::new(ErrorKind::Validation, message)
}

fn internal(err: XlsxError) -> Error {
    Error::internal(format!("The spreadsheet could not be written: {err}"))
}

// The limits checked in `check_limits` keep both conversions in range.
fn row_num(row: usize) -> u32 {
    u32::try_from(row).unwrap_or(u32::MAX)
}

fn col_num(column: usize) -> u16 {
    u16::try_from(column).unwrap_or(u16::MAX)
}
