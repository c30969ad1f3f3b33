//! E-mail addresses, checked with the `email_address` crate (RFC 5322 syntax).

use email_address::{EmailAddress, Options};

use super::quoted;

/// Returns the address with its domain in lower case (domains are case-blind; the part
/// before the @ is left exactly as typed, since a few mail systems treat its case as
/// significant). The domain must have a dot ("jo@gmail" is a typing slip, not an address).
///
/// "Jo Bloggs <jo@example.com>", the form Outlook copies, is accepted and reduced to the
/// address inside the angle brackets: which address is meant is unambiguous, and the name
/// belongs in the name columns. A leading "mailto:" is dropped for the same reason.
pub fn email(text: &str) -> Result<String, String> {
    let value = text.trim();
    if value.is_empty() {
        return Err("no email address was given".to_owned());
    }
    let refuse = || format!("{} is not a valid email address", quoted(value));
    let mut address = value;
    if let (Some(open), Some(inner)) = (address.rfind('<'), address.strip_suffix('>')) {
        address = inner.get(open + 1..).unwrap_or_default().trim();
    }
    if address
        .get(..7)
        .is_some_and(|head| head.eq_ignore_ascii_case("mailto:"))
    {
        address = &address[7..];
    }
    let options = Options::default()
        .without_display_text()
        .without_domain_literal()
        .with_required_tld();
    let parsed = EmailAddress::parse_with_options(address, options).map_err(|_| refuse())?;
    let (local, domain) = parsed.as_str().rsplit_once('@').ok_or_else(refuse)?;
    Ok(format!("{local}@{}", domain.to_lowercase()))
}
