//! Key management. The database is encrypted with one random 256-bit key; each account (and
//! the recovery key) holds that key wrapped under a key derived from its secret by Argon2id.
//! The wrapped copies live in a small JSON file beside the database (the "key file"), because
//! they must be readable before the database can be opened. See docs/adr/0001-key-slots.md.

mod db_key;
mod kdf;
mod keyfile;
mod recovery;
mod slot;

pub use db_key::DbKey;
pub use kdf::KdfParams;
pub use keyfile::{Keyfile, Throttle};
pub use recovery::RecoveryKey;
pub use slot::{Slot, SlotKind};

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;

pub(crate) fn b64(bytes: &[u8]) -> String {
    B64.encode(bytes)
}

pub(crate) fn unb64(text: &str) -> crate::Result<Vec<u8>> {
    B64.decode(text)
        .map_err(|_| crate::Error::internal("The key file is damaged (bad base64)."))
}
