//! The IPC commands, one file per area. Each calls one core function; errors cross the IPC
//! boundary as `forumdesk::Error` data (`{kind, message, fields}`), never as strings.

pub mod areas;
pub mod export;
pub mod import;
pub mod members;
pub mod session;
pub mod settings;
pub mod setup;
pub mod users;
