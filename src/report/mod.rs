//! Reports built from the records: the evidence pack a forum's grant return needs.

pub mod docx;
pub mod evidence;
pub mod figures;
pub mod html;
mod layout;
