//! A private home for one test's app: its own database, config and window-state files, so a
//! run never touches the developer's real forum and runs never see each other's data.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

use crate::Result;

pub struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Result<Self> {
        let dir = tempfile::Builder::new()
            .prefix("forumdesk-e2e-")
            .tempdir()?;
        for sub in ["home", "data", "config", "cache"] {
            std::fs::create_dir_all(dir.path().join(sub))?;
        }
        Ok(Self { dir })
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("forum.db")
    }

    /// Sets the environment the app will inherit. tauri-driver passes its own environment on
    /// to WebKitWebDriver, which passes it on to the app it launches.
    pub fn apply(&self, command: &mut Command) {
        let root = self.dir.path();
        command
            .env("HOME", root.join("home"))
            .env("XDG_DATA_HOME", root.join("data"))
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("XDG_CACHE_HOME", root.join("cache"))
            .env("FORUMDESK_DB", self.db_path());
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}
