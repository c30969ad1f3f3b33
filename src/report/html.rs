//! The evidence pack as a standalone, printable HTML page (for the CLI's `--format html`):
//! every figure in a table, headings a screen reader can navigate, print CSS that keeps each
//! table on one page where it fits. Every value is escaped; nothing from the records is ever
//! markup. The sections, tables and words are laid out in layout.rs, shared with the Word
//! document (docx.rs).

use std::fmt::Write as _;

use super::evidence::EvidencePack;
use super::layout::{self, Block, Table, NO_ROWS};

pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn table(out: &mut String, t: &Table) {
    let _ = write!(
        out,
        "<table><caption>{}</caption><thead><tr>",
        escape(t.caption)
    );
    for h in &t.headers {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    if t.rows.is_empty() {
        let _ = write!(
            out,
            "<tr><td colspan=\"{}\">{NO_ROWS}</td></tr>",
            t.headers.len()
        );
    }
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let tag = if i == 0 { "th scope=\"row\"" } else { "td" };
            let close = if i == 0 { "th" } else { "td" };
            let _ = write!(out, "<{tag}>{}</{close}>", escape(cell));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#0b0c0c}\
table{border-collapse:collapse;margin:0 0 1.5rem;min-width:50%}\
caption{text-align:left;font-weight:600;padding:.25rem 0}\
th,td{border:1px solid #b1b4b6;padding:.25rem .5rem;text-align:left;vertical-align:top}\
td{font-variant-numeric:tabular-nums}\
@media print{body{margin:0}h2{break-before:page}table,blockquote{break-inside:avoid}}";

pub fn render(pack: &EvidencePack, forum_name: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{STYLE}</style></head><body><main>",
        escape(&layout::title(pack, forum_name)),
    );
    for block in layout::blocks(pack, forum_name) {
        match block {
            Block::Heading { level, text } => {
                let _ = write!(out, "<h{level}>{}</h{level}>", escape(&text));
            }
            Block::Paragraph(text) => {
                let _ = write!(out, "<p>{}</p>", escape(&text));
            }
            Block::Labelled { label, text } => {
                let _ = write!(
                    out,
                    "<p><strong>{}:</strong> {}</p>",
                    escape(label),
                    escape(&text).replace('\n', "<br>")
                );
            }
            Block::Table(t) => table(&mut out, &t),
        }
    }
    out.push_str("</main></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn record_text_is_never_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
