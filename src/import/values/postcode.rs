//! UK postcodes, checked against the published format rules (not a list of live postcodes,
//! which changes monthly and would be large).

use super::quoted;

/// Letters allowed in each position, from the government's data standard for postcodes.
const FIRST: &str = "ABCDEFGHIJKLMNOPRSTUWYZ"; // not Q, V, X
const SECOND: &str = "ABCDEFGHKLMNOPQRSTUVWXY"; // not I, J, Z
const THIRD_IN_A9A: &str = "ABCDEFGHJKPSTUW";
const FOURTH_IN_AA9A: &str = "ABEHMNPRVWXY";
const INWARD_LETTERS: &str = "ABDEFGHJLNPQRSTUWXYZ"; // not C, I, K, M, O, V

/// "sw1a1aa" → "SW1A 1AA": upper case, one space before the last three characters. Also
/// accepts GIR 0AA (a real, odd, postcode) and British Forces addresses ("BFPO 123").
pub fn postcode(text: &str) -> Result<String, String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    if compact.is_empty() {
        return Err("no postcode was given".to_owned());
    }
    if compact == "GIR0AA" {
        return Ok("GIR 0AA".to_owned());
    }
    if let Some(number) = compact.strip_prefix("BFPO") {
        if (1..=4).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(format!("BFPO {number}"));
        }
    }
    if compact.is_ascii() && (5..=7).contains(&compact.len()) {
        let (outward, inward) = compact.split_at(compact.len() - 3);
        if valid_outward(outward) && valid_inward(inward) {
            return Ok(format!("{outward} {inward}"));
        }
    }
    Err(format!("{} is not a UK postcode", quoted(text)))
}

/// The postcode district (the part before the space), which maps a member to an area:
/// "SW1A 1AA" → "SW1A", "pr12he" → "PR1". `None` if it is not a valid postcode, or for a
/// BFPO number, which has no district.
pub fn postcode_district(text: &str) -> Option<String> {
    let code = postcode(text).ok()?;
    if code.starts_with("BFPO") {
        return None;
    }
    code.split_once(' ')
        .map(|(district, _)| district.to_owned())
}

fn valid_outward(outward: &str) -> bool {
    let letter = |c: u8, allowed: &str| allowed.as_bytes().contains(&c);
    let digit = |c: u8| c.is_ascii_digit();
    match *outward.as_bytes() {
        // A9, A99
        [a, n] => letter(a, FIRST) && digit(n),
        [a, n, m] if digit(n) && digit(m) => letter(a, FIRST),
        // A9A
        [a, n, b] if digit(n) => letter(a, FIRST) && letter(b, THIRD_IN_A9A),
        // AA9
        [a, b, n] => letter(a, FIRST) && letter(b, SECOND) && digit(n),
        // AA99, AA9A
        [a, b, n, c] => {
            letter(a, FIRST)
                && letter(b, SECOND)
                && digit(n)
                && (digit(c) || letter(c, FOURTH_IN_AA9A))
        }
        _ => false,
    }
}

fn valid_inward(inward: &str) -> bool {
    match *inward.as_bytes() {
        [n, a, b] => {
            n.is_ascii_digit()
                && INWARD_LETTERS.as_bytes().contains(&a)
                && INWARD_LETTERS.as_bytes().contains(&b)
        }
        _ => false,
    }
}
