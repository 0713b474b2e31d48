//! Billing: the plans there are, which one each tenant is on and where it
//! stands with it (subscriptions), and what a plan allows (limits and
//! features, checked by every domain where things are created).

pub mod catalog;
pub mod limits;
pub mod plans;
pub mod report;
pub mod signup;
pub mod subscriptions;
pub mod sweeper;

pub use catalog::{Feature, Interval, Limit, SubscriptionStatus};
pub use limits::{ensure_room, require_feature, tenant_plan};
pub use plans::{
    create_plan, find_plan, list_plans, set_plan, update_plan, Plan, PlanChange, PlanInput,
};
