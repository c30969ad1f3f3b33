//! One problem found in an import file, shaped as the preview and the CLI's `--json` output
//! show it: `{"row": 12, "column": "Date joined", "message": "…"}`.

use std::fmt;

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "ImportProblem.ts")]
pub struct Problem {
    /// The row number as a spreadsheet shows it (the heading row of a CSV is row 1).
    pub row: u32,
    /// The column heading as shown in the file (or "Column 7" where it has none).
    pub column: String,
    /// Plain English, fit to show a volunteer.
    pub message: String,
}

impl Problem {
    pub fn new(row: u32, column: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            row,
            column: column.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "row {}, column {}: {}",
            self.row, self.column, self.message
        )
    }
}
