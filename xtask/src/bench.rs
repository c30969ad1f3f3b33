//! `cargo xtask bench`: the core's benchmarks (unlock; members at scale; the evidence pack;
//! the audit viewer; kiosk sign-ups; transfer packs; see docs/benchmarks.md), then how long
//! the app takes to show its first screen. Cold start is measured on a release build: a
//! debug build's figure means nothing.

use anyhow::Result;

use crate::shell::{self, cargo, step};
use crate::{run, ui};

pub fn bench() -> Result<()> {
    step(
        "unlock (cargo bench -p forumdesk --bench unlock)",
        &mut cargo(["bench", "-p", "forumdesk", "--bench", "unlock"]),
    )?;
    // 100,000 synthetic members imported (CSV, XLSX), searched, listed and opened, each
    // figure beside plain SQLite; FORUMDESK_BENCH_MEMBERS=10000 for a quick run.
    step(
        "members at scale (cargo bench -p forumdesk --bench members)",
        &mut cargo(["bench", "-p", "forumdesk", "--bench", "members"]),
    )?;
    // The evidence pack for a grant year over 100,000 members and 1,000,000 activities.
    step(
        "evidence pack (cargo bench -p forumdesk --bench evidence)",
        &mut cargo(["bench", "-p", "forumdesk", "--bench", "evidence"]),
    )?;
    // The audit viewer over 1,000,000 entries: each filter's first page, a deep page, the
    // chain verified; FORUMDESK_BENCH_AUDIT=100000 for a quick run.
    step(
        "audit viewer (cargo bench -p forumdesk --bench audit)",
        &mut cargo(["bench", "-p", "forumdesk", "--bench", "audit"]),
    )?;
    // A transfer pack of 5,000 sign-ups exported from a drive laptop's forum and imported
    // into one of 100,000 members, then again (a no-op); FORUMDESK_BENCH_MEMBERS=10000 for a
    // quick run.
    step(
        "transfer packs (cargo bench -p forumdesk --bench packs)",
        &mut cargo(["bench", "-p", "forumdesk", "--bench", "packs"]),
    )?;
    // A kiosk sign-up, submit to empty form, on a forum of 100,000 members (p50, p95, max of
    // 200); FORUMDESK_BENCH_MEMBERS=10000 for a quick run.
    step(
        "kiosk sign-ups (cargo bench -p forumdesk --bench drives)",
        &mut cargo(["bench", "-p", "forumdesk", "--bench", "drives"]),
    )?;

    ui::install_if_needed()?;
    ui::build()?;
    run::build_app(true)?;
    let binary = shell::app_binary("release")?;
    step(
        "build the cold-start runner",
        &mut cargo([
            "build",
            "-p",
            "forumdesk-e2e",
            "--bin",
            "coldstart",
            "--release",
        ]),
    )?;
    let runner = shell::target_dir()?.join("release").join("coldstart");
    step(
        "cold start (tauri-driver, xvfb)",
        shell::xvfb(runner.as_os_str(), std::iter::empty::<&str>())
            .env("FORUMDESK_APP_BIN", binary),
    )
}
