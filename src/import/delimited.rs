//! Reads delimited text (CSV, semicolon- or tab-separated) into a table.
//!
//! This is a small reader of its own rather than the `csv` crate because the import needs
//! three things that crate does not give: row numbers that match Excel's (it skips blank
//! lines without counting them, so every later row number would be off), a clear refusal
//! when a quotation mark is never closed (it silently reads the rest of the file into one
//! cell), and oversized cells noticed without being copied (a 50 MB cell is checked where
//! it lies in the input and never duplicated).
//!
//! The rules follow RFC 4180 and Excel: a field that starts with `"` runs to the next `"`
//! that is not doubled, and may hold delimiters and line breaks; a `"` anywhere else is an
//! ordinary character; a line ends at CRLF, LF or CR.

use crate::Error;

use super::table::{
    invalid, is_too_long, too_long_reason, too_many_columns, RawCell, Table, TableBuilder,
    MAX_CELL_CHARS, MAX_COLUMNS,
};

pub(crate) fn read(file: &str, text: &str) -> Result<Table, Error> {
    // Old DOS programs end text files with Ctrl-Z.
    let text = text.trim_end_matches('\u{1a}');
    let (delimiter, body) = match excel_separator_line(text) {
        Some(found) => found,
        None => (sniff_delimiter(text), text),
    };
    let mut builder = TableBuilder::new(file);
    let bytes = body.as_bytes();
    let mut pos = 0;
    let mut number: u32 = 0;
    while pos < bytes.len() {
        number = number
            .checked_add(1)
            .ok_or_else(|| invalid(format!("{file} has too many rows.")))?;
        let (cells, next) = read_record(file, body, pos, delimiter, number)?;
        pos = next;
        builder.push(number, cells)?;
    }
    builder.finish()
}

/// Excel honours a first line `sep=;` naming the delimiter, and hides that line, so the
/// headings are still row 1.
fn excel_separator_line(text: &str) -> Option<(u8, &str)> {
    let end = text.find(['\r', '\n']).unwrap_or(text.len());
    let line = text.get(..end)?;
    let rest = line
        .strip_prefix("sep=")
        .or_else(|| line.strip_prefix("SEP="))?;
    let &[delimiter] = rest.as_bytes() else {
        return None;
    };
    let body = text.get(end..)?;
    let body = body
        .strip_prefix("\r\n")
        .or_else(|| body.strip_prefix('\n'))
        .or_else(|| body.strip_prefix('\r'))
        .unwrap_or(body);
    Some((delimiter, body))
}

/// Picks comma, semicolon or tab by counting each on the heading line, outside quotes. On
/// a tie the rarer delimiter wins: a heading such as "Town, city" is more likely in a
/// semicolon file than a semicolon in a comma file, and tabs in headings are rarer still.
fn sniff_delimiter(text: &str) -> u8 {
    let line = text.trim_start_matches(['\r', '\n']).as_bytes();
    let mut counts = [(b'\t', 0usize), (b';', 0), (b',', 0)];
    let mut quoted = false;
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b'\r' | b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == b) {
                    entry.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &(d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

/// Reads the record starting at `start`; returns its cells and where the next one starts.
fn read_record(
    file: &str,
    text: &str,
    start: usize,
    delimiter: u8,
    number: u32,
) -> Result<(Vec<RawCell>, usize), Error> {
    let bytes = text.as_bytes();
    let mut cells = Vec::new();
    let mut pos = start;
    loop {
        if cells.len() == MAX_COLUMNS {
            return Err(too_many_columns(file));
        }
        let (cell, end) = if bytes.get(pos) == Some(&b'"') {
            read_quoted(file, text, pos, delimiter, number)?
        } else {
            let end = field_end(bytes, pos, delimiter);
            (plain_cell(&text[pos..end]), end)
        };
        cells.push(cell);
        match bytes.get(end) {
            Some(&b) if b == delimiter => pos = end + 1,
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => return Ok((cells, end + 2)),
            Some(b'\r' | b'\n') => return Ok((cells, end + 1)),
            _ => return Ok((cells, bytes.len())),
        }
    }
}

/// The index of the delimiter or line break that ends an unquoted field.
fn field_end(bytes: &[u8], from: usize, delimiter: u8) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == delimiter || b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |i| from + i)
}

fn read_quoted(
    file: &str,
    text: &str,
    open: usize,
    delimiter: u8,
    number: u32,
) -> Result<(RawCell, usize), Error> {
    let bytes = text.as_bytes();
    let mut search = open + 1;
    let mut doubled = false;
    let close = loop {
        let Some(offset) = bytes[search..].iter().position(|&b| b == b'"') else {
            return Err(invalid(format!(
                "Row {number} of {file} has a quotation mark (\") that is never closed, so \
                 the rest of the file would be read as one cell. Check the quotation marks \
                 in row {number}, or save the file from your spreadsheet again."
            )));
        };
        let quote = search + offset;
        if bytes.get(quote + 1) == Some(&b'"') {
            doubled = true;
            search = quote + 2;
        } else {
            break quote;
        }
    };
    let inner = &text[open + 1..close];
    // Anything between the closing quote and the delimiter is kept, as Excel does.
    let end = field_end(bytes, close + 1, delimiter);
    let tail = &text[close + 1..end];
    // Measured in place, so an oversized cell is never copied.
    if inner.len() + tail.len() > MAX_CELL_CHARS {
        // Inside the quotes every `"` is one of a doubled pair, which reads as one.
        let pairs = if doubled {
            inner.bytes().filter(|&b| b == b'"').count() / 2
        } else {
            0
        };
        if inner.chars().count() - pairs + tail.chars().count() > MAX_CELL_CHARS {
            return Ok((RawCell::Bad(too_long_reason()), end));
        }
    }
    let mut value = if doubled {
        inner.replace("\"\"", "\"")
    } else {
        inner.to_owned()
    };
    value.push_str(tail);
    Ok((RawCell::Text(value), end))
}

fn plain_cell(text: &str) -> RawCell {
    if is_too_long(text) {
        RawCell::Bad(too_long_reason())
    } else {
        RawCell::Text(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_taken_from_the_heading_line_outside_quotes() {
        assert_eq!(sniff_delimiter("a,b,c\n1;2;3;4;5\n"), b',');
        assert_eq!(sniff_delimiter("a;b;\"c,d,e\"\n"), b';');
        assert_eq!(sniff_delimiter("\n\na\tb\n"), b'\t');
        assert_eq!(sniff_delimiter("Name;Town, city\n"), b';');
        assert_eq!(sniff_delimiter("Name\n"), b',');
    }

    #[test]
    fn an_excel_sep_line_names_the_delimiter_and_is_not_a_row() {
        let (delimiter, body) = excel_separator_line("sep=|\r\na|b\r\n").expect("sep line");
        assert_eq!(delimiter, b'|');
        assert_eq!(body, "a|b\r\n");
        assert!(excel_separator_line("separate,columns\n").is_none());
    }
}
