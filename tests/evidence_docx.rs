//! The evidence pack as a Word document, from a real encrypted forum (the small data set of
//! tests/evidence.rs): the file unzips, word/document.xml parses, the headings use Word's
//! heading styles, each table has a marked header row, the figures are there, and hostile text
//! from the records comes out as literal text. And `forumdesk report evidence --format docx`.

mod common;
#[path = "common/evidence.rs"]
mod evidence_common;

use std::io::{Cursor, Read};
use std::process::Command;

use common::*;
use evidence_common::seed;
use forumdesk::activities::activity::{self, ActivityInput};
use forumdesk::activities::model::{ActivityKind, Level};
use forumdesk::grants::money::format_pounds;
use forumdesk::report::docx;
use forumdesk::report::evidence::{self, EvidencePack, ImpactStory};
use forumdesk::Session;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

const SCRIPT: &str = "<script>alert('x')</script>";
const FORMULA: &str = "=SUM(A1) & \"more\"";
const TITLE: &str = "Fish & chips <b>night</b>";

#[derive(Debug, Default)]
struct Para {
    style: Option<String>,
    text: String,
}

#[derive(Debug, Default)]
struct Row {
    header: bool,
    cells: Vec<String>,
}

/// What a reader of word/document.xml sees: the paragraphs outside tables, in order, and
/// the tables' rows.
#[derive(Debug, Default)]
struct Doc {
    paragraphs: Vec<Para>,
    tables: Vec<Vec<Row>>,
}

impl Doc {
    fn styled(&self, style: &str) -> Vec<&str> {
        self.paragraphs
            .iter()
            .filter(|p| p.style.as_deref() == Some(style))
            .map(|p| p.text.as_str())
            .collect()
    }

    fn texts(&self) -> Vec<&str> {
        self.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    /// The table whose header row is `headers` and that has a row starting with `first`.
    fn cell(&self, headers: &[&str], first: &str, column: usize) -> &str {
        self.tables
            .iter()
            .filter(|t| t[0].cells == headers)
            .flat_map(|t| t.iter().skip(1))
            .find(|r| r.cells[0] == first)
            .map(|r| r.cells[column].as_str())
            .unwrap_or_else(|| panic!("no row {first} under {headers:?}"))
    }
}

fn val(e: &BytesStart) -> Option<String> {
    e.try_get_attribute("w:val")
        .expect("attribute")
        .map(|a| String::from_utf8(a.value.into_owned()).expect("utf8"))
}

fn unzip(bytes: &[u8]) -> zip::ZipArchive<Cursor<&[u8]>> {
    zip::ZipArchive::new(Cursor::new(bytes)).expect("a docx is a zip archive")
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = unzip(bytes);
    let mut file = archive.by_name(name).expect(name);
    let mut text = String::new();
    file.read_to_string(&mut text).expect("utf8");
    text
}

fn parse(bytes: &[u8]) -> Doc {
    let xml = part(bytes, "word/document.xml");
    let mut reader = Reader::from_str(&xml);
    let mut doc = Doc::default();
    let mut para = Para::default();
    let mut in_text = false;
    let mut depth = 0;
    let mut table: Vec<Row> = Vec::new();
    let mut row = Row::default();
    let mut cell = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => match e.name().as_ref() {
                b"w:p" => para = Para::default(),
                b"w:t" => in_text = true,
                b"w:tbl" => {
                    depth += 1;
                    table = Vec::new();
                }
                b"w:tr" => row = Row::default(),
                b"w:tc" => cell = String::new(),
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                b"w:pStyle" => para.style = val(&e),
                b"w:br" => para.text.push('\n'),
                b"w:tblHeader" => row.header = true,
                _ => {}
            },
            Event::Text(t) if in_text => para.text.push_str(&t.decode().expect("text")),
            // `&amp;`, `&#233;` and the like come as events of their own.
            Event::GeneralRef(r) if in_text => {
                let name = r.decode().expect("reference");
                match r.resolve_char_ref().expect("character reference") {
                    Some(c) => para.text.push(c),
                    None => para
                        .text
                        .push_str(quick_xml::escape::resolve_xml_entity(&name).expect("entity")),
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" if depth > 0 => cell.push_str(&para.text),
                b"w:p" => doc.paragraphs.push(std::mem::take(&mut para)),
                b"w:tc" => row.cells.push(std::mem::take(&mut cell)),
                b"w:tr" => table.push(std::mem::take(&mut row)),
                b"w:tbl" => {
                    depth -= 1;
                    doc.tables.push(std::mem::take(&mut table));
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    doc
}

/// The hand-counted data set plus one activity whose record text is hostile.
async fn pack(admin: &Session) -> EvidencePack {
    seed(admin).await;
    activity::create(
        admin,
        ActivityInput {
            title: TITLE.into(),
            kind: Some(ActivityKind::Event),
            starts_on: "2026-06-10".into(),
            level: Some(Level::Operational),
            parent_carers_engaged: "3".into(),
            volunteer_hours: "1".into(),
            you_said: SCRIPT.into(),
            we_did: FORMULA.into(),
            what_changed: "First line\nsecond line".into(),
            ..Default::default()
        },
    )
    .await
    .expect("activity");
    evidence::evidence_pack(admin, "2026-04-01", "2026-06-30")
        .await
        .expect("pack")
}

#[tokio::test]
async fn the_word_document_has_the_packs_sections_tables_and_figures() {
    let (_forum, admin) = new_forum().await;
    let pack = pack(&admin).await;
    let bytes = docx::render(&pack, FORUM).expect("docx");
    let doc = parse(&bytes);

    // Headings in Word's own styles, so the navigation pane and screen readers see them.
    assert_eq!(
        doc.styled("Heading1"),
        vec![format!(
            "{FORUM}: evidence pack, {} to {}",
            pack.from, pack.to
        )]
    );
    assert_eq!(
        doc.styled("Heading2"),
        vec![
            "Membership",
            "Reach through affiliated groups",
            "Participation",
            "Representation",
            "Indicators",
            "You said, we did",
            "Spend against budget"
        ]
    );
    assert_eq!(
        doc.styled("Heading3"),
        vec![
            "Transport survey (2026-05-20)".to_owned(),
            format!("{TITLE} (2026-06-10)")
        ]
    );
    let styles = part(&bytes, "word/styles.xml");
    for level in 1..=3 {
        assert!(
            styles.contains(&format!("w:styleId=\"Heading{level}\""))
                && styles.contains(&format!("<w:name w:val=\"heading {level}\" />")),
            "heading {level} is Word's built-in heading style: {styles}"
        );
    }

    // Every table has a caption before it and its first row marked as the header row.
    assert_eq!(doc.tables.len(), 14);
    assert_eq!(doc.styled("Caption").len(), 14);
    assert!(doc.styled("Caption").contains(&"Growth by month"));
    for table in &doc.tables {
        assert!(table[0].header, "header row: {:?}", table[0].cells);
        assert!(table.iter().skip(1).all(|r| !r.header));
    }

    // The hand-counted figures (tests/evidence.rs), with the extra activity.
    assert_eq!(doc.cell(&["Figure", "Count"], "At the start", 1), "2");
    assert_eq!(doc.cell(&["Figure", "Count"], "At the end", 1), "3");
    assert_eq!(
        doc.cell(
            &["Month", "Joined", "Lost", "Members at the end"],
            "2026-05",
            2
        ),
        "1"
    );
    assert_eq!(doc.cell(&["Figure", "Value"], "Activities", 1), "3");
    assert_eq!(doc.cell(&["Figure", "Value"], "Volunteer hours", 1), "10");
    assert_eq!(
        doc.cell(&["Budget line", "Planned", "Spent"], "2026–27: Events", 2),
        format_pounds(12_000)
    );
    let empty = doc
        .tables
        .iter()
        .find(|t| t[0].cells == ["Age band", "Count"])
        .expect("age bands");
    assert_eq!(empty[1].cells, vec!["None in this period."]);

    // Record text is literal text, never markup, and the file still parsed above.
    let texts = doc.texts();
    assert!(texts.contains(&format!("You said: {SCRIPT}").as_str()));
    assert!(texts.contains(&format!("We did: {FORMULA}").as_str()));
    assert!(texts.contains(&"What changed: First line\nsecond line"));
    let xml = part(&bytes, "word/document.xml");
    assert!(!xml.contains("<script>") && !xml.contains("<b>night"));
}

#[tokio::test]
async fn long_and_odd_record_text_still_makes_a_document_that_opens() {
    let (_forum, admin) = new_forum().await;
    let mut pack = pack(&admin).await;
    let long = "Transport & <tag> =HYPERLINK(\"x\") ".repeat(300);
    let long: String = long.chars().take(10_000).collect();
    assert_eq!(long.chars().count(), 10_000);
    pack.impact_stories.push(ImpactStory {
        activity_id: "x".into(),
        title: format!("{SCRIPT}\u{1}\u{0}"),
        starts_on: "2026-06-30".into(),
        you_said: Some(long.clone()),
        we_did: Some("Carriage\r\nreturns".into()),
        what_changed: None,
        loop_closed_on: Some("2026-07-01".into()),
    });
    let bytes = docx::render(&pack, "Forum <&> \"quoted\"").expect("docx");
    let doc = parse(&bytes);
    let texts = doc.texts();
    assert!(texts.contains(&format!("You said: {long}").as_str()));
    // Characters XML cannot hold are left out rather than breaking the file.
    assert!(doc
        .styled("Heading3")
        .contains(&format!("{SCRIPT} (2026-06-30)").as_str()));
    assert!(texts.contains(&"We did: Carriage\nreturns"));
    assert!(texts.contains(&"Members told on 2026-07-01"));
    assert!(doc.styled("Heading1")[0].starts_with("Forum <&> \"quoted\": evidence pack"));
    // docx-rs's own reader takes it back, as a word processor would.
    docx_rs::read_docx(&bytes).expect("the document reads back");
    // The package's other parts are there and well-formed too.
    for name in ["[Content_Types].xml", "word/styles.xml", "_rels/.rels"] {
        let xml = part(&bytes, name);
        let mut reader = Reader::from_str(&xml);
        while !matches!(reader.read_event().expect(name), Event::Eof) {}
    }
}

#[tokio::test]
async fn report_evidence_as_a_word_document_from_the_command_line() {
    let (forum, admin) = new_forum().await;
    seed(&admin).await;
    admin.lock().await;
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_forumdesk"))
            .arg("--db")
            .arg(forum.db_path())
            .args(["--user", ADMIN])
            .args([
                "report",
                "evidence",
                "--from",
                "01/04/2026",
                "--to",
                "30/06/2026",
            ])
            .args(args)
            .env("FORUMDESK_PASSWORD", ADMIN_PASSWORD)
            .output()
            .expect("run forumdesk")
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("pack.docx");
    let done = run(&["--format", "docx", "--out", out.to_str().expect("utf8")]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(String::from_utf8_lossy(&done.stderr).contains("Evidence pack written to"));
    let doc = parse(&std::fs::read(&out).expect("file"));
    assert_eq!(doc.cell(&["Figure", "Count"], "At the end", 1), "3");
    assert!(doc.texts().contains(&"You said: <b>Buses are late</b>"));

    // A Word document is never printed to the terminal.
    let refused = run(&["--format", "docx"]);
    assert!(!refused.status.success());
    assert!(refused.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("--out"), "{stderr}");
}
