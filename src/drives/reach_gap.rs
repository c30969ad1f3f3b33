//! Where the membership falls short of the local SEND population, to aim the next drive.
//!
//! The membership side counts the children of active members (an active membership whose
//! renewal is due counts too) from the children's-needs records, which are held only while
//! the parent carer's explicit consent is active. It also counts the need and age band kept
//! against the tombstone of an erased person whose membership is still active
//! (`erased_children`): erasure removes who they are, not that the forum reaches them, and
//! the evidence pack counts them the same way. A member who left is not counted, erased or
//! not.
//!
//! For each cell (area and need, and the rows for each area and each need) the view gives
//! the members' children, the population, the members' share ÷ the population's share (the
//! representation ratio: 1 is parity, 0.5 half the reach the forum has overall) and the
//! members' children per 1,000 children in the population. Cells below parity are ranked
//! by their shortfall: how many more members' children the cell would need to reach parity,
//! so a big cell far behind comes before a tiny one with no members.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::population;
use crate::export::{write_csv, Sheet};
use crate::members::model::{AgeBand, Need};
use crate::role::Action;
use crate::session::Session;
use crate::{id, Error, Result};

/// Below this a count is never shown in an export, so a cell cannot identify a family.
pub const SUPPRESS_BELOW: i64 = 5;
/// How many cells the suggested target list has unless asked for another number.
pub const DEFAULT_TARGETS: u32 = 5;

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export_to = "ReachGapOptions.ts")]
pub struct ReachGapOptions {
    /// Compare one age band only; `None` compares all ages.
    pub age_band: Option<AgeBand>,
    /// How many cells to suggest as targets (1 to 20; 5 when absent).
    pub targets: Option<u32>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ReachGapRow.ts")]
pub struct ReachGapRow {
    /// `None` in the rows for a need across all areas.
    pub area_id: Option<String>,
    pub area_name: Option<String>,
    /// `None` in the rows for an area across all needs.
    pub need: Option<Need>,
    pub need_label: Option<String>,
    #[ts(type = "number")]
    pub members_children: i64,
    #[ts(type = "number")]
    pub population: i64,
    /// Of all the members' children compared, the fraction in this row (0 to 1).
    pub members_share: f64,
    /// Of the whole population compared, the fraction in this row (0 to 1).
    pub population_share: f64,
    /// Members' share ÷ population share; `None` when the row has no population.
    pub ratio: Option<f64>,
    /// Members' children per 1,000 children in the population; `None` with no population.
    pub per_1000: Option<f64>,
    /// How many more members' children the row would need to reach parity (0 at or above).
    pub shortfall: f64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ReachTarget.ts")]
pub struct ReachTarget {
    pub rank: u32,
    pub area_id: String,
    pub area_name: String,
    pub need: Need,
    pub need_label: String,
    /// Plain English, with any count under 5 written as "fewer than 5".
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ReachGap.ts")]
pub struct ReachGap {
    pub population_year: Option<i32>,
    pub population_source: String,
    pub age_band: Option<AgeBand>,
    /// Active members (whether or not their children's needs are recorded).
    #[ts(type = "number")]
    pub active_members: i64,
    /// Members' children compared: in an area and need the figures cover.
    #[ts(type = "number")]
    pub members_children: i64,
    /// Members' children left out: no area, no primary need, no age band when one is chosen,
    /// or in an area or need the figures do not cover.
    #[ts(type = "number")]
    pub not_compared: i64,
    #[ts(type = "number")]
    pub population: i64,
    /// Members' children per 1,000 in the population, over everything compared.
    pub per_1000: Option<f64>,
    /// Each area across all needs, by area name.
    pub by_area: Vec<ReachGapRow>,
    /// Each need across all areas, in SEN2 order.
    pub by_need: Vec<ReachGapRow>,
    /// Each area and need with a population figure, by area then need.
    pub cells: Vec<ReachGapRow>,
    /// The cells below parity, biggest shortfall first.
    pub under_represented: Vec<ReachGapRow>,
    pub targets: Vec<ReachTarget>,
}

/// The comparison, for admins and officers.
pub async fn reach_gap(s: &Session, options: &ReachGapOptions) -> Result<ReachGap> {
    s.require(Action::ViewReachGap)?;
    let targets = options.targets.unwrap_or(DEFAULT_TARGETS);
    if !(1..=20).contains(&targets) {
        return Err(Error::field(
            "targets",
            "Ask for between 1 and 20 suggested targets",
        ));
    }
    let mut conn = s.db().reader().acquire().await?;
    let population = population::load(&mut conn).await?;
    let active_members: i64 =
        sqlx::query_scalar("SELECT count(*) FROM memberships WHERE status = 'active'")
            .fetch_one(&mut *conn)
            .await?;
    let children: Vec<ChildRow> = sqlx::query_as(
        "SELECT p.area_id, c.primary_need, c.age_band, c.year_of_birth, count(*) FROM ( \
             SELECT person_id, primary_need, age_band, year_of_birth FROM children UNION ALL \
             SELECT person_id, primary_need, age_band, NULL FROM erased_children) c \
             JOIN memberships m ON m.person_id = c.person_id AND m.status = 'active' \
             JOIN people p ON p.id = c.person_id GROUP BY 1, 2, 3, 4",
    )
    .fetch_all(&mut *conn)
    .await?;
    drop(conn);
    let this_year = id::today_london().year();
    let members: Vec<Tally> = children
        .into_iter()
        .map(|(area, need, band, year, n)| Tally {
            area,
            need: need.as_deref().and_then(Need::parse),
            band: band
                .as_deref()
                .and_then(AgeBand::parse)
                .or_else(|| year.and_then(|y| band_for_age(this_year - y))),
            count: n,
        })
        .collect();
    Ok(compare(
        &population,
        &members,
        options.age_band,
        targets,
        active_members,
    ))
}

/// The age band a child is in during the year they reach `age`.
fn band_for_age(age: i32) -> Option<AgeBand> {
    Some(match age {
        0..=4 => AgeBand::Age0To4,
        5..=10 => AgeBand::Age5To10,
        11..=15 => AgeBand::Age11To15,
        16..=19 => AgeBand::Age16To19,
        20..=25 => AgeBand::Age20To25,
        _ => return None,
    })
}

/// Area, primary need, age band, year of birth, how many.
type ChildRow = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i32>,
    i64,
);

struct Tally {
    area: Option<String>,
    need: Option<Need>,
    band: Option<AgeBand>,
    count: i64,
}

fn compare(
    population: &population::Population,
    members: &[Tally],
    age_band: Option<AgeBand>,
    targets: u32,
    active_members: i64,
) -> ReachGap {
    let mut pop: HashMap<(String, Need), i64> = HashMap::new();
    let mut area_names: HashMap<String, String> = HashMap::new();
    for cell in &population.cells {
        if age_band.is_some_and(|b| b != cell.age_band) {
            continue;
        }
        *pop.entry((cell.area_id.clone(), cell.primary_need))
            .or_default() += cell.children;
        area_names.insert(cell.area_id.clone(), cell.area_name.clone());
    }
    let mut mem: HashMap<(String, Need), i64> = HashMap::new();
    let mut not_compared = 0;
    for t in members {
        let in_band = age_band.is_none_or(|b| t.band == Some(b));
        match (&t.area, t.need) {
            (Some(area), Some(need)) if in_band && pop.contains_key(&(area.clone(), need)) => {
                *mem.entry((area.clone(), need)).or_default() += t.count;
            }
            _ if in_band || t.band.is_none() => not_compared += t.count,
            // A child in another age band is simply not part of this comparison.
            _ => {}
        }
    }
    let m_total: i64 = mem.values().sum();
    let p_total: i64 = pop.values().sum();
    let row = |area: Option<&String>, need: Option<Need>, m: i64, p: i64| {
        let members_share = share(m, m_total);
        let population_share = share(p, p_total);
        let parity = if p_total > 0 {
            p as f64 * m_total as f64 / p_total as f64
        } else {
            0.0
        };
        ReachGapRow {
            area_id: area.cloned(),
            area_name: area.and_then(|a| area_names.get(a).cloned()),
            need,
            need_label: need.map(|n| n.label().to_owned()),
            members_children: m,
            population: p,
            members_share,
            population_share,
            ratio: (p > 0 && m_total > 0).then(|| members_share / population_share),
            per_1000: (p > 0).then(|| m as f64 * 1000.0 / p as f64),
            shortfall: (parity - m as f64).max(0.0),
        }
    };
    let cells: Vec<ReachGapRow> = pop
        .iter()
        .map(|((area, need), p)| {
            let m = mem.get(&(area.clone(), *need)).copied().unwrap_or(0);
            row(Some(area), Some(*need), m, *p)
        })
        .collect();
    let mut area_sums: BTreeMap<&String, (i64, i64)> = BTreeMap::new();
    let mut need_sums: BTreeMap<usize, (Need, i64, i64)> = BTreeMap::new();
    for c in &cells {
        if let (Some(area), Some(need)) = (&c.area_id, c.need) {
            let a = area_sums.entry(area).or_default();
            a.0 += c.members_children;
            a.1 += c.population;
            let order = Need::ALL.iter().position(|n| *n == need).unwrap_or(0);
            let n = need_sums.entry(order).or_insert((need, 0, 0));
            n.1 += c.members_children;
            n.2 += c.population;
        }
    }
    let mut by_area: Vec<ReachGapRow> = area_sums
        .into_iter()
        .map(|(area, (m, p))| row(Some(area), None, m, p))
        .collect();
    by_area.sort_by_key(|r| r.area_name.as_deref().map(str::to_lowercase));
    let by_need = need_sums
        .into_values()
        .map(|(need, m, p)| row(None, Some(need), m, p))
        .collect();
    let mut cells = cells;
    let need_order = |n: Option<Need>| n.and_then(|n| Need::ALL.iter().position(|x| *x == n));
    cells.sort_by(|a, b| {
        a.area_name
            .as_deref()
            .map(str::to_lowercase)
            .cmp(&b.area_name.as_deref().map(str::to_lowercase))
            .then(need_order(a.need).cmp(&need_order(b.need)))
    });
    let mut under: Vec<ReachGapRow> = cells
        .iter()
        .filter(|c| c.ratio.is_some_and(|r| r < 1.0) && c.shortfall > 0.0)
        .cloned()
        .collect();
    under.sort_by(|a, b| {
        b.shortfall
            .total_cmp(&a.shortfall)
            .then(a.ratio.unwrap_or(0.0).total_cmp(&b.ratio.unwrap_or(0.0)))
            .then(b.population.cmp(&a.population))
    });
    let overall = (p_total > 0).then(|| m_total as f64 * 1000.0 / p_total as f64);
    let targets = under
        .iter()
        .take(targets as usize)
        .enumerate()
        .filter_map(|(i, c)| {
            Some(ReachTarget {
                rank: u32::try_from(i + 1).unwrap_or(u32::MAX),
                area_id: c.area_id.clone()?,
                area_name: c.area_name.clone()?,
                need: c.need?,
                need_label: c.need_label.clone()?,
                reason: reason(c, overall.unwrap_or(0.0)),
            })
        })
        .collect();
    ReachGap {
        population_year: population.year,
        population_source: population.source.clone(),
        age_band,
        active_members,
        members_children: m_total,
        not_compared,
        population: p_total,
        per_1000: overall,
        by_area,
        by_need,
        cells,
        under_represented: under,
        targets,
    }
}

fn share(part: i64, total: i64) -> f64 {
    if total > 0 {
        part as f64 / total as f64
    } else {
        0.0
    }
}

/// "Autistic spectrum disorder in Preston: fewer than 5 members' children among 480
/// children in the local population (8 per 1,000, against 25 per 1,000 across the figures);
/// about 11 more would bring it level with the forum's reach elsewhere."
fn reason(c: &ReachGapRow, overall: f64) -> String {
    let need = c.need_label.as_deref().unwrap_or("");
    let area = c.area_name.as_deref().unwrap_or("");
    let members = match c.members_children {
        0 => "no members' children".to_owned(),
        n if n < SUPPRESS_BELOW => "fewer than 5 members' children".to_owned(),
        1 => "1 member's child".to_owned(),
        n => format!("{} members' children", with_commas(n)),
    };
    let population = if c.population < SUPPRESS_BELOW {
        "fewer than 5 children".to_owned()
    } else {
        format!("{} children", with_commas(c.population))
    };
    let more = c.shortfall.round().max(1.0) as i64;
    let rate = if c.members_children < SUPPRESS_BELOW || c.population < SUPPRESS_BELOW {
        format!(
            "against {} per 1,000 across the figures",
            one_place(overall)
        )
    } else {
        format!(
            "{} per 1,000, against {} per 1,000 across the figures",
            one_place(c.per_1000.unwrap_or(0.0)),
            one_place(overall)
        )
    };
    format!(
        "{need} in {area}: {members} among {population} in the local population ({rate}); about \
         {} more would bring it level with the forum's reach elsewhere.",
        with_commas(more)
    )
}

fn one_place(x: f64) -> String {
    format!("{x:.1}")
}

fn with_commas(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!(
        "{sign}{}",
        crate::import::table::with_commas(n.unsigned_abs() as usize)
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export_to = "ReachGapFormat.ts")]
pub enum ReachGapFormat {
    Csv,
    Json,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ReachGapFile.ts")]
pub struct ReachGapFile {
    pub rows: u32,
    #[ts(skip)]
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

/// One row of an export: counts under 5 are `null` with `suppressed` true, and so are the
/// ratio and rate worked out from them (they would give the count back).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportRow {
    /// "area", "need" or "cell".
    pub level: &'static str,
    pub area: Option<String>,
    pub need: Option<Need>,
    pub need_label: Option<String>,
    pub members_children: Option<i64>,
    pub population: Option<i64>,
    pub ratio: Option<f64>,
    pub per_1000: Option<f64>,
    /// 1 for the most under-represented cell; `None` for rows not below parity.
    pub under_represented_rank: Option<u32>,
    pub suppressed: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportDocument {
    pub population_year: Option<i32>,
    pub population_source: String,
    pub age_band: Option<AgeBand>,
    pub members_children: Option<i64>,
    pub population: Option<i64>,
    pub suppressed: bool,
    pub rows: Vec<ExportRow>,
    pub targets: Vec<ReachTarget>,
}

/// The rows of an export, with small numbers suppressed.
pub fn export_rows(gap: &ReachGap) -> Vec<ExportRow> {
    let ranks: HashMap<(Option<&String>, Option<Need>), u32> = gap
        .under_represented
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                (r.area_id.as_ref(), r.need),
                u32::try_from(i + 1).unwrap_or(u32::MAX),
            )
        })
        .collect();
    let levels = [
        ("area", &gap.by_area),
        ("need", &gap.by_need),
        ("cell", &gap.cells),
    ];
    levels
        .into_iter()
        .flat_map(|(level, rows)| rows.iter().map(move |r| (level, r)))
        .map(|(level, r)| {
            let suppressed = r.members_children < SUPPRESS_BELOW || r.population < SUPPRESS_BELOW;
            let keep = |n: i64| (n >= SUPPRESS_BELOW).then_some(n);
            ExportRow {
                level,
                area: r.area_name.clone(),
                need: r.need,
                need_label: r.need_label.clone(),
                members_children: keep(r.members_children),
                population: keep(r.population),
                ratio: r.ratio.filter(|_| !suppressed),
                per_1000: r.per_1000.filter(|_| !suppressed),
                under_represented_rank: (level == "cell")
                    .then(|| ranks.get(&(r.area_id.as_ref(), r.need)).copied())
                    .flatten(),
                suppressed,
            }
        })
        .collect()
}

/// The comparison as a file to keep or share: CSV (one row per area, need and cell) or JSON.
/// Counts under 5 never appear in either.
pub async fn export(
    s: &Session,
    options: &ReachGapOptions,
    format: ReachGapFormat,
) -> Result<ReachGapFile> {
    let gap = reach_gap(s, options).await?;
    let rows = export_rows(&gap);
    let count = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let bytes = match format {
        ReachGapFormat::Json => {
            let keep = |n: i64| (n >= SUPPRESS_BELOW).then_some(n);
            let document = ExportDocument {
                population_year: gap.population_year,
                population_source: gap.population_source.clone(),
                age_band: gap.age_band,
                members_children: keep(gap.members_children),
                population: keep(gap.population),
                suppressed: gap.members_children < SUPPRESS_BELOW
                    || gap.population < SUPPRESS_BELOW,
                rows,
                targets: gap.targets.clone(),
            };
            serde_json::to_vec_pretty(&document).map_err(|e| Error::internal(e.to_string()))?
        }
        ReachGapFormat::Csv => write_csv(&sheet(&gap, &rows)),
    };
    Ok(ReachGapFile { rows: count, bytes })
}

fn sheet(gap: &ReachGap, rows: &[ExportRow]) -> Sheet {
    let fewer = || "fewer than 5".to_owned();
    let number = |n: Option<i64>| n.map_or_else(fewer, |n| n.to_string());
    let decimal = |x: Option<f64>, places: usize, suppressed: bool| match x {
        Some(x) => format!("{x:.places$}"),
        None if suppressed => fewer(),
        None => String::new(),
    };
    let mut out: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.level.to_owned(),
                r.area.clone().unwrap_or_default(),
                r.need.map(|n| n.as_str().to_owned()).unwrap_or_default(),
                r.need_label.clone().unwrap_or_default(),
                number(r.members_children),
                number(r.population),
                decimal(r.ratio, 2, r.suppressed),
                decimal(r.per_1000, 1, r.suppressed),
                r.under_represented_rank
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                String::new(),
            ]
        })
        .collect();
    for t in &gap.targets {
        out.push(vec![
            "target".into(),
            t.area_name.clone(),
            t.need.as_str().into(),
            t.need_label.clone(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            t.rank.to_string(),
            t.reason.clone(),
        ]);
    }
    let figures = match (gap.population_year, gap.population_source.as_str()) {
        (Some(year), "") => format!("population figures for {year}"),
        (Some(year), source) => format!("population figures for {year}: {source}"),
        (None, source) => source.to_owned(),
    };
    out.push(vec![
        "source".into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        figures,
    ]);
    Sheet {
        headers: [
            "level",
            "area",
            "primary_need",
            "need",
            "members_children",
            "population",
            "ratio",
            "per_1000",
            "rank",
            "note",
        ]
        .map(str::to_owned)
        .to_vec(),
        rows: out,
        phone_columns: Vec::new(),
    }
}
