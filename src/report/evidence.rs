//! The evidence pack for a period (a quarter, a grant year, or any dates): membership and
//! its growth, reach through affiliated groups, participation, representation, indicators,
//! "you said, we did" stories and spend against budget, as one JSON-able value whose keys
//! are stable (scripts and the README rely on them).
//!
//! Membership figures come from the membership history (joined, renewed, lapsed, left,
//! rejoined), not from who is on the books today, so a period's figures stay true later.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use serde_json::json;
use sqlx::{FromRow, SqlitePool};
use time::Date;
use ts_rs::TS;

use crate::activities::activity;
use crate::audit::{self, Entry};
use crate::error::FieldErrors;
use crate::groups::reach::{self, Reach};
use crate::indicators::{self, IndicatorReview};
use crate::representation::meeting::{self, BodyAttendance};
use crate::role::Action;
use crate::session::Session;
use crate::{validate, Error, Result};

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "EvidencePack.ts")]
pub struct EvidencePack {
    pub from: String,
    pub to: String,
    pub membership: MembershipFigures,
    pub reach: Reach,
    pub participation: Participation,
    pub representation: Vec<BodyAttendance>,
    pub indicators: Vec<IndicatorReview>,
    pub impact_stories: Vec<ImpactStory>,
    pub spend: Vec<SpendLine>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "MembershipFigures.ts")]
pub struct MembershipFigures {
    pub total_at_start: u32,
    pub total_at_end: u32,
    /// Joined or rejoined in the period.
    pub new: u32,
    /// Left or lapsed in the period.
    pub lost: u32,
    pub by_month: Vec<MonthFigures>,
    /// New members by how they were recruited ("not recorded" when blank).
    pub new_by_source: Vec<Count>,
    /// Members at the end of the period, by area.
    pub by_area: Vec<Count>,
    /// Children's primary needs among members at the end (special category: counts only).
    pub by_primary_need: Vec<Count>,
    pub by_age_band: Vec<Count>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "MonthFigures.ts")]
pub struct MonthFigures {
    /// "2026-04".
    pub month: String,
    pub joined: u32,
    pub lost: u32,
    pub total_at_end: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Count.ts")]
pub struct Count {
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Participation.ts")]
pub struct Participation {
    pub activities: u32,
    pub by_kind: Vec<Count>,
    pub by_level: Vec<Count>,
    pub by_rung: Vec<Count>,
    pub parent_carers_engaged: u32,
    /// Whole hours, rounded.
    pub volunteer_hours: u32,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ImpactStory.ts")]
pub struct ImpactStory {
    pub activity_id: String,
    pub title: String,
    pub starts_on: String,
    pub you_said: Option<String>,
    pub we_did: Option<String>,
    pub what_changed: Option<String>,
    /// When members were told; `None` while the loop is open.
    pub loop_closed_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS, FromRow)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SpendLine.ts")]
pub struct SpendLine {
    /// "2026–27: Events".
    pub budget_line: String,
    #[ts(type = "number")]
    pub planned_pence: i64,
    /// Spent within the report's period.
    #[ts(type = "number")]
    pub spent_pence: i64,
}

/// The longest period one pack covers: ten grant years.
const MAX_DAYS: i64 = 3660;

pub fn period(from: &str, to: &str) -> Result<(Date, Date)> {
    let mut errors = FieldErrors::default();
    let mut date = |field: &str, text: &str| {
        validate::date(
            &mut errors,
            field,
            text,
            Some("Enter the date, for example 01/04/2026"),
        )
    };
    let (from, to) = (date("from", from), date("to", to));
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            errors.add("to", "The end must be on or after the start");
        } else if (to - from).whole_days() > MAX_DAYS {
            errors.add("to", "A report can cover at most ten years");
        }
    }
    errors.finish()?;
    match (from, to) {
        (Some(from), Some(to)) => Ok((from, to)),
        _ => Err(Error::internal("Checked dates are missing.")),
    }
}

/// Builds the pack. Volunteers may run it (the issue asks that a volunteer can go from an
/// empty period to a printed pack): it holds only counts and the forum's own stories, no
/// one's details. Running it is audited, since it reads across every member's record.
pub async fn evidence_pack(s: &Session, from: &str, to: &str) -> Result<EvidencePack> {
    s.require(Action::ViewActivities)?;
    let (from, to) = period(from, to)?;
    let db = s.db().reader();
    let stories = sqlx::query_as(
        "SELECT id AS activity_id, title, starts_on, you_said, we_did, what_changed, \
         loop_closed_on FROM activities WHERE starts_on BETWEEN ? AND ? AND \
         (you_said IS NOT NULL OR we_did IS NOT NULL OR what_changed IS NOT NULL) \
         ORDER BY starts_on, title",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(db);
    let spend = sqlx::query_as(
        "SELECT (CAST(strftime('%Y', g.starts_on) AS INTEGER) || '–' || \
         substr(CAST(strftime('%Y', g.starts_on) AS INTEGER) + 1, 3) || ': ' || b.name) \
         AS budget_line, b.planned_pence, coalesce((SELECT sum(amount_pence) FROM spend sp \
         WHERE sp.budget_line_id = b.id AND sp.spent_on BETWEEN ?1 AND ?2), 0) AS spent_pence \
         FROM budget_lines b JOIN grant_periods g ON g.id = b.grant_id \
         WHERE g.starts_on <= ?2 AND date(g.starts_on, '+1 year', '-1 day') >= ?1 \
         ORDER BY g.starts_on, b.name COLLATE NOCASE",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(db);
    // The sections read different tables and each holds its own reader connection, which
    // SQLite runs on its own thread: side by side, the pack takes about as long as its
    // slowest section (membership) rather than the sum of them all.
    let (membership, reach, participation, representation, indicators, impact_stories, spend) = tokio::try_join!(
        membership(db, from, to),
        reach::reach(s),
        participation(db, from, to),
        meeting::attendance(s, from, to),
        indicator_reviews(s, from, to),
        async { Ok(stories.await?) },
        async { Ok(spend.await?) },
    )?;
    let pack = EvidencePack {
        from: from.to_string(),
        to: to.to_string(),
        membership,
        reach,
        participation,
        representation,
        indicators,
        impact_stories,
        spend,
    };
    let mut tx = s.db().write().await?;
    audit::append(
        &mut tx,
        Entry {
            actor_id: Some(s.user_id()),
            action: "report.evidence_pack",
            entity: "report",
            entity_id: None,
            changes: json!({"from": pack.from, "to": pack.to}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(pack)
}

fn count(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

async fn counts(db: &SqlitePool, sql: &str, binds: &[String]) -> Result<Vec<Count>> {
    let mut q = sqlx::query_as::<_, (String, i64)>(sql);
    for b in binds {
        q = q.bind(b);
    }
    Ok(q.fetch_all(db)
        .await?
        .into_iter()
        .map(|(label, n)| Count {
            label,
            count: count(n),
        })
        .collect())
}

/// Whether each person is a member at the end of each of `days` (sorted), from one pass
/// over the membership history: a person is a member on a day when their latest event by
/// then is a joining, rejoining or renewal. Returns the count for each day.
async fn members_on_days(db: &SqlitePool, days: &[Date]) -> Result<(Vec<u32>, HashSet<String>)> {
    let last = days.last().copied().unwrap_or(Date::MIN);
    // Read in table order and sorted here: asking SQLite for this order made it visit the
    // table once per event through the person index. Nearly every event is on or before the
    // last day, so the date index would only add a lookup per event: `NOT INDEXED`.
    let mut events: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT person_id, on_date, recorded_at, id, kind FROM membership_events NOT INDEXED \
         WHERE on_date <= ?",
    )
    .bind(last.to_string())
    .fetch_all(db)
    .await?;
    events.sort_unstable_by(|a, b| (&a.0, &a.1, &a.2, &a.3).cmp(&(&b.0, &b.1, &b.2, &b.3)));
    let events: Vec<(String, String, String)> = events
        .into_iter()
        .map(|(person, on, _, _, kind)| (person, on, kind))
        .collect();
    let days: Vec<String> = days.iter().map(Date::to_string).collect();
    let mut totals = vec![0u32; days.len()];
    let mut on_last_day = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        let person = &events[i].0;
        let mut j = i;
        while j < events.len() && &events[j].0 == person {
            j += 1;
        }
        let history = &events[i..j];
        let mut member = false;
        for (day, total) in days.iter().zip(totals.iter_mut()) {
            // ISO dates compare as text.
            let latest = history.iter().rev().find(|(_, on, _)| on <= day);
            member = latest.is_some_and(|(_, _, kind)| {
                matches!(kind.as_str(), "joined" | "rejoined" | "renewed")
            });
            *total += u32::from(member);
        }
        if member {
            on_last_day.insert(person.clone());
        }
        i = j;
    }
    Ok((totals, on_last_day))
}

/// Tallies `rows` (person, label) for the people in `members`, largest first.
fn tally_members(
    rows: Vec<(String, Option<String>)>,
    members: &HashSet<String>,
    missing: &str,
) -> Vec<Count> {
    let mut map: BTreeMap<String, u32> = BTreeMap::new();
    for (person, label) in rows {
        if members.contains(&person) {
            *map.entry(label.unwrap_or_else(|| missing.to_owned()))
                .or_default() += 1;
        }
    }
    let mut out: Vec<Count> = map
        .into_iter()
        .map(|(label, count)| Count { label, count })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    out
}

async fn membership(db: &SqlitePool, from: Date, to: Date) -> Result<MembershipFigures> {
    let before = from.previous_day().unwrap_or(from);
    let mut months: Vec<(Date, Date)> = Vec::new();
    let mut month_start = from;
    while month_start <= to {
        let next = month_start
            .replace_day(1)
            .ok()
            .and_then(|d| d.checked_add(time::Duration::days(32)))
            .and_then(|d| d.replace_day(1).ok())
            .unwrap_or(Date::MAX);
        months.push((month_start, next.previous_day().unwrap_or(next).min(to)));
        month_start = next;
    }
    let mut days = vec![before];
    days.extend(months.iter().map(|(_, end)| *end));
    // Joinings and losses per day in the period, read once and summed by month.
    let changes = sqlx::query_as::<_, (String, i64, i64)>(
        "SELECT on_date, sum(kind IN ('joined', 'rejoined')), sum(kind IN ('left', 'lapsed')) \
         FROM membership_events WHERE on_date BETWEEN ? AND ? GROUP BY on_date",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(db);
    let area_names =
        sqlx::query_as::<_, (String, String)>("SELECT id, name FROM areas").fetch_all(db);
    // Each person's id and area from one small index that holds both, rather than from the
    // table: every page read is decrypted, and the table is many times larger.
    let person_areas = sqlx::query_as::<_, (String, Option<String>)>(
        "SELECT id, area_id FROM people INDEXED BY people_id_area",
    )
    .fetch_all(db);
    // An erased person's children's details are deleted, but these two figures stay against
    // the tombstone, so a past period's pack is unchanged (see `gdpr::erase`).
    let children = sqlx::query_as::<_, (String, Option<String>, Option<String>)>(
        "SELECT person_id, primary_need, age_band FROM children UNION ALL \
         SELECT person_id, primary_need, age_band FROM erased_children",
    )
    .fetch_all(db);
    // Independent reads, each on its own reader connection (and SQLite thread).
    let (changes, (totals, members), area_names, person_areas, children) = tokio::try_join!(
        async { Ok::<_, Error>(changes.await?) },
        members_on_days(db, &days),
        async { Ok(area_names.await?) },
        async { Ok(person_areas.await?) },
        async { Ok(children.await?) },
    )?;
    let area_names: std::collections::HashMap<String, String> = area_names.into_iter().collect();
    let areas: Vec<(String, Option<String>)> = person_areas
        .into_iter()
        .map(|(person, area)| (person, area.and_then(|a| area_names.get(&a).cloned())))
        .collect();
    let mut by_area = tally_members(areas, &members, "No area");
    // "No area" last, the rest by name, as the reach table lists areas.
    by_area.sort_by(|a, b| (a.label == "No area", &a.label).cmp(&(b.label == "No area", &b.label)));
    let by_month = months
        .iter()
        .zip(totals.iter().skip(1))
        .map(|((start, end), total)| {
            let (start, end) = (start.to_string(), end.to_string());
            let in_month = changes
                .iter()
                .filter(|(on, _, _)| *on >= start && *on <= end);
            let (joined, lost) = in_month.fold((0, 0), |(j, l), (_, dj, dl)| (j + dj, l + dl));
            MonthFigures {
                month: start[..7].to_owned(),
                joined: count(joined),
                lost: count(lost),
                total_at_end: *total,
            }
        })
        .collect::<Vec<_>>();
    let period = [from.to_string(), to.to_string()];
    Ok(MembershipFigures {
        total_at_start: totals.first().copied().unwrap_or(0),
        total_at_end: totals.last().copied().unwrap_or(0),
        new: by_month.iter().map(|m| m.joined).sum(),
        lost: by_month.iter().map(|m| m.lost).sum(),
        by_month,
        new_by_source: counts(
            db,
            "SELECT coalesce(nullif(trim(m.recruitment_source), ''), 'not recorded') AS label, \
             count(*) FROM membership_events e JOIN memberships m ON m.person_id = e.person_id \
             WHERE e.kind IN ('joined', 'rejoined') AND e.on_date BETWEEN ?1 AND ?2 \
             GROUP BY label ORDER BY count(*) DESC, label",
            &period,
        )
        .await?,
        by_area,
        by_primary_need: tally_members(
            children
                .iter()
                .map(|(p, need, _)| (p.clone(), need.clone()))
                .collect(),
            &members,
            "not recorded",
        ),
        by_age_band: tally_members(
            children.into_iter().map(|(p, _, band)| (p, band)).collect(),
            &members,
            "not recorded",
        ),
    })
}

/// Kind, level, rung, activities, parent carers engaged, volunteer minutes.
type ActivityGroup = (String, String, String, i64, i64, i64);

async fn participation(db: &SqlitePool, from: Date, to: Date) -> Result<Participation> {
    // An activity over several days counts in any period it overlaps; none lasts longer than
    // `activity::MAX_DAYS`, so the start-date index bounds the search from both sides, and
    // the report index holds every column counted here, so the table is never read.
    const IN_PERIOD: &str = "FROM activities INDEXED BY activities_report \
         WHERE starts_on BETWEEN ?3 AND ?2 AND coalesce(ends_on, starts_on) >= ?1";
    let binds = [
        from.to_string(),
        to.to_string(),
        (from - time::Duration::days(activity::MAX_DAYS)).to_string(),
    ];
    // One pass over the period's index entries, grouped by all three at once (at most a
    // few hundred groups), then tallied each way here.
    let sql = format!(
        "SELECT kind, coalesce(level, 'not recorded'), coalesce(rung, 'not recorded'), \
         count(*), sum(parent_carers_engaged), sum(volunteer_minutes) {IN_PERIOD} \
         GROUP BY kind, level, rung"
    );
    let mut q = sqlx::query_as::<_, ActivityGroup>(&sql);
    for b in &binds {
        q = q.bind(b);
    }
    let groups = q.fetch_all(db).await?;
    let tally = |pick: fn(&ActivityGroup) -> &str| {
        let mut map: BTreeMap<&str, i64> = BTreeMap::new();
        for g in &groups {
            *map.entry(pick(g)).or_default() += g.3;
        }
        map.into_iter()
            .map(|(label, n)| Count {
                label: label.to_owned(),
                count: count(n),
            })
            .collect::<Vec<_>>()
    };
    let minutes: i64 = groups.iter().map(|g| g.5).sum();
    Ok(Participation {
        activities: count(groups.iter().map(|g| g.3).sum()),
        by_kind: tally(|g| g.0.as_str()),
        by_level: tally(|g| g.1.as_str()),
        by_rung: tally(|g| g.2.as_str()),
        parent_carers_engaged: count(groups.iter().map(|g| g.4).sum()),
        volunteer_hours: count((minutes + 30) / 60),
    })
}

/// Every quarter's review that falls in the period, quarter by quarter.
async fn indicator_reviews(s: &Session, from: Date, to: Date) -> Result<Vec<IndicatorReview>> {
    let mut out = Vec::new();
    let mut quarter = indicators::quarter_start(from);
    while quarter <= to {
        out.extend(indicators::quarter(s, &quarter.to_string()).await?);
        quarter = indicators::quarter_end(quarter)
            .next_day()
            .unwrap_or(Date::MAX);
    }
    Ok(out)
}
