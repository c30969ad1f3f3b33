//! Turns a text file's bytes into text the way Excel does when it opens a CSV: UTF-8 (with
//! or without a byte order mark), UTF-16 with a mark (Excel's "Unicode Text"), and otherwise
//! Windows-1252, which is what Excel's plain "CSV" writes on a British Windows PC. Bytes
//! that are not text at all (a photo, a PDF, random data) are refused here, before the CSV
//! reader makes a nonsense table of them.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::Error;

use super::table::not_a_table;

/// Signatures of common files people pick by mistake that may not contain a NUL byte early.
const NOT_TEXT_SIGNATURES: &[&[u8]] = &[
    b"\x89PNG",
    b"\xFF\xD8\xFF",
    b"GIF8",
    b"%PDF-",
    b"\x1F\x8B",
    b"\x7FELF",
    b"{\\rtf",
];

/// How much of the text is sampled for control characters.
const SAMPLE_CHARS: usize = 64 * 1024;

pub(crate) fn decode<'b>(file: &str, bytes: &'b [u8]) -> Result<Cow<'b, str>, Error> {
    let text = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => {
            let body = bytes.get(bom_len..).unwrap_or_default();
            if encoding == UTF_8 {
                reject_binary(file, body)?;
            }
            // UTF-16 is full of NUL bytes, so it is checked only once decoded, below.
            encoding.decode_without_bom_handling(body).0
        }
        None => {
            reject_binary(file, bytes)?;
            match std::str::from_utf8(bytes) {
                Ok(text) => Cow::Borrowed(text),
                Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
            }
        }
    };
    if looks_binary(&text) {
        return Err(not_a_table(file));
    }
    Ok(text)
}

fn reject_binary(file: &str, bytes: &[u8]) -> Result<(), Error> {
    if NOT_TEXT_SIGNATURES.iter().any(|sig| bytes.starts_with(sig)) || bytes.contains(&0) {
        return Err(not_a_table(file));
    }
    Ok(())
}

/// Text has line breaks and tabs but almost no other control characters; random bytes read
/// as Windows-1252 have about one in ten. A few stray ones (a form feed, the DOS end-of-file
/// mark) are tolerated.
fn looks_binary(text: &str) -> bool {
    let mut sampled = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(SAMPLE_CHARS) {
        sampled += 1;
        if c == '\0' {
            return true;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            controls += 1;
        }
    }
    controls > 64 || controls * 100 > sampled
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_is_borrowed_not_copied() {
        let text = decode("f.csv", "Name\nZoë\n".as_bytes()).expect("decode");
        assert!(matches!(text, Cow::Borrowed("Name\nZoë\n")));
    }

    #[test]
    fn utf16_with_a_mark_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Name\tEmail\r\nZoë\tz@x.org\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let text = decode("f.txt", &bytes).expect("decode");
        assert_eq!(text, "Name\tEmail\r\nZoë\tz@x.org\r\n");
    }

    #[test]
    fn a_few_stray_controls_are_tolerated_but_many_are_not() {
        let mut text = "Name,Notes\n".repeat(50);
        text.push('\u{1a}');
        assert!(!looks_binary(&text));
        assert!(looks_binary(&"a\u{1}b\u{2}".repeat(40)));
    }
}
