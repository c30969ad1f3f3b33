//! "Similar names", the half of every duplicate rule that is not an exact key. Names are
//! compared word by word after folding accents and case, with the Damerau-Levenshtein
//! distance from `strsim` (a transposed pair of letters is one slip, as people type it).
//! Comparing first and last names separately, rather than the whole "first last" string,
//! matters here: a parent and their young person share a surname and often an address, and
//! "Emma Smith" against "Emily Smith" scores highly as one string.

use super::Probe;

/// How close two names are. `Same` reads better in a reason ("the same name").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Likeness {
    Same,
    Similar,
}

/// Whether `a` and `b` could be the same person's name: the last names are within a slip of
/// each other (or one double-barrelled name contains the other), and so are the first names,
/// where a preferred name counts as another first name. First and last typed the wrong way
/// round also counts.
pub fn similar_names(a: &Probe, b: &Probe) -> bool {
    likeness(a, b).is_some()
}

pub(crate) fn likeness(a: &Probe, b: &Probe) -> Option<Likeness> {
    let (a_last, b_last) = (fold(&a.last_name), fold(&b.last_name));
    let a_firsts = firsts(a);
    let b_firsts = firsts(b);
    let (Some(a_first), Some(b_first)) = (a_firsts.first(), b_firsts.first()) else {
        return None;
    };
    if *a_first == *b_first && a_last == b_last {
        return Some(Likeness::Same);
    }
    let firsts_match = a_firsts
        .iter()
        .any(|x| b_firsts.iter().any(|y| close(x, y) || shortened(x, y)));
    if firsts_match && surnames_match(&a_last, &b_last) {
        return Some(Likeness::Similar);
    }
    // "Smith, Jo" entered as first name "Smith", last name "Jo".
    let swapped = close(a_first, &b_last) && close(&a_last, b_first);
    swapped.then_some(Likeness::Similar)
}

/// The first name, then the preferred name if there is one, folded.
fn firsts(p: &Probe) -> Vec<String> {
    let mut names = vec![fold(&p.first_name)];
    if let Some(preferred) = p.preferred_name.as_deref().map(fold) {
        if !preferred.is_empty() && !names.contains(&preferred) {
            names.push(preferred);
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

fn surnames_match(a: &str, b: &str) -> bool {
    if close(a, b) {
        return true;
    }
    // "Smith" and "Smith Jones" (the hyphen is folded to a space): a surname gained or
    // dropped on marriage, or a double-barrelled name shortened on a form.
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.contains(' ') && !short.is_empty() && long.split(' ').any(|w| w == short)
}

/// Within the slips a hurried form collects: none in names of one or two letters (where one
/// letter is the whole difference between "Jo" and "Al"), one in ordinary names, two in
/// long ones ("Christopher").
fn close(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let longest = a.chars().count().max(b.chars().count());
    let allowed = match longest {
        0..=2 => 0,
        3..=7 => 1,
        _ => 2,
    };
    allowed > 0 && strsim::damerau_levenshtein(a, b) <= allowed
}

/// One first name the start of the other, as people shorten them ("Bea" for "Beatrice",
/// "Kath" for "Katherine") without saying so in a preferred name. Three letters at least:
/// "Jo" starts too many names to say anything.
fn shortened(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= 3 && long.starts_with(short)
}

/// Lower case, accents removed, apostrophes and full stops dropped ("O'Neill" = "ONeill"),
/// hyphens and runs of spaces made single spaces.
fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if matches!(c, '\'' | '\u{2019}' | '.' | '`') {
            continue;
        }
        if c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2013}' | ',') {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        match unaccented(c) {
            Some(plain) => out.push_str(plain),
            None => out.extend(c.to_lowercase()),
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The plain letters for the accented Latin letters found in names in the UK. Without a
/// Unicode decomposition table in the dependencies this short list is enough: FTS5 search
/// folds accents the same way, so "Zoë" and "Zoe" are one name everywhere.
fn unaccented(c: char) -> Option<&'static str> {
    const GROUPS: &[(&str, &str)] = &[
        ("àáâãäåāăąÀÁÂÃÄÅĀĂĄ", "a"),
        ("çćĉċčÇĆĈĊČ", "c"),
        ("ďđÐĎĐð", "d"),
        ("èéêëēĕėęěÈÉÊËĒĔĖĘĚ", "e"),
        ("ĝğġģĜĞĠĢ", "g"),
        ("ĥħĤĦ", "h"),
        ("ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ", "i"),
        ("ĵĴ", "j"),
        ("ķĶ", "k"),
        ("ĺļľŀłĹĻĽĿŁ", "l"),
        ("ñńņňÑŃŅŇ", "n"),
        ("òóôõöøōŏőÒÓÔÕÖØŌŎŐ", "o"),
        ("ŕŗřŔŖŘ", "r"),
        ("śŝşšșŚŜŞŠȘ", "s"),
        ("ţťŧțŢŤŦȚ", "t"),
        ("ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ", "u"),
        ("ŵŴ", "w"),
        ("ýÿŷÝŸŶ", "y"),
        ("źżžŹŻŽ", "z"),
        ("æÆ", "ae"),
        ("œŒ", "oe"),
        ("ß", "ss"),
        ("þÞ", "th"),
    ];
    if c.is_ascii() {
        return None;
    }
    GROUPS
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map(|(_, plain)| *plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(first: &str, last: &str, preferred: Option<&str>) -> Probe {
        Probe {
            first_name: first.into(),
            last_name: last.into(),
            preferred_name: preferred.map(str::to_owned),
            ..Probe::default()
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("  Zoë  O’Neill-Smith "), "zoe oneill smith");
        assert_eq!(fold("ŁUKASZ"), "lukasz");
        assert_eq!(fold("Siân"), "sian");
    }

    #[test]
    fn similar_and_not() {
        let same = |a: Probe, b: Probe| similar_names(&a, &b);
        assert!(same(p("Zoe", "Smith", None), p("Zoë", "Smith", None)));
        assert!(same(p("Sarah", "Khan", None), p("Sara", "Khan", None)));
        assert!(same(
            p("Katherine", "Jones", None),
            p("Kahterine", "Jones", None)
        ));
        assert!(same(p("Jo", "Bloggs", None), p("Jo", "Blogs", None)));
        assert!(same(
            p("Christopher", "Lee", Some("Chris")),
            p("Chris", "Lee", None)
        ));
        assert!(same(p("Amy", "Wood", None), p("Ammy", "Wood", None)));
        assert!(same(p("Jo", "Bloggs", None), p("Bloggs", "Jo", None)));
        assert!(same(p("Ann", "Smith", None), p("Ann", "Smith-Jones", None)));
        assert!(same(p("Bea", "Jones", None), p("Beatrice", "Jones", None)));
        assert!(same(p("Katherine", "Ng", None), p("Kath", "Ng", None)));
        assert!(same(
            p("Sam", "Patel", None),
            p("Samantha", "Patel", Some("Sammy"))
        ));
        assert!(!same(p("Jo", "Bloggs", None), p("Joseph", "Bloggs", None)));
        assert!(!same(
            p("Bea", "Jones", None),
            p("Beatrice", "Johnson", None)
        ));
        // Families: a shared surname is not enough.
        assert!(!same(p("Emma", "Smith", None), p("Emily", "Smith", None)));
        assert!(!same(p("Sarah", "Khan", None), p("Yusuf", "Khan", None)));
        assert!(!same(p("Jo", "Ward", None), p("Al", "Ward", None)));
        assert!(!same(p("Sarah", "Khan", None), p("Sarah", "Kelly", None)));
        assert!(!same(p("", "", None), p("", "", None)));
    }
}
