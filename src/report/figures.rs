//! The evidence pack's figures saved out of the app, as CSV (one row per figure, for a
//! spreadsheet) or as the same JSON the CLI prints. CSV cells go through the export
//! module's formula neutraliser: titles and "you said" text are typed by people, and a
//! return is often opened in Excel.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::evidence::{self, Count, EvidencePack};
use crate::export::{write_csv, Sheet};
use crate::grants::money::format_pounds;
use crate::session::Session;
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export_to = "FiguresFormat.ts")]
pub enum FiguresFormat {
    Csv,
    Json,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "FiguresFile.ts")]
pub struct FiguresFile {
    pub rows: u32,
    #[ts(skip)]
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

/// Builds the pack for `from`..`to` and renders its figures in `format`.
pub async fn figures(
    s: &Session,
    from: &str,
    to: &str,
    format: FiguresFormat,
) -> Result<FiguresFile> {
    let pack = evidence::evidence_pack(s, from, to).await?;
    let sheet = sheet(&pack);
    let rows = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
    let bytes = match format {
        FiguresFormat::Csv => write_csv(&sheet),
        FiguresFormat::Json => {
            serde_json::to_vec_pretty(&pack).map_err(|e| Error::internal(e.to_string()))?
        }
    };
    Ok(FiguresFile { rows, bytes })
}

/// Section, figure, item and value: long rather than wide, so sections of different shapes
/// share one sheet and a pivot table can regroup them.
pub fn sheet(pack: &EvidencePack) -> Sheet {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row = |section: &str, figure: &str, item: &str, value: String| {
        rows.push(vec![section.into(), figure.into(), item.into(), value]);
    };
    row("period", "from", "", pack.from.clone());
    row("period", "to", "", pack.to.clone());
    let m = &pack.membership;
    row(
        "membership",
        "total at start",
        "",
        m.total_at_start.to_string(),
    );
    row("membership", "total at end", "", m.total_at_end.to_string());
    row("membership", "new", "", m.new.to_string());
    row("membership", "lost", "", m.lost.to_string());
    for month in &m.by_month {
        row(
            "membership",
            "joined by month",
            &month.month,
            month.joined.to_string(),
        );
        row(
            "membership",
            "lost by month",
            &month.month,
            month.lost.to_string(),
        );
        row(
            "membership",
            "total at month end",
            &month.month,
            month.total_at_end.to_string(),
        );
    }
    let mut counts = |section: &str, figure: &str, counts: &[Count]| {
        for c in counts {
            rows.push(vec![
                section.into(),
                figure.into(),
                c.label.clone(),
                c.count.to_string(),
            ]);
        }
    };
    counts("membership", "new by source", &m.new_by_source);
    counts("membership", "by area", &m.by_area);
    counts("membership", "by primary need", &m.by_primary_need);
    counts("membership", "by age band", &m.by_age_band);
    let p = &pack.participation;
    counts("participation", "by kind", &p.by_kind);
    counts("participation", "by level", &p.by_level);
    counts("participation", "by rung", &p.by_rung);
    let mut row = |section: &str, figure: &str, item: &str, value: String| {
        rows.push(vec![section.into(), figure.into(), item.into(), value]);
    };
    row("participation", "activities", "", p.activities.to_string());
    row(
        "participation",
        "parent carers engaged",
        "",
        p.parent_carers_engaged.to_string(),
    );
    row(
        "participation",
        "volunteer hours",
        "",
        p.volunteer_hours.to_string(),
    );
    for area in pack.reach.by_area.iter().chain([&pack.reach.total]) {
        row(
            "reach",
            "combined",
            &area.area_name,
            area.combined.to_string(),
        );
        row(
            "reach",
            "direct members",
            &area.area_name,
            area.direct_members.to_string(),
        );
        row(
            "reach",
            "families via groups",
            &area.area_name,
            area.families_via_groups.to_string(),
        );
    }
    for body in &pack.representation {
        row(
            "representation",
            "meetings",
            &body.body_name,
            body.meetings.to_string(),
        );
        row(
            "representation",
            "attended",
            &body.body_name,
            body.attended.to_string(),
        );
        row(
            "representation",
            "apologies",
            &body.body_name,
            body.apologies.to_string(),
        );
        row(
            "representation",
            "attendance percent",
            &body.body_name,
            body.attendance_percent
                .map(|p| p.to_string())
                .unwrap_or_default(),
        );
        row(
            "representation",
            "papers on time",
            &body.body_name,
            body.papers_on_time.to_string(),
        );
    }
    for indicator in &pack.indicators {
        let status = indicator
            .status
            .map(|s| s.as_str())
            .unwrap_or("not reviewed");
        row("indicators", "status", &indicator.title, status.into());
        if let Some(computed) = &indicator.computed {
            row("indicators", "computed", &indicator.title, computed.clone());
        }
    }
    for story in &pack.impact_stories {
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        row(
            "you said, we did",
            "you said",
            &story.title,
            text(&story.you_said),
        );
        row(
            "you said, we did",
            "we did",
            &story.title,
            text(&story.we_did),
        );
        row(
            "you said, we did",
            "what changed",
            &story.title,
            text(&story.what_changed),
        );
    }
    for line in &pack.spend {
        row(
            "spend",
            "planned",
            &line.budget_line,
            format_pounds(line.planned_pence),
        );
        row(
            "spend",
            "spent",
            &line.budget_line,
            format_pounds(line.spent_pence),
        );
    }
    Sheet::new(
        ["Section", "Figure", "Item", "Value"]
            .map(String::from)
            .to_vec(),
        rows,
    )
}
