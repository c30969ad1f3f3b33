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
