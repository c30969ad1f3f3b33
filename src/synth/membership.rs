//! Membership facts: type, status, when they joined, how they heard, and consents.

use rand::rngs::StdRng;
use rand::Rng;
use time::macros::date;
use time::Date;

use super::pick;
use super::SynthConsents;

pub const PARENT_CARER: &str = "Parent carer";
pub const ASSOCIATE: &str = "Associate";

const STATUSES: &[(&str, u32)] = &[
    ("Active", 75),
    ("Lapsed", 12),
    ("Renewal due", 5),
    ("Left", 5),
    ("Applicant", 3),
];

const HEARD_ABOUT: &[(&str, u32)] = &[
    ("School", 20),
    ("Social media", 18),
    ("Friend or family", 15),
    ("SENDIASS", 10),
    ("GP", 6),
    ("Health visitor", 6),
    ("Event", 8),
    ("Local offer website", 5),
    ("Facebook", 6),
    ("Other", 6),
];

/// Joining dates span the ten years to this fixed day, not to today, so a seed gives the
/// same data whenever it runs (and no date is in the future).
const JOINED_FROM: Date = date!(2016 - 07 - 01);
const JOINED_TO: Date = date!(2026 - 06 - 30);

/// Share of each consent column that is blank ("not known").
const CONSENT_BLANK: f64 = 0.10;

pub(super) fn membership_type(rng: &mut StdRng) -> &'static str {
    if rng.gen_bool(0.88) {
        PARENT_CARER
    } else {
        ASSOCIATE
    }
}

pub(super) fn status(rng: &mut StdRng) -> &'static str {
    pick::weighted(rng, STATUSES)
}

/// Blank for about one in ten, as such columns are.
pub(super) fn heard_about(rng: &mut StdRng) -> Option<&'static str> {
    rng.gen_bool(0.9).then(|| pick::weighted(rng, HEARD_ABOUT))
}

/// dd/mm/yyyy, as a UK spreadsheet shows it.
pub(super) fn date_joined(rng: &mut StdRng) -> String {
    let day = rng.gen_range(JOINED_FROM.to_julian_day()..=JOINED_TO.to_julian_day());
    // The range lies well inside time's supported years, so this cannot fail.
    let date = Date::from_julian_day(day).unwrap_or(JOINED_TO);
    format!(
        "{:02}/{:02}/{}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

/// Y about as often as forums find: e-mail most, photos least; a tenth of each not known.
pub(super) fn consents(rng: &mut StdRng) -> SynthConsents {
    SynthConsents {
        email: pick::consent(rng, 0.70, CONSENT_BLANK),
        sms: pick::consent(rng, 0.30, CONSENT_BLANK),
        post: pick::consent(rng, 0.20, CONSENT_BLANK),
        phone: pick::consent(rng, 0.25, CONSENT_BLANK),
        surveys: pick::consent(rng, 0.40, CONSENT_BLANK),
        photos: pick::consent(rng, 0.15, CONSENT_BLANK),
    }
}
