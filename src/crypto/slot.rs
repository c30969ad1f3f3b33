use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{b64, unb64, DbKey, KdfParams};
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotKind {
    User,
    Recovery,
}

/// One wrapped copy of the database key. Everything here is public information: the salt,
/// the nonce, the cost parameters, and the key sealed with XChaCha20-Poly1305.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Slot {
    /// The user's id (a UUID, not a name), or "recovery".
    pub id: String,
    pub kind: SlotKind,
    /// A salted hash of the normalised user name, so unlock finds the slot without the key
    /// file listing volunteers' names in the clear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_tag: Option<String>,
    pub kdf: KdfParams,
    pub salt: String,
    pub nonce: String,
    pub wrapped_key: String,
}

impl Slot {
    pub fn wrap(
        id: &str,
        kind: SlotKind,
        user_tag: Option<String>,
        secret: &[u8],
        key: &DbKey,
        kdf: KdfParams,
    ) -> Result<Slot> {
        let mut salt = [0u8; 16];
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let kek = kdf.derive(secret, &salt)?;
        let aad = aad(id, kind, &kdf);
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: key.as_bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| Error::internal("The database key could not be sealed."))?;
        Ok(Slot {
            id: id.to_owned(),
            kind,
            user_tag,
            kdf,
            salt: b64(&salt),
            nonce: b64(&nonce),
            wrapped_key: b64(&sealed),
        })
    }

    /// `Ok(None)` when the secret is wrong; `Err` when the slot itself is damaged.
    pub fn unwrap_key(&self, secret: &[u8]) -> Result<Option<DbKey>> {
        let salt = unb64(&self.salt)?;
        let nonce = unb64(&self.nonce)?;
        let sealed = unb64(&self.wrapped_key)?;
        if nonce.len() != 24 || salt.len() < 8 {
            return Err(Error::internal("The key file is damaged (bad slot)."));
        }
        let kek = self.kdf.derive(secret, &salt)?;
        let aad = aad(&self.id, self.kind, &self.kdf);
        let cipher = XChaCha20Poly1305::new(kek.as_ref().into());
        let opened = cipher.decrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &sealed,
                aad: aad.as_bytes(),
            },
        );
        match opened {
            Ok(bytes) => {
                let bytes = Zeroizing::new(bytes);
                DbKey::from_bytes(&bytes)
                    .map(Some)
                    .ok_or_else(|| Error::internal("The key file is damaged (bad key length)."))
            }
            Err(_) => Ok(None),
        }
    }
}

/// Binds the sealed key to its slot, so a slot's key cannot be pasted into another slot or
/// have its cost parameters edited without failing to open.
fn aad(id: &str, kind: SlotKind, kdf: &KdfParams) -> String {
    format!(
        "forumdesk-slot-v1|{id}|{kind:?}|{}|{}|{}",
        kdf.m_kib, kdf.t, kdf.p
    )
}
