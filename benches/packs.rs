//! Transfer packs: 5,000 sign-ups carried from a drive laptop's forum to the main forum of
//! 100,000 synthetic members. The sign-ups (synthetic people, 3 % of them members the main
//! forum already has, each with a mix of consent ticks and children) are sealed into a pack
//! and imported into the laptop's empty forum; the laptop exports them again (reading the
//! sign-ups, sealing); the main forum imports that pack (every sign-up stored as the kiosk
//! stores it, checked against the members for duplicates), then imports it again (a no-op).
//!
//! Every time includes the Argon2id derivation (128 MiB, t=3) that opening or sealing a
//! pack costs; it is measured alone first so it can be subtracted by eye.
//!
//! A plain binary like benches/members.rs.
//!
//! ```text
//! cargo bench -p forumdesk --bench packs
//! FORUMDESK_BENCH_MEMBERS=10000 cargo bench -p forumdesk --bench packs   # a quick run
//! FORUMDESK_BENCH_SIGNUPS=20000 cargo bench -p forumdesk --bench packs   # a bigger pack
//! ```
//!
//! Every figure is one line, `name  value unit  (what)`; the target (a 5,000 sign-up pack
//! imports in seconds: under 10 s) is checked on the import into the main forum, and a miss
//! is printed as `MISSED target` (and fails the run when FORUMDESK_BENCH_STRICT is set). See
//! docs/benchmarks.md.

use std::path::Path;
use std::time::{Duration, Instant};

use forumdesk::drives::kiosk::{KioskChild, SignUp, SignUpConsent};
use forumdesk::drives::pack::format::{self, PackContents, PackDrive};
use forumdesk::drives::pack::{self, PackExportInput};
use forumdesk::export::write_csv;
use forumdesk::members::consent;
use forumdesk::members::import::{self, ImportOptions};
use forumdesk::members::model::{AgeBand, MemberType, Need, Provision};
use forumdesk::synth::{self, SynthMember, SynthOptions};
use forumdesk::{id, Session, SetupInput, Vault};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

#[allow(dead_code)] // the percentiles are for the timed benchmarks; this one times single runs
mod common;
use common::{count_label, env_usize};

const PASSWORD: &str = "violet kettle harbour 97";
const PASSPHRASE: &str = "lantern orchard pebble 42";
const SEED: u64 = 20_261_124;
const DUPLICATE_SHARE: f64 = 0.03;
/// "A pack of 5,000 sign-ups imports in seconds."
const IMPORT_TARGET: Duration = Duration::from_secs(10);

fn main() -> std::process::ExitCode {
    let members = env_usize("FORUMDESK_BENCH_MEMBERS", 100_000);
    let signups = env_usize("FORUMDESK_BENCH_SIGNUPS", 5_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    if runtime.block_on(run(members, signups)) {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}

async fn run(members: usize, signups: usize) -> bool {
    let (m, n) = (count_label(members), count_label(signups));
    println!(
        "packs benchmark: {signups} sign-ups into a forum of {members} synthetic members \
         (seed {SEED}, {}% already members)",
        DUPLICATE_SHARE * 100.0
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let started = Instant::now();
    let people = synth::generate(&SynthOptions {
        members,
        seed: SEED,
        duplicate_rate: 0.03,
    });
    let main = forum(&dir.path().join("main")).await;
    let csv = write_csv(&synth::to_sheet(&people));
    import::import(&main, "members.csv", &csv, ImportOptions::default())
        .await
        .expect("members import");
    println!(
        "main forum set up in {:.2} s\n",
        started.elapsed().as_secs_f64()
    );

    let mut missed = Vec::new();
    // The key derivation alone: sealing an empty pack is all Argon2id.
    let empty = contents(Vec::new());
    let took = timed(|| format::seal(&empty, PASSPHRASE).expect("seal"));
    line(
        "argon2id_derive",
        took,
        "128 MiB, t=3: paid once by each export and each import below",
    );

    let laptop = forum(&dir.path().join("laptop")).await;
    let sealed = {
        let made = signups_for(&laptop, &people, signups).await;
        format::seal(&contents(made), PASSPHRASE).expect("seal")
    };
    println!(
        "    a pack of {signups} sign-ups is {:.1} MB",
        sealed.len() as f64 / 1_000_000.0
    );
    let start = Instant::now();
    let report = pack::import(&laptop, "made.fdpack", &sealed, PASSPHRASE)
        .await
        .expect("laptop import");
    line(
        &format!("pack_import_{n}_empty_forum"),
        start.elapsed(),
        "into the drive laptop's own forum",
    );
    assert_eq!(report.created as usize, signups);

    let start = Instant::now();
    let input = PackExportInput {
        passphrase: PASSPHRASE.into(),
        passphrase_confirm: PASSPHRASE.into(),
    };
    let file = pack::export(&laptop, &report.drive_id, &input)
        .await
        .expect("export");
    line(
        &format!("pack_export_{n}"),
        start.elapsed(),
        "read the drive's sign-ups, seal, audit",
    );
    assert_eq!(file.signups as usize, signups);

    let start = Instant::now();
    let report = pack::import(&main, &file.file_name, &file.bytes, PASSPHRASE)
        .await
        .expect("main import");
    let took = start.elapsed();
    let verdict = if took < IMPORT_TARGET {
        "ok"
    } else {
        missed.push("pack import");
        "MISSED target"
    };
    println!(
        "{:<28}{}  (target {} s)  {verdict}",
        format!("pack_import_{n}_into_{m}"),
        secs(took),
        IMPORT_TARGET.as_secs()
    );
    println!(
        "    created {} already imported {} duplicates {}",
        report.created, report.already_imported, report.duplicates
    );
    assert_eq!(report.created as usize, signups);

    let start = Instant::now();
    let again = pack::import(&main, &file.file_name, &file.bytes, PASSPHRASE)
        .await
        .expect("re-import");
    line(
        &format!("pack_reimport_{n}_noop"),
        start.elapsed(),
        "every sign-up already there: nothing written but the audit entry",
    );
    assert_eq!(again.created, 0);
    println!(
        "\ndone in {:.1} s{}",
        started.elapsed().as_secs_f64(),
        if missed.is_empty() {
            String::new()
        } else {
            format!("; TARGET MISSED: {}", missed.join(", "))
        }
    );
    missed.is_empty() || std::env::var_os("FORUMDESK_BENCH_STRICT").is_none()
}

async fn forum(path: &Path) -> Session {
    std::fs::create_dir_all(path).expect("dir");
    let vault = Vault::new(path.join("forum.db"));
    let (session, _) = vault
        .init(SetupInput {
            forum_name: "Bench Parent Carer Forum".into(),
            admin_username: "chair".into(),
            admin_display_name: "Alex Chair".into(),
            password: PASSWORD.into(),
            password_confirm: PASSWORD.into(),
        })
        .await
        .expect("init");
    session
}

fn contents(signups: Vec<SignUp>) -> PackContents {
    PackContents {
        made_at: id::now_rfc3339(),
        drive: PackDrive {
            id: "bench-drive".into(),
            name: "Local offer day".into(),
            starts_on: "2026-11-14".into(),
            ends_on: None,
            venue: "Preston Guild Hall".into(),
        },
        signups,
    }
}

/// `count` sign-ups: new synthetic people, with `DUPLICATE_SHARE` of them taken from the
/// main forum's members, each ticking a random mix of the forum's consent statements and a
/// third telling the forum about one or two children.
async fn signups_for(s: &Session, members: &[SynthMember], count: usize) -> Vec<SignUp> {
    let purposes: Vec<(String, i32, String)> = consent::purposes(s)
        .await
        .expect("purposes")
        .into_iter()
        .filter(|p| p.basis == "consent" || p.basis == "explicit_consent")
        .map(|p| (p.id, p.version, p.statement))
        .collect();
    let fresh = synth::generate(&SynthOptions {
        members: count * 2,
        seed: SEED + 1,
        duplicate_rate: 0.0,
    });
    let mut rng = StdRng::seed_from_u64(SEED);
    let usable = |p: &&SynthMember| p.email.is_some() || p.phone.is_some();
    let mut fresh = fresh.iter().filter(usable);
    let mut known = members.iter().filter(usable);
    (0..count)
        .map(|_| {
            let person = if rng.gen_bool(DUPLICATE_SHARE) {
                known.next()
            } else {
                fresh.next()
            }
            .expect("enough synthetic people");
            let consents: Vec<SignUpConsent> = purposes
                .iter()
                .filter(|_| rng.gen_bool(0.4))
                .map(|(purpose_id, version, text)| SignUpConsent {
                    purpose_id: purpose_id.clone(),
                    statement_version: *version,
                    statement_text: text.clone(),
                    given: true,
                })
                .collect();
            let special = consents
                .iter()
                .any(|c| c.purpose_id == consent::SPECIAL_CATEGORY);
            let children = if special {
                (0..rng.gen_range(1..=2))
                    .map(|_| KioskChild {
                        age_band: Some(AgeBand::ALL[rng.gen_range(0..AgeBand::ALL.len())]),
                        primary_need: Some(Need::ALL[rng.gen_range(0..Need::ALL.len())]),
                        provision: Some(Provision::SenSupport),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            SignUp {
                id: id::new_id(),
                drive_id: "bench-drive".into(),
                signed_up_at: id::now_rfc3339(),
                first_name: person.first_name.clone(),
                last_name: person.last_name.clone(),
                email: person.email.clone().unwrap_or_default(),
                phone: person.phone.clone().unwrap_or_default(),
                postcode: person.postcode.clone(),
                heard_about: person.heard_about.unwrap_or("").into(),
                member_type: MemberType::ParentCarer,
                consents,
                children,
            }
        })
        .collect()
}

fn timed<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    std::hint::black_box(f());
    start.elapsed()
}

fn line(name: &str, took: Duration, what: &str) {
    println!("{name:<28}{}  ({what})", secs(took));
}

fn secs(d: Duration) -> String {
    format!("{:8.2} s ", d.as_secs_f64())
}
