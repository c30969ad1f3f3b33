//! The evidence pack laid out once, in the order and words a reader sees: headings, tables and
//! paragraphs. The HTML page (html.rs) and the Word document (docx.rs) both render these blocks,
//! so the two formats cannot drift apart in their sections, labels or figures.
//!
//! Text here is plain text: each renderer escapes it for its own format.

use super::evidence::{Count, EvidencePack};
use crate::grants::money::format_pounds;

/// What an empty table says in its one row.
pub(crate) const NO_ROWS: &str = "None in this period.";

pub(crate) struct Table {
    pub caption: &'static str,
    pub headers: Vec<&'static str>,
    /// The first cell of each row names it (a row header).
    pub rows: Vec<Vec<String>>,
}

pub(crate) enum Block {
    /// Level 1 is the document's title, 2 a section, 3 an entry within a section.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    /// "You said: ...": a bold label, then text that may run over several lines.
    Labelled {
        label: &'static str,
        text: String,
    },
    Table(Table),
}

/// "Riverside Parent Carer Forum: evidence pack, 2026-04-01 to 2026-06-30".
pub(crate) fn title(pack: &EvidencePack, forum_name: &str) -> String {
    format!(
        "{}: evidence pack, {} to {}",
        forum_name, pack.from, pack.to
    )
}

fn heading(level: u8, text: impl Into<String>) -> Block {
    Block::Heading {
        level,
        text: text.into(),
    }
}

fn table(caption: &'static str, headers: &[&'static str], rows: Vec<Vec<String>>) -> Block {
    Block::Table(Table {
        caption,
        headers: headers.to_vec(),
        rows,
    })
}

fn counts(caption: &'static str, what: &'static str, rows: &[Count]) -> Block {
    let rows = rows
        .iter()
        .map(|c| vec![c.label.clone(), c.count.to_string()])
        .collect();
    table(caption, &[what, "Count"], rows)
}

pub(crate) fn blocks(pack: &EvidencePack, forum_name: &str) -> Vec<Block> {
    let mut out = vec![heading(1, title(pack, forum_name))];
    let m = &pack.membership;
    out.push(heading(2, "Membership"));
    out.push(table(
        "Members in the period",
        &["Figure", "Count"],
        vec![
            vec!["At the start".into(), m.total_at_start.to_string()],
            vec!["New (joined or rejoined)".into(), m.new.to_string()],
            vec!["Lost (left or lapsed)".into(), m.lost.to_string()],
            vec!["At the end".into(), m.total_at_end.to_string()],
        ],
    ));
    let months = m
        .by_month
        .iter()
        .map(|r| {
            vec![
                r.month.clone(),
                r.joined.to_string(),
                r.lost.to_string(),
                r.total_at_end.to_string(),
            ]
        })
        .collect();
    out.push(table(
        "Growth by month",
        &["Month", "Joined", "Lost", "Members at the end"],
        months,
    ));
    out.push(counts("New members by source", "Source", &m.new_by_source));
    out.push(counts("Members by area", "Area", &m.by_area));
    out.push(counts(
        "Children by primary need",
        "Need",
        &m.by_primary_need,
    ));
    out.push(counts("Children by age band", "Age band", &m.by_age_band));

    out.push(heading(2, "Reach through affiliated groups"));
    out.push(Block::Paragraph(format!(
        "Counted on {}: today's members and the groups' latest estimates, not as at the end \
         of the period.",
        pack.reach.on
    )));
    let reach = pack
        .reach
        .by_area
        .iter()
        .chain(std::iter::once(&pack.reach.total))
        .map(|r| {
            vec![
                r.area_name.clone(),
                r.direct_members.to_string(),
                r.affiliated_groups.to_string(),
                r.families_via_groups.to_string(),
                r.combined.to_string(),
            ]
        })
        .collect();
    out.push(table(
        "Reach by area (a member who runs a group is counted once)",
        &[
            "Area",
            "Members",
            "Groups",
            "Families via groups",
            "Combined",
        ],
        reach,
    ));

    let p = &pack.participation;
    out.push(heading(2, "Participation"));
    out.push(table(
        "Activities in the period",
        &["Figure", "Value"],
        vec![
            vec!["Activities".into(), p.activities.to_string()],
            vec![
                "Parent carers engaged".into(),
                p.parent_carers_engaged.to_string(),
            ],
            vec!["Volunteer hours".into(), p.volunteer_hours.to_string()],
        ],
    ));
    out.push(counts("By kind", "Kind", &p.by_kind));
    out.push(counts("By level", "Level", &p.by_level));
    out.push(counts(
        "By rung of the co-production ladder",
        "Rung",
        &p.by_rung,
    ));

    out.push(heading(2, "Representation"));
    let bodies = pack
        .representation
        .iter()
        .map(|b| {
            vec![
                b.body_name.clone(),
                b.meetings.to_string(),
                b.attended.to_string(),
                b.attendance_percent
                    .map_or_else(|| "no meetings".to_owned(), |p| format!("{p}%")),
                b.papers_on_time.to_string(),
            ]
        })
        .collect();
    out.push(table(
        "Attendance by body",
        &[
            "Body",
            "Meetings",
            "Attended",
            "Rate",
            "Papers 5 working days ahead",
        ],
        bodies,
    ));

    out.push(heading(2, "Indicators"));
    let indicators = pack
        .indicators
        .iter()
        .map(|i| {
            vec![
                i.title.clone(),
                format!("{} to {}", i.quarter_start, i.quarter_end),
                i.status
                    .map_or("not reviewed", |s| s.as_str())
                    .replace('_', " "),
                i.computed.clone().unwrap_or_default(),
                i.comment.clone().unwrap_or_default(),
            ]
        })
        .collect();
    out.push(table(
        "Indicators by quarter",
        &["Indicator", "Quarter", "Status", "From the data", "Comment"],
        indicators,
    ));

    out.push(heading(2, "You said, we did"));
    if pack.impact_stories.is_empty() {
        out.push(Block::Paragraph("None recorded in this period.".into()));
    }
    for story in &pack.impact_stories {
        out.push(heading(3, format!("{} ({})", story.title, story.starts_on)));
        for (label, text) in [
            ("You said", &story.you_said),
            ("We did", &story.we_did),
            ("What changed", &story.what_changed),
        ] {
            if let Some(text) = text {
                out.push(Block::Labelled {
                    label,
                    text: text.clone(),
                });
            }
        }
        out.push(Block::Paragraph(
            story
                .loop_closed_on
                .as_deref()
                .map_or("Members not yet told".to_owned(), |d| {
                    format!("Members told on {d}")
                }),
        ));
    }

    out.push(heading(2, "Spend against budget"));
    let spend = pack
        .spend
        .iter()
        .map(|l| {
            vec![
                l.budget_line.clone(),
                format_pounds(l.planned_pence),
                format_pounds(l.spent_pence),
            ]
        })
        .collect();
    out.push(table(
        "Budget lines (spent within the period)",
        &["Budget line", "Planned", "Spent"],
        spend,
    ));
    out
}
