//! The password rules: long enough, not easy to guess (zxcvbn's estimate, which knows
//! common passwords, names, keyboard patterns and dates), and typed the same twice.

use zxcvbn::Score;

use crate::error::FieldErrors;

pub const MIN_CHARS: usize = 12;
/// Long passphrases are welcome, but zxcvbn's cost grows with length; this bound keeps a
/// pasted novel from stalling the app.
pub const MAX_CHARS: usize = 256;

/// Checks `password` (field `field`) and its confirmation (field `confirm_field`). `context`
/// holds words the password must not lean on: the user name, their name, the forum's name.
pub fn check(
    errors: &mut FieldErrors,
    field: &str,
    password: &str,
    confirm_field: &str,
    confirm: &str,
    context: &[&str],
) {
    let chars = password.chars().count();
    if chars == 0 {
        errors.add(field, "Enter a password");
    } else if chars < MIN_CHARS {
        errors.add(
            field,
            format!("Password must be {MIN_CHARS} characters or more"),
        );
    } else if chars > MAX_CHARS {
        errors.add(
            field,
            format!("Password must be {MAX_CHARS} characters or fewer"),
        );
    } else if let Some(reason) = weakness(password, context) {
        errors.add(field, reason);
    }
    if !errors.has(field) && password != confirm {
        errors.add(confirm_field, "The passwords do not match");
    }
}

fn weakness(password: &str, context: &[&str]) -> Option<String> {
    // zxcvbn matches whole tokens, so "Test Forum" must also be offered as "testforum",
    // "test" and "forum" to catch "TestForum2024".
    let mut words: Vec<String> = Vec::new();
    for entry in context
        .iter()
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty())
    {
        let parts = entry
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2);
        words.extend(parts.map(str::to_owned));
        words.push(entry.chars().filter(|c| c.is_alphanumeric()).collect());
        words.push(entry);
    }
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let estimate = zxcvbn::zxcvbn(password, &words);
    if estimate.score() >= Score::Three {
        return None;
    }
    let mut reason = String::from("This password is too easy to guess");
    if let Some(feedback) = estimate.feedback() {
        if let Some(warning) = feedback.warning() {
            reason = format!("{reason}: {}", lower_first(&warning.to_string()));
        }
        if let Some(suggestion) = feedback.suggestions().first() {
            reason = format!("{}. {suggestion}", reason.trim_end_matches('.'));
        }
    }
    if !reason.contains("words") {
        reason = format!(
            "{}. Try three or four unrelated words.",
            reason.trim_end_matches('.')
        );
    }
    Some(reason)
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_for(password: &str, confirm: &str) -> std::collections::BTreeMap<String, String> {
        let mut e = FieldErrors::default();
        check(
            &mut e,
            "password",
            password,
            "passwordConfirm",
            confirm,
            &["chair", "Test Forum"],
        );
        match e.finish() {
            Ok(()) => Default::default(),
            Err(err) => err.fields,
        }
    }

    #[test]
    fn short_common_and_mismatched_passwords_are_refused_with_reasons() {
        assert!(errors_for("short", "short")["password"].contains("12 characters"));
        let common = errors_for("password1234", "password1234");
        assert!(common["password"].starts_with("This password is too easy to guess"));
        let own_name = errors_for("TestForum2024", "TestForum2024");
        assert!(own_name.contains_key("password"), "{own_name:?}");
        let mismatch = errors_for(
            "correct horse battery staple",
            "correct horse battery stapel",
        );
        assert_eq!(mismatch["passwordConfirm"], "The passwords do not match");
        assert!(errors_for(&"x".repeat(300), "")["password"].contains("256"));
    }

    #[test]
    fn a_good_passphrase_passes() {
        assert!(errors_for("violet kettle harbour 97", "violet kettle harbour 97").is_empty());
    }
}
