//! Direct access to an unlocked database file, outside any session and its rules. For tests
//! (tampering with the audit trail to prove `verify` notices) and for forensic work by an
//! admin who holds a password. Never exposed to the desktop app's webview.

use std::path::Path;

use sqlx::SqliteConnection;

use crate::crypto::Keyfile;
use crate::{paths, storage, Error, Result};

/// Opens `db` with the key unwrapped from `username`'s slot.
pub async fn raw_connection(db: &Path, username: &str, password: &str) -> Result<SqliteConnection> {
    let keyfile = Keyfile::load(&paths::keyfile_path(db))?;
    let key = keyfile
        .user_slot(username)
        .ok_or_else(|| Error::forbidden(crate::WRONG_CREDENTIALS))?
        .unwrap_key(password.as_bytes())?
        .ok_or_else(|| Error::forbidden(crate::WRONG_CREDENTIALS))?;
    storage::open_connection(db, &key).await
}

/// The raw 32-byte database key unwrapped from `username`'s slot: for tests that read the
/// encrypted pages themselves (proving erased data is gone from every page, free ones too).
pub fn database_key(
    db: &Path,
    username: &str,
    password: &str,
) -> Result<zeroize::Zeroizing<[u8; 32]>> {
    let keyfile = Keyfile::load(&paths::keyfile_path(db))?;
    let key = keyfile
        .user_slot(username)
        .ok_or_else(|| Error::forbidden(crate::WRONG_CREDENTIALS))?
        .unwrap_key(password.as_bytes())?
        .ok_or_else(|| Error::forbidden(crate::WRONG_CREDENTIALS))?;
    Ok(zeroize::Zeroizing::new(*key.as_bytes()))
}

/// The processor time this process has used so far (user and system), where Linux tells it
/// (`/proc/self/stat`), for the benchmarks. Unlike the elapsed time it hardly moves when
/// other programs load the machine, so it shows the effect of a change on a busy machine.
pub fn process_cpu_time() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (in brackets, and it may hold spaces): utime and
    // stime are the 12th and 13th, in clock ticks of 1/100 s.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(std::time::Duration::from_millis(ticks * 10))
}
