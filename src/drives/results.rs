//! What a drive achieved: its sign-ups and what became of them, how many became members and
//! how fast, where they live and their children's needs, and the cost per new member. In an
//! export (the CLI's output) every count under 5 is "fewer than 5", never the number.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use super::drive;
use crate::members::model::Need;
use crate::role::Action;
use crate::session::Session;
use crate::{id, Error, Result};

/// Counts below this are suppressed in exports.
pub const SUPPRESS_BELOW: u32 = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DriveAreaCount.ts")]
pub struct DriveAreaCount {
    /// `None`: a postcode outside the forum's areas (or none).
    pub area_id: Option<String>,
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DriveNeedCount.ts")]
pub struct DriveNeedCount {
    /// `None`: no child's primary need was given.
    pub need: Option<Need>,
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DriveResults.ts")]
pub struct DriveResults {
    pub drive_id: String,
    pub drive_name: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    /// Every sign-up received, whatever became of it.
    pub signups: u32,
    pub pending: u32,
    /// Accepted as new members.
    pub accepted: u32,
    /// Found to be people already on record, and merged into them.
    pub merged: u32,
    pub discarded: u32,
    /// Sign-ups that became active members (accepted).
    pub new_members: u32,
    /// Days from signing up to joining, the middle value over the new members.
    pub median_days_to_join: Option<f64>,
    pub cost_pence: u32,
    /// `None` until someone has joined.
    pub cost_per_new_member_pence: Option<u32>,
    /// Sign-ups not discarded, by the area of their (kept) record.
    pub by_area: Vec<DriveAreaCount>,
    /// Sign-ups not discarded, by their children's primary needs (a family with two needs
    /// counts in both). `None` for a role that may not see children's needs.
    pub by_need: Option<Vec<DriveNeedCount>>,
}

/// A drive's results as they are, for the app.
pub async fn results(s: &Session, drive_id: &str) -> Result<DriveResults> {
    s.require(Action::ViewDrives)?;
    let mut conn = s.db().reader().acquire().await?;
    let drive = drive::load(&mut conn, drive_id).await?;
    let statuses: Vec<(String, u32)> = sqlx::query_as(
        "SELECT status, count(*) FROM drive_signups WHERE drive_id = ? GROUP BY status",
    )
    .bind(drive_id)
    .fetch_all(&mut *conn)
    .await?;
    let status = |name: &str| {
        statuses
            .iter()
            .find(|(s, _)| s == name)
            .map_or(0, |(_, n)| *n)
    };
    let joined: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT g.signed_up_at, m.joined_on FROM drive_signups g \
         JOIN memberships m ON m.person_id = g.person_id \
         WHERE g.drive_id = ? AND g.status = 'accepted'",
    )
    .bind(drive_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut days: Vec<i64> = joined
        .iter()
        .filter_map(|(signed, joined)| {
            let signed = id::london_date(id::parse_rfc3339(signed)?);
            let joined = id::parse_date(joined.as_deref()?)?;
            Some((joined - signed).whole_days().max(0))
        })
        .collect();
    days.sort_unstable();
    let by_area: Vec<(Option<String>, Option<String>, u32)> = sqlx::query_as(
        "SELECT p.area_id, a.name, count(*) FROM drive_signups g JOIN people p ON p.id = g.person_id \
         LEFT JOIN areas a ON a.id = p.area_id WHERE g.drive_id = ? AND g.status != 'discarded' \
         GROUP BY p.area_id ORDER BY count(*) DESC, a.name",
    )
    .bind(drive_id)
    .fetch_all(&mut *conn)
    .await?;
    let by_need = if s.require(Action::ViewSpecialCategory).is_ok() {
        let rows: Vec<(Option<String>, u32)> = sqlx::query_as(
            "SELECT need, count(*) FROM (SELECT DISTINCT g.id, c.primary_need AS need \
             FROM drive_signups g LEFT JOIN children c ON c.person_id = g.person_id \
             AND c.primary_need IS NOT NULL WHERE g.drive_id = ? AND g.status != 'discarded') \
             GROUP BY need",
        )
        .bind(drive_id)
        .fetch_all(&mut *conn)
        .await?;
        Some(need_counts(rows))
    } else {
        None
    };
    let accepted = status("accepted");
    Ok(DriveResults {
        drive_id: drive.id,
        drive_name: drive.name,
        starts_on: drive.starts_on,
        ends_on: drive.ends_on,
        signups: statuses.iter().map(|(_, n)| n).sum(),
        pending: status("pending"),
        accepted,
        merged: status("merged"),
        discarded: status("discarded"),
        new_members: accepted,
        median_days_to_join: median(&days),
        cost_pence: drive.cost_pence,
        cost_per_new_member_pence: (accepted > 0)
            .then(|| (f64::from(drive.cost_pence) / f64::from(accepted)).round() as u32),
        by_area: by_area
            .into_iter()
            .map(|(area_id, name, count)| DriveAreaCount {
                label: name.unwrap_or_else(|| "Outside the forum's areas".to_owned()),
                area_id,
                count,
            })
            .collect(),
        by_need,
    })
}

/// Merges "no need given" rows (a child with no primary need, or no child) into one.
fn need_counts(rows: Vec<(Option<String>, u32)>) -> Vec<DriveNeedCount> {
    let mut counts: HashMap<Option<Need>, u32> = HashMap::new();
    for (need, count) in rows {
        let need = need.as_deref().and_then(Need::parse);
        *counts.entry(need).or_default() += count;
    }
    let mut out: Vec<DriveNeedCount> = counts
        .into_iter()
        .map(|(need, count)| DriveNeedCount {
            label: need.map_or("No need given", Need::label).to_owned(),
            need,
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    out
}

fn median(sorted: &[i64]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let mid = n / 2;
    Some(if n % 2 == 1 {
        sorted[mid] as f64
    } else {
        (sorted[mid - 1] + sorted[mid]) as f64 / 2.0
    })
}

/// A count in an export: `null` with `suppressed` true when under 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ExportCount {
    pub count: Option<u32>,
    pub suppressed: bool,
}

impl ExportCount {
    pub fn of(n: u32) -> ExportCount {
        let suppressed = n < SUPPRESS_BELOW;
        ExportCount {
            count: (!suppressed).then_some(n),
            suppressed,
        }
    }

    /// "fewer than 5", or the number.
    pub fn text(self) -> String {
        self.count
            .map_or_else(|| "fewer than 5".to_owned(), |n| n.to_string())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportRow {
    pub label: String,
    pub count: Option<u32>,
    pub suppressed: bool,
}

/// A drive's results to keep or share: every count under 5 is `null` with `suppressed`
/// true, and so are the figures worked out from one (the median and the cost per member
/// would give the number of new members back).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DriveResultsExport {
    pub drive_id: String,
    pub drive_name: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub signups: ExportCount,
    pub pending: ExportCount,
    pub accepted: ExportCount,
    pub merged: ExportCount,
    pub discarded: ExportCount,
    pub new_members: ExportCount,
    pub median_days_to_join: Option<f64>,
    pub median_days_to_join_suppressed: bool,
    pub cost_pence: u32,
    pub cost_per_new_member_pence: Option<u32>,
    pub cost_per_new_member_suppressed: bool,
    pub by_area: Vec<ExportRow>,
    pub by_need: Option<Vec<ExportRow>>,
}

impl DriveResultsExport {
    pub fn from_results(r: &DriveResults) -> DriveResultsExport {
        let members_hidden = r.new_members < SUPPRESS_BELOW;
        let row = |label: &str, n: u32| {
            let c = ExportCount::of(n);
            ExportRow {
                label: label.to_owned(),
                count: c.count,
                suppressed: c.suppressed,
            }
        };
        DriveResultsExport {
            drive_id: r.drive_id.clone(),
            drive_name: r.drive_name.clone(),
            starts_on: r.starts_on.clone(),
            ends_on: r.ends_on.clone(),
            signups: ExportCount::of(r.signups),
            pending: ExportCount::of(r.pending),
            accepted: ExportCount::of(r.accepted),
            merged: ExportCount::of(r.merged),
            discarded: ExportCount::of(r.discarded),
            new_members: ExportCount::of(r.new_members),
            median_days_to_join: r.median_days_to_join.filter(|_| !members_hidden),
            median_days_to_join_suppressed: members_hidden,
            cost_pence: r.cost_pence,
            cost_per_new_member_pence: r.cost_per_new_member_pence.filter(|_| !members_hidden),
            cost_per_new_member_suppressed: members_hidden,
            by_area: r.by_area.iter().map(|a| row(&a.label, a.count)).collect(),
            by_need: r
                .by_need
                .as_ref()
                .map(|needs| needs.iter().map(|n| row(&n.label, n.count)).collect()),
        }
    }

    /// Plain text for a terminal.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let dates = match &self.ends_on {
            Some(end) if end != &self.starts_on => format!("{} to {end}", self.starts_on),
            _ => self.starts_on.clone(),
        };
        out.push_str(&format!("{} ({dates})\n", self.drive_name));
        let lines = [
            ("Sign-ups", self.signups),
            ("Waiting for review", self.pending),
            ("Accepted as members", self.accepted),
            ("Merged with existing records", self.merged),
            ("Discarded", self.discarded),
            ("New members", self.new_members),
        ];
        for (label, count) in lines {
            out.push_str(&format!("{label}: {}\n", count.text()));
        }
        let suppressed = || "not shown (fewer than 5 new members)".to_owned();
        let median = match (
            self.median_days_to_join,
            self.median_days_to_join_suppressed,
        ) {
            (_, true) => suppressed(),
            (Some(days), _) => format!("{days} days"),
            (None, _) => "no one has joined yet".to_owned(),
        };
        out.push_str(&format!("Median time from sign-up to joining: {median}\n"));
        out.push_str(&format!("Cost: {}\n", pounds(self.cost_pence)));
        let per = match (
            self.cost_per_new_member_pence,
            self.cost_per_new_member_suppressed,
        ) {
            (_, true) => suppressed(),
            (Some(pence), _) => pounds(pence),
            (None, _) => "no one has joined yet".to_owned(),
        };
        out.push_str(&format!("Cost per new member: {per}\n"));
        let table = |out: &mut String, title: &str, rows: &[ExportRow]| {
            out.push_str(&format!("\n{title}\n"));
            if rows.is_empty() {
                out.push_str("  none\n");
            }
            for r in rows {
                let count = r
                    .count
                    .map_or_else(|| "fewer than 5".to_owned(), |n| n.to_string());
                out.push_str(&format!("  {}: {count}\n", r.label));
            }
        };
        table(&mut out, "Sign-ups by area", &self.by_area);
        if let Some(needs) = &self.by_need {
            table(&mut out, "Sign-ups by children's primary need", needs);
        }
        out
    }
}

/// A drive's results with small numbers suppressed, for the CLI and any file.
pub async fn export(s: &Session, drive_id: &str) -> Result<DriveResultsExport> {
    let results = results(s, drive_id).await?;
    Ok(DriveResultsExport::from_results(&results))
}

pub fn pounds(pence: u32) -> String {
    format!("£{}.{:02}", pence / 100, pence % 100)
}

/// The export as JSON.
pub fn to_json(export: &DriveResultsExport) -> Result<String> {
    serde_json::to_string_pretty(export).map_err(|e| Error::internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_is_the_middle_value() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3]), Some(3.0));
        assert_eq!(median(&[1, 2, 10]), Some(2.0));
        assert_eq!(median(&[1, 2, 4, 10]), Some(3.0));
    }

    #[test]
    fn counts_under_five_are_suppressed() {
        assert_eq!(
            ExportCount::of(4),
            ExportCount {
                count: None,
                suppressed: true
            }
        );
        assert_eq!(ExportCount::of(0).text(), "fewer than 5");
        assert_eq!(ExportCount::of(5).count, Some(5));
        assert_eq!(pounds(12_050), "£120.50");
    }
}
