//! Spreadsheet exports of personal data (CSV and XLSX), independent of the database: callers
//! build a [`Sheet`] and choose a format.
//!
//! Every cell passes through [`neutralise`], so nothing a member typed (or an attacker typed
//! into the kiosk form) can run as a formula when an officer opens the export in Excel,
//! LibreOffice or Google Sheets.

mod csv_writer;
mod neutralise;
mod sheet;
mod xlsx_writer;

pub use csv_writer::write_csv;
pub use neutralise::{is_phone_like, neutralise};
pub use sheet::Sheet;
pub use xlsx_writer::{write_xlsx, XLSX_MAX_CELL_CHARS, XLSX_MAX_COLUMNS, XLSX_MAX_ROWS};
