use rand::RngCore;
use zeroize::Zeroizing;

/// Crockford's base32: no I, L, O or U, so a key copied by hand is hard to get wrong.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 160 bits of randomness → 32 characters.
const BYTES: usize = 20;
const CHARS: usize = 32;

/// The recovery key shown once at set-up: eight groups of four characters.
pub struct RecoveryKey(Zeroizing<String>);

/// Never prints the key itself, so it cannot leak into a log or a panic message.
impl std::fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryKey(…)")
    }
}

impl RecoveryKey {
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; BYTES]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        // 20 bytes = 160 bits = exactly 32 groups of 5 bits.
        let mut chars = Zeroizing::new(Vec::with_capacity(CHARS));
        for i in 0..CHARS {
            let bit = i * 5;
            let pair = (u16::from(bytes[bit / 8]) << 8)
                | u16::from(bytes.get(bit / 8 + 1).copied().unwrap_or(0));
            let index = (pair >> (11 - bit % 8)) & 31;
            chars.push(ALPHABET[usize::from(index)]);
        }
        Self(group(&chars))
    }

    /// Accepts what a person types: any case, spaces or hyphens anywhere, and the letters
    /// people confuse with digits (O for 0, I and L for 1).
    pub fn parse(text: &str) -> Option<Self> {
        let mut chars = Zeroizing::new(Vec::with_capacity(CHARS));
        for c in text.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\t' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            let byte = u8::try_from(c).ok().filter(|b| ALPHABET.contains(b))?;
            chars.push(byte);
        }
        (chars.len() == CHARS).then(|| Self(group(&chars)))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The bytes that go into the KDF: the canonical grouped form.
    pub(crate) fn secret(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

fn group(chars: &[u8]) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(CHARS + CHARS / 4));
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(char::from(c));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_parse_back_and_tolerate_typing() {
        let key = RecoveryKey::generate();
        assert_eq!(key.expose().len(), 39);
        let typed = key
            .expose()
            .to_lowercase()
            .replace('-', " ")
            .replace('0', "o");
        let parsed = RecoveryKey::parse(&typed).expect("typed form parses");
        assert_eq!(parsed.expose(), key.expose());
    }

    #[test]
    fn rejects_wrong_length_and_foreign_characters() {
        assert!(RecoveryKey::parse("ABCD").is_none());
        assert!(RecoveryKey::parse(&"U".repeat(32)).is_none());
        assert!(RecoveryKey::parse("'; DROP TABLE users; --").is_none());
        assert!(RecoveryKey::parse(&"é".repeat(32)).is_none());
    }

    #[test]
    fn keys_differ() {
        assert_ne!(
            RecoveryKey::generate().expose(),
            RecoveryKey::generate().expose()
        );
    }
}
