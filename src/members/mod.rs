//! The forum's members: people, their membership, consent, and (under explicit consent) their
//! children's needs. Every function takes the session and checks its role first.

pub mod areas;
pub mod children;
pub mod consent;
mod details;
pub mod duplicates;
pub mod export;
pub mod import;
pub mod merge;
pub mod model;
mod record;
pub mod search;

pub use details::{create, get, update, MemberDetails, MembershipStart};
pub use record::{ChildRecord, ConsentState, MemberRecord, Membership, SpecialCategory};
