//! The reach gap on a small seeded forum, every figure worked out by hand: which children
//! count (active members' only, an erased active member's tombstone too), the ratios and
//! rates, the ranking and targets, the age-band filter, and small numbers suppressed in
//! both export formats.

mod common;

use common::*;
use forumdesk::drives::population::{self, PopulationCellInput};
use forumdesk::drives::reach_gap::{self, ReachGap, ReachGapFormat, ReachGapOptions, ReachGapRow};
use forumdesk::gdpr::erase;
use forumdesk::members::areas::{self, AreaInput};
use forumdesk::members::children::{self, ChildInput};
use forumdesk::members::consent::{self, ConsentInput};
use forumdesk::members::membership::{self, LeavingInput};
use forumdesk::members::model::{
    AgeBand, ConsentMethod, MemberType, MembershipStatus, Need, Provision,
};
use forumdesk::members::{self, MemberDetails, MembershipStart};
use forumdesk::{ErrorKind, Role, Session};

async fn area(admin: &Session, name: &str, districts: &str) -> String {
    areas::save(
        admin,
        None,
        AreaInput {
            name: name.into(),
            districts: districts.into(),
        },
    )
    .await
    .expect("area")
    .id
}

enum Age {
    Band(AgeBand),
    /// How old they are this year: stored as a year of birth, not a band.
    Turning(i32),
}

/// A member at `postcode` with `status`, and (under explicit consent) these children.
async fn member(
    s: &Session,
    first: &str,
    postcode: &str,
    status: MembershipStatus,
    kids: &[(Option<Need>, Age, usize)],
) -> String {
    let details = MemberDetails {
        first_name: first.into(),
        last_name: "Example".into(),
        postcode: postcode.into(),
        member_type: Some(MemberType::ParentCarer),
        ..Default::default()
    };
    let start = MembershipStart {
        status: Some(status),
        joined_on: None,
    };
    let id = members::create(s, details, start).await.expect("member").id;
    if kids.is_empty() {
        return id;
    }
    consent::record(
        s,
        &id,
        ConsentInput {
            purpose_id: "special_category".into(),
            given: true,
            method: ConsentMethod::Paper,
            confirm_deletion: false,
        },
    )
    .await
    .expect("consent");
    let this_year = forumdesk::id::today_london().year();
    for (need, age, n) in kids {
        for _ in 0..*n {
            let (year_of_birth, age_band) = match age {
                Age::Band(band) => (None, Some(*band)),
                Age::Turning(age) => (Some(this_year - age), None),
            };
            let child = ChildInput {
                year_of_birth,
                age_band,
                primary_need: *need,
                secondary_needs: vec![],
                provision: Some(Provision::SenSupport),
                school_phase: None,
                setting_type: None,
                local_authority: String::new(),
            };
            children::save(s, &id, None, child).await.expect("child");
        }
    }
    id
}

/// Preston (PR1) and Chorley (PR7) have figures; Lancaster (LA1) has none.
///
/// | cell           | population          | members' children          |
/// |----------------|---------------------|----------------------------|
/// | Preston ASD    | 500 (5-10) + 300 (11-15) = 800 | Ann 3+2, Bob 3+2 = 10 (6 aged 5-10) |
/// | Preston SEMH   | 500 (5-10)          | Bob 2 (5-10)               |
/// | Chorley ASD    | 300 (5-10)          | Cat 6 (5-10)               |
/// | Chorley SEMH   | 400 (11-15)         | Dee 1 (erased, still active) + Eli 1 = 2 (11-15) |
///
/// 2,000 children in the population, 20 members' children compared. Not counted: Fay, an
/// applicant (2), and Gus, who left (2). Not compared: Hal's child with no need, Ivy's
/// child with no area, Jo's child in Lancaster (3, all aged 5-10).
async fn seed(admin: &Session) {
    let preston = area(admin, "Preston", "PR1").await;
    let chorley = area(admin, "Chorley", "PR7").await;
    area(admin, "Lancaster", "LA1").await;
    for (area_id, need, band, children) in [
        (&preston, Need::Asd, AgeBand::Age5To10, 500),
        (&preston, Need::Asd, AgeBand::Age11To15, 300),
        (&preston, Need::Semh, AgeBand::Age5To10, 500),
        (&chorley, Need::Asd, AgeBand::Age5To10, 300),
        (&chorley, Need::Semh, AgeBand::Age11To15, 400),
    ] {
        population::save_cell(
            admin,
            PopulationCellInput {
                area_id: area_id.clone(),
                primary_need: Some(need),
                age_band: Some(band),
                children: Some(children),
            },
        )
        .await
        .expect("figure");
    }
    use Age::{Band, Turning};
    use MembershipStatus::{Active, Applicant};
    let (asd, semh) = (Some(Need::Asd), Some(Need::Semh));
    let (b5, b11) = (AgeBand::Age5To10, AgeBand::Age11To15);
    member(
        admin,
        "Ann",
        "PR1 1AA",
        Active,
        &[(asd, Band(b5), 3), (asd, Turning(12), 2)],
    )
    .await;
    member(
        admin,
        "Bob",
        "PR1 2AB",
        Active,
        &[(asd, Band(b5), 3), (asd, Band(b11), 2), (semh, Band(b5), 2)],
    )
    .await;
    member(admin, "Cat", "PR7 1AA", Active, &[(asd, Turning(7), 6)]).await;
    let dee = member(admin, "Dee", "PR7 2AA", Active, &[(semh, Band(b11), 1)]).await;
    member(admin, "Eli", "PR7 3AA", Active, &[(semh, Band(b11), 1)]).await;
    member(admin, "Fay", "PR1 3AA", Applicant, &[(asd, Band(b5), 2)]).await;
    let gus = member(admin, "Gus", "PR1 4AA", Active, &[(semh, Band(b5), 2)]).await;
    membership::leave(
        admin,
        &gus,
        LeavingInput {
            on_date: String::new(),
            reason: "Moved away".into(),
        },
    )
    .await
    .expect("leave");
    member(admin, "Hal", "PR1 5AA", Active, &[(None, Band(b5), 1)]).await;
    member(admin, "Ivy", "", Active, &[(asd, Band(b5), 1)]).await;
    member(admin, "Jo", "LA1 1AA", Active, &[(asd, Band(b5), 1)]).await;
    // A member with no children recorded counts as a member but adds no children.
    member(admin, "Kit", "PR1 6AA", Active, &[]).await;
    erase::erase(admin, &dee, None).await.expect("erase");
}

fn row<'a>(rows: &'a [ReachGapRow], area: Option<&str>, need: Option<Need>) -> &'a ReachGapRow {
    rows.iter()
        .find(|r| r.area_name.as_deref() == area && r.need == need)
        .unwrap_or_else(|| panic!("no row for {area:?} {need:?}"))
}

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value");
    assert!(
        (actual - expected).abs() < 1e-9,
        "{actual} is not {expected}"
    );
}

fn check(r: &ReachGapRow, members: i64, population: i64, ratio: f64, per_1000: f64, short: f64) {
    let what = format!("{:?} {:?}", r.area_name, r.need);
    assert_eq!(r.members_children, members, "{what}");
    assert_eq!(r.population, population, "{what}");
    close(r.ratio, ratio);
    close(r.per_1000, per_1000);
    assert!(
        (r.shortfall - short).abs() < 1e-9,
        "{what}: {}",
        r.shortfall
    );
}

async fn gap(s: &Session, options: ReachGapOptions) -> ReachGap {
    reach_gap::reach_gap(s, &options).await.expect("reach gap")
}

#[tokio::test]
async fn ratios_rates_and_ranks_match_the_hand_worked_figures() {
    let (_forum, admin) = new_forum().await;
    seed(&admin).await;
    let g = gap(&admin, ReachGapOptions::default()).await;
    // Ann, Bob, Cat, Dee (erased but still an active member), Eli, Hal, Ivy, Jo, Kit.
    assert_eq!(g.active_members, 9);
    assert_eq!(
        (g.members_children, g.population, g.not_compared),
        (20, 2000, 3)
    );
    close(g.per_1000, 10.0);

    // Members' share ÷ population share; per 1,000; shortfall = population × 20/2000 − members.
    check(
        row(&g.cells, Some("Preston"), Some(Need::Asd)),
        10,
        800,
        0.5 / 0.4,
        12.5,
        0.0,
    );
    check(
        row(&g.cells, Some("Preston"), Some(Need::Semh)),
        2,
        500,
        0.1 / 0.25,
        4.0,
        3.0,
    );
    check(
        row(&g.cells, Some("Chorley"), Some(Need::Asd)),
        6,
        300,
        0.3 / 0.15,
        20.0,
        0.0,
    );
    check(
        row(&g.cells, Some("Chorley"), Some(Need::Semh)),
        2,
        400,
        0.1 / 0.2,
        5.0,
        2.0,
    );
    assert_eq!(g.cells.len(), 4, "Lancaster has no figures, so no cells");

    check(
        row(&g.by_area, Some("Preston"), None),
        12,
        1300,
        0.6 / 0.65,
        12.0 / 1.3,
        1.0,
    );
    check(
        row(&g.by_area, Some("Chorley"), None),
        8,
        700,
        0.4 / 0.35,
        8.0 / 0.7,
        0.0,
    );
    check(
        row(&g.by_need, None, Some(Need::Asd)),
        16,
        1100,
        0.8 / 0.55,
        16.0 / 1.1,
        0.0,
    );
    check(
        row(&g.by_need, None, Some(Need::Semh)),
        4,
        900,
        0.2 / 0.45,
        4.0 / 0.9,
        5.0,
    );
    let areas: Vec<_> = g.by_area.iter().map(|r| r.area_name.as_deref()).collect();
    assert_eq!(areas, [Some("Chorley"), Some("Preston")], "by name");

    // Below parity, biggest shortfall first.
    let under: Vec<_> = g
        .under_represented
        .iter()
        .map(|r| (r.area_name.as_deref().unwrap_or(""), r.need))
        .collect();
    assert_eq!(
        under,
        [("Preston", Some(Need::Semh)), ("Chorley", Some(Need::Semh))]
    );
    let targets: Vec<_> = g
        .targets
        .iter()
        .map(|t| (t.rank, t.area_name.as_str(), t.need))
        .collect();
    assert_eq!(
        targets,
        [(1, "Preston", Need::Semh), (2, "Chorley", Need::Semh)]
    );
    assert_eq!(
        g.targets[0].reason,
        "Social, emotional and mental health in Preston: fewer than 5 members' children among \
         500 children in the local population (against 10.0 per 1,000 across the figures); \
         about 3 more would bring it level with the forum's reach elsewhere."
    );
    let one = gap(
        &admin,
        ReachGapOptions {
            age_band: None,
            targets: Some(1),
        },
    )
    .await;
    assert_eq!(one.targets.len(), 1);
}

#[tokio::test]
async fn one_age_band_compares_only_that_band_with_years_of_birth_placed_in_bands() {
    let (_forum, admin) = new_forum().await;
    seed(&admin).await;
    let g = gap(
        &admin,
        ReachGapOptions {
            age_band: Some(AgeBand::Age5To10),
            targets: None,
        },
    )
    .await;
    // Population aged 5-10: 500 + 500 + 300. Members' children aged 5-10: Preston ASD 6
    // (Ann's two turning 12 are 11-15), Preston SEMH 2, Chorley ASD 6 (Cat's, turning 7).
    assert_eq!(
        (g.members_children, g.population, g.not_compared),
        (14, 1300, 3)
    );
    assert_eq!(g.cells.len(), 3);
    close(
        row(&g.cells, Some("Preston"), Some(Need::Asd)).ratio,
        (6.0 / 14.0) / (500.0 / 1300.0),
    );
    close(
        row(&g.cells, Some("Chorley"), Some(Need::Asd)).ratio,
        (6.0 / 14.0) / (300.0 / 1300.0),
    );
    let semh = row(&g.cells, Some("Preston"), Some(Need::Semh));
    close(semh.ratio, (2.0 / 14.0) / (500.0 / 1300.0));
    assert_eq!(g.under_represented.len(), 1);
}

#[tokio::test]
async fn exports_never_show_a_count_under_five() {
    let (_forum, admin) = new_forum().await;
    seed(&admin).await;
    let options = ReachGapOptions::default();
    let json = reach_gap::export(&admin, &options, ReachGapFormat::Json)
        .await
        .expect("json");
    let doc: serde_json::Value = serde_json::from_slice(&json.bytes).expect("parses");
    assert_eq!(doc["membersChildren"], 20);
    assert_eq!(doc["populationYear"], serde_json::Value::Null);
    let rows = doc["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 2 + 2 + 4);
    assert_eq!(json.rows, 8);
    let find = |level: &str, area: Option<&str>, need: Option<&str>| {
        rows.iter()
            .find(|r| {
                r["level"] == level && r["area"].as_str() == area && r["need"].as_str() == need
            })
            .unwrap_or_else(|| panic!("{level} {area:?} {need:?}"))
            .clone()
    };
    let small = find("cell", Some("Preston"), Some("SEMH"));
    assert_eq!(small["membersChildren"], serde_json::Value::Null);
    assert_eq!(small["suppressed"], true);
    assert_eq!(
        small["ratio"],
        serde_json::Value::Null,
        "the ratio gives the count back"
    );
    assert_eq!(small["per1000"], serde_json::Value::Null);
    assert_eq!(small["population"], 500);
    assert_eq!(small["underRepresentedRank"], 1);
    let semh = find("need", None, Some("SEMH"));
    assert_eq!(
        (semh["membersChildren"].clone(), semh["suppressed"].clone()),
        (serde_json::Value::Null, true.into())
    );
    let big = find("cell", Some("Chorley"), Some("ASD"));
    assert_eq!(big["membersChildren"], 6);
    assert_eq!(big["suppressed"], false);
    assert!((big["ratio"].as_f64().expect("ratio") - 2.0).abs() < 1e-9);
    // No number under 5 anywhere among the counts.
    for r in rows {
        for key in ["membersChildren", "population"] {
            if let Some(n) = r[key].as_i64() {
                assert!(n >= 5, "{r}");
            }
        }
    }

    let csv = reach_gap::export(&admin, &options, ReachGapFormat::Csv)
        .await
        .expect("csv");
    let text = String::from_utf8(csv.bytes).expect("utf-8");
    let line = text
        .lines()
        .find(|l| l.starts_with("\"cell\",\"Preston\",\"SEMH\""))
        .expect("Preston SEMH line");
    assert_eq!(
        line,
        "\"cell\",\"Preston\",\"SEMH\",\"Social, emotional and mental health\",\"fewer than 5\",\
         \"500\",\"fewer than 5\",\"fewer than 5\",\"1\",\"\""
    );
    let line = text
        .lines()
        .find(|l| l.starts_with("\"cell\",\"Chorley\",\"ASD\""))
        .expect("Chorley ASD line");
    assert!(line.contains("\"6\",\"300\",\"2.00\",\"20.0\""), "{line}");
    assert!(text.contains("\"target\",\"Preston\",\"SEMH\""));
    for small in [
        "\"1\",\"500\"",
        "\"2\",\"500\"",
        "\"2\",\"400\"",
        "\"4\",\"900\"",
    ] {
        assert!(!text.contains(small), "{small} in {text}");
    }
}

#[tokio::test]
async fn officers_see_the_gap_and_volunteers_do_not() {
    let (forum, admin) = new_forum().await;
    add_user(&admin, "officer", Role::Officer).await;
    add_user(&admin, "volunteer", Role::Volunteer).await;
    let officer = forum
        .unlock("officer", &password_for("officer"))
        .await
        .expect("officer");
    let volunteer = forum
        .unlock("volunteer", &password_for("volunteer"))
        .await
        .expect("volunteer");
    let empty = gap(&officer, ReachGapOptions::default()).await;
    assert!(empty.cells.is_empty() && empty.targets.is_empty());
    assert_eq!(empty.per_1000, None);
    let refused = reach_gap::reach_gap(&volunteer, &ReachGapOptions::default())
        .await
        .expect_err("volunteer");
    assert_eq!(refused.kind, ErrorKind::Forbidden);
    let refused = reach_gap::export(&volunteer, &ReachGapOptions::default(), ReachGapFormat::Csv)
        .await
        .expect_err("volunteer export");
    assert_eq!(refused.kind, ErrorKind::Forbidden);
    let bad = reach_gap::reach_gap(
        &officer,
        &ReachGapOptions {
            age_band: None,
            targets: Some(0),
        },
    )
    .await
    .expect_err("targets");
    assert!(bad.fields.contains_key("targets"));
}
