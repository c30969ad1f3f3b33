//! The web UI: installing its packages when needed, and building it for embedding.

use std::path::PathBuf;
use std::process::Command;
use std::time::SystemTime;

use anyhow::Result;

use crate::shell::{self, step};

pub fn dir() -> PathBuf {
    shell::root().join("ui")
}

pub fn npm<const N: usize>(args: [&str; N]) -> Command {
    let mut command = Command::new("npm");
    command.args(args).current_dir(dir());
    command
}

/// Installs the locked packages when `node_modules` is missing or older than
/// `package-lock.json` (npm records the installed tree in `node_modules/.package-lock.json`,
/// so its age says when we last installed).
///
/// `npm install`, not `npm ci`: when the registry lacks another platform's build of a package
/// at the locked version (as the mirror this project is built against does for Biome's and
/// Rollup's Windows and macOS binaries), npm leaves it out of the lockfile and `npm ci` then
/// refuses that lockfile as out of sync. `npm install` installs the same locked tree and
/// leaves the lockfile as it is.
pub fn install_if_needed() -> Result<()> {
    let ui = dir();
    let installed = modified(ui.join("node_modules").join(".package-lock.json"));
    let wanted = modified(ui.join("package-lock.json"));
    match (installed, wanted) {
        (Some(installed), Some(wanted)) if installed >= wanted => {
            println!("\n==> UI packages are up to date (skipping npm ci)");
            Ok(())
        }
        _ => step(
            "install UI packages (npm install)",
            &mut npm(["install", "--no-audit", "--no-fund"]),
        ),
    }
}

pub fn build() -> Result<()> {
    step("build the UI (npm run build)", &mut npm(["run", "build"]))
}

fn modified(path: PathBuf) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
