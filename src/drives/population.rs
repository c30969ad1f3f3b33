//! Placeholder: filled in by the drives work (issue 7).
