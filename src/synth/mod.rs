//! ForumDesk's own synthetic membership data, for tests and benchmarks: realistic enough to
//! exercise import, search, duplicates and exports, deterministic for a seed, and about no
//! real person (names are random combinations, e-mails use reserved `example.*` domains; see
//! `contact` for phone numbers).
//!
//! ```
//! use forumdesk::synth::{generate, to_sheet, SynthOptions};
//! let members = generate(&SynthOptions { members: 100, seed: 7, duplicate_rate: 0.03 });
//! let csv = forumdesk::export::write_csv(&to_sheet(&members));
//! assert!(csv.len() > 100);
//! ```

mod contact;
mod duplicates;
mod household;
mod membership;
mod names;
mod needs;
mod pick;
mod places;
mod sheet;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub use membership::{ASSOCIATE, PARENT_CARER};
pub use needs::{PRIMARY_NEEDS, PROVISIONS};
pub use sheet::{to_sheet, HEADERS, PHONE_COLUMN};

/// Share of new people who live with someone already generated (a partner, or a young
/// person who joins as an associate) and so share a surname, address and often an e-mail
/// or phone: not duplicates, but they look like them, as the Members issue warns.
const HOUSEHOLD_RATE: f64 = 0.015;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SynthOptions {
    /// How many rows to generate, duplicates included.
    pub members: usize,
    pub seed: u64,
    /// Chance that a row repeats an earlier person with variations (0.03 = 3 %). Clamped to
    /// 0..=1; NaN counts as 0.
    pub duplicate_rate: f64,
}

impl Default for SynthOptions {
    fn default() -> Self {
        Self {
            members: 1_000,
            seed: 1,
            duplicate_rate: 0.03,
        }
    }
}

/// One row of a forum's old membership spreadsheet, as its volunteers typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthMember {
    pub first_name: String,
    pub last_name: String,
    pub preferred_name: Option<String>,
    pub email: Option<String>,
    /// National format as typed ("07700 900123", "07700900123", "+44 7700 900123", …).
    pub phone: Option<String>,
    pub address_line1: String,
    pub town: String,
    /// A valid UK postcode, usually "PR1 2AB", sometimes without the space or in lower case.
    pub postcode: String,
    /// [`PARENT_CARER`] or [`ASSOCIATE`].
    pub membership_type: &'static str,
    /// "Active", "Lapsed", "Renewal due", "Left" or "Applicant".
    pub status: &'static str,
    /// dd/mm/yyyy, within the ten years to 30/06/2026.
    pub date_joined: String,
    pub heard_about: Option<&'static str>,
    pub consent: SynthConsents,
    /// An SEN2 primary-need code (see [`PRIMARY_NEEDS`]); none for associates.
    pub primary_need: Option<&'static str>,
    /// "EHCP", "SEN support", "None" or "Not known" (see [`PROVISIONS`]); none for associates.
    pub provision: Option<&'static str>,
    pub child_year_of_birth: Option<u16>,
    /// Ground truth for duplicate detection: the index of the earlier row this one repeats.
    pub duplicate_of: Option<usize>,
    /// The index of an earlier, different person at the same address (not a duplicate).
    pub household_of: Option<usize>,
}

/// Consent columns: `Some(true)` = Y, `Some(false)` = N, `None` = blank (not known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthConsents {
    pub email: Option<bool>,
    pub sms: Option<bool>,
    pub post: Option<bool>,
    pub phone: Option<bool>,
    pub surveys: Option<bool>,
    pub photos: Option<bool>,
}

/// Generates `opts.members` rows. The same options always give the same rows.
pub fn generate(opts: &SynthOptions) -> Vec<SynthMember> {
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let duplicate_rate = if opts.duplicate_rate.is_nan() {
        0.0
    } else {
        opts.duplicate_rate.clamp(0.0, 1.0)
    };
    let mut unique = contact::Unique::default();
    let mut members: Vec<SynthMember> = Vec::with_capacity(opts.members);
    for i in 0..opts.members {
        let member = if i > 0 && rng.gen_bool(duplicate_rate) {
            // Always vary the first sighting, so every duplicate points at an original.
            let earlier = rng.gen_range(0..i);
            let original = members[earlier].duplicate_of.unwrap_or(earlier);
            duplicates::vary(&mut rng, &members[original], original)
        } else if i > 0 && rng.gen_bool(HOUSEHOLD_RATE) {
            let earlier = rng.gen_range(0..i);
            let original = members[earlier].duplicate_of.unwrap_or(earlier);
            household::housemate(&mut rng, &mut unique, &members[original], original)
        } else {
            person(&mut rng, &mut unique)
        };
        members.push(member);
    }
    members
}

/// A new person, unrelated to anyone generated before.
fn person(rng: &mut StdRng, unique: &mut contact::Unique) -> SynthMember {
    let first = names::first_name(rng);
    let last = names::surname(rng);
    let district = places::district(rng);
    let email = rng
        .gen_bool(0.85)
        .then(|| contact::email(rng, unique, first, last));
    let phone = rng.gen_bool(0.85).then(|| {
        let digits = contact::phone_digits(rng, unique, district.dialling_code);
        contact::format_phone(rng, &digits)
    });
    let membership_type = membership::membership_type(rng);
    let needs = needs::needs(rng, membership_type == PARENT_CARER);
    SynthMember {
        first_name: first.to_owned(),
        last_name: last.to_owned(),
        preferred_name: names::known_as(rng, first),
        email,
        phone,
        address_line1: places::address_line1(rng),
        town: district.town.to_owned(),
        postcode: places::postcode(rng, district),
        membership_type,
        status: membership::status(rng),
        date_joined: membership::date_joined(rng),
        heard_about: membership::heard_about(rng),
        consent: membership::consents(rng),
        primary_need: needs.primary_need,
        provision: needs.provision,
        child_year_of_birth: needs.child_year_of_birth,
        duplicate_of: None,
        household_of: None,
    }
}
