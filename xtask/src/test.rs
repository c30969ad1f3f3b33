//! `cargo xtask test`: everything CI checks, cheapest first, stopping at the first failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Result};

use crate::shell::{self, cargo, step};
use crate::{run, setup, ui};

pub fn test() -> Result<()> {
    setup::for_test()?;
    step(
        "format (cargo fmt --check)",
        &mut cargo(["fmt", "--all", "--", "--check"]),
    )?;
    step(
        "dependency bans, licences and sources (cargo deny)",
        &mut deny(&["check", "bans", "licenses", "sources"]),
    )?;
    advisories()?;

    // The app embeds ui/dist at compile time, so the UI is built before any Rust step that
    // compiles the app (clippy included).
    ui::install_if_needed()?;
    step("UI lint (npm run lint)", &mut ui::npm(["run", "lint"]))?;
    step(
        "UI typecheck (npm run typecheck)",
        &mut ui::npm(["run", "typecheck"]),
    )?;
    step("UI tests (npm test)", &mut ui::npm(["test"]))?;
    ui::build()?;

    step(
        "lints (cargo clippy -D warnings)",
        &mut cargo([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    step(
        "core tests, bindings drift included (cargo test -p forumdesk)",
        &mut cargo(["test", "-p", "forumdesk"]),
    )?;
    step(
        "command tests (cargo test -p forumdesk-app)",
        &mut cargo(["test", "-p", "forumdesk-app"]),
    )?;

    run::build_app(false)?;
    e2e()?;
    println!("\nAll checks passed.");
    Ok(())
}

pub fn build_and_e2e() -> Result<()> {
    setup::for_test()?;
    ui::install_if_needed()?;
    ui::build()?;
    run::build_app(false)?;
    e2e()
}

/// The RustSec database comes from GitHub. Without a network the check is skipped (or run
/// against a cached copy), but a real advisory always fails the run.
fn advisories() -> Result<()> {
    let output = shell::capture(
        "security advisories (cargo deny check advisories)",
        &mut deny(&["check", "advisories"]),
    )?;
    let log = String::from_utf8_lossy(&output.stderr);
    if output.status.success() {
        println!("advisories ok");
        return Ok(());
    }
    if !is_fetch_failure(&log) {
        eprintln!("{log}");
        bail!("step 'security advisories' failed: see the findings above");
    }
    if advisory_db_cached() {
        println!("advisory database could not be fetched; checking against the cached copy");
        return step(
            "security advisories, cached database",
            &mut deny(&["--offline", "check", "advisories"]),
        );
    }
    println!(
        "SKIPPED: the RustSec advisory database could not be fetched (no network?) and no \
         cached copy exists. Run `cargo deny check advisories` on a connected machine."
    );
    Ok(())
}

/// cargo-deny's wording when it cannot clone or update the advisory database. Kept narrow:
/// advisory texts can mention networks, and a finding must never pass as a fetch failure.
fn is_fetch_failure(log: &str) -> bool {
    log.contains("failed to fetch advisory database")
}

/// Whether an earlier run left a usable clone of the RustSec database (not just its lock file).
fn advisory_db_cached() -> bool {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")));
    let Some(dbs) = cargo_home.map(|home| home.join("advisory-dbs")) else {
        return false;
    };
    std::fs::read_dir(dbs).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.path().join("crates").is_dir())
    })
}

/// cargo deny over every workspace member: the root manifest is a package, so by default only
/// the core's graph would be checked, not the app's or the test tools'. Errors only: the
/// duplicate-version warnings of Tauri's tree would bury them (`cargo deny check` shows all).
fn deny(args: &[&str]) -> Command {
    let mut command = cargo(["deny", "--workspace", "--log-level", "error"]);
    command.args(args);
    command
}

/// The end-to-end tests drive the built app through tauri-driver in a virtual X display.
fn e2e() -> Result<()> {
    require_tool("tauri-driver", "cargo install tauri-driver --locked")?;
    require_tool("WebKitWebDriver", "apt-get install webkit2gtk-driver")?;
    require_tool("xvfb-run", "apt-get install xvfb xauth")?;
    let binary = shell::app_binary("debug")?;
    // One test exports a subject access request with the command-line tool while the app is
    // open; `cargo test -p forumdesk` builds it too, so this is quick after the core tests.
    step(
        "build the forumdesk command",
        &mut cargo(["build", "-p", "forumdesk", "--bin", "forumdesk"]),
    )?;
    let cargo_program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    step(
        "end-to-end tests (tauri-driver, xvfb)",
        shell::xvfb(
            &cargo_program,
            ["test", "-p", "forumdesk-e2e", "--", "--test-threads=1"],
        )
        .env(
            "FORUMDESK_CLI_BIN",
            binary.with_file_name(format!("forumdesk{}", std::env::consts::EXE_SUFFIX)),
        )
        .env("FORUMDESK_APP_BIN", binary),
    )
}

fn require_tool(program: &str, install: &str) -> Result<()> {
    if shell::on_path(program) {
        Ok(())
    } else {
        bail!("{program} is not installed; install it with `{install}`")
    }
}
