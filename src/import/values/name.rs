//! Names. They are stored as typed, apart from spacing: text that looks like a formula
//! ("=HYPERLINK(…)") or a script ("<script>") is a name like any other here. The export
//! neutralises formulas and the UI escapes HTML, which is where those dangers lie; refusing
//! them here would also refuse real names that start with "-" or contain "<".

use super::quoted;

const MAX_CHARS: usize = 100;

/// Titles dropped when splitting a full name, since there is no title field to keep them in.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame", "lady", "lord",
];

/// Lower-case words that belong to the surname that follows: "Ludwig van Beethoven".
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "le", "la", "bin", "ibn",
    "al", "ap",
];

/// Trims and collapses spaces (including line breaks and non-breaking spaces); refuses
/// control characters and the invisible characters that reverse the direction of text
/// (used to disguise names), and anything over 100 characters.
pub fn name(text: &str) -> Result<String, String> {
    let collapsed = collapse(text);
    if collapsed.is_empty() {
        return Err("no name was given".to_owned());
    }
    if collapsed.chars().any(char::is_control) {
        return Err(format!(
            "{} contains a control character, which cannot be part of a name",
            quoted(&collapsed)
        ));
    }
    if collapsed
        .chars()
        .any(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
    {
        return Err(format!(
            "{} contains a hidden character that reverses the direction of text",
            quoted(&collapsed)
        ));
    }
    if collapsed.chars().count() > MAX_CHARS {
        return Err(format!(
            "{} is longer than {MAX_CHARS} characters",
            quoted(&collapsed)
        ));
    }
    Ok(collapsed)
}

/// Splits a single "Name" column into (first, last) names: the last word is the last name
/// ("Mary Ann Smith" → "Mary Ann", "Smith"), with any lower-case particles before it ("van
/// Beethoven"); "Smith, Jo" is read last name first; a leading title is dropped; a lone word
/// is a first name ("Jo" → "Jo", ""), unless it follows a title ("Mrs Smith" → "", "Smith").
/// The parts are not checked: pass each to [`name`].
pub fn full_name(text: &str) -> (String, String) {
    let collapsed = collapse(text);
    if let Some((last, first)) = collapsed.split_once(',') {
        let (first, last) = (collapse(first), collapse(last));
        if !first.is_empty() && !last.is_empty() {
            return (first, last);
        }
    }
    let mut words: Vec<&str> = collapsed.split(' ').filter(|w| !w.is_empty()).collect();
    let had_title =
        words.len() > 1 && TITLES.contains(&words[0].trim_end_matches('.').to_lowercase().as_str());
    if had_title {
        words.remove(0);
    }
    match words.len() {
        0 => (String::new(), String::new()),
        1 if had_title => (String::new(), words[0].to_owned()),
        1 => (words[0].to_owned(), String::new()),
        n => {
            let mut split = n - 1;
            while split > 1 && PARTICLES.contains(&words[split - 1]) {
                split -= 1;
            }
            (words[..split].join(" "), words[split..].join(" "))
        }
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
