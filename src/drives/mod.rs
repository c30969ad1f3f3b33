//! Recruitment drives: stalls where the forum signs up new members, often with no internet
//! and on a volunteer's laptop that members of the public type into.
//!
//! - [`drive`]: the drives themselves (where, when, who they aim at, who helped, the cost);
//! - [`kiosk`]: the sign-up kiosk, a session that can do nothing but add sign-ups to its drive;
//! - [`review`]: the officers' queue that accepts, merges or discards sign-ups;
//! - [`results`]: what a drive achieved (sign-ups, members, how fast, cost per member);
//! - [`population`] and [`reach_gap`]: the local SEND population, and where the membership
//!   falls short of it, to aim the next drive;
//! - [`pack`]: encrypted transfer packs that carry sign-ups from a drive laptop.

pub mod drive;
pub mod kiosk;
pub mod pack;
pub mod population;
pub mod reach_gap;
pub mod results;
pub mod review;
