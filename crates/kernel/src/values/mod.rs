//! Shared value types. Each validates in its constructor, so holding one is
//! proof the value is good, and each rule lives in one place: every
//! capability that takes an email, a name, a phone number, an amount or a
//! slug takes it through these.

mod email;
mod money;
mod person_name;
mod phone;
mod slug;

pub use email::Email;
pub use money::{Currency, Money};
pub use person_name::PersonName;
pub use phone::Phone;
pub use slug::{SchemaName, TenantSlug, MAX_SLUG_LEN};

#[cfg(test)]
#[path = "values_test.rs"]
mod tests;
