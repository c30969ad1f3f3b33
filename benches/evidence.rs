//! The evidence pack for a grant year over 100,000 members and 1,000,000 activities, on an
//! encrypted forum. A plain binary, like the members benchmark: one pack takes long enough
//! that its own run-to-run spread is what matters.
//!
//! ```sh
//! cargo bench -p forumdesk --bench evidence
//! FORUMDESK_BENCH_MEMBERS=10000 FORUMDESK_BENCH_ACTIVITIES=100000 cargo bench -p forumdesk --bench evidence
//! FORUMDESK_BENCH_RUNS=20 cargo bench -p forumdesk --bench evidence    # more packs (default 5)
//! ```
//!
//! Members come from ForumDesk's own generator through the real importer (so their
//! membership history is the importer's); activities are written straight into the
//! database by one SQL statement, because a million service calls would measure the writing,
//! not the report. The pack's membership figures read the membership history, its
//! participation figures the activities.

use std::time::{Duration, Instant};

use forumdesk::members::import::{self, ImportOptions};
use forumdesk::report::evidence;
use forumdesk::synth::{self, SynthOptions};
use forumdesk::{testing, SetupInput, Vault};

const PASSWORD: &str = "violet kettle harbour 97";

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let members = env_usize("FORUMDESK_BENCH_MEMBERS", 100_000);
    let activities = env_usize("FORUMDESK_BENCH_ACTIVITIES", 1_000_000);
    let runs = env_usize("FORUMDESK_BENCH_RUNS", 5).max(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(members, activities, runs));
}

async fn run(members: usize, activities: usize, runs: usize) {
    println!("evidence benchmark: {members} members, {activities} activities, {runs} packs");
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = Vault::new(dir.path().join("forum.db"));
    let (session, _recovery) = vault
        .init(SetupInput {
            forum_name: "Bench Forum".into(),
            admin_username: "chair".into(),
            admin_display_name: "Chair".into(),
            password: PASSWORD.into(),
            password_confirm: PASSWORD.into(),
        })
        .await
        .expect("init");

    let started = Instant::now();
    let people = synth::generate(&SynthOptions {
        members,
        seed: 20_261_122,
        duplicate_rate: 0.03,
    });
    let csv = forumdesk::export::write_csv(&synth::to_sheet(&people));
    let report = import::import(&session, "members.csv", &csv, ImportOptions::default())
        .await
        .expect("import");
    println!(
        "set-up: {} members imported in {:.1} s",
        report.created,
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let mut conn = testing::raw_connection(vault.db_path(), "chair", PASSWORD)
        .await
        .expect("raw");
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1) \
         INSERT INTO activities (id, title, kind, starts_on, level, rung, parent_carers_engaged, \
         volunteer_minutes, you_said, we_did, created_at, updated_at) \
         SELECT printf('bench-%08d', i), 'Activity ' || i, \
         CASE i % 11 WHEN 0 THEN 'board_meeting' WHEN 1 THEN 'priority_group' \
         WHEN 2 THEN 'task_and_finish' WHEN 3 THEN 'consultation' \
         WHEN 4 THEN 'co_production_request' WHEN 5 THEN 'survey' \
         WHEN 6 THEN 'training_delivered' WHEN 7 THEN 'training_received' WHEN 8 THEN 'event' \
         WHEN 9 THEN 'coffee_morning' ELSE 'other' END, \
         date('2019-04-01', '+' || (i * 7919 % 2900) || ' days'), \
         CASE i % 3 WHEN 0 THEN 'individual' WHEN 1 THEN 'operational' ELSE 'strategic' END, \
         CASE i % 7 WHEN 0 THEN 'co_production' WHEN 1 THEN 'co_design' WHEN 2 THEN 'engagement' \
         WHEN 3 THEN 'consultation' WHEN 4 THEN 'information' WHEN 5 THEN 'education' END, \
         i % 40, (i % 8) * 30, \
         CASE WHEN i % 50 = 0 THEN 'You said ' || i END, \
         CASE WHEN i % 50 = 0 THEN 'We did ' || i END, \
         '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n",
    )
    .bind(i64::try_from(activities).expect("count"))
    .execute(&mut conn)
    .await
    .expect("activities");
    drop(conn);
    println!(
        "set-up: {activities} activities written in {:.1} s\n",
        started.elapsed().as_secs_f64()
    );

    let mut times = Vec::with_capacity(runs);
    let mut pack = None;
    let cpu_before = testing::process_cpu_time();
    for _ in 0..runs {
        let started = Instant::now();
        pack = Some(
            evidence::evidence_pack(&session, "2025-04-01", "2026-03-31")
                .await
                .expect("pack"),
        );
        times.push(started.elapsed());
    }
    let cpu = testing::process_cpu_time()
        .zip(cpu_before)
        .map(|(after, before)| (after - before) / u32::try_from(runs).expect("runs"));
    let pack = pack.expect("a pack");
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "evidence_pack_year_p50        {:>8.0} ms   (grant year 2025-26: {} members at the end, {} activities, {} stories)",
        ms(times[runs / 2]),
        pack.membership.total_at_end,
        pack.participation.activities,
        pack.impact_stories.len()
    );
    println!(
        "evidence_pack_year_max        {:>8.0} ms",
        ms(times[runs - 1])
    );
    if let Some(cpu) = cpu {
        // Processor time barely moves with other load on the machine; the sections run side
        // by side, so it can exceed the elapsed time.
        println!(
            "evidence_pack_year_cpu        {:>8.0} ms   (processor time per pack, mean of {runs})",
            ms(cpu)
        );
    }
    let html_started = Instant::now();
    let page = forumdesk::report::html::render(&pack, "Bench Forum");
    println!(
        "evidence_pack_html            {:>8.0} ms   ({:.1} MB page)",
        ms(html_started.elapsed()),
        page.len() as f64 / 1_048_576.0
    );
    session.lock().await;
}
