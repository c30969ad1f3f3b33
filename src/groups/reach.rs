//! The forum's reach: direct members and the families reached through affiliated groups,
//! by area and by needs focus.
//!
//! How the figures are made, so a volunteer can explain them:
//! - **Direct members** are people whose membership is active (renewal due included), in
//!   their own area.
//! - **Affiliated groups** are organisations whose affiliation is current (renewal due
//!   included) and not archived, counted in each area they cover.
//! - **Families via groups** is each affiliated group's latest estimate, shared between the
//!   areas it covers so the parts add up to the estimate (whole families: the remainder goes
//!   to the areas first in name order). A group with no estimate adds nothing.
//! - **Also members** are direct members who are contacts of an affiliated group covering
//!   their area: their family is likely in that group's estimate too, so the combined
//!   figure counts them once. Each person is counted once however many groups they help.
//! - **Combined** is direct members plus families via groups, less those also members.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use ts_rs::TS;

use crate::members::model::Need;
use crate::role::Action;
use crate::session::Session;
use crate::Result;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ReachRow.ts")]
pub struct ReachRow {
    /// `None` for people and groups with no area.
    pub area_id: Option<String>,
    pub area_name: String,
    pub direct_members: u32,
    pub affiliated_groups: u32,
    pub families_via_groups: u32,
    pub also_members: u32,
    pub combined: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "NeedReachRow.ts")]
pub struct NeedReachRow {
    /// `None` for groups open to all needs.
    pub need: Option<Need>,
    pub affiliated_groups: u32,
    /// The estimates of the groups with this focus. A group with several needs is counted
    /// under each, so this column is not summed.
    pub families_via_groups: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "Reach.ts")]
pub struct Reach {
    /// The day these figures were counted: reach is today's (current members, the latest
    /// estimates), not as at the end of a report's period.
    pub on: String,
    pub by_area: Vec<ReachRow>,
    /// The whole forum: each group and person once.
    pub total: ReachRow,
    pub by_need: Vec<NeedReachRow>,
    /// The oldest estimate among the affiliated groups, so the table can say how current
    /// the figures are.
    pub oldest_estimate_on: Option<String>,
    /// Affiliated groups with no estimate of the families they reach.
    pub groups_without_estimate: u32,
}

struct Group {
    id: String,
    families: Option<u32>,
    estimated_on: Option<String>,
    all_needs: bool,
}

pub async fn reach(s: &Session) -> Result<Reach> {
    s.require(Action::ViewGroups)?;
    let db = s.db().reader();
    let areas: Vec<(String, String)> =
        sqlx::query_as("SELECT id, name FROM areas ORDER BY name COLLATE NOCASE, id")
            .fetch_all(db)
            .await?;
    // Counted per area by SQLite: at 100,000 members, sending every member's row across to
    // count it here took most of the report's time. Only members who are also group
    // contacts (a handful) come back one by one, for the "also members" column.
    // Both sides from covering indexes (see migration ..22): reading the people table for
    // each member's area was most of the reach figures' time at 100,000 members.
    let member_counts: Vec<(Option<String>, i64)> = sqlx::query_as(
        "SELECT p.area_id, count(*) FROM memberships m INDEXED BY memberships_active \
         JOIN people p INDEXED BY people_id_area ON p.id = m.person_id \
         WHERE m.status = 'active' GROUP BY p.area_id",
    )
    .fetch_all(db)
    .await?;
    let members: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT p.id, p.area_id FROM people p JOIN memberships m ON m.person_id = p.id \
         WHERE m.status = 'active' AND p.id IN (SELECT person_id FROM organisation_contacts)",
    )
    .fetch_all(db)
    .await?;
    let groups: Vec<(String, Option<i64>, Option<String>, bool)> = sqlx::query_as(
        "SELECT o.id, o.families_reached, o.families_estimated_on, o.all_needs \
         FROM organisations o JOIN affiliations a ON a.organisation_id = o.id \
         WHERE a.status = 'affiliated' AND o.archived_at IS NULL ORDER BY o.id",
    )
    .fetch_all(db)
    .await?;
    let groups: Vec<Group> = groups
        .into_iter()
        .map(|(id, families, estimated_on, all_needs)| Group {
            id,
            families: families.and_then(|f| u32::try_from(f).ok()),
            estimated_on,
            all_needs,
        })
        .collect();
    let group_ids: HashSet<&str> = groups.iter().map(|g| g.id.as_str()).collect();
    let group_areas: Vec<(String, String)> =
        sqlx::query_as("SELECT organisation_id, area_id FROM organisation_areas")
            .fetch_all(db)
            .await?;
    let mut areas_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for (org, area) in &group_areas {
        if group_ids.contains(org.as_str()) {
            areas_of
                .entry(org.as_str())
                .or_default()
                .push(area.as_str());
        }
    }
    let contacts: Vec<(String, String)> =
        sqlx::query_as("SELECT DISTINCT person_id, organisation_id FROM organisation_contacts")
            .fetch_all(db)
            .await?;
    let group_needs: Vec<(String, Need)> =
        sqlx::query_as("SELECT organisation_id, need FROM organisation_needs")
            .fetch_all(db)
            .await?;

    // Rows in area-name order, then "No area".
    let area_order: Vec<(Option<String>, String)> = areas
        .iter()
        .map(|(id, name)| (Some(id.clone()), name.clone()))
        .chain(std::iter::once((None, "No area".to_owned())))
        .collect();
    let index: HashMap<Option<&str>, usize> = area_order
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_deref(), i))
        .collect();
    let mut rows: Vec<ReachRow> = area_order
        .iter()
        .map(|(area_id, area_name)| ReachRow {
            area_id: area_id.clone(),
            area_name: area_name.clone(),
            ..ReachRow::default()
        })
        .collect();
    let no_area = area_order.len() - 1;
    let row_of = |area: Option<&str>| index.get(&area).copied().unwrap_or(no_area);

    for (area, n) in &member_counts {
        if let Some(row) = rows.get_mut(row_of(area.as_deref())) {
            row.direct_members += u32::try_from(*n).unwrap_or(u32::MAX);
        }
    }
    let member_area: HashMap<&str, Option<&str>> = members
        .iter()
        .map(|(person, area)| (person.as_str(), area.as_deref()))
        .collect();
    for group in &groups {
        let mut covered: Vec<usize> = areas_of
            .get(group.id.as_str())
            .map(|list| list.iter().map(|a| row_of(Some(a))).collect())
            .unwrap_or_default();
        if covered.is_empty() {
            covered.push(row_of(None));
        }
        covered.sort_unstable();
        covered.dedup();
        let shares = split(group.families.unwrap_or(0), covered.len());
        for (row, share) in covered.iter().zip(shares) {
            if let Some(row) = rows.get_mut(*row) {
                row.affiliated_groups += 1;
                row.families_via_groups += share;
            }
        }
    }
    // A member who is a contact of an affiliated group covering their own area, once.
    let mut also: HashSet<&str> = HashSet::new();
    for (person, org) in &contacts {
        let Some(area) = member_area.get(person.as_str()) else {
            continue; // not an active member
        };
        let Some(covered) = group_ids
            .get(org.as_str())
            .map(|_| areas_of.get(org.as_str()))
        else {
            continue; // not an affiliated group
        };
        let covers = match (covered, area) {
            (Some(list), Some(area)) => list.contains(area),
            (None, None) => true,
            _ => false,
        };
        if covers && also.insert(person.as_str()) {
            if let Some(row) = rows.get_mut(row_of(*area)) {
                row.also_members += 1;
            }
        }
    }
    for row in &mut rows {
        row.combined = row.direct_members + row.families_via_groups - row.also_members;
    }
    let total = ReachRow {
        area_id: None,
        area_name: "All areas".to_owned(),
        direct_members: rows.iter().map(|r| r.direct_members).sum(),
        affiliated_groups: u32::try_from(groups.len()).unwrap_or(u32::MAX),
        families_via_groups: groups.iter().filter_map(|g| g.families).sum(),
        also_members: rows.iter().map(|r| r.also_members).sum(),
        combined: 0,
    };
    let total = ReachRow {
        combined: total.direct_members + total.families_via_groups - total.also_members,
        ..total
    };
    // The "No area" row only when something is in it.
    let rows: Vec<ReachRow> = rows
        .into_iter()
        .filter(|r| {
            r.area_id.is_some()
                || r.direct_members + r.affiliated_groups + r.families_via_groups > 0
        })
        .collect();

    let mut by_need: BTreeMap<Option<&str>, (u32, u32)> = BTreeMap::new();
    let families: HashMap<&str, u32> = groups
        .iter()
        .map(|g| (g.id.as_str(), g.families.unwrap_or(0)))
        .collect();
    for group in groups.iter().filter(|g| g.all_needs) {
        let entry = by_need.entry(None).or_default();
        entry.0 += 1;
        entry.1 += group.families.unwrap_or(0);
    }
    for (org, need) in &group_needs {
        if let Some(f) = families.get(org.as_str()) {
            let entry = by_need.entry(Some(need.as_str())).or_default();
            entry.0 += 1;
            entry.1 += f;
        }
    }
    let by_need = Need::ALL
        .iter()
        .map(|n| (Some(*n), by_need.get(&Some(n.as_str())).copied()))
        .chain(std::iter::once((None, by_need.get(&None).copied())))
        .filter_map(|(need, counts)| {
            counts.map(|(groups, families)| NeedReachRow {
                need,
                affiliated_groups: groups,
                families_via_groups: families,
            })
        })
        .collect();
    Ok(Reach {
        on: crate::id::today_london().to_string(),
        by_area: rows,
        total,
        by_need,
        oldest_estimate_on: groups
            .iter()
            .filter(|g| g.families.is_some())
            .filter_map(|g| g.estimated_on.clone())
            .min(),
        groups_without_estimate: u32::try_from(
            groups.iter().filter(|g| g.families.is_none()).count(),
        )
        .unwrap_or(u32::MAX),
    })
}

/// `total` shared between `parts` whole shares that add up to it: the remainder goes one
/// each to the first parts.
fn split(total: u32, parts: usize) -> Vec<u32> {
    let Ok(n) = u32::try_from(parts.max(1)) else {
        return vec![total];
    };
    let (each, rest) = (total / n, total % n);
    (0..n).map(|i| each + u32::from(i < rest)).collect()
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn shares_add_up_to_the_estimate() {
        assert_eq!(split(120, 3), vec![40, 40, 40]);
        assert_eq!(split(100, 3), vec![34, 33, 33]);
        assert_eq!(split(1, 2), vec![1, 0]);
        assert_eq!(split(7, 0), vec![7]);
        assert_eq!(split(0, 2), vec![0, 0]);
    }
}
