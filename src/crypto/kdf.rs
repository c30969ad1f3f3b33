use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::{Error, Result};

/// Argon2id cost parameters, stored with each slot so they can be raised later without
/// locking anybody out: a slot made with weaker parameters is re-wrapped on its next unlock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// What new slots get. 128 MiB, 3 passes: about 0.3 s on a 2-core laptop (measured by
    /// `cargo xtask bench`; see docs/adr/0001-key-slots.md), well above OWASP's 19 MiB/t=2.
    pub const CURRENT: KdfParams = KdfParams {
        m_kib: 128 * 1024,
        t: 3,
        p: 1,
    };

    /// The least the issue allows anywhere: 64 MiB, t=3. Slots below it are refused.
    pub const FLOOR: KdfParams = KdfParams {
        m_kib: 64 * 1024,
        t: 3,
        p: 1,
    };

    /// Whether a slot made with these parameters should be re-wrapped with `CURRENT`.
    pub fn is_weaker_than(&self, other: &KdfParams) -> bool {
        self.m_kib < other.m_kib || self.t < other.t
    }

    pub(crate) fn derive(&self, secret: &[u8], salt: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
        if self.is_weaker_than(&Self::FLOOR) {
            return Err(Error::internal(
                "The key file asks for key-derivation settings below the safe minimum.",
            ));
        }
        // Bound the cost an edited key file can make us pay (4 GiB, 20 passes).
        if self.m_kib > 4 * 1024 * 1024 || self.t > 20 || self.p == 0 || self.p > 16 {
            return Err(Error::internal(
                "The key file asks for unreasonable key-derivation settings.",
            ));
        }
        let params = Params::new(self.m_kib, self.t, self.p, Some(32))
            .map_err(|e| Error::internal(format!("Bad key-derivation settings: {e}")))?;
        let mut out = Zeroizing::new([0u8; 32]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(secret, salt, out.as_mut())
            .map_err(|e| Error::internal(format!("Key derivation failed: {e}")))?;
        Ok(out)
    }
}
