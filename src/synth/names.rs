//! Names: common British ones alongside the South Asian, Polish, Irish, West African and other
//! names found in Lancashire, with accents, apostrophes and hyphens so that search, sorting,
//! matching and encodings are exercised. Combinations are random; no real person is meant.

use rand::rngs::StdRng;
use rand::Rng;

use super::pick;

/// Most parent carers who join a forum are mothers.
const FEMALE_SHARE: f64 = 0.82;

const FEMALE: &[&str] = &[
    "Sarah",
    "Emma",
    "Claire",
    "Rebecca",
    "Laura",
    "Gemma",
    "Helen",
    "Lisa",
    "Rachel",
    "Joanne",
    "Nicola",
    "Kelly",
    "Michelle",
    "Amy",
    "Hannah",
    "Charlotte",
    "Sophie",
    "Louise",
    "Kirsty",
    "Jennifer",
    "Victoria",
    "Natalie",
    "Stacey",
    "Leanne",
    "Donna",
    "Katie",
    "Jade",
    "Samantha",
    "Elizabeth",
    "Catherine",
    "Zoë",
    "Chloë",
    "Anne-Marie",
    "Mary-Jane",
    "Siobhán",
    "Niamh",
    "Aoife",
    "Sinéad",
    "Aisha",
    "Fatima",
    "Ayesha",
    "Nusrat",
    "Shabana",
    "Rukhsana",
    "Saima",
    "Nazia",
    "Priya",
    "Sunita",
    "Anjali",
    "Agnieszka",
    "Katarzyna",
    "Małgorzata",
    "Joanna",
    "Magdalena",
    "Ngozi",
    "Adaeze",
    "Chiamaka",
    "Folake",
    "Abena",
    "Mei",
    "Ling",
    "Renée",
    "Noémie",
    "Inês",
    "María José",
    "Beatriz",
];

const MALE: &[&str] = &[
    "Paul",
    "David",
    "Mark",
    "James",
    "Andrew",
    "Michael",
    "Daniel",
    "Christopher",
    "Lee",
    "Gareth",
    "Craig",
    "Steven",
    "Mohammed",
    "Imran",
    "Tariq",
    "Asif",
    "Sajid",
    "Rajesh",
    "Sanjay",
    "Paweł",
    "Łukasz",
    "Tomasz",
    "Seán",
    "Ciarán",
    "Chidi",
    "Oluwaseun",
    "Kwame",
    "José",
    "François",
];

const SURNAMES: &[&str] = &[
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Hughes",
    "Edwards",
    "Lewis",
    "Harris",
    "Holt",
    "Ashworth",
    "Hargreaves",
    "Whittaker",
    "Ainsworth",
    "Greenwood",
    "Duckworth",
    "Crompton",
    "Entwistle",
    "Patel",
    "Khan",
    "Begum",
    "Hussain",
    "Ahmed",
    "Ali",
    "Shah",
    "Mahmood",
    "Iqbal",
    "Akhtar",
    "Mistry",
    "O'Neill",
    "O'Brien",
    "D'Souza",
    "Murphy",
    "Kelly",
    "McDonald",
    "MacLeod",
    "Nowak",
    "Kowalski",
    "Wiśniewska",
    "Lewandowski",
    "Zieliński",
    "Okafor",
    "Adeyemi",
    "Mensah",
    "Nwosu",
    "Nguyen",
    "Chen",
    "Wong",
    "Müller",
    "Fernández",
    "García",
    "da Silva",
    "Smith-Jones",
    "Ellis-Brown",
    "Ó Súilleabháin",
];

/// The names people ask to be called by instead.
const KNOWN_AS: &[(&str, &str)] = &[
    ("Rebecca", "Becky"),
    ("Jennifer", "Jen"),
    ("Victoria", "Vicky"),
    ("Samantha", "Sam"),
    ("Elizabeth", "Liz"),
    ("Catherine", "Cath"),
    ("Nicola", "Nicky"),
    ("Joanne", "Jo"),
    ("Natalie", "Nat"),
    ("Katarzyna", "Kasia"),
    ("Małgorzata", "Gosia"),
    ("Agnieszka", "Aga"),
    ("Christopher", "Chris"),
    ("Michael", "Mike"),
    ("Daniel", "Dan"),
    ("Andrew", "Andy"),
    ("Steven", "Steve"),
    ("Mohammed", "Mo"),
    ("Oluwaseun", "Seun"),
    ("Anne-Marie", "Annie"),
];

pub(super) fn first_name(rng: &mut StdRng) -> &'static str {
    if rng.gen_bool(FEMALE_SHARE) {
        pick::one(rng, FEMALE)
    } else {
        pick::one(rng, MALE)
    }
}

pub(super) fn surname(rng: &mut StdRng) -> &'static str {
    pick::one(rng, SURNAMES)
}

/// A preferred name for about half of those whose name has a usual short form.
pub(super) fn known_as(rng: &mut StdRng, first: &str) -> Option<String> {
    let short = KNOWN_AS.iter().find(|(full, _)| *full == first)?.1;
    rng.gen_bool(0.45).then(|| short.to_owned())
}

/// The name one edit away, as a hurried second sign-up types it: an accent dropped
/// ("Zoë" → "Zoe"), a letter missed, doubled or mistyped.
pub(super) fn typo(rng: &mut StdRng, name: &str) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    if let Some(i) = chars.iter().position(|c| !c.is_ascii()) {
        if rng.gen_bool(0.4) {
            let plain = fold(chars[i]);
            if plain != chars[i] {
                chars[i] = plain;
                return chars.into_iter().collect();
            }
        }
    }
    if chars.len() < 2 {
        chars.push(chars.last().copied().unwrap_or('a'));
        return chars.into_iter().collect();
    }
    // Keep the first letter: people rarely get it wrong, and it keeps the typo plausible.
    let at = rng.gen_range(1..chars.len());
    match rng.gen_range(0..3) {
        0 if chars.len() > 3 => {
            chars.remove(at);
        }
        1 => {
            let letter = loop {
                let letter = char::from(b'a' + rng.gen_range(0..26u8));
                if letter != chars[at] {
                    break letter;
                }
            };
            chars[at] = letter;
        }
        _ => chars.insert(at, chars[at]),
    }
    chars.into_iter().collect()
}

/// The unaccented letter people type when they cannot find the accent (and e-mail addresses
/// are made of).
pub(super) fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ą' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ę' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' => 'o',
        'Ó' => 'O',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ł' => 'l',
        'Ł' => 'L',
        'ś' => 's',
        'ń' | 'ñ' => 'n',
        'ć' | 'ç' => 'c',
        'ż' | 'ź' => 'z',
        other => other,
    }
}
