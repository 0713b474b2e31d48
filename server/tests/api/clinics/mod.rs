//! The clinic: patients' records, their notes and plans, and the access
//! audit each request leaves.

mod notes;
mod plans;
pub(crate) mod records;
