use rand::RngCore;
use zeroize::{Zeroize, Zeroizing};

/// The database key. Zeroized when dropped, which is how locking wipes it.
pub struct DbKey(Zeroizing<[u8; 32]>);

impl DbKey {
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        Self(bytes)
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let mut key = Zeroizing::new([0u8; 32]);
        if bytes.len() != key.len() {
            return None;
        }
        key.copy_from_slice(bytes);
        Some(Self(key))
    }

    pub(crate) fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// SQLCipher's raw-key literal `x'<hex>'`, as a bound value for `ATTACH … KEY ?`.
    pub(crate) fn raw_literal(&self) -> Zeroizing<String> {
        let hex = Zeroizing::new(hex::encode(self.0.as_ref()));
        Zeroizing::new(format!("x'{}'", hex.as_str()))
    }

    /// The value for `PRAGMA key`: SQLCipher's raw-key form `"x'<hex>'"`, quotes included, so
    /// SQLCipher uses the key as is instead of running its own passphrase KDF over it.
    pub(crate) fn pragma_value(&self) -> Zeroizing<String> {
        let mut hex = Zeroizing::new(hex::encode(self.0.as_ref()));
        let value = Zeroizing::new(format!("\"x'{}'\"", hex.as_str()));
        hex.zeroize();
        value
    }
}
