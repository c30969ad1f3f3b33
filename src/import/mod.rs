//! The pure first half of the members import: read a CSV or Excel file into a [`Table`] of
//! text cells, match its column headings to member fields ([`mapping`]), and check and
//! normalise each value ([`values`]). Nothing here touches the database, so all of it can be
//! tested (and fuzzed) with plain bytes.
//!
//! Rows are numbered as a spreadsheet shows them (the heading row is row 1 in a CSV), so a
//! problem reported as "row 12" is the row the volunteer sees when they open the file.

mod delimited;
mod encoding;
pub mod mapping;
mod problem;
pub mod table;
pub mod values;
mod xlsx;

pub use mapping::{auto_map, ImportField, Mapping};
pub use problem::Problem;
pub use table::{read, CellProblem, Row, Table};
