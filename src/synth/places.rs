//! Addresses in Lancashire and its borders: real postcode districts and post towns (so the
//! postcode → area table and area filters have something to work on), random house numbers,
//! common street names and random inward codes.

use rand::rngs::StdRng;
use rand::Rng;

use super::pick;

/// A postcode district, its post town, the town's dialling code and a weight roughly
/// following how many families live there.
pub(super) struct District {
    pub outward: &'static str,
    pub town: &'static str,
    pub dialling_code: &'static str,
    pub weight: u32,
}

const fn d(
    outward: &'static str,
    town: &'static str,
    dialling_code: &'static str,
    weight: u32,
) -> District {
    District {
        outward,
        town,
        dialling_code,
        weight,
    }
}

pub(super) const DISTRICTS: &[District] = &[
    d("PR1", "Preston", "01772", 3),
    d("PR2", "Preston", "01772", 4),
    d("PR3", "Preston", "01995", 2),
    d("PR4", "Preston", "01772", 3),
    d("PR5", "Preston", "01772", 3),
    d("PR6", "Chorley", "01257", 2),
    d("PR7", "Chorley", "01257", 3),
    d("PR8", "Southport", "01704", 3),
    d("PR9", "Southport", "01704", 2),
    d("BB1", "Blackburn", "01254", 4),
    d("BB2", "Blackburn", "01254", 4),
    d("BB3", "Darwen", "01254", 2),
    d("BB4", "Rossendale", "01706", 3),
    d("BB5", "Accrington", "01254", 3),
    d("BB6", "Blackburn", "01254", 1),
    d("BB7", "Clitheroe", "01200", 1),
    d("BB8", "Colne", "01282", 2),
    d("BB9", "Nelson", "01282", 2),
    d("BB10", "Burnley", "01282", 2),
    d("BB11", "Burnley", "01282", 2),
    d("BB12", "Burnley", "01282", 2),
    d("BL0", "Bury", "01706", 1),
    d("BL1", "Bolton", "01204", 3),
    d("BL2", "Bolton", "01204", 2),
    d("BL3", "Bolton", "01204", 3),
    d("BL4", "Bolton", "01204", 2),
    d("BL5", "Bolton", "01942", 1),
    d("BL6", "Bolton", "01204", 1),
    d("BL7", "Bolton", "01204", 1),
    d("BL8", "Bury", "0161", 2),
    d("BL9", "Bury", "0161", 2),
    d("FY1", "Blackpool", "01253", 3),
    d("FY2", "Blackpool", "01253", 2),
    d("FY3", "Blackpool", "01253", 2),
    d("FY4", "Blackpool", "01253", 3),
    d("FY5", "Thornton-Cleveleys", "01253", 2),
    d("FY6", "Poulton-le-Fylde", "01253", 2),
    d("FY7", "Fleetwood", "01253", 2),
    d("FY8", "Lytham St Annes", "01253", 2),
    d("LA1", "Lancaster", "01524", 3),
    d("LA2", "Lancaster", "01524", 1),
    d("LA3", "Morecambe", "01524", 2),
    d("LA4", "Morecambe", "01524", 2),
    d("LA5", "Carnforth", "01524", 1),
    d("LA6", "Carnforth", "01524", 1),
    d("L39", "Ormskirk", "01695", 2),
    d("L40", "Ormskirk", "01704", 1),
    d("WN8", "Skelmersdale", "01695", 2),
];

/// Letters allowed in the last two places of an inward code (never C, I, K, M, O or V).
const INWARD_LETTERS: &[u8] = b"ABDEFGHJLNPQRSTUWXYZ";

const STREETS: &[&str] = &[
    "Church",
    "Station",
    "Victoria",
    "Park",
    "Moor",
    "Mill",
    "Chapel",
    "Garstang",
    "Blackpool",
    "Preston New",
    "Manchester",
    "Bolton",
    "Liverpool",
    "Ribble",
    "Fylde",
    "Brook",
    "Oak",
    "Beech",
    "Hawthorn",
    "Derby",
    "St Mary's",
    "King's",
    "Queen's",
    "Pendle",
    "Whalley",
    "Lytham",
    "Market",
    "School",
    "Albert",
    "Bank",
    "Cemetery",
    "Highfield",
    "Meadow",
    "Willow",
    "Cherry Tree",
    "Rose",
    "Windermere",
    "Coniston",
    "Ullswater",
    "Moss",
];

const STREET_KINDS: &[&str] = &[
    "Road", "Street", "Lane", "Avenue", "Close", "Drive", "Crescent", "Way", "Grove", "Terrace",
    "Gardens", "Court",
];

const HOUSE_NAMES: &[&str] = &[
    "Rose Cottage",
    "The Laurels",
    "Hillside",
    "Meadow View",
    "The Old Barn",
    "Ivy House",
    "Fairhaven",
    "Orchard House",
];

pub(super) fn district(rng: &mut StdRng) -> &'static District {
    // Weighted over indexes so the table stays one list of facts about each district.
    let weights: [(usize, u32); DISTRICTS.len()] = {
        let mut w = [(0, 0); DISTRICTS.len()];
        for (i, district) in DISTRICTS.iter().enumerate() {
            w[i] = (i, district.weight);
        }
        w
    };
    &DISTRICTS[pick::weighted(rng, &weights)]
}

/// The dialling code of a post town in the table (Preston's if it is not there).
pub(super) fn dialling_code(town: &str) -> &'static str {
    DISTRICTS
        .iter()
        .find(|d| d.town == town)
        .map_or("01772", |d| d.dialling_code)
}

/// A postcode in the district, mostly as Royal Mail writes it ("PR1 2AB"), sometimes as
/// people type it: without the space or in lower case.
pub(super) fn postcode(rng: &mut StdRng, district: &District) -> String {
    let sector = char::from(b'0' + rng.gen_range(0..10u8));
    let unit1 = char::from(pick::one(rng, INWARD_LETTERS));
    let unit2 = char::from(pick::one(rng, INWARD_LETTERS));
    let code = format!("{} {sector}{unit1}{unit2}", district.outward);
    match rng.gen_range(0..100) {
        0..=4 => code.replace(' ', ""),
        5..=7 => code.to_lowercase(),
        _ => code,
    }
}

/// The first line of an address; a few contain a comma, as flats do, to exercise quoting.
pub(super) fn address_line1(rng: &mut StdRng) -> String {
    let street = pick::one(rng, STREETS);
    let kind = pick::one(rng, STREET_KINDS);
    match rng.gen_range(0..100) {
        0..=69 => format!("{} {street} {kind}", rng.gen_range(1..=250)),
        70..=84 => format!(
            "Flat {}, {} {street} {kind}",
            rng.gen_range(1..=24),
            rng.gen_range(1..=120)
        ),
        85..=89 => format!("{}a {street} {kind}", rng.gen_range(1..=120)),
        _ => pick::one(rng, HOUSE_NAMES).to_owned(),
    }
}
