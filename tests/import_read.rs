//! Reading members files into a table: every CSV encoding and delimiter Excel writes, XLSX,
//! and files that are malformed, hostile or oversized. None may panic, and none may lose a
//! good row. Rows are numbered as a spreadsheet shows them (the heading row is row 1).

use forumdesk::import::table::{EXTRA_CELLS_REASON, MAX_CELL_CHARS};
use forumdesk::import::{read, ImportField, Mapping, Problem, Table};
use forumdesk::ErrorKind;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

fn table(name: &str, bytes: &[u8]) -> Table {
    match read(name, bytes) {
        Ok(table) => table,
        Err(e) => panic!("{name} should read, but: {}", e.message),
    }
}

/// The validation message for a file that must be refused.
fn refusal(name: &str, bytes: &[u8]) -> String {
    match read(name, bytes) {
        Ok(t) => panic!("{name} should be refused, but read {} rows", t.rows.len()),
        Err(e) => {
            assert_eq!(e.kind, ErrorKind::Validation, "{}", e.message);
            e.message
        }
    }
}

fn numbers(t: &Table) -> Vec<u32> {
    t.rows.iter().map(|r| r.number).collect()
}

fn cells(t: &Table, i: usize) -> Vec<&str> {
    t.rows[i].cells.iter().map(String::as_str).collect()
}

/// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.max(1);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

// ---- CSV: encodings -------------------------------------------------------------------

#[test]
fn utf8_csv_reads_headings_and_numbered_rows() {
    let t = table(
        "members.csv",
        "First name,Surname,Email\nZoë,Brontë,zoe@example.org\nJo,Bloggs,jo@example.com\n"
            .as_bytes(),
    );
    assert_eq!(t.headers, ["First name", "Surname", "Email"]);
    assert_eq!(numbers(&t), [2, 3]);
    assert_eq!(cells(&t, 0), ["Zoë", "Brontë", "zoe@example.org"]);
    assert_eq!(cells(&t, 1), ["Jo", "Bloggs", "jo@example.com"]);
    assert!(t.rows.iter().all(|r| r.problems.is_empty()));
}

#[test]
fn a_utf8_byte_order_mark_is_not_part_of_the_first_heading() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice("Name,Town\r\nRenée,Preston\r\n".as_bytes());
    let t = table("excel-utf8.csv", &bytes);
    assert_eq!(t.headers, ["Name", "Town"]);
    assert_eq!(cells(&t, 0), ["Renée", "Preston"]);
    assert_eq!(Mapping::auto(&t.headers).0[0], Some(ImportField::FullName));
}

#[test]
fn windows_1252_bytes_as_excel_writes_them_are_decoded() {
    // "Renée", "£5", "O’Neill" in Windows-1252: é = E9, £ = A3, ’ = 92. Not valid UTF-8.
    let bytes = b"Name,Paid,Surname\r\nRen\xE9e,\xA35,O\x92Neill\r\n";
    let t = table("excel.csv", bytes);
    assert_eq!(cells(&t, 0), ["Renée", "£5", "O\u{2019}Neill"]);
}

#[test]
fn utf16_unicode_text_from_excel_is_read_as_tab_separated() {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "Name\tPostcode\r\nSiân\tCF10 1AA\r\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let t = table("unicode.txt", &bytes);
    assert_eq!(t.headers, ["Name", "Postcode"]);
    assert_eq!(cells(&t, 0), ["Siân", "CF10 1AA"]);
}

// ---- CSV: delimiters and quoting ------------------------------------------------------

#[test]
fn semicolon_and_tab_delimiters_are_recognised_from_the_heading_line() {
    let t = table("semi.csv", b"Name;Town;Notes\nJo;Leeds;likes, commas\n");
    assert_eq!(t.headers, ["Name", "Town", "Notes"]);
    assert_eq!(cells(&t, 0), ["Jo", "Leeds", "likes, commas"]);

    let t = table("tabs.tsv", b"Name\tTown\nJo\tLeeds; West\n");
    assert_eq!(cells(&t, 0), ["Jo", "Leeds; West"]);

    // A comma inside a quoted heading does not make a comma file of a semicolon one.
    let t = table("semi-quoted.csv", b"\"Town, city\";Name\nLeeds;Jo\n");
    assert_eq!(t.headers, ["Town, city", "Name"]);
}

#[test]
fn an_excel_sep_line_sets_the_delimiter_and_is_not_counted_as_a_row() {
    let t = table("sep.csv", b"sep=;\r\nName;Notes\r\nJo;a,b\r\n");
    assert_eq!(t.headers, ["Name", "Notes"]);
    assert_eq!(numbers(&t), [2]);
    assert_eq!(cells(&t, 0), ["Jo", "a,b"]);
}

#[test]
fn quoted_line_breaks_and_doubled_quotes_keep_spreadsheet_row_numbers() {
    let csv = "Name,Notes\r\n\
               \"Jo Bloggs\",\"Line one\r\nline two\"\r\n\
               \"Sam \"\"Sammy\"\" Smith\",plain\r\n\
               \r\n\
               Alex,\"three\nline\nnote\"\r\n\
               Kim,\"He said \"\"hi\"\", then left\"\r\n";
    let t = table("quoted.csv", csv.as_bytes());
    // Excel shows the blank line as row 4, so Alex is row 5 and Kim row 6.
    assert_eq!(numbers(&t), [2, 3, 5, 6]);
    assert_eq!(cells(&t, 0), ["Jo Bloggs", "Line one\r\nline two"]);
    assert_eq!(cells(&t, 1), ["Sam \"Sammy\" Smith", "plain"]);
    assert_eq!(cells(&t, 2), ["Alex", "three\nline\nnote"]);
    assert_eq!(cells(&t, 3), ["Kim", "He said \"hi\", then left"]);
}

#[test]
fn a_stray_quote_inside_an_unquoted_cell_is_an_ordinary_character() {
    let t = table("inches.csv", b"Name,Notes\nJo,12\" screen\n");
    assert_eq!(cells(&t, 0), ["Jo", "12\" screen"]);
}

#[test]
fn cr_only_line_endings_from_old_macs_are_rows() {
    let t = table("mac.csv", b"Name,Town\rJo,Leeds\rSam,York\r");
    assert_eq!(numbers(&t), [2, 3]);
    assert_eq!(cells(&t, 1), ["Sam", "York"]);
}

#[test]
fn trailing_empty_lines_and_a_missing_final_newline_are_both_fine() {
    let t = table("trailing.csv", b"Name\nJo\n\n\n\r\n");
    assert_eq!(numbers(&t), [2]);
    let t = table("no-newline.csv", b"Name,Town\nJo,Leeds");
    assert_eq!(cells(&t, 0), ["Jo", "Leeds"]);
}

#[test]
fn short_rows_are_padded_and_extra_cells_are_kept_and_reported() {
    let csv = "Name,Email,Town\nJo\nSam,s@example.org,York,,\nKim,k@example.org,Leeds,oops\n";
    let t = table("ragged.csv", csv.as_bytes());
    assert_eq!(cells(&t, 0), ["Jo", "", ""]);
    assert!(t.rows[0].problems.is_empty());
    // Trailing empty cells are the stray commas some programs write: not a problem.
    assert_eq!(cells(&t, 1), ["Sam", "s@example.org", "York"]);
    assert!(t.rows[1].problems.is_empty());
    assert_eq!(cells(&t, 2), ["Kim", "k@example.org", "Leeds", "oops"]);
    assert_eq!(
        t.problems(None),
        [Problem::new(4, "Column 4", EXTRA_CELLS_REASON)]
    );
    // Extra cells are reported whatever the mapping, since the row's values have shifted.
    let none = Mapping(vec![None, None, None]);
    assert_eq!(t.problems(Some(&none)).len(), 1);
}

#[test]
fn headings_are_trimmed_blank_ones_named_and_repeats_numbered() {
    let t = table(
        "headings.csv",
        b" Name ,,Email,email,  Notes\t,,\nJo,x,a@b.org,c@d.org,n,,\n",
    );
    assert_eq!(
        t.headers,
        ["Name", "Column 2", "Email", "email (2)", "Notes"]
    );
    assert_eq!(cells(&t, 0), ["Jo", "x", "a@b.org", "c@d.org", "n"]);
    let mapped = Mapping::auto(&t.headers);
    assert_eq!(mapped.column_of(ImportField::Email), Some(2));
    assert_eq!(mapped.0[3], None);
}

#[test]
fn formulas_and_script_tags_in_names_are_kept_verbatim() {
    let csv = "Name,Notes\n\
               \"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",+1-2\n\
               <script>alert('x')</script>,@SUM(A1:A2)\n\
               -Jo,\"\t=cmd\"\n";
    let t = table("hostile.csv", csv.as_bytes());
    assert_eq!(
        cells(&t, 0),
        ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1-2"]
    );
    assert_eq!(cells(&t, 1), ["<script>alert('x')</script>", "@SUM(A1:A2)"]);
    assert_eq!(cells(&t, 2), ["-Jo", "\t=cmd"]);
}

// ---- CSV: refusals --------------------------------------------------------------------

#[test]
fn an_empty_file_is_refused() {
    assert!(refusal("empty.csv", b"").contains("empty.csv is empty"));
    assert!(refusal("blank.csv", b" \r\n\n\t").contains("is empty"));
    assert!(refusal("blank-rows.csv", b",,\n,,\n").contains("is empty"));
}

#[test]
fn headings_without_rows_are_refused() {
    let message = refusal("/home/jo/heading-only.csv", b"Name,Email\n\n");
    assert_eq!(
        message,
        "heading-only.csv has column headings but no rows of members under them."
    );
}

#[test]
fn an_unclosed_quote_is_refused_naming_its_row() {
    let message = refusal(
        "unbalanced.csv",
        b"Name,Notes\nJo,fine\nSam,\"never closed\nKim,lost\n",
    );
    assert!(message.contains("Row 3"), "{message}");
    assert!(message.contains("never closed"), "{message}");
}

#[test]
fn binary_garbage_is_refused_as_not_a_spreadsheet() {
    for seed in 1..=20 {
        let bytes = noise(seed, 4096);
        let message = refusal("garbage.csv", &bytes);
        assert!(
            message.contains("does not look like a CSV or Excel file"),
            "{message}"
        );
    }
    // Even without a single NUL byte, random bytes are not text.
    let no_nuls: Vec<u8> = noise(99, 8192).into_iter().filter(|&b| b != 0).collect();
    assert!(refusal("no-nuls.csv", &no_nuls).contains("does not look like"));
    // A text file with a NUL in it is not a CSV either.
    assert!(refusal("nul.csv", b"Name\nJo\0Bloggs\n").contains("does not look like"));
}

#[test]
fn a_png_is_refused_as_not_a_spreadsheet() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa";
    assert!(refusal("photo.csv", png).contains("photo.csv does not look like a CSV or Excel"));
    assert!(refusal("photo.png", &png[..8]).contains("does not look like"));
}

#[test]
fn ten_thousand_columns_are_refused_with_the_reason() {
    let heading: Vec<String> = (1..=10_000).map(|i| format!("C{i}")).collect();
    let csv = format!("{}\n{}\n", heading.join(","), "x,".repeat(9_999) + "x");
    let message = refusal("wide.csv", csv.as_bytes());
    assert!(message.contains("more than 1,000 columns"), "{message}");

    // Exactly 1,000 is allowed.
    let heading: Vec<String> = (1..=1_000).map(|i| format!("C{i}")).collect();
    let csv = format!("{}\n{}\n", heading.join(","), "y,".repeat(999) + "y");
    let t = table("wide-ok.csv", csv.as_bytes());
    assert_eq!(t.headers.len(), 1_000);
    assert_eq!(t.rows[0].cells.len(), 1_000);
}

#[test]
fn more_than_a_million_rows_are_refused() {
    let csv = format!("Name\n{}", "Jo\n".repeat(1_000_001));
    let message = refusal("huge.csv", csv.as_bytes());
    assert!(message.contains("more than 1,000,000 rows"), "{message}");
}

// ---- CSV: size ------------------------------------------------------------------------

#[test]
fn a_50_mb_cell_fails_only_its_own_row() {
    let big = "A".repeat(50 * 1024 * 1024);
    let csv = format!(
        "Name,Notes,Email\nJo,short,jo@example.com\nSam,{big},sam@example.com\n\
         Kim,\"quoted\",kim@example.com\nAlex,last,alex@example.com\n"
    );
    drop(big);
    let t = table("big-cell.csv", csv.as_bytes());
    assert_eq!(numbers(&t), [2, 3, 4, 5]);
    assert_eq!(cells(&t, 0), ["Jo", "short", "jo@example.com"]);
    assert_eq!(cells(&t, 1), ["Sam", "", "sam@example.com"]);
    assert_eq!(cells(&t, 2), ["Kim", "quoted", "kim@example.com"]);
    assert_eq!(cells(&t, 3), ["Alex", "last", "alex@example.com"]);
    assert_eq!(
        t.problems(None),
        [Problem::new(
            3,
            "Notes",
            "this cell is longer than 65,536 characters"
        )]
    );
    assert_eq!(
        t.problems(None)[0].to_string(),
        "row 3, column Notes: this cell is longer than 65,536 characters"
    );
}

#[test]
fn the_cell_limit_counts_characters_not_bytes_and_applies_inside_quotes() {
    let fits = "é".repeat(MAX_CELL_CHARS); // twice as many bytes as characters
    let over = "x".repeat(MAX_CELL_CHARS + 1);
    // Doubled quotes read as one character each, so this is exactly at the limit.
    let quoted_fits = "\"\"".repeat(MAX_CELL_CHARS);
    let csv = format!(
        "Name,Notes\nA,{fits}\nB,{over}\nC,\"{over}\"\nD,\"{quoted_fits}\"\nE,\"x\n{over}\"\nF,ok\n"
    );
    let t = table("limits.csv", csv.as_bytes());
    assert_eq!(numbers(&t), [2, 3, 4, 5, 6, 7]);
    assert_eq!(t.rows[0].cells[1], fits);
    assert_eq!(t.rows[3].cells[1], "\"".repeat(MAX_CELL_CHARS));
    let flagged: Vec<u32> = t.problems(None).iter().map(|p| p.row).collect();
    assert_eq!(flagged, [3, 4, 6]);
    assert_eq!(cells(&t, 5), ["F", "ok"]);
}

#[test]
fn problems_in_columns_nobody_imports_can_be_left_out() {
    let csv = format!("Name,Scratch\nJo,{}\n", "z".repeat(MAX_CELL_CHARS + 1));
    let t = table("scratch.csv", csv.as_bytes());
    assert_eq!(t.problems(None).len(), 1);
    let mapping = Mapping(vec![Some(ImportField::FullName), None]);
    assert!(t.problems(Some(&mapping)).is_empty());
}

#[test]
fn a_hundred_thousand_row_csv_is_read_completely() {
    let mut csv = String::from("First name,Last name,Email,Postcode,Date joined\r\n");
    for i in 0..100_000 {
        csv.push_str(&format!(
            "Member{i},\"Surname, {i}\",m{i}@example.org,PR1 {}HE,05/03/2024\r\n",
            i % 10
        ));
    }
    let t = table("100k.csv", csv.as_bytes());
    assert_eq!(t.rows.len(), 100_000);
    assert_eq!(t.rows[0].number, 2);
    assert_eq!(t.rows[99_999].number, 100_001);
    assert_eq!(
        cells(&t, 54_321),
        [
            "Member54321",
            "Surname, 54321",
            "m54321@example.org",
            "PR1 1HE",
            "05/03/2024"
        ]
    );
    assert!(t
        .rows
        .iter()
        .all(|r| r.problems.is_empty() && r.cells.len() == 5));
}

// ---- XLSX -----------------------------------------------------------------------------

fn workbook_bytes(build: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut workbook = Workbook::new();
    build(&mut workbook);
    workbook.save_to_buffer().expect("save workbook")
}

#[test]
fn xlsx_cells_read_as_the_spreadsheet_shows_them() {
    let bytes = workbook_bytes(|wb| {
        let sheet = wb.add_worksheet();
        let date_format = Format::new().set_num_format("dd/mm/yyyy");
        let headers = [
            "Name",
            "",
            "Email",
            "Email",
            "Date joined",
            "Phone",
            "Score",
        ];
        for (col, h) in headers.iter().enumerate() {
            sheet.write_string(0, col as u16, *h).expect("heading");
        }
        sheet.write_string(0, 7, "OK to email").expect("heading");
        sheet.write_string(0, 8, "Total").expect("heading");
        sheet.write_string(0, 9, "Label").expect("heading");

        sheet.write_string(1, 0, "=HYPERLINK(\"x\")").expect("name");
        sheet.write_string(1, 1, "b").expect("blank heading column");
        sheet.write_string(1, 2, "jo@example.com").expect("email");
        sheet
            .write_string(1, 3, "jo2@example.com")
            .expect("email 2");
        let joined = ExcelDateTime::from_ymd(2024, 3, 5).expect("date");
        sheet
            .write_datetime_with_format(1, 4, &joined, &date_format)
            .expect("date");
        sheet
            .write_number(1, 5, 7_700_900_123.0)
            .expect("phone as a number");
        sheet.write_number(1, 6, 2.5).expect("score");
        sheet.write_boolean(1, 7, true).expect("bool");
        sheet
            .write_formula(1, 8, Formula::new("=2+1").set_result("3"))
            .expect("formula");
        sheet
            .write_formula(1, 9, Formula::new("=\"A\"&\"B\"").set_result("AB"))
            .expect("text formula");

        // Row 3 left empty; row 4 holds a script tag.
        sheet
            .write_string(3, 0, "<script>alert(1)</script>")
            .expect("name");
        sheet.write_boolean(3, 7, false).expect("bool");
    });
    let t = table("members.xlsx", &bytes);
    assert_eq!(
        t.headers,
        [
            "Name",
            "Column 2",
            "Email",
            "Email (2)",
            "Date joined",
            "Phone",
            "Score",
            "OK to email",
            "Total",
            "Label"
        ]
    );
    assert_eq!(numbers(&t), [2, 4]);
    assert_eq!(
        cells(&t, 0),
        [
            "=HYPERLINK(\"x\")",
            "b",
            "jo@example.com",
            "jo2@example.com",
            "2024-03-05",
            "7700900123",
            "2.5",
            "TRUE",
            "3",
            "AB"
        ]
    );
    assert_eq!(t.rows[1].cells[0], "<script>alert(1)</script>");
    assert_eq!(t.rows[1].cells[7], "FALSE");
    assert!(t.problems(None).is_empty());
}

#[test]
fn a_workbook_is_recognised_by_its_content_whatever_its_name() {
    let bytes = workbook_bytes(|wb| {
        let sheet = wb.add_worksheet();
        sheet.write_string(0, 0, "Name").expect("heading");
        sheet.write_string(1, 0, "Jo").expect("cell");
    });
    let t = table("renamed.csv", &bytes);
    assert_eq!(cells(&t, 0), ["Jo"]);
}

#[test]
fn the_first_visible_worksheet_is_read() {
    let bytes = workbook_bytes(|wb| {
        let hidden = wb.add_worksheet();
        hidden.write_string(0, 0, "Secret").expect("heading");
        hidden.write_string(1, 0, "hidden row").expect("cell");
        hidden.set_hidden(true);
        let shown = wb.add_worksheet();
        shown.write_string(0, 0, "Name").expect("heading");
        shown.write_string(1, 0, "Jo").expect("cell");
        shown.set_active(true);
    });
    let t = table("two-sheets.xlsx", &bytes);
    assert_eq!(t.headers, ["Name"]);
    assert_eq!(cells(&t, 0), ["Jo"]);
}

#[test]
fn a_sheet_that_starts_below_and_right_of_a1_keeps_excels_row_numbers() {
    let bytes = workbook_bytes(|wb| {
        let sheet = wb.add_worksheet();
        sheet.write_string(2, 1, "Name").expect("heading");
        sheet.write_string(2, 2, "Town").expect("heading");
        sheet.write_string(3, 1, "Jo").expect("cell");
        sheet.write_string(6, 2, "York").expect("cell");
        // A far-away cell does not make a grid of a billion empty cells.
        sheet.write_string(1_048_575, 1, "Last").expect("cell");
    });
    let t = table("offset.xlsx", &bytes);
    assert_eq!(t.headers, ["Name", "Town"]);
    assert_eq!(numbers(&t), [4, 7, 1_048_576]);
    assert_eq!(cells(&t, 1), ["", "York"]);
    assert_eq!(cells(&t, 2), ["Last", ""]);
}

/// A workbook whose first sheet is `sheet_data` (the XML inside `<sheetData>`), as a tool
/// other than Excel might store it.
fn workbook_with_sheet_data(sheet_data: &str) -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let base = workbook_bytes(|wb| {
        wb.add_worksheet().write_string(0, 0, "x").expect("cell");
    });
    let mut original = zip::ZipArchive::new(Cursor::new(base)).expect("zip");
    let mut rebuilt = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // Not compressed: a million rows would take a debug build long to deflate.
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..original.len() {
        let mut entry = original.by_index(i).expect("entry");
        let name = entry.name().to_owned();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).expect("read entry");
        if name == "xl/worksheets/sheet1.xml" {
            content = format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
                 <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
                 <sheetData>{sheet_data}</sheetData></worksheet>"
            )
            .into_bytes();
        }
        rebuilt.start_file(name, stored).expect("start entry");
        rebuilt.write_all(&content).expect("write entry");
    }
    rebuilt.finish().expect("finish zip").into_inner()
}

fn inline(position: &str, text: &str) -> String {
    format!(r#"<c r="{position}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

#[test]
fn cells_stored_out_of_order_are_read_in_their_places() {
    let sheet_data = [
        format!(
            r#"<row r="3">{}{}</row>"#,
            inline("C3", "b@example.org"),
            inline("A3", "Bo")
        ),
        format!(
            r#"<row r="1">{}{}</row>"#,
            inline("A1", "Name"),
            inline("C1", "Email")
        ),
        // Two cells stored at one position: the later is the one a spreadsheet keeps.
        format!(
            r#"<row r="2">{}{}</row>"#,
            inline("A2", "Al"),
            inline("A2", "Alex")
        ),
    ]
    .concat();
    let t = table("reordered.xlsx", &workbook_with_sheet_data(&sheet_data));
    assert_eq!(t.headers, ["Name", "Column 2", "Email"]);
    assert_eq!(numbers(&t), [2, 3]);
    assert_eq!(cells(&t, 0), ["Alex", "", ""]);
    assert_eq!(cells(&t, 1), ["Bo", "", "b@example.org"]);
}

#[test]
fn a_workbook_of_more_than_a_million_rows_is_refused() {
    let rows: String = (1..=1_000_002)
        .map(|row| format!(r#"<row r="{row}"><c r="A{row}"><v>{row}</v></c></row>"#))
        .collect();
    let message = refusal("huge.xlsx", &workbook_with_sheet_data(&rows));
    assert!(message.contains("too big to import in one go"), "{message}");
}

#[test]
fn a_workbook_more_than_a_thousand_columns_wide_is_refused() {
    let bytes = workbook_bytes(|wb| {
        let sheet = wb.add_worksheet();
        sheet.write_string(0, 0, "Name").expect("heading");
        sheet.write_string(1, 5_000, "far").expect("cell");
    });
    assert!(refusal("wide.xlsx", &bytes).contains("more than 1,000 columns"));
}

#[test]
fn an_xlsx_with_only_headings_is_refused() {
    let bytes = workbook_bytes(|wb| {
        let sheet = wb.add_worksheet();
        sheet.write_string(0, 0, "Name").expect("heading");
    });
    assert!(refusal("headings.xlsx", &bytes).contains("no rows of members"));
    let empty = workbook_bytes(|wb| {
        wb.add_worksheet();
    });
    assert!(refusal("empty.xlsx", &empty).contains("is empty"));
}

#[test]
fn a_zip_that_is_not_a_workbook_is_refused() {
    let zip = include_bytes!("fixtures/import/not-a-workbook.zip");
    assert!(refusal("members.zip", zip).contains("does not look like a CSV or Excel file"));
    assert!(refusal("members.xlsx", zip).contains("does not look like"));
    // The smallest valid zip: no entries at all.
    let mut empty_zip = b"PK\x05\x06".to_vec();
    empty_zip.extend_from_slice(&[0; 18]);
    assert!(refusal("empty.xlsx", &empty_zip).contains("does not look like"));
}

#[test]
fn text_named_xlsx_is_refused_rather_than_guessed() {
    assert!(refusal("members.xlsx", b"Name\nJo\n").contains("does not look like"));
}

#[test]
fn an_old_xls_or_password_protected_workbook_gets_its_own_reason() {
    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.extend_from_slice(&[0; 504]);
    let message = refusal("old.xls", &cfb);
    assert!(message.contains(".xls"), "{message}");
    assert!(message.contains("password"), "{message}");
}

#[test]
fn damaged_workbooks_and_zip_shaped_garbage_are_refused_without_panicking() {
    let good = workbook_bytes(|wb| {
        let sheet = wb.add_worksheet();
        sheet.write_string(0, 0, "Name").expect("heading");
        for row in 1..200 {
            sheet
                .write_string(row, 0, format!("Member {row}"))
                .expect("cell");
        }
    });
    for cut in [10, 100, good.len() / 3, good.len() / 2, good.len() - 30] {
        let message = refusal("truncated.xlsx", &good[..cut]);
        assert!(message.contains("does not look like"), "{message}");
    }
    for seed in 1..=20 {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(noise(seed, 2048));
        let _ = read("noise.xlsx", &bytes); // any answer but a panic
                                            // Flip bytes inside a real workbook.
        let mut damaged = good.clone();
        for (i, b) in noise(seed, 64).into_iter().enumerate() {
            let at = 30 + (i * 97 + seed as usize * 13) % (damaged.len() - 30);
            damaged[at] ^= b | 1;
        }
        let _ = read("damaged.xlsx", &damaged);
    }
}
