//! The audit viewer over 1,000,000 entries on an encrypted forum: the first page unfiltered,
//! by user, by action, by person, by a month's dates, combined filters, and a page deep in
//! the log, each as p50/p95 over repeated runs; then the whole chain verified once.
//!
//! ```sh
//! cargo bench -p forumdesk --bench audit
//! FORUMDESK_BENCH_AUDIT=100000 cargo bench -p forumdesk --bench audit
//! ```
//!
//! The entries are written straight into the database on a raw connection, each with its
//! true hash chained to the one before (the same SHA-256 over a JSON array as
//! `forumdesk::audit`), because a million service calls would measure the writing, not the
//! viewer. They are a forum's six years: one entry every 189 seconds, from 12 users, mostly
//! members opened and changed, about 100,000 people.

use std::time::{Duration, Instant};

use forumdesk::audit::{self, view, view::AuditFilter};
use forumdesk::{testing, SetupInput, UnlockInput, Vault};
use sha2::{Digest, Sha256};

const PASSWORD: &str = "violet kettle harbour 97";
const RUNS: usize = 40;
const USERS: usize = 12;
const PEOPLE: u64 = 100_000;
const BATCH: usize = 500;

/// (action, entity, weight out of 10,000)
const MIX: &[(&str, &str, u64)] = &[
    ("member.viewed", "person", 4_000),
    ("member.updated", "person", 1_500),
    ("consent.recorded", "person", 1_000),
    ("user.signed_in", "user", 1_000),
    ("member.created", "person", 600),
    ("child.saved", "child", 300),
    ("organisation.viewed", "organisation", 500),
    ("activity.document_opened", "activity", 400),
    ("members.exported", "export", 199),
    ("grant.spend_recorded", "grant", 500),
    ("backup.restored", "forum", 1),
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn person_id(n: u64) -> String {
    format!("0192b3c4-0000-7000-8000-{n:012x}")
}

fn hash(fields: &serde_json::Value) -> String {
    hex::encode(Sha256::digest(fields.to_string().as_bytes()))
}

fn main() {
    let entries: usize = std::env::var("FORUMDESK_BENCH_AUDIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(entries));
}

async fn run(entries: usize) {
    println!("audit benchmark: {entries} entries, {RUNS} runs per query");
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
    session.lock().await;

    let started = Instant::now();
    let mut conn = testing::raw_connection(vault.db_path(), "chair", PASSWORD)
        .await
        .expect("raw");
    let now = forumdesk::id::now_utc();
    let mut users = Vec::new();
    for u in 0..USERS {
        let id = format!("0192b3c4-0000-7000-9000-{u:012x}");
        sqlx::query(
            "INSERT INTO users (id, username, display_name, role, created_at, updated_at) \
             VALUES (?, ?, ?, 'officer', ?, ?)",
        )
        .bind(&id)
        .bind(format!("helper{u}"))
        .bind(format!("Helper {u}"))
        .bind(forumdesk::id::rfc3339(now))
        .bind(forumdesk::id::rfc3339(now))
        .execute(&mut conn)
        .await
        .expect("user");
        users.push(id);
    }
    let (head_seq, head_hash): (i64, String) =
        sqlx::query_as("SELECT audit_head_seq, audit_head_hash FROM forum WHERE id = 1")
            .fetch_one(&mut conn)
            .await
            .expect("head");

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut prev = head_hash;
    let mut seq = head_seq;
    let mut tx = sqlx::Connection::begin(&mut conn).await.expect("begin");
    let mut written = 0usize;
    let mut rows: Vec<[String; 10]> = Vec::with_capacity(BATCH);
    while written < entries {
        rows.clear();
        while rows.len() < BATCH && written < entries {
            seq += 1;
            written += 1;
            let pick = rng.next() % 10_000;
            let mut acc = 0;
            let (action, entity) = MIX
                .iter()
                .find(|(_, _, w)| {
                    acc += w;
                    pick < acc
                })
                .map_or(("member.viewed", "person"), |(a, e, _)| (*a, *e));
            let actor = users[(rng.next() % USERS as u64) as usize].clone();
            let entity_id = match entity {
                "person" => person_id(rng.next() % PEOPLE),
                "user" => actor.clone(),
                other => format!("{other}-{:08}", rng.next() % 50_000),
            };
            let at = forumdesk::id::rfc3339(
                now + time::Duration::seconds(189 * i64::try_from(written).expect("n")),
            );
            let changes = match action {
                "member.updated" => r#"{"fields":["email","phone"]}"#.to_owned(),
                "child.saved" => format!(
                    r#"{{"person":"{}","fields":["needs"]}}"#,
                    person_id(rng.next() % PEOPLE)
                ),
                _ => "{}".to_owned(),
            };
            let id = format!("0192b3c4-0000-7000-a000-{seq:012x}");
            let h = hash(&serde_json::json!([
                seq, id, at, actor, action, entity, entity_id, changes, prev
            ]));
            rows.push([
                seq.to_string(),
                id,
                at,
                actor,
                action.to_owned(),
                entity.to_owned(),
                entity_id,
                changes,
                prev.clone(),
                h.clone(),
            ]);
            prev = h;
        }
        let mut sql = String::from(
            "INSERT INTO audit_log (seq, id, at, actor_id, action, entity, entity_id, changes, prev_hash, hash) VALUES ",
        );
        sql.push_str(
            &vec!["(CAST(? AS INTEGER), ?, ?, ?, ?, ?, ?, ?, ?, ?)"; rows.len()].join(", "),
        );
        let mut q = sqlx::query(&sql);
        for row in &rows {
            for cell in row {
                q = q.bind(cell.as_str());
            }
        }
        q.execute(&mut *tx).await.expect("insert");
    }
    sqlx::query("UPDATE forum SET audit_head_seq = ?, audit_head_hash = ? WHERE id = 1")
        .bind(seq)
        .bind(&prev)
        .execute(&mut *tx)
        .await
        .expect("head");
    tx.commit().await.expect("commit");
    sqlx::query("ANALYZE")
        .execute(&mut conn)
        .await
        .expect("analyze");
    drop(conn);
    println!(
        "set-up: {written} entries written in {:.1} s\n",
        started.elapsed().as_secs_f64()
    );

    let session = vault
        .unlock(UnlockInput {
            username: "chair".into(),
            password: PASSWORD.into(),
        })
        .await
        .expect("unlock");

    // A person with a few entries, the middle of the log, and a month in the middle.
    let mid = seq / 2;
    let somebody = view::list(
        &session,
        &AuditFilter {
            before: Some(mid),
            action: Some("member.updated".into()),
            page_size: Some(1),
            ..Default::default()
        },
    )
    .await
    .expect("somebody")
    .entries[0]
        .entity_id
        .clone()
        .expect("person");
    let mid_date = forumdesk::id::london_date(
        now + time::Duration::seconds(189 * i64::try_from(entries / 2).expect("n")),
    );
    let month_from = mid_date.replace_day(1).expect("day 1");
    let month_to = month_from
        .replace_day(time::util::days_in_month(
            month_from.month(),
            month_from.year(),
        ))
        .expect("last day");

    let cases: Vec<(&str, AuditFilter)> = vec![
        ("first page, unfiltered", AuditFilter::default()),
        (
            "by user",
            AuditFilter {
                user_id: Some(users[3].clone()),
                ..Default::default()
            },
        ),
        (
            "by action (common: member.viewed)",
            AuditFilter {
                action: Some("member.viewed".into()),
                ..Default::default()
            },
        ),
        (
            "by action (rare: backup.restored)",
            AuditFilter {
                action: Some("backup.restored".into()),
                ..Default::default()
            },
        ),
        (
            "by person",
            AuditFilter {
                person_id: Some(somebody.clone()),
                ..Default::default()
            },
        ),
        (
            "by dates (one month)",
            AuditFilter {
                from: Some(month_from.to_string()),
                to: Some(month_to.to_string()),
                ..Default::default()
            },
        ),
        (
            "by user and dates",
            AuditFilter {
                user_id: Some(users[5].clone()),
                from: Some(month_from.to_string()),
                to: Some(month_to.to_string()),
                ..Default::default()
            },
        ),
        (
            "by user and action (child.saved)",
            AuditFilter {
                user_id: Some(users[7].clone()),
                action: Some("child.saved".into()),
                ..Default::default()
            },
        ),
        (
            "deep page (entry 500,000 down)",
            AuditFilter {
                before: Some(mid),
                ..Default::default()
            },
        ),
        (
            "deep page by user",
            AuditFilter {
                user_id: Some(users[3].clone()),
                before: Some(mid),
                ..Default::default()
            },
        ),
    ];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{:<40} {:>9} {:>9} {:>6}",
        "page of 50", "p50 ms", "p95 ms", "rows"
    );
    for (name, filter) in &cases {
        let mut times = Vec::with_capacity(RUNS);
        let mut rows = 0;
        for _ in 0..RUNS {
            let started = Instant::now();
            let page = view::list(&session, filter).await.expect("list");
            times.push(started.elapsed());
            rows = page.entries.len();
        }
        times.sort();
        println!(
            "{name:<40} {:>9.2} {:>9.2} {rows:>6}",
            ms(times[RUNS / 2]),
            ms(times[RUNS * 95 / 100])
        );
    }

    let started = Instant::now();
    let export = view::export_csv(
        &session,
        &AuditFilter {
            from: Some(month_from.to_string()),
            to: Some(month_to.to_string()),
            ..Default::default()
        },
    )
    .await
    .expect("export");
    println!(
        "\nexport a month for an auditor          {:>9.0} ms   ({} entries, {:.1} MB)",
        ms(started.elapsed()),
        export.entries,
        export.bytes.len() as f64 / 1_048_576.0
    );
    let started = Instant::now();
    let report = audit::verify(&session).await.expect("verify");
    assert!(report.intact, "{report:?}");
    println!(
        "verify the whole chain                 {:>9.0} ms   ({} entries, intact)",
        ms(started.elapsed()),
        report.entries
    );
    session.lock().await;
}
