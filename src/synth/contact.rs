//! E-mail addresses and phone numbers, typed the many ways people type them.
//!
//! E-mail domains are the reserved `example.*` names (RFC 2606), so nothing generated here can
//! reach a real inbox. Phone numbers cannot be made safe the same way: Ofcom's drama ranges
//! (07700 900000–900999 and friends) hold about a thousand numbers each, far too few for
//! 100,000 distinct members, and shared numbers would turn every benchmark into a duplicate
//! storm. So numbers are random within valid UK mobile and local landline ranges, unique per
//! person: they look like anyone's and must never be dialled or texted from synthetic data.

use std::collections::HashSet;

use rand::rngs::StdRng;
use rand::Rng;

use super::names::fold;
use super::pick;

const DOMAINS: &[(&str, u32)] = &[
    ("example.com", 40),
    ("example.org", 20),
    ("example.net", 20),
    ("mail.example.com", 10),
    ("family.example.org", 10),
];

/// Mobile prefixes after "07" that are densely allocated, so the numbers pass a strict
/// validator (the import uses libphonenumber's rules).
const MOBILE_PREFIXES: &[&str] = &["74", "75", "77", "78", "79"];

/// Hands out each phone number and e-mail address to one person only, so the generator's own
/// duplicates are the only ones in the data.
#[derive(Default)]
pub(super) struct Unique {
    phones: HashSet<String>,
    emails: HashSet<String>,
}

/// An e-mail address from the person's name, lower case ASCII as mail providers fold it,
/// sometimes capitalised as typed.
pub(super) fn email(rng: &mut StdRng, unique: &mut Unique, first: &str, last: &str) -> String {
    let f = ascii_word(first);
    let l = ascii_word(last);
    let initial = f.chars().next().unwrap_or('x');
    let domain = pick::weighted(rng, DOMAINS);
    let mut local = match rng.gen_range(0..6) {
        0 => format!("{f}.{l}"),
        1 => format!("{f}{l}"),
        2 => format!("{f}_{l}{}", rng.gen_range(1..100)),
        3 => format!("{initial}{l}{}", rng.gen_range(70..100)),
        4 => format!("{l}.{f}"),
        _ => format!("{f}{}", rng.gen_range(1..1000)),
    };
    while !unique.emails.insert(format!("{local}@{domain}")) {
        local.push(char::from(b'0' + rng.gen_range(0..10u8)));
    }
    let address = format!("{local}@{domain}");
    if rng.gen_bool(0.08) {
        capitalise_words(&address)
    } else {
        address
    }
}

/// A phone number in national digits ("07700900123"), unique; mostly mobiles.
pub(super) fn phone_digits(rng: &mut StdRng, unique: &mut Unique, dialling_code: &str) -> String {
    loop {
        let mut digits = String::with_capacity(11);
        if rng.gen_bool(0.8) {
            digits.push('0');
            digits.push('7');
            digits.push_str(pick::one(rng, MOBILE_PREFIXES));
        } else {
            digits.push_str(dialling_code);
            // Local numbers never start with 0 or 1.
            digits.push(char::from(b'0' + rng.gen_range(2..10u8)));
        }
        while digits.len() < 11 {
            digits.push(char::from(b'0' + rng.gen_range(0..10u8)));
        }
        if unique.phones.insert(digits.clone()) {
            return digits;
        }
    }
}

/// The number as someone typed it into the old spreadsheet.
pub(super) fn format_phone(rng: &mut StdRng, digits: &str) -> String {
    let style = rng.gen_range(0..100);
    phone_style(digits, style)
}

/// A different way of typing the same number (for duplicates).
pub(super) fn reformat_phone(rng: &mut StdRng, typed: &str) -> String {
    let digits = national_digits(typed);
    for _ in 0..16 {
        let other = phone_style(&digits, rng.gen_range(0..100));
        if other != typed {
            return other;
        }
    }
    digits
}

fn phone_style(digits: &str, style: u32) -> String {
    let (code, local) = split_code(digits);
    let without_zero = &digits[1..];
    match style {
        0..=59 => format!("{code} {local}"),
        60..=79 => digits.to_owned(),
        80..=87 => format!("{code} {}", spaced_local(local)),
        88..=92 => format!("+44 {} {local}", &code[1..]),
        93..=95 => format!("+44{without_zero}"),
        96..=97 => format!("({code}) {local}"),
        _ => format!("{code}-{}", spaced_local(local).replace(' ', "-")),
    }
}

/// Splits national digits into the part people write first and the rest: "07700" + "900123"
/// for mobiles, the dialling code + local number for landlines.
fn split_code(digits: &str) -> (&str, &str) {
    // Large cities' codes are four digits (0161 Manchester, which serves Bury); mobiles and
    // the other towns here have five.
    let code_len = if digits.starts_with("0161") { 4 } else { 5 };
    digits.split_at(code_len)
}

fn spaced_local(local: &str) -> String {
    let (a, b) = local.split_at(local.len() / 2);
    format!("{a} {b}")
}

fn national_digits(typed: &str) -> String {
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("44") {
        Some(rest) if typed.trim_start().starts_with('+') => format!("0{rest}"),
        _ => digits,
    }
}

/// The e-mail as typed with a different case (mail systems ignore the case).
pub(super) fn recase_email(rng: &mut StdRng, email: &str) -> String {
    if email.chars().any(|c| c.is_ascii_uppercase()) {
        email.to_lowercase()
    } else if rng.gen_bool(0.5) {
        email.to_uppercase()
    } else {
        capitalise_words(email)
    }
}

fn capitalise_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        out.push(if start { c.to_ascii_uppercase() } else { c });
        start = !c.is_ascii_alphanumeric();
    }
    out
}

/// A name as it appears in an e-mail address: accents folded, spaces and apostrophes dropped.
fn ascii_word(name: &str) -> String {
    name.chars()
        .map(fold)
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
