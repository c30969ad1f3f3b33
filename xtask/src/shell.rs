//! Running the tools each task is made of, with one clear line per step.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::{bail, Context, Result};

/// The repository root: xtask lives one level below it.
pub fn root() -> PathBuf {
    // The run-time value first: with a target dir shared between clones, cargo may reuse an
    // xtask binary compiled in another clone, whose compile-time path points there.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or(manifest_dir)
}

/// A cargo command run from the root, with the same cargo that runs xtask.
pub fn cargo<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(args).current_dir(root());
    command
}

/// Runs one named step with its output going straight to the terminal.
pub fn step(name: &str, command: &mut Command) -> Result<()> {
    println!("\n==> {name}");
    let status = command
        .status()
        .with_context(|| format!("step '{name}': could not start {:?}", command.get_program()))?;
    if !status.success() {
        bail!("step '{name}' failed ({status})");
    }
    Ok(())
}

/// Runs a command and captures its output, for steps that must read it before judging.
pub fn capture(name: &str, command: &mut Command) -> Result<Output> {
    println!("\n==> {name}");
    command
        .output()
        .with_context(|| format!("step '{name}': could not start {:?}", command.get_program()))
}

/// Whether a program can be found on PATH, for a clear message before a step needs it.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Cargo's target directory, honouring `CARGO_TARGET_DIR` and any config, as cargo sees it.
pub fn target_dir() -> Result<PathBuf> {
    let output = cargo(["metadata", "--format-version", "1", "--no-deps"])
        .output()
        .context("could not run cargo metadata")?;
    if !output.status.success() {
        bail!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).context("cargo metadata printed invalid JSON")?;
    match metadata["target_directory"].as_str() {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => bail!("cargo metadata did not report a target_directory"),
    }
}

/// The app binary cargo builds for a profile directory (`debug` or `release`).
pub fn app_binary(profile_dir: &str) -> Result<PathBuf> {
    let binary = target_dir()?
        .join(profile_dir)
        .join(format!("forumdesk-app{}", std::env::consts::EXE_SUFFIX));
    if !binary.is_file() {
        bail!("the app binary was not found at {}", binary.display());
    }
    Ok(binary)
}

/// `xvfb-run` with a screen as large as the e2e screenshots need.
pub fn xvfb<I, S>(program: &OsStr, args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = Command::new("xvfb-run");
    command
        .args(["-a", "-s", "-screen 0 1280x800x24"])
        .arg(program)
        .args(args)
        .current_dir(root());
    command
}
