//! Consent columns: "Y"/"N", ticks, TRUE/FALSE. Blank means "not known", which is recorded
//! as no consent event at all: it is never read as "given".

use super::quoted;

const YES: &[&str] = &[
    "y", "yes", "true", "1", "x", "✓", "✔", "☑", "ticked", "tick", "checked",
];
const NO: &[&str] = &["n", "no", "false", "0", "✗", "✘", "unticked", "not ticked"];
const NOT_KNOWN: &[&str] = &[
    "",
    "?",
    "-",
    "unknown",
    "not known",
    "n/k",
    "nk",
    "don't know",
    "dont know",
    "n/a",
    "na",
];

/// `Some(true)` for yes, `Some(false)` for no, `None` for blank or "not known"; anything else
/// is refused rather than guessed, because a wrong guess here would contact someone who did
/// not agree to it.
pub fn yes_no(text: &str) -> Result<Option<bool>, String> {
    let value = text.trim().to_lowercase().replace('\u{2019}', "'");
    let value = value.trim_end_matches('.');
    if YES.contains(&value) {
        Ok(Some(true))
    } else if NO.contains(&value) {
        Ok(Some(false))
    } else if NOT_KNOWN.contains(&value) {
        Ok(None)
    } else {
        Err(format!(
            "{} is not yes or no; use Y or N, or leave it blank if it is not known",
            quoted(text)
        ))
    }
}
