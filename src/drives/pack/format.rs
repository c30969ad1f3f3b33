//! The transfer pack file: a fixed header, then the sign-ups as JSON sealed with
//! XChaCha20-Poly1305 under a key derived from the passphrase by Argon2id.
//!
//! ```text
//! offset  size  field
//!      0     8  magic "FDPACK\r\n" (a CR/LF pair, so a file mangled as text is noticed)
//!      8     2  format version, big-endian (1)
//!     10     4  Argon2id memory in KiB, big-endian
//!     14     4  Argon2id passes
//!     18     4  Argon2id lanes
//!     22    16  salt (random per pack)
//!     38    24  nonce (random per pack)
//!     62     …  ciphertext of the JSON contents, then the 16-byte Poly1305 tag
//! ```
//!
//! The whole header is the cipher's associated data, so changing any byte of it (a weaker
//! cost, another salt) makes the pack fail to open, just as changing the ciphertext does.
//! The version is read before anything else, so a pack from a newer ForumDesk is refused
//! with a message that says so rather than as damaged.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::crypto::KdfParams;
use crate::drives::kiosk::SignUp;
use crate::{Error, ErrorKind, Result};

pub const MAGIC: &[u8; 8] = b"FDPACK\r\n";
/// The format this version writes and the newest it reads.
pub const VERSION: u16 = 1;
pub const HEADER_LEN: usize = 62;
const TAG_LEN: usize = 16;
/// The largest pack made or opened: 5,000 sign-ups take about 3 MB, so this is far beyond
/// any real drive, and bounds the memory a hostile file can make the import use.
pub const MAX_PACK_BYTES: usize = 64 * 1024 * 1024;

/// The drive a pack comes from, as the receiving forum needs it to file the sign-ups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PackDrive {
    pub id: String,
    pub name: String,
    /// ISO date.
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub venue: String,
}

/// What a pack carries: the drive and its sign-ups exactly as the kiosk collected them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PackContents {
    /// When the pack was made (RFC 3339).
    pub made_at: String,
    pub drive: PackDrive,
    pub signups: Vec<SignUp>,
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Validation, message)
}

pub(crate) fn not_a_pack(file: &str) -> Error {
    invalid(format!(
        "{file} is not a ForumDesk transfer pack. Choose the .fdpack file made with \u{201c}Export \
         transfer pack\u{201d} on the drive laptop."
    ))
}

pub(crate) fn damaged(file: &str) -> Error {
    invalid(format!(
        "{file} is damaged (it is cut short or has been changed), so nothing was imported. \
         Copy it from the drive laptop again, or export a new pack there."
    ))
}

pub(crate) fn too_big(file: &str, bytes: u64) -> Error {
    invalid(format!(
        "{file} is {} MB, bigger than any transfer pack ForumDesk makes (at most {} MB), so \
         it was not read. Check it is the right file.",
        bytes.div_ceil(1024 * 1024),
        MAX_PACK_BYTES / (1024 * 1024)
    ))
}

/// Seals `contents` under `passphrase` with the current Argon2id cost.
pub fn seal(contents: &PackContents, passphrase: &str) -> Result<Vec<u8>> {
    seal_with(contents, passphrase, KdfParams::CURRENT)
}

pub(crate) fn seal_with(
    contents: &PackContents,
    passphrase: &str,
    params: KdfParams,
) -> Result<Vec<u8>> {
    let plain =
        Zeroizing::new(serde_json::to_vec(contents).map_err(|e| Error::internal(e.to_string()))?);
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let mut out = Vec::with_capacity(HEADER_LEN + plain.len() + TAG_LEN);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_be_bytes());
    out.extend_from_slice(&params.m_kib.to_be_bytes());
    out.extend_from_slice(&params.t.to_be_bytes());
    out.extend_from_slice(&params.p.to_be_bytes());
    out.extend_from_slice(&salt);
    out.extend_from_slice(&nonce);
    let key = params.derive(passphrase.as_bytes(), &salt)?;
    let cipher = XChaCha20Poly1305::new(key.as_ref().into());
    let sealed = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &plain,
                aad: &out,
            },
        )
        .map_err(|_| Error::internal("The pack could not be encrypted."))?;
    out.extend_from_slice(&sealed);
    if out.len() > MAX_PACK_BYTES {
        return Err(invalid(format!(
            "These sign-ups make a pack bigger than {} MB, more than a transfer pack may hold.",
            MAX_PACK_BYTES / (1024 * 1024)
        )));
    }
    Ok(out)
}

/// Opens a pack. `file` names it in messages. Every failure is one plain message and
/// nothing else happens: the caller writes only after this succeeds.
pub fn open(file: &str, bytes: &[u8], passphrase: &str) -> Result<PackContents> {
    if bytes.len() > MAX_PACK_BYTES {
        return Err(too_big(file, bytes.len() as u64));
    }
    if bytes.is_empty() {
        return Err(invalid(format!(
            "{file} is empty, so it is not a transfer pack. Copy it from the drive laptop again."
        )));
    }
    let magic_len = MAGIC.len().min(bytes.len());
    if bytes[..magic_len] != MAGIC[..magic_len] {
        return Err(not_a_pack(file));
    }
    if bytes.len() < HEADER_LEN + TAG_LEN {
        return Err(damaged(file));
    }
    let (header, sealed) = bytes.split_at(HEADER_LEN);
    let be32 = |at: usize| {
        let mut word = [0u8; 4];
        word.copy_from_slice(&header[at..at + 4]);
        u32::from_be_bytes(word)
    };
    let version = u16::from_be_bytes([header[8], header[9]]);
    if version > VERSION {
        return Err(invalid(format!(
            "{file} was made by a newer version of ForumDesk (pack format {version}; this \
             version reads format {VERSION}). Update ForumDesk on this computer, then import \
             it again."
        )));
    }
    if version == 0 {
        return Err(damaged(file));
    }
    let params = KdfParams {
        m_kib: be32(10),
        t: be32(14),
        p: be32(18),
    };
    // The cost is checked before it is paid: an edited header must not make us allocate
    // gigabytes or skimp on the derivation.
    if params.is_weaker_than(&KdfParams::FLOOR)
        || params.m_kib > 1024 * 1024
        || params.t > 10
        || params.p == 0
        || params.p > 8
    {
        return Err(damaged(file));
    }
    let salt = &header[22..38];
    let nonce = XNonce::from_slice(&header[38..62]);
    let key = params.derive(passphrase.as_bytes(), salt)?;
    let cipher = XChaCha20Poly1305::new(key.as_ref().into());
    let plain = Zeroizing::new(
        cipher
            .decrypt(
                nonce,
                Payload {
                    msg: sealed,
                    aad: header,
                },
            )
            .map_err(|_| wrong_passphrase(file))?,
    );
    serde_json::from_slice(&plain).map_err(|_| damaged(file))
}

fn wrong_passphrase(file: &str) -> Error {
    let message = format!(
        "{file} could not be opened: the passphrase is wrong, or the file was changed or \
         damaged after it was made. Check the passphrase (it is the one typed when the pack \
         was exported) and try again. Nothing was imported."
    );
    let mut err = Error::field("passphrase", message.clone());
    err.message = message;
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents() -> PackContents {
        PackContents {
            made_at: "2026-11-23T10:00:00Z".into(),
            drive: PackDrive {
                id: "d1".into(),
                name: "Coffee morning".into(),
                starts_on: "2026-11-21".into(),
                ends_on: None,
                venue: "Library".into(),
            },
            signups: Vec::new(),
        }
    }

    #[test]
    fn a_pack_opens_with_its_passphrase_only() {
        let sealed =
            seal_with(&contents(), "correct horse battery", KdfParams::FLOOR).expect("seal");
        assert_eq!(&sealed[..8], MAGIC);
        let opened = open("p.fdpack", &sealed, "correct horse battery").expect("open");
        assert_eq!(opened, contents());
        let wrong = open("p.fdpack", &sealed, "correct horse battery!").expect_err("wrong");
        assert!(wrong.fields.contains_key("passphrase"));
    }

    #[test]
    fn every_header_byte_is_authenticated() {
        let sealed =
            seal_with(&contents(), "correct horse battery", KdfParams::FLOOR).expect("seal");
        // Salt and nonce bytes: the key or nonce changes, so the tag fails.
        for at in [22, 37, 38, 61] {
            let mut bent = sealed.clone();
            bent[at] ^= 1;
            assert!(
                open("p", &bent, "correct horse battery").is_err(),
                "byte {at}"
            );
        }
        // A weaker cost is refused before any derivation.
        let mut weak = sealed.clone();
        weak[10..14].copy_from_slice(&1024u32.to_be_bytes());
        assert!(open("p", &weak, "correct horse battery")
            .expect_err("weak")
            .message
            .contains("damaged"));
    }
}
