//! Dates as British spreadsheets hold them: day first, in any of the usual separators, with
//! month names, as ISO text, or as the serial number Excel stores under a date format.

use time::{Date, Duration, Month};

use super::quoted;

/// Excel serial numbers accepted as dates: 1954-10-03 to 2119-01-10. Smaller or larger
/// numbers in a date column are far more likely to be typing mistakes than dates.
const PLAUSIBLE_SERIALS: std::ops::Range<f64> = 20_000.0..80_000.0;
const EARLIEST_YEAR: i32 = 1900;
const LATEST_YEAR: i32 = 2100;

const MONTHS: [(&str, Month); 12] = [
    ("january", Month::January),
    ("february", Month::February),
    ("march", Month::March),
    ("april", Month::April),
    ("may", Month::May),
    ("june", Month::June),
    ("july", Month::July),
    ("august", Month::August),
    ("september", Month::September),
    ("october", Month::October),
    ("november", Month::November),
    ("december", Month::December),
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Reads a UK date: `25/12/2024`, `5/3/24`, `25-12-2024`, `25.12.2024`, `3 Mar 2024`,
/// `3rd March 2024`, `Sunday 3 March 2024`, `03-Mar-24`, `2024-03-05`, or an Excel serial
/// number such as `45356`. A time after the date (`25/12/2024 14:30`, as form exports have)
/// is ignored. Two-digit years follow Excel: 00–29 are 2000–2029, 30–99 are 1930–1999.
/// Dates in the future are not refused here; whether they make sense is the caller's call.
pub fn uk_date(text: &str) -> Result<Date, String> {
    let value = text.trim();
    if value.is_empty() {
        return Err("no date was given".to_owned());
    }
    let unreadable = || {
        format!(
            "{} is not a date that can be read; write it as day/month/year, for example \
             25/12/2024",
            quoted(value)
        )
    };
    if value.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && value.bytes().filter(|&b| b == b'.').count() <= 1
    {
        return serial_date(value).ok_or_else(unreadable);
    }
    let date_part = without_time(value).ok_or_else(unreadable)?;
    let mut tokens: Vec<&str> = date_part
        .split(['/', '-', '.', ' ', ','])
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() == 4 && is_weekday(tokens[0]) {
        tokens.remove(0);
    }
    let [a, b, c] = tokens[..] else {
        return Err(unreadable());
    };
    let all_numeric = [a, b, c]
        .iter()
        .all(|t| t.bytes().all(|b| b.is_ascii_digit()));
    let (day, month, year) = if all_numeric {
        if a.len() == 4 {
            // ISO order: year first.
            let month = number(b).ok_or_else(unreadable)?;
            (
                number(c).ok_or_else(unreadable)?,
                month_number(month, value)?,
                year(a),
            )
        } else {
            let day = number(a).ok_or_else(unreadable)?;
            let month = number(b).ok_or_else(unreadable)?;
            if month > 12 && day <= 12 {
                return Err(format!(
                    "{} looks like month/day/year; write dates day first, for example \
                     25/12/2024",
                    quoted(value)
                ));
            }
            (day, month_number(month, value)?, year(c))
        }
    } else if let Some(month) = month_name(b) {
        (day_number(a).ok_or_else(unreadable)?, month, year(c))
    } else if let Some(month) = month_name(a) {
        // "March 3, 2024", as American software writes it; unambiguous, so accepted.
        (day_number(b).ok_or_else(unreadable)?, month, year(c))
    } else {
        return Err(unreadable());
    };
    let year = year.ok_or_else(unreadable)?;
    if !(EARLIEST_YEAR..=LATEST_YEAR).contains(&year) {
        return Err(format!(
            "{} is not a plausible date (the year is {year})",
            quoted(value)
        ));
    }
    let day = u8::try_from(day).map_err(|_| unreadable())?;
    Date::from_calendar_date(year, month, day).map_err(|_| {
        format!(
            "{} is not a real date: there is no {day} {month} {year}",
            quoted(value)
        )
    })
}

/// The date an Excel serial number stands for, in the 1900 date system. Excel counts
/// 1900-01-01 as day 1 and wrongly believes 1900 was a leap year (day 60 is a
/// 29 February 1900 that never was, so it has no date), which shifts every later day by one.
pub(crate) fn excel_serial_date(days: i64) -> Option<Date> {
    const LAST: i64 = 2_958_465; // 9999-12-31, Excel's last date
    let base = match days {
        1..=59 => Date::from_calendar_date(1899, Month::December, 31).ok()?,
        61..=LAST => Date::from_calendar_date(1899, Month::December, 30).ok()?,
        _ => return None,
    };
    base.checked_add(Duration::days(days))
}

fn serial_date(value: &str) -> Option<Date> {
    let serial: f64 = value.parse().ok()?;
    if !PLAUSIBLE_SERIALS.contains(&serial) {
        return None;
    }
    excel_serial_date(serial.floor() as i64)
}

/// The date without a trailing time of day ("14:30", "2:30 pm", "14:30:00.000", or ISO's
/// "T14:30:00Z"), or `None` if nothing is left.
fn without_time(value: &str) -> Option<String> {
    let value = match value.get(..11) {
        Some(head) if head.as_bytes()[10] == b'T' && head.as_bytes()[4] == b'-' => &value[..10],
        _ => value,
    };
    let mut words: Vec<&str> = value.split_whitespace().collect();
    while let Some(last) = words.last() {
        let lower = last.to_ascii_lowercase();
        let is_time = lower == "am"
            || lower == "pm"
            || (lower.contains(':')
                && lower
                    .trim_end_matches(['a', 'p', 'm', 'z'])
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b':' || b == b'.'));
        if !is_time {
            break;
        }
        words.pop();
    }
    if words.is_empty() {
        return None;
    }
    Some(words.join(" "))
}

fn number(token: &str) -> Option<u32> {
    if token.is_empty() || token.len() > 4 || !token.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    token.parse().ok()
}

fn year(token: &str) -> Option<i32> {
    let n = i32::try_from(number(token)?).ok()?;
    match token.len() {
        2 if n < 30 => Some(2000 + n),
        2 => Some(1900 + n),
        4 => Some(n),
        _ => None,
    }
}

/// A day number, allowing "3rd", "21st".
fn day_number(token: &str) -> Option<u32> {
    let lower = token.to_ascii_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))
        .unwrap_or(&lower);
    number(digits).filter(|&d| (1..=31).contains(&d) && digits.len() <= 2)
}

fn month_number(month: u32, value: &str) -> Result<Month, String> {
    u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(|| format!("{} is not a date: there is no month {month}", quoted(value)))
}

/// "Mar", "march", "Sept" → March and September. At least three letters, so "Ma" is not
/// guessed.
fn month_name(token: &str) -> Option<Month> {
    let lower = token.to_lowercase();
    if lower == "sept" {
        return Some(Month::September);
    }
    if lower.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .find(|(name, _)| name.starts_with(&lower))
        .map(|&(_, month)| month)
}

fn is_weekday(token: &str) -> bool {
    let lower = token.to_lowercase();
    lower.len() >= 3 && WEEKDAYS.iter().any(|day| day.starts_with(&lower))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn excel_serials_follow_the_1900_date_system_and_its_leap_year_bug() {
        assert_eq!(excel_serial_date(1), Some(date!(1900 - 01 - 01)));
        assert_eq!(excel_serial_date(59), Some(date!(1900 - 02 - 28)));
        assert_eq!(excel_serial_date(60), None);
        assert_eq!(excel_serial_date(61), Some(date!(1900 - 03 - 01)));
        assert_eq!(excel_serial_date(45_356), Some(date!(2024 - 03 - 05)));
        assert_eq!(excel_serial_date(2_958_465), Some(date!(9999 - 12 - 31)));
        assert_eq!(excel_serial_date(0), None);
        assert_eq!(excel_serial_date(-5), None);
        assert_eq!(excel_serial_date(i64::MAX), None);
    }

    #[test]
    fn a_trailing_time_is_set_aside() {
        let cut = |s| without_time(s).expect("a date part");
        assert_eq!(cut("25/12/2024 14:30"), "25/12/2024");
        assert_eq!(cut("25/12/2024 2:30 pm"), "25/12/2024");
        assert_eq!(cut("2024-12-25T14:30:00Z"), "2024-12-25");
        assert_eq!(cut("3 March 2024"), "3 March 2024");
        assert_eq!(without_time("14:30"), None);
    }
}
