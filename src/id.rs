//! Identifiers and timestamps in the forms that keep data mergeable across laptops:
//! UUIDv7 text keys and RFC 3339 UTC timestamps.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub fn now_utc() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

pub fn rfc3339(at: OffsetDateTime) -> String {
    // Formatting a UTC OffsetDateTime as RFC 3339 cannot fail for years 0..=9999.
    at.format(&Rfc3339)
        .unwrap_or_else(|_| at.unix_timestamp().to_string())
}

pub fn now_rfc3339() -> String {
    rfc3339(now_utc())
}

pub fn parse_rfc3339(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339).ok()
}
