//! `cargo xtask run`: the real app on the real default database, with the UI embedded.

use anyhow::Result;

use crate::shell::{self, step};
use crate::{setup, ui};

pub fn run() -> Result<()> {
    setup::for_run()?;
    ui::install_if_needed()?;
    ui::build()?;
    build_app(false)?;
    let binary = shell::app_binary("debug")?;
    step("run ForumDesk", &mut std::process::Command::new(binary))
}

/// Builds the app with the UI embedded (`custom-protocol`): it never loads a dev server.
pub fn build_app(release: bool) -> Result<()> {
    let mut args = vec![
        "build",
        "-p",
        "forumdesk-app",
        "--features",
        "custom-protocol",
    ];
    if release {
        args.push("--release");
    }
    let name = if release {
        "build the app, release, UI embedded"
    } else {
        "build the app, UI embedded"
    };
    step(name, &mut shell::cargo(args))
}
