//! Grant periods: the DfE participation grant's year (April to March), amount, tranches and
//! returns due, and a spend log against budget lines, planned against actual, because the
//! returns ask for it. Officers and admins only: it is the forum's money.

pub mod money;
pub mod period;
pub mod spend;
