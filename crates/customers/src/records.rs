//! What other capabilities hold about a customer. Customers knows no domain:
//! each domain registers a section at start-up (`CustomerData::with`), with
//! what it exports about a person and what erasing that person removes.
//! The export and the erasure then cover every capability there is.

use std::collections::BTreeMap;

use diesel::pg::PgConnection;
use diesel::QueryResult;
use serde_json::Value;
use uuid::Uuid;

/// Who exports or erases a customer's data, and from where. Sections that
/// must account for every reach of what they hold (the clinic's access
/// audit) record it; the others need not look.
#[derive(Debug, Clone)]
pub struct Actor {
    /// A platform user's id (staff), or a customer's id (the person).
    pub id: Uuid,
    /// Their role on the tenant: owner, admin, staff or customer.
    pub role: String,
    pub ip: Option<String>,
    pub request_id: Option<String>,
}

/// One capability's part of a customer's data.
#[derive(Clone, Copy)]
pub struct Section {
    /// The key of this part in the export document (`bookings`).
    pub name: &'static str,
    /// Everything the capability holds on the customer, as JSON.
    pub export: fn(&mut PgConnection, &Actor, Uuid) -> QueryResult<Value>,
    /// Removes the customer's own words and details; the business's records
    /// (that a booking happened) stay.
    pub erase: fn(&mut PgConnection, &Actor, Uuid) -> QueryResult<()>,
}

/// Every registered section, in registration order.
#[derive(Clone, Default)]
pub struct CustomerData {
    sections: Vec<Section>,
}

impl CustomerData {
    pub fn with(mut self, section: Section) -> Self {
        self.sections.push(section);
        self
    }

    /// Each section's export, by name. Runs in the caller's transaction.
    pub fn export(
        &self,
        conn: &mut PgConnection,
        who: &Actor,
        customer_id: Uuid,
    ) -> QueryResult<BTreeMap<&'static str, Value>> {
        self.sections
            .iter()
            .map(|s| Ok((s.name, (s.export)(conn, who, customer_id)?)))
            .collect()
    }

    /// Every section's erase step, in the caller's transaction.
    pub fn erase(
        &self,
        conn: &mut PgConnection,
        who: &Actor,
        customer_id: Uuid,
    ) -> QueryResult<()> {
        self.sections
            .iter()
            .try_for_each(|s| (s.erase)(conn, who, customer_id))
    }
}
