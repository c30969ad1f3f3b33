//! Field rules shared by the services. Each pushes a plain-English message onto the field.

use crate::error::FieldErrors;

/// Trims and checks a free-text name: required, bounded, no control characters. Returns the
/// trimmed value so callers store what was checked.
pub fn name(errors: &mut FieldErrors, field: &str, label: &str, value: &str, max: usize) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.add(field, format!("Enter {label}"));
    } else if value.chars().count() > max {
        errors.add(
            field,
            format!("{} must be {max} characters or fewer", capitalise(label)),
        );
    } else if value.chars().any(char::is_control) {
        errors.add(
            field,
            format!("{} must not contain line breaks or tabs", capitalise(label)),
        );
    }
    value.to_owned()
}

/// User names: 3–32 letters, digits, dots, hyphens or underscores, starting with a letter or
/// digit. Compared without regard to case.
pub fn username(errors: &mut FieldErrors, field: &str, value: &str) -> String {
    let value = value.trim().to_lowercase();
    let ok_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    if value.is_empty() {
        errors.add(field, "Enter a user name");
    } else if value.len() < 3 || value.len() > 32 {
        errors.add(field, "User name must be between 3 and 32 characters");
    } else if !value.chars().all(ok_char) {
        errors.add(
            field,
            "User name can only contain letters, numbers, dots, hyphens and underscores",
        );
    } else if !value.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        errors.add(field, "User name must start with a letter or a number");
    }
    value
}

/// Optional free text from a textarea (notes, minute references): line breaks are kept
/// (as `\n`), other control characters refused, and the length bounded so one record cannot
/// swamp a screen or an export. Blank is `None`.
pub fn note(
    errors: &mut FieldErrors,
    field: &str,
    label: &str,
    value: &str,
    max: usize,
) -> Option<String> {
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    let value = value.trim();
    let length = value.chars().count();
    if value.is_empty() {
        return None;
    }
    if length > max {
        errors.add(
            field,
            format!(
                "{} must be {max} characters or fewer; it is {length}",
                capitalise(label)
            ),
        );
    } else if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        errors.add(
            field,
            format!(
                "{} contains characters that cannot be stored; retype it",
                capitalise(label)
            ),
        );
    }
    Some(value.to_owned())
}

/// A date typed on a form, ISO or day-first. Blank is `None`, with `missing` added to the
/// field when the date is required; a date that cannot be read puts the reason on the field.
pub fn date(
    errors: &mut FieldErrors,
    field: &str,
    value: &str,
    missing: Option<&str>,
) -> Option<time::Date> {
    let value = value.trim();
    if value.is_empty() {
        if let Some(message) = missing {
            errors.add(field, message);
        }
        return None;
    }
    crate::import::values::uk_date(value)
        .map_err(|reason| errors.add(field, capitalise_first(&reason)))
        .ok()
}

/// A date something happened: ISO or day-first, today (in the UK) when blank, and never in
/// the future, since a step not yet taken cannot be recorded as taken.
pub fn past_date(errors: &mut FieldErrors, field: &str, value: &str) -> Option<time::Date> {
    let today = crate::id::today_london();
    let date = if value.trim().is_empty() {
        today
    } else {
        date(errors, field, value, None)?
    };
    if date > today {
        errors.add(
            field,
            format!(
                "The date must be today or in the past (today is {})",
                long_date(today)
            ),
        );
        return None;
    }
    Some(date)
}

/// A message from a lower layer ("not a date…") as the start of a sentence.
pub fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "1 March 2026", as forms and messages show dates.
pub fn long_date(date: time::Date) -> String {
    format!("{} {} {}", date.day(), date.month(), date.year())
}

fn capitalise(text: &str) -> String {
    let text = text
        .strip_prefix("a ")
        .or_else(|| text.strip_prefix("the "))
        .unwrap_or(text);
    let text = text.strip_prefix("your ").unwrap_or(text);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(f: impl FnOnce(&mut FieldErrors)) -> Option<String> {
        let mut e = FieldErrors::default();
        f(&mut e);
        e.finish().err().map(|e| e.message)
    }

    #[test]
    fn names_are_trimmed_bounded_and_single_line() {
        let mut e = FieldErrors::default();
        assert_eq!(
            name(
                &mut e,
                "forumName",
                "the forum's name",
                "  Bolton PCF ",
                150
            ),
            "Bolton PCF"
        );
        assert!(e.finish().is_ok());
        assert_eq!(
            message(|e| {
                name(e, "f", "the forum's name", "", 150);
            })
            .as_deref(),
            Some("Enter the forum's name")
        );
        assert_eq!(
            message(|e| {
                name(e, "f", "the forum's name", &"x".repeat(151), 150);
            })
            .as_deref(),
            Some("Forum's name must be 150 characters or fewer")
        );
        assert!(message(|e| {
            name(e, "f", "a name", "a\nb", 150);
        })
        .is_some());
    }

    #[test]
    fn usernames_refuse_sql_and_markup() {
        assert!(message(|e| {
            username(e, "u", "'; DROP TABLE users;--");
        })
        .is_some());
        assert!(message(|e| {
            username(e, "u", "<script>");
        })
        .is_some());
        assert!(message(|e| {
            username(e, "u", ".hidden");
        })
        .is_some());
        assert!(message(|e| {
            username(e, "u", "ab");
        })
        .is_some());
        let mut e = FieldErrors::default();
        assert_eq!(username(&mut e, "u", " Chair.Person "), "chair.person");
        assert!(e.finish().is_ok());
    }
}
