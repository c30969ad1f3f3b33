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
            // The drama check first: it is a few string comparisons, and validating a
            // number runs dozens of the metadata's patterns, only to reject these ranges.
            .filter(|number| is_drama_number(number) || is_valid(number))
    })
    .ok()
    .flatten()
}

/// Exactly `phonenumber::is_valid`, without repeating its first half. Where several regions
/// share a country code (+44: the UK, Guernsey, Jersey, the Isle of Man), the library first
/// finds the number's region: one whose leading digits the number starts with, or, for a
/// region that has none listed (the UK), one whose number types describe it. Then it checks
/// the number against that region's types to answer. For a UK number that second check
/// repeats the first, and it was about a quarter of the time an import spent on phone
/// numbers (the library looks every pattern up in a shared cache behind one lock). So a
/// region found by its number types answers yes at once; every other case asks the library.
/// The test `agrees_with_the_library` below holds the two together.
fn is_valid(number: &PhoneNumber) -> bool {
    let database = &*phonenumber::metadata::DATABASE;
    let shared_code = database
        .region(&number.code().value())
        .is_some_and(|regions| regions.len() > 1);
    // Only a shared code has a region found by its number types; finding the region of any
    // other number first would only repeat the library's own first step.
    let found_by_types = shared_code
        && number
            .metadata(database)
            .is_some_and(|region| region.leading_digits().is_none());
    found_by_types || phonenumber::is_valid(number)
}

fn is_drama_number(number: &PhoneNumber) -> bool {
    let national = number.national().value().to_string();
    number.code().value() == 44
        && national.len() == 10
        && DRAMA_RANGES.iter().any(|range| national.starts_with(range))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{generate, SynthOptions};

    /// Every number a small synthetic forum holds (UK mobiles and landlines, typed many
    /// ways), numbers from regions that share a country code (+44, +1, +7, +47, +61, +39),
    /// and near misses.
    fn numbers() -> Vec<String> {
        let forum = generate(&SynthOptions {
            members: 3_000,
            ..SynthOptions::default()
        });
        let mut numbers: Vec<String> = forum.into_iter().filter_map(|m| m.phone).collect();
        numbers.extend(
            [
                "+44 1481 256789", // Guernsey landline
                "+44 7781 123456", // Guernsey mobile
                "+44 1534 449999", // Jersey landline
                "+44 7797 712345", // Jersey mobile
                "+44 1624 612345", // Isle of Man landline
                "+44 7924 123456", // Isle of Man mobile
                "+44 20 7946 0018",
                "+44 800 123 4567",
                "+44 300 123 4567",
                "+44 1234 56",
                "+44 9999 999999",
                "+1 202 555 0143",
                "+1 416 555 0199", // Canada
                "+1 268 464 1234", // Antigua
                "+1 999 555 0143",
                "+33 1 42 68 53 00",
                "+33 9 99 99 99 99 99",
                "+353 1 234 5678",
                "+7 495 123 45 67", // Russia and Kazakhstan share +7
                "+7 727 123 4567",
                "+47 22 12 34 56",  // Norway and Svalbard share +47
                "+61 2 9876 5432",  // Australia and its islands share +61
                "+39 06 1234 5678", // Italy and the Vatican share +39
                "0161 496 0000",
                "07700 900123",
                "07911 123456",
                "07911 12345",
            ]
            .map(str::to_owned),
        );
        numbers
    }

    #[test]
    fn agrees_with_the_library() {
        let mut valid = 0;
        let mut invalid = 0;
        for text in numbers() {
            let Ok(number) = phonenumber::parse(Some(Id::GB), &text) else {
                continue;
            };
            let library = phonenumber::is_valid(&number);
            assert_eq!(is_valid(&number), library, "{text}");
            if library {
                valid += 1;
            } else {
                invalid += 1;
            }
        }
        // Both answers were exercised, many times.
        assert!(valid > 1_000, "{valid} valid");
        assert!(invalid >= 5, "{invalid} invalid");
    }
}
