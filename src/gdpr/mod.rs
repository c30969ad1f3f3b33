//! The forum's duties as a data controller (UK GDPR): subject access requests and their
//! deadlines, erasure that keeps the statistics true, the retention schedule and its review
//! queue, the breach register, and the Article 30 record of processing with the privacy
//! notice drawn from it. The audit viewer is in [`crate::audit`].

pub mod breaches;
pub mod erase;
pub mod requests;
pub mod retention;
pub mod ropa;
pub mod sar;
