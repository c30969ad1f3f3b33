//! CSV as Excel reads it well: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting.

use csv::{QuoteStyle, Terminator, WriterBuilder};

use super::{neutralise, Sheet};

/// The UTF-8 byte-order mark. Without it Excel on Windows reads a CSV as Windows-1252, and
/// "Zoë" or "Siobhán" come out as mojibake.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes the sheet as CSV. Every cell (headers included) is neutralised, phone columns too:
/// CSV cannot mark a cell as text, so `+447700900123` becomes `'+447700900123` rather than a
/// formula. Every field is quoted (OWASP's advice: a naive reader that splits on commas then
/// cannot be tricked into starting a new cell with a formula).
pub fn write_csv(sheet: &Sheet) -> Vec<u8> {
    let mut out = Vec::with_capacity(estimate_size(sheet));
    out.extend_from_slice(UTF8_BOM);
    let mut writer = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .quote_style(QuoteStyle::Always)
        // Ragged rows are written as they are rather than refused: an export should not fail
        // because one record has a missing trailing field.
        .flexible(true)
        .from_writer(out);
    // The only errors the csv writer reports are I/O errors from the underlying writer
    // (unequal lengths are allowed by `flexible`), and writing to a Vec never fails.
    write_record(&mut writer, &sheet.headers).expect("writing CSV to memory cannot fail");
    for row in &sheet.rows {
        write_record(&mut writer, row).expect("writing CSV to memory cannot fail");
    }
    writer
        .into_inner()
        .map_err(|e| e.into_error())
        .expect("flushing CSV to memory cannot fail")
}

fn write_record(writer: &mut csv::Writer<Vec<u8>>, cells: &[String]) -> csv::Result<()> {
    // Field by field so a neutralised cell is borrowed, not copied, in the common case.
    for cell in cells {
        writer.write_field(neutralise(cell).as_bytes())?;
    }
    writer.write_record(std::iter::empty::<&[u8]>())
}

/// A guess from the first rows, so a 100,000-row export does not regrow its buffer ~20 times.
fn estimate_size(sheet: &Sheet) -> usize {
    const SAMPLE: usize = 100;
    let sample: usize = sheet
        .rows
        .iter()
        .take(SAMPLE)
        .map(|row| row.iter().map(|c| c.len() + 3).sum::<usize>() + 2)
        .sum();
    let per_row = sample / sheet.rows.len().clamp(1, SAMPLE);
    UTF8_BOM.len() + per_row * sheet.rows.len() + 256
}
