//! (being built: issue 6)
