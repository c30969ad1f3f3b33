//! The IPC commands, one file per area. Each calls one core function; errors cross the IPC
//! boundary as `forumdesk::Error` data (`{kind, message, fields}`), never as strings.

pub mod activities;
pub mod areas;
pub mod audit;
pub mod breaches;
pub mod drives;
pub mod duplicates;
pub mod erasure;
pub mod export;
pub mod gdpr_requests;
pub mod grants;
pub mod groups;
pub mod import;
pub mod indicators;
pub mod kiosk;
pub mod members;
pub mod membership;
pub mod packs;
pub mod reach;
pub mod report;
pub mod representation;
pub mod retention;
pub mod ropa;
pub mod session;
pub mod settings;
pub mod setup;
pub mod users;
