//! Billing: the plans there are, which one each tenant is on and where it
//! stands with it (subscriptions), and what a plan allows (limits and
//! features, checked by every domain where things are created); paying
//! through the provider (checkout, its webhook events) and the platform's
//! invoices.

pub mod catalog;
pub mod checkout;
pub mod events;
pub mod invoices;
pub mod limits;
pub mod pdf;
pub mod pdf_layout;
pub mod plans;
pub mod provider;
pub mod report;
pub mod signature;
pub mod signup;
pub mod subscriptions;
pub mod sweeper;

pub use catalog::{Feature, Interval, Limit, SubscriptionStatus};
pub use limits::{ensure_room, has_feature, require_feature, tenant_plan};
pub use plans::{
    create_plan, find_plan, list_plans, set_plan, update_plan, Plan, PlanChange, PlanInput,
};
