//! `cargo xtask bench`: the core's benchmarks, then how long the app takes to show its first
//! screen. Cold start is measured on a release build: a debug build's figure means nothing.

use anyhow::Result;

use crate::shell::{self, cargo, step};
use crate::{run, ui};

pub fn bench() -> Result<()> {
    step(
        "core benchmarks (cargo bench -p forumdesk)",
        &mut cargo(["bench", "-p", "forumdesk"]),
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
