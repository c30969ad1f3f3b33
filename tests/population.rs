//! Population figures: typed in cell by cell or imported from the README's CSV template,
//! every row checked (row, column, reason) and nothing written unless all are right; admins
//! only change them, officers may read them; every change audited.

mod common;

use common::*;
use forumdesk::drives::population::{
    self, PopulationCellInput, PopulationImportReport, PopulationSourceInput,
};
use forumdesk::members::areas::{self, AreaInput};
use forumdesk::members::model::{AgeBand, Need};
use forumdesk::{audit, ErrorKind, Role, Session};

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

fn source(year: i32, text: &str) -> PopulationSourceInput {
    PopulationSourceInput {
        year: Some(year),
        source: text.into(),
    }
}

async fn audit_count(forum: &Forum, action: &str) -> i64 {
    let mut conn = forumdesk::testing::raw_connection(&forum.db_path(), ADMIN, ADMIN_PASSWORD)
        .await
        .expect("raw");
    sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = ?")
        .bind(action)
        .fetch_one(&mut conn)
        .await
        .expect("count")
}

async fn import(admin: &Session, csv: &str) -> forumdesk::Result<PopulationImportReport> {
    population::import(
        admin,
        "population.csv",
        csv.as_bytes(),
        source(2026, "DfE SEN2 2026"),
    )
    .await
}

#[tokio::test]
async fn cells_are_typed_in_changed_and_removed_by_an_admin_and_audited() {
    let (forum, admin) = new_forum().await;
    let preston = area(&admin, "Preston", "PR1").await;
    let cell = |children| PopulationCellInput {
        area_id: preston.clone(),
        primary_need: Some(Need::Asd),
        age_band: Some(AgeBand::Age5To10),
        children: Some(children),
    };
    let saved = population::save_cell(&admin, cell(120))
        .await
        .expect("save");
    assert_eq!(saved.total, 120);
    assert_eq!(saved.cells.len(), 1);
    assert_eq!(saved.cells[0].area_name, "Preston");
    let changed = population::save_cell(&admin, cell(130))
        .await
        .expect("change");
    assert_eq!(
        changed.cells.len(),
        1,
        "the same cell is changed, not added"
    );
    assert_eq!(changed.total, 130);
    let with_source = population::set_source(&admin, source(2026, "Council figures"))
        .await
        .expect("source");
    assert_eq!(with_source.year, Some(2026));
    assert_eq!(with_source.source, "Council figures");

    let removed = population::remove_cell(&admin, &preston, Need::Asd, AgeBand::Age5To10)
        .await
        .expect("remove");
    assert!(removed.cells.is_empty());
    let again = population::remove_cell(&admin, &preston, Need::Asd, AgeBand::Age5To10)
        .await
        .expect_err("gone");
    assert_eq!(again.kind, ErrorKind::NotFound);

    assert_eq!(audit_count(&forum, "population.cell_saved").await, 2);
    assert_eq!(audit_count(&forum, "population.cell_removed").await, 1);
    assert_eq!(audit_count(&forum, "population.source_set").await, 1);
    assert!(audit::verify(&admin).await.expect("verify").intact);
}

#[tokio::test]
async fn a_typed_cell_reports_every_problem_on_its_field() {
    let (_forum, admin) = new_forum().await;
    let err = population::save_cell(
        &admin,
        PopulationCellInput {
            area_id: String::new(),
            primary_need: None,
            age_band: None,
            children: Some(-1),
        },
    )
    .await
    .expect_err("invalid");
    assert_eq!(err.kind, ErrorKind::Validation);
    for field in ["areaId", "primaryNeed", "ageBand", "children"] {
        assert!(err.fields.contains_key(field), "{field}: {err:?}");
    }
    let err = population::save_cell(
        &admin,
        PopulationCellInput {
            area_id: "no-such-area".into(),
            primary_need: Some(Need::Asd),
            age_band: Some(AgeBand::Age0To4),
            children: Some(3),
        },
    )
    .await
    .expect_err("unknown area");
    assert!(err.fields.contains_key("areaId"));
    let err = population::set_source(&admin, source(1999, "x"))
        .await
        .expect_err("year");
    assert!(err.fields.contains_key("year"));
}

#[tokio::test]
async fn only_admins_change_the_figures_and_officers_may_read_them() {
    let (forum, admin) = new_forum().await;
    let preston = area(&admin, "Preston", "PR1").await;
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
    let input = PopulationCellInput {
        area_id: preston,
        primary_need: Some(Need::Asd),
        age_band: Some(AgeBand::Age5To10),
        children: Some(10),
    };
    let refused = population::save_cell(&officer, input.clone())
        .await
        .expect_err("officer");
    assert_eq!(refused.kind, ErrorKind::Forbidden);
    let refused = population::import(
        &officer,
        "p.csv",
        b"area,primary_need,age_band,children\nPreston,ASD,5-10,3\n",
        source(2026, ""),
    )
    .await
    .expect_err("officer import");
    assert_eq!(refused.kind, ErrorKind::Forbidden);
    population::save_cell(&admin, input).await.expect("admin");
    assert_eq!(
        population::list(&officer)
            .await
            .expect("officer reads")
            .total,
        10
    );
    let refused = population::list(&volunteer).await.expect_err("volunteer");
    assert_eq!(refused.kind, ErrorKind::Forbidden);
}

#[tokio::test]
async fn the_template_imports_by_name_or_code_and_replaces_the_figures() {
    let (forum, admin) = new_forum().await;
    let preston = area(&admin, "Preston", "PR1").await;
    area(&admin, "Chorley", "PR7").await;
    // A figure the import replaces.
    population::save_cell(
        &admin,
        PopulationCellInput {
            area_id: preston,
            primary_need: Some(Need::Mld),
            age_band: Some(AgeBand::Age0To4),
            children: Some(99),
        },
    )
    .await
    .expect("old");
    // A BOM, Windows line ends, a name for a need, an en dash, a thousands separator, an
    // unknown column and area names in another case.
    let csv = "\u{feff}Area,Primary need,Age band,Children,Notes\r\n\
               preston,ASD,5-10,\"1,200\",from the council\r\n\
               PRESTON,Social emotional and mental health,11\u{2013}15,300,\r\n\
               Chorley,semh,11 to 15,150,\r\n";
    let report = import(&admin, csv).await.expect("import");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.applied);
    assert_eq!((report.rows, report.cells), (3, 3));
    assert_eq!(report.total_children, 1650);
    assert_eq!(report.ignored_columns, ["Notes"]);
    let figures = population::list(&admin).await.expect("list");
    assert_eq!(figures.total, 1650, "the old figure was replaced");
    assert_eq!(figures.year, Some(2026));
    assert_eq!(figures.source, "DfE SEN2 2026");
    let semh: Vec<_> = figures
        .cells
        .iter()
        .filter(|c| c.primary_need == Need::Semh)
        .map(|c| (c.area_name.as_str(), c.age_band, c.children))
        .collect();
    assert_eq!(
        semh,
        [
            ("Chorley", AgeBand::Age11To15, 150),
            ("Preston", AgeBand::Age11To15, 300)
        ]
    );
    assert_eq!(audit_count(&forum, "population.imported").await, 1);

    // Semicolons, Windows-1252 (an accented area name) and the need's name.
    area(&admin, "Lytham St Anne\u{2019}s", "FY8").await;
    let mut bytes = b"area;primary_need;age_band;children\r\n".to_vec();
    bytes.extend_from_slice(b"Lytham St Anne\x92s;Autistic spectrum disorder;0-4;12\r\n");
    let report = population::import(&admin, "p.csv", &bytes, source(2025, "Older figures"))
        .await
        .expect("1252");
    assert!(report.applied, "{:?}", report.problems);
    let figures = population::list(&admin).await.expect("list");
    assert_eq!((figures.total, figures.year), (12, Some(2025)));
}

#[tokio::test]
async fn bad_rows_are_all_reported_and_nothing_is_written() {
    let (forum, admin) = new_forum().await;
    area(&admin, "Preston", "PR1").await;
    import(
        &admin,
        "area,primary_need,age_band,children\nPreston,ASD,5-10,40\n",
    )
    .await
    .expect("first");
    let csv = "area,primary_need,age_band,children\n\
               Preston,ASD,0-4,10\n\
               Narnia,ASD,5-10,10\n\
               Preston,Autism-ish,5-10,10\n\
               Preston,ASD,5-11,10\n\
               Preston,SEMH,5-10,ten\n\
               Preston,SLCN,5-10,-3\n\
               =HYPERLINK(\"http://x\"),ASD,5-10,1\n\
               <script>alert(1)</script>,ASD,5-10,1\n\
               Preston,ASD,0-4,11\n\
               Preston,MLD,,5\n";
    let report = import(&admin, csv).await.expect("report");
    assert!(!report.applied);
    assert_eq!(report.cells, 0);
    let found: Vec<(u32, &str)> = report
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (3, "area"),
            (4, "primary_need"),
            (5, "age_band"),
            (6, "children"),
            (7, "children"),
            (8, "area"),
            (9, "area"),
            (10, "area"),
            (11, "age_band"),
        ]
    );
    let message = |row: u32| {
        report
            .problems
            .iter()
            .find(|p| p.row == row)
            .map(|p| p.message.clone())
            .unwrap_or_default()
    };
    assert!(message(3).contains("Narnia"), "{}", message(3));
    assert!(message(7).contains("negative"), "{}", message(7));
    assert!(message(8).contains("formula"), "{}", message(8));
    assert!(message(9).contains("web page code"), "{}", message(9));
    assert!(message(10).contains("row 2"), "{}", message(10));
    let figures = population::list(&admin).await.expect("list");
    assert_eq!(figures.total, 40, "the figures held are unchanged");
    assert_eq!(audit_count(&forum, "population.imported").await, 1);
}

#[tokio::test]
async fn files_that_are_not_a_table_of_figures_are_refused_whole() {
    let (_forum, admin) = new_forum().await;
    area(&admin, "Preston", "PR1").await;
    let refuse = |bytes: Vec<u8>, name: &'static str| {
        let admin = &admin;
        async move {
            population::import(admin, name, &bytes, source(2026, ""))
                .await
                .expect_err(name)
        }
    };
    let empty = refuse(Vec::new(), "empty.csv").await;
    assert!(empty.message.contains("empty"), "{}", empty.message);
    let png = refuse(b"\x89PNG\r\n\x1a\n\0\0\0IHDR".to_vec(), "photo.csv").await;
    assert!(
        png.message.contains("does not look like"),
        "{}",
        png.message
    );
    let random: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    refuse(random, "random.csv").await;
    let huge = refuse(
        "area,primary_need,age_band,children\n"
            .repeat(200_000)
            .into_bytes(),
        "huge.csv",
    )
    .await;
    assert!(huge.message.contains("far bigger"), "{}", huge.message);
    let headings = refuse(
        b"place,need,age,kids\nPreston,ASD,5-10,1\n".to_vec(),
        "h.csv",
    )
    .await;
    assert!(headings.message.contains("area"), "{}", headings.message);
    let no_year = population::import(
        &admin,
        "p.csv",
        b"area,primary_need,age_band,children\nPreston,ASD,5-10,1\n",
        PopulationSourceInput::default(),
    )
    .await
    .expect_err("year");
    assert!(no_year.fields.contains_key("year"));
    assert_eq!(population::list(&admin).await.expect("list").cells.len(), 0);
}
