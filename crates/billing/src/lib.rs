//! Billing: the plans there are and which one each tenant is on.
//! Subscriptions, invoices and payment events come here too.

pub mod plans;

pub use plans::{list_plans, set_plan, PlanChange};
