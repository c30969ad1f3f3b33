//! Money as volunteers type it ("£17,500", "1234.5") and as the app shows it ("£17,500.00"),
//! held as whole pence so sums are exact.

/// The most any one figure may be: far above a forum's grant, low enough to catch a slip.
pub const MAX_PENCE: i64 = 100_000_000; // £1,000,000

pub fn parse_pounds(text: &str) -> Result<i64, String> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('£')
        .trim()
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let message = || format!("Enter an amount in pounds, like 1,250 or 99.50 (not {text:?})");
    if cleaned.is_empty() {
        return Err("Enter an amount in pounds, like 1,250 or 99.50".to_owned());
    }
    let (pounds, pence) = match cleaned.split_once('.') {
        Some((pounds, pence)) if pence.len() <= 2 => (pounds, pence),
        Some(_) => return Err(message()),
        None => (cleaned.as_str(), ""),
    };
    if pounds.is_empty() && pence.is_empty() {
        return Err(message());
    }
    let digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    if !digits(pounds) || !digits(pence) || pounds.len() > 9 {
        return Err(message());
    }
    let pounds: i64 = if pounds.is_empty() {
        0
    } else {
        pounds.parse().map_err(|_| message())?
    };
    let pence: i64 = match pence.len() {
        0 => 0,
        1 => pence.parse::<i64>().map_err(|_| message())? * 10,
        _ => pence.parse().map_err(|_| message())?,
    };
    let total = pounds * 100 + pence;
    if total > MAX_PENCE {
        return Err("Amounts must be £1,000,000 or less".to_owned());
    }
    Ok(total)
}

/// "£17,500.00".
pub fn format_pounds(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let pence = pence.unsigned_abs();
    let pounds = crate::import::table::with_commas((pence / 100) as usize);
    format!("{sign}£{pounds}.{:02}", pence % 100)
}

#[cfg(test)]
mod tests {
    use super::{format_pounds, parse_pounds};

    #[test]
    fn amounts_as_typed() {
        assert_eq!(parse_pounds("£17,500"), Ok(1_750_000));
        assert_eq!(parse_pounds("1234.5"), Ok(123_450));
        assert_eq!(parse_pounds(" 99.05 "), Ok(9_905));
        assert_eq!(parse_pounds(".5"), Ok(50));
        assert_eq!(parse_pounds("1000000"), Ok(100_000_000));
        for bad in [
            "",
            "-5",
            "1.234",
            "lots",
            "=1+1",
            "1e5",
            "£",
            "1000001",
            "9999999999",
        ] {
            assert!(parse_pounds(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn amounts_as_shown() {
        assert_eq!(format_pounds(1_750_000), "£17,500.00");
        assert_eq!(format_pounds(5), "£0.05");
        assert_eq!(format_pounds(123_456_789), "£1,234,567.89");
        assert_eq!(format_pounds(-2_500), "-£25.00");
    }
}
