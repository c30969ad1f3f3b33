//! Where the forum's files live.

use std::path::{Path, PathBuf};

/// Environment variable that points the app and the CLI at another database file.
pub const DB_ENV: &str = "FORUMDESK_DB";

/// The app's own database: `FORUMDESK_DB` if set, else `<OS data dir>/ForumDesk/forum.db`
/// (`~/.local/share` on Linux, `~/Library/Application Support` on macOS, `%APPDATA%` on
/// Windows). The CLI and the desktop app share this function so they open the same file.
pub fn default_db_path() -> PathBuf {
    if let Some(path) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("ForumDesk")
        .join("forum.db")
}

/// The key-slot file that sits beside the database: `forum.db` → `forum.db.keys`.
pub fn keyfile_path(db: &Path) -> PathBuf {
    sibling(db, ".keys")
}

pub(crate) fn sibling(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(suffix);
    db.with_file_name(name)
}
