//! Reports built from the records: the evidence pack a forum's grant return needs.

pub mod evidence;
pub mod figures;
pub mod html;
