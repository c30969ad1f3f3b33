//! Affiliated parent groups and partner bodies (the Lancashire protocol §5.2: affiliating
//! local parent carer groups widens the forum's reach): organisations and their contacts,
//! the affiliation lifecycle, leaders co-opted onto the steering group, renewals due, and
//! the families the forum reaches through its affiliates.
//!
//! Officers and admins manage all of it; volunteers can view it and record enquiries.

pub mod affiliation;
pub mod co_option;
pub mod contacts;
pub mod model;
pub mod organisation;
pub mod reach;
pub mod renewals;

pub use affiliation::{AffiliationEvent, StepInput};
pub use organisation::{Organisation, OrganisationFilter, OrganisationInput, OrganisationSummary};
