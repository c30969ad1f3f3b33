//! The evidence pack as a standalone, printable HTML page (for the CLI's `--format html`):
//! every figure in a table, headings a screen reader can navigate, print CSS that keeps each
//! table on one page where it fits. Every value is escaped; nothing from the records is ever
//! markup.

use std::fmt::Write as _;

use super::evidence::{Count, EvidencePack};
use crate::grants::money::format_pounds;

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

fn table(out: &mut String, caption: &str, headers: &[&str], rows: &[Vec<String>]) {
    let _ = write!(
        out,
        "<table><caption>{}</caption><thead><tr>",
        escape(caption)
    );
    for h in headers {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    if rows.is_empty() {
        let _ = write!(
            out,
            "<tr><td colspan=\"{}\">None in this period.</td></tr>",
            headers.len()
        );
    }
    for row in rows {
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

fn counts(out: &mut String, caption: &str, what: &str, rows: &[Count]) {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|c| vec![c.label.clone(), c.count.to_string()])
        .collect();
    table(out, caption, &[what, "Count"], &rows);
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#0b0c0c}\
table{border-collapse:collapse;margin:0 0 1.5rem;min-width:50%}\
caption{text-align:left;font-weight:600;padding:.25rem 0}\
th,td{border:1px solid #b1b4b6;padding:.25rem .5rem;text-align:left;vertical-align:top}\
td{font-variant-numeric:tabular-nums}\
@media print{body{margin:0}h2{break-before:page}table,blockquote{break-inside:avoid}}";

pub fn render(pack: &EvidencePack, forum_name: &str) -> String {
    let mut out = String::new();
    let title = format!(
        "{}: evidence pack, {} to {}",
        forum_name, pack.from, pack.to
    );
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{STYLE}</style></head><body><main><h1>{}</h1>",
        escape(&title),
        escape(&title)
    );
    let m = &pack.membership;
    out.push_str("<h2>Membership</h2>");
    table(
        &mut out,
        "Members in the period",
        &["Figure", "Count"],
        &[
            vec!["At the start".into(), m.total_at_start.to_string()],
            vec!["New (joined or rejoined)".into(), m.new.to_string()],
            vec!["Lost (left or lapsed)".into(), m.lost.to_string()],
            vec!["At the end".into(), m.total_at_end.to_string()],
        ],
    );
    let months: Vec<Vec<String>> = m
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
    table(
        &mut out,
        "Growth by month",
        &["Month", "Joined", "Lost", "Members at the end"],
        &months,
    );
    counts(
        &mut out,
        "New members by source",
        "Source",
        &m.new_by_source,
    );
    counts(&mut out, "Members by area", "Area", &m.by_area);
    counts(
        &mut out,
        "Children by primary need",
        "Need",
        &m.by_primary_need,
    );
    counts(&mut out, "Children by age band", "Age band", &m.by_age_band);

    out.push_str("<h2>Reach through affiliated groups</h2>");
    let _ = write!(
        out,
        "<p>Counted on {}: today's members and the groups' latest estimates, not as at the \
         end of the period.</p>",
        escape(&pack.reach.on)
    );
    let reach: Vec<Vec<String>> = pack
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
    table(
        &mut out,
        "Reach by area (a member who runs a group is counted once)",
        &[
            "Area",
            "Members",
            "Groups",
            "Families via groups",
            "Combined",
        ],
        &reach,
    );

    let p = &pack.participation;
    out.push_str("<h2>Participation</h2>");
    table(
        &mut out,
        "Activities in the period",
        &["Figure", "Value"],
        &[
            vec!["Activities".into(), p.activities.to_string()],
            vec![
                "Parent carers engaged".into(),
                p.parent_carers_engaged.to_string(),
            ],
            vec!["Volunteer hours".into(), p.volunteer_hours.to_string()],
        ],
    );
    counts(&mut out, "By kind", "Kind", &p.by_kind);
    counts(&mut out, "By level", "Level", &p.by_level);
    counts(
        &mut out,
        "By rung of the co-production ladder",
        "Rung",
        &p.by_rung,
    );

    out.push_str("<h2>Representation</h2>");
    let bodies: Vec<Vec<String>> = pack
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
    table(
        &mut out,
        "Attendance by body",
        &[
            "Body",
            "Meetings",
            "Attended",
            "Rate",
            "Papers 5 working days ahead",
        ],
        &bodies,
    );

    out.push_str("<h2>Indicators</h2>");
    let indicators: Vec<Vec<String>> = pack
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
    table(
        &mut out,
        "Indicators by quarter",
        &["Indicator", "Quarter", "Status", "From the data", "Comment"],
        &indicators,
    );

    out.push_str("<h2>You said, we did</h2>");
    if pack.impact_stories.is_empty() {
        out.push_str("<p>None recorded in this period.</p>");
    }
    for story in &pack.impact_stories {
        let _ = write!(
            out,
            "<h3>{} ({})</h3>",
            escape(&story.title),
            escape(&story.starts_on)
        );
        for (label, text) in [
            ("You said", &story.you_said),
            ("We did", &story.we_did),
            ("What changed", &story.what_changed),
        ] {
            if let Some(text) = text {
                let _ = write!(
                    out,
                    "<p><strong>{label}:</strong> {}</p>",
                    escape(text).replace('\n', "<br>")
                );
            }
        }
        let closed = story
            .loop_closed_on
            .as_deref()
            .map_or("Members not yet told".to_owned(), |d| {
                format!("Members told on {d}")
            });
        let _ = write!(out, "<p>{}</p>", escape(&closed));
    }

    out.push_str("<h2>Spend against budget</h2>");
    let spend: Vec<Vec<String>> = pack
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
    table(
        &mut out,
        "Budget lines (spent within the period)",
        &["Budget line", "Planned", "Spent"],
        &spend,
    );
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
