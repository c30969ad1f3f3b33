//! The evidence pack as a Word document (the CLI's `--format docx`, the app's "Save as Word
//! document"): the same sections, tables and words as the HTML page (both are laid out in
//! layout.rs). Headings use Word's own heading styles, so the navigation pane and a screen
//! reader see them; each table's first row is marked as its header row (repeated on every page
//! it runs over). Text from the records goes in as text runs, which docx-rs escapes: it is
//! never markup.

use std::io::Cursor;

use docx_rs::{
    BreakType, Docx, Paragraph, Run, RunFonts, Style, StyleType, Table as DocxTable, TableCell,
    TableRow, WidthType,
};

use super::evidence::EvidencePack;
use super::layout::{self, Block, Table, NO_ROWS};
use crate::{Error, Result};

/// The text width of an A4 page with Word's default margins, in twentieths of a point.
const TEXT_WIDTH: usize = 9_026;

/// docx-rs marks only "can't split" in a row's properties; the header rows ask for it, and
/// rendering adds `tblHeader` beside it (which docx-rs has no builder for). Record text cannot
/// produce this element: docx-rs escapes every `<` in a text run.
const CANT_SPLIT: &str = "<w:cantSplit />";
const HEADER_ROW: &str = "<w:cantSplit /><w:tblHeader />";

fn heading_style(level: u8, size: usize) -> Style {
    // Word recognises its built-in headings by these ids and names ("heading 1"...).
    Style::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("heading {level}"))
        .q_format(true)
        .outline_lvl(usize::from(level.saturating_sub(1)))
        .size(size)
        .bold()
}

fn styles(docx: Docx) -> Docx {
    docx.default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(22)
        .add_style(heading_style(1, 36))
        .add_style(heading_style(2, 30))
        .add_style(heading_style(3, 26))
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("caption")
                .q_format(true)
                .bold(),
        )
}

/// Text as runs, a line break where the text has a new line. Control characters that XML
/// cannot hold (and carriage returns) are left out, so odd record text cannot break the file.
fn runs(mut paragraph: Paragraph, text: &str, bold: bool) -> Paragraph {
    let text: String = text
        .chars()
        .filter(|&c| {
            c == '\n' || c == '\t' || !(c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
        })
        .collect();
    for (i, line) in text.split('\n').enumerate() {
        let mut run = Run::new();
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
        if bold {
            run = run.bold();
        }
        paragraph = paragraph.add_run(run);
    }
    paragraph
}

fn cell(text: &str, bold: bool, width: usize) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(runs(Paragraph::new(), text, bold))
}

fn table(docx: Docx, t: &Table) -> Docx {
    let columns = t.headers.len().max(1);
    let width = TEXT_WIDTH / columns;
    let header =
        TableRow::new(t.headers.iter().map(|h| cell(h, true, width)).collect()).cant_split();
    let mut rows = vec![header];
    if t.rows.is_empty() {
        rows.push(TableRow::new(vec![
            cell(NO_ROWS, false, width * columns).grid_span(columns)
        ]));
    }
    for row in &t.rows {
        rows.push(TableRow::new(
            row.iter()
                .enumerate()
                // The first cell names the row, as the HTML page's row headers do.
                .map(|(i, text)| cell(text, i == 0, width))
                .collect(),
        ));
    }
    let caption = runs(
        Paragraph::new().style("Caption").keep_next(true),
        t.caption,
        false,
    );
    docx.add_paragraph(caption).add_table(
        DocxTable::new(rows)
            .set_grid(vec![width; columns])
            .width(width * columns, WidthType::Dxa),
    )
}

pub fn render(pack: &EvidencePack, forum_name: &str) -> Result<Vec<u8>> {
    let mut docx = styles(Docx::new());
    for block in layout::blocks(pack, forum_name) {
        docx = match block {
            Block::Heading { level, text } => docx.add_paragraph(runs(
                Paragraph::new()
                    .style(&format!("Heading{level}"))
                    .keep_next(true),
                &text,
                false,
            )),
            Block::Paragraph(text) => docx.add_paragraph(runs(Paragraph::new(), &text, false)),
            Block::Labelled { label, text } => docx.add_paragraph(runs(
                Paragraph::new().add_run(Run::new().add_text(format!("{label}: ")).bold()),
                &text,
                false,
            )),
            Block::Table(t) => table(docx, &t),
        };
    }
    let mut xml = docx.build();
    let document = String::from_utf8(xml.document)
        .map_err(|e| Error::internal(format!("The Word document was not UTF-8: {e}")))?;
    xml.document = document.replace(CANT_SPLIT, HEADER_ROW).into_bytes();
    let mut bytes = Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .map_err(|e| Error::internal(format!("The Word document could not be written: {e}")))?;
    Ok(bytes.into_inner())
}
