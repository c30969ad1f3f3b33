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

/// A date as stored (ISO, `2026-03-01`).
pub fn parse_date(text: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &format).ok()
}

pub fn parse_rfc3339(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339).ok()
}

/// Today's date in Europe/London, where every forum is. UK clocks go forward at 01:00 UTC on
/// the last Sunday of March and back at 01:00 UTC on the last Sunday of October.
pub fn today_london() -> time::Date {
    london_date(now_utc())
}

pub fn london_date(at: OffsetDateTime) -> time::Date {
    let at = at.to_offset(time::UtcOffset::UTC);
    let year = at.year();
    let last_sunday = |month: time::Month| {
        let mut day = time::Date::from_calendar_date(year, month, 31).unwrap_or(time::Date::MIN);
        while day.weekday() != time::Weekday::Sunday {
            day = day.previous_day().unwrap_or(time::Date::MIN);
        }
        day.with_hms(1, 0, 0)
            .map(|t| t.assume_utc())
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    };
    let summer = at >= last_sunday(time::Month::March) && at < last_sunday(time::Month::October);
    if summer {
        (at + time::Duration::HOUR).date()
    } else {
        at.date()
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::london_date;

    #[test]
    fn london_dates_follow_british_summer_time() {
        // 23:30 UTC in July is 00:30 the next day in London.
        assert_eq!(
            london_date(datetime!(2026-07-14 23:30 UTC)).to_string(),
            "2026-07-15"
        );
        // In January London is on UTC.
        assert_eq!(
            london_date(datetime!(2026-01-14 23:30 UTC)).to_string(),
            "2026-01-14"
        );
        // The clocks change at 01:00 UTC on 29 March 2026 and 25 October 2026.
        assert_eq!(
            london_date(datetime!(2026-03-29 00:59 UTC)).to_string(),
            "2026-03-29"
        );
        assert_eq!(
            london_date(datetime!(2026-03-28 23:30 UTC)).to_string(),
            "2026-03-28"
        );
        assert_eq!(
            london_date(datetime!(2026-10-24 23:30 UTC)).to_string(),
            "2026-10-25"
        );
        assert_eq!(
            london_date(datetime!(2026-10-25 23:30 UTC)).to_string(),
            "2026-10-25"
        );
    }
}
