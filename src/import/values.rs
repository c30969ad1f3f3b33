//! Checks and normalises one cell's text for one member field. Each function returns the
//! value to store, or a reason in plain English that fits after "row 12, column Date
//! joined: ". An empty cell is the caller's business (most fields are optional): these
//! functions treat it as a problem, except [`yes_no`], where blank means "not known".

mod date;
mod email;
mod name;
mod phone;
mod postcode;
mod yes_no;

pub(crate) use date::excel_serial_date;
pub use date::uk_date;
pub use email::email;
pub use name::{full_name, name};
pub use phone::{phone, phone_display};
pub use postcode::{postcode, postcode_district};
pub use yes_no::yes_no;

/// Quotes a volunteer's value in a reason, shortened so a long cell cannot swamp the
/// report.
fn quoted(value: &str) -> String {
    const MAX: usize = 40;
    // Control characters would break the report's layout; show them as spaces.
    let value: String = value
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if value.chars().count() <= MAX {
        format!("\u{201c}{value}\u{201d}")
    } else {
        let start: String = value.chars().take(MAX).collect();
        format!("\u{201c}{start}\u{2026}\u{201d}")
    }
}
