//! Representation: the partnership bodies where the forum holds seats, their holders, and
//! each meeting's attendance and papers (the Lancashire protocol §4.1 and §6.10: papers 5
//! working days ahead; representation at the Partnership Board, Executive Group,
//! Operational Group and priority groups reviewed every 3 months).
//!
//! Officers and admins configure bodies and seats; volunteers, who often are the
//! representatives, record the meetings they went to.

pub mod body;
pub mod meeting;
pub mod seat;
