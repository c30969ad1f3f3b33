//! What `run` and `test` need from the machine, installed when missing, so that the README's
//! two commands are all the set-up a fresh machine needs. On Debian and Ubuntu, as root, the
//! system packages are installed with apt-get; otherwise the exact command is printed.

use std::process::Command;

use anyhow::{bail, Result};

use crate::shell::{self, step};

/// To build and run the app (Tauri 2 on WebKitGTK 4.1).
const BUILD_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "pkg-config",
    "file",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "libxdo-dev",
];

/// Also needed by the tests: a virtual display and WebKit's WebDriver for the end-to-end
/// tests, sqlite3 to show that the database file is unreadable without its key, and a D-Bus
/// daemon to play logind for the sleep and screen-lock test.
const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "sqlite3",
    "dbus-daemon",
];

/// Command-line tools the tests use, built with cargo once and kept in ~/.cargo/bin.
const TEST_TOOLS: &[(&str, &str)] = &[
    ("tauri-driver", "tauri-driver"),
    ("cargo-deny", "cargo-deny"),
];

pub fn for_run() -> Result<()> {
    system_packages(BUILD_PACKAGES)
}

pub fn for_test() -> Result<()> {
    let all: Vec<&str> = BUILD_PACKAGES
        .iter()
        .chain(TEST_PACKAGES)
        .copied()
        .collect();
    system_packages(&all)?;
    for (binary, krate) in TEST_TOOLS {
        if shell::on_path(binary) {
            continue;
        }
        // Its own target dir: the project's shared one must not hold a tool's build.
        let mut install = shell::cargo(["install", krate, "--locked"]);
        install.env_remove("CARGO_TARGET_DIR");
        step(&format!("install {krate} (once)"), &mut install)?;
    }
    Ok(())
}

fn system_packages(packages: &[&str]) -> Result<()> {
    if !cfg!(target_os = "linux") || !shell::on_path("dpkg") {
        // Windows and macOS ship their WebView; other Linux systems: see Tauri's prerequisites.
        return Ok(());
    }
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| {
            !Command::new("dpkg")
                .args(["-s", p])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let list = missing.join(" ");
    if !is_root() {
        bail!(
            "these system packages are missing: {list}\ninstall them with:\n  sudo apt-get install -y --no-install-recommends {list}"
        );
    }
    step(
        "update the package lists (apt-get update)",
        Command::new("apt-get").arg("update"),
    )?;
    step(
        &format!("install system packages: {list}"),
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}
