//! Duplicates as they arise: someone signs up again at an event, or two volunteers enter the
//! same form, and the second copy differs in the small ways people type.

use rand::rngs::StdRng;
use rand::Rng;

use super::{contact, membership, names, SynthMember};

#[derive(Clone, Copy)]
enum Variation {
    EmailCase,
    NameTypo,
    PhoneFormat,
    PostcodeSpacing,
}

/// A copy of `original` (row `index`) with one or two variations, each of which a duplicate
/// check must see through: e-mail case, a name one edit away, the phone typed differently,
/// the postcode without its space. Half the time it is a later sign-up, with its own date
/// and consents.
pub(super) fn vary(rng: &mut StdRng, original: &SynthMember, index: usize) -> SynthMember {
    let mut copy = original.clone();
    copy.duplicate_of = Some(index);
    copy.household_of = None;

    let mut choices = Vec::with_capacity(4);
    if copy.email.is_some() {
        choices.push(Variation::EmailCase);
    }
    choices.push(Variation::NameTypo);
    if copy.phone.is_some() {
        choices.push(Variation::PhoneFormat);
    }
    choices.push(Variation::PostcodeSpacing);

    let count = if rng.gen_bool(0.7) { 1 } else { 2 };
    for _ in 0..count {
        let variation = choices.swap_remove(rng.gen_range(0..choices.len()));
        apply(rng, &mut copy, variation);
    }
    if rng.gen_bool(0.5) {
        copy.date_joined = membership::date_joined(rng);
        copy.consent = membership::consents(rng);
    }
    copy
}

fn apply(rng: &mut StdRng, member: &mut SynthMember, variation: Variation) {
    match variation {
        Variation::EmailCase => {
            if let Some(email) = &member.email {
                member.email = Some(contact::recase_email(rng, email));
            }
        }
        Variation::NameTypo => {
            if rng.gen_bool(0.5) {
                member.first_name = names::typo(rng, &member.first_name);
            } else {
                member.last_name = names::typo(rng, &member.last_name);
            }
        }
        Variation::PhoneFormat => {
            if let Some(phone) = &member.phone {
                member.phone = Some(contact::reformat_phone(rng, phone));
            }
        }
        Variation::PostcodeSpacing => {
            member.postcode = if member.postcode.contains(' ') {
                member.postcode.replace(' ', "")
            } else {
                // Typed without a space first time: this time in lower case with one.
                let split = member.postcode.len() - 3;
                format!(
                    "{} {}",
                    &member.postcode[..split],
                    &member.postcode[split..]
                )
                .to_lowercase()
            };
        }
    }
}
