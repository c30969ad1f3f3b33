//! Phone numbers, normalised to E.164 (`+447700900123`) with the `phonenumber` crate (a port
//! of Google's libphonenumber), assuming the UK when a number has no country code.

use phonenumber::country::Id;
use phonenumber::{Mode, PhoneNumber};

use super::quoted;

/// Longer than any real number written with spaces and brackets.
const MAX_CHARS: usize = 40;

/// Ofcom reserves these UK ranges (each followed by three more digits) for drama, so they
/// never ring anyone. libphonenumber calls them invalid, but examples, training copies and
/// this project's synthetic members use them (07700 900123), so they are accepted.
const DRAMA_RANGES: &[&str] = &[
    "7700900", // 07700 900xxx, mobile
    "2079460", // 020 7946 0xxx, London
    "1134960", "1144960", "1154960", "1164960", "1174960", "1184960", // 01xx 496 0xxx
    "1214960", "1314960", "1414960", "1514960", "1614960", //
    "1914980", // 0191 498 0xxx, Tyneside
    "2890180", // 028 9018 0xxx, Belfast
    "2920180", // 029 2018 0xxx, Cardiff
    "1632960", // 01632 960xxx, no area
    "3069990", // 03069 990xxx, UK-wide
    "8081570", // 08081 570xxx, freephone
    "9098790", // 0909 879 0xxx, premium rate
];

pub fn phone(text: &str) -> Result<String, String> {
    let value = text.trim();
    if value.is_empty() {
        return Err("no phone number was given".to_owned());
    }
    match parse(value) {
        Some(number) => Ok(number.format().mode(Mode::E164).to_string()),
        None => Err(format!("{} is not a valid phone number", quoted(value))),
    }
}

/// A stored number as a person reads it: UK numbers in national format with the usual
/// grouping ("07911 123456", "020 7946 0000"), others in international format ("+33 1 23 45
/// 67 89"), so a volunteer can dial from the screen. Anything [`phone`] would refuse (a
/// value stored before numbers were checked) is shown exactly as stored: formatting a number
/// the metadata does not describe can drop digits, and a wrong number is worse than an
/// untidy one.
pub fn phone_display(stored: &str) -> String {
    let Some(number) = parse(stored.trim()) else {
        return stored.to_owned();
    };
    let mode = if number.code().value() == 44 {
        Mode::National
    } else {
        Mode::International
    };
    number.format().mode(mode).to_string()
}

/// The number in `value` if it is one [`phone`] accepts: a valid number, or one in a drama
/// range, assuming the UK when there is no country code.
fn parse(value: &str) -> Option<PhoneNumber> {
    // Only what people type in a number. This also keeps odd input away from the parser,
    // which has panicked on some malformed strings in the past.
    if value.chars().count() > MAX_CHARS
        || !value
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-' | '.' | '/'))
    {
        return None;
    }
    // "+44 (0)20 7946 0018": the bracketed trunk zero is not dialled after the country code.
    let cleaned = value.replace("(0)", "");
    std::panic::catch_unwind(|| {
        phonenumber::parse(Some(Id::GB), &cleaned)
            .ok()
            .filter(|number| phonenumber::is_valid(number) || is_drama_number(number))
    })
    .ok()
    .flatten()
}

fn is_drama_number(number: &PhoneNumber) -> bool {
    let national = number.national().value().to_string();
    number.code().value() == 44
        && national.len() == 10
        && DRAMA_RANGES.iter().any(|range| national.starts_with(range))
}
