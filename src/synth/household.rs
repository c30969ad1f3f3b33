//! Other people at the same address: a partner who is also a parent carer, or a young person
//! who joins as an associate. They share a surname, an address and often an e-mail or phone,
//! which is exactly what a careless duplicate check would merge.

use rand::rngs::StdRng;
use rand::Rng;

use super::{contact, membership, names, needs, places, SynthMember, ASSOCIATE, PARENT_CARER};

pub(super) fn housemate(
    rng: &mut StdRng,
    unique: &mut contact::Unique,
    other: &SynthMember,
    index: usize,
) -> SynthMember {
    let first = loop {
        let first = names::first_name(rng);
        if first != other.first_name {
            break first;
        }
    };
    // Blended families and double-barrelled names mean not everyone shares the surname.
    let last = if rng.gen_bool(0.8) {
        other.last_name.clone()
    } else {
        names::surname(rng).to_owned()
    };
    let email = if other.email.is_some() && rng.gen_bool(0.6) {
        other.email.clone()
    } else {
        rng.gen_bool(0.7)
            .then(|| contact::email(rng, unique, first, &last))
    };
    let phone = if other.phone.is_some() && rng.gen_bool(0.5) {
        other.phone.clone()
    } else {
        rng.gen_bool(0.7).then(|| {
            let digits = contact::phone_digits(rng, unique, places::dialling_code(&other.town));
            contact::format_phone(rng, &digits)
        })
    };
    let membership_type = if rng.gen_bool(0.5) {
        ASSOCIATE
    } else {
        PARENT_CARER
    };
    let needs = needs::needs(rng, membership_type == PARENT_CARER);
    SynthMember {
        first_name: first.to_owned(),
        last_name: last,
        preferred_name: names::known_as(rng, first),
        email,
        phone,
        address_line1: other.address_line1.clone(),
        town: other.town.clone(),
        postcode: other.postcode.clone(),
        membership_type,
        status: membership::status(rng),
        date_joined: membership::date_joined(rng),
        heard_about: membership::heard_about(rng),
        consent: membership::consents(rng),
        primary_need: needs.primary_need,
        provision: needs.provision,
        child_year_of_birth: needs.child_year_of_birth,
        duplicate_of: None,
        household_of: Some(index),
    }
}
