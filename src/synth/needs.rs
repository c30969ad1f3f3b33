//! Children's needs, weighted like a forum's families rather than uniformly.

use rand::rngs::StdRng;
use rand::Rng;

use super::pick;

/// SEN2 primary-need codes, weighted roughly like England's SEN2 returns for children whose
/// families join forums (more EHCPs than the school population): autism (ASD), speech,
/// language and communication (SLCN) and social, emotional and mental health (SEMH) lead.
pub const PRIMARY_NEEDS: &[(&str, u32)] = &[
    ("ASD", 300),
    ("SLCN", 200),
    ("SEMH", 160),
    ("MLD", 90),
    ("SpLD", 70),
    ("SLD", 30),
    ("PD", 30),
    ("OTH", 40),
    ("NSA", 30),
    ("HI", 20),
    ("VI", 10),
    ("PMLD", 10),
    ("MSI", 5),
];

pub const PROVISIONS: &[(&str, u32)] = &[
    ("EHCP", 40),
    ("SEN support", 35),
    ("None", 5),
    ("Not known", 20),
];

/// Child's year of birth: 2001 (a young adult still covered to 25) to 2024.
const FIRST_YEAR: u16 = 2001;
const LAST_YEAR: u16 = 2024;

pub(super) struct Needs {
    pub primary_need: Option<&'static str>,
    pub provision: Option<&'static str>,
    pub child_year_of_birth: Option<u16>,
}

/// A parent carer's child; associates (professionals, young people) have none recorded.
/// Some cells are blank, as in any old spreadsheet.
pub(super) fn needs(rng: &mut StdRng, parent_carer: bool) -> Needs {
    if !parent_carer {
        return Needs {
            primary_need: None,
            provision: None,
            child_year_of_birth: None,
        };
    }
    Needs {
        primary_need: rng
            .gen_bool(0.9)
            .then(|| pick::weighted(rng, PRIMARY_NEEDS)),
        provision: rng.gen_bool(0.95).then(|| pick::weighted(rng, PROVISIONS)),
        child_year_of_birth: rng
            .gen_bool(0.92)
            .then(|| rng.gen_range(FIRST_YEAR..=LAST_YEAR)),
    }
}
