//! Participation activities: the evidence a forum's grant depends on, recorded as it happens
//! (the Lancashire protocol's levels, §7.3, and co-production ladder, §7.4). Volunteers add
//! and update activities; officers and admins may also delete them.

pub mod activity;
pub mod documents;
pub mod model;

pub use activity::{Activity, ActivityFilter, ActivityInput, ActivitySummary, QuickMeetingInput};
