//! The table an export writes, whatever the file format.

/// A header row and data rows of plain text. Rows may be shorter or longer than the header
/// (missing cells are written as blank); every value is written as text, never as a number,
/// date or formula, so nothing is reinterpreted on the way out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Zero-based indexes of columns that hold phone numbers. In XLSX a phone-like value there
    /// is kept exactly as typed (`+44 7700 900123`, no quote), because a text cell is safe and
    /// the quote would mangle E.164 numbers. CSV has no text cells, so CSV still neutralises
    /// them (`'+447700900123`): a CSV opened in Excel would otherwise evaluate `+44…` as a
    /// formula, and the quote is the price of that safety.
    pub phone_columns: Vec<usize>,
}

impl Sheet {
    pub fn new(headers: Vec<String>, rows: Vec<Vec<String>>) -> Self {
        Self {
            headers,
            rows,
            phone_columns: Vec::new(),
        }
    }

    /// Marks the given columns as phone numbers (see [`Sheet::phone_columns`]).
    pub fn with_phone_columns(mut self, columns: impl IntoIterator<Item = usize>) -> Self {
        self.phone_columns = columns.into_iter().collect();
        self
    }

    pub(crate) fn is_phone_column(&self, column: usize) -> bool {
        self.phone_columns.contains(&column)
    }
}
