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
