//! "All the tenant holds on this person", as one JSON document: the
//! customer record, then one section per capability that registered one
//! (bookings, orders ...), so the export stays complete as the product grows.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use super::error::CustomerError;
use super::model::Customer;
use super::records::CustomerData;
use super::repo;
use tenancy::Tenant;

/// Bumped when a section changes shape, so whoever reads old exports can tell.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct ExportDocument {
    pub format_version: u32,
    pub exported_at: DateTime<Utc>,
    /// Who holds the data: the business behind this site.
    pub controller: Controller,
    pub customer: ExportedCustomer,
    /// Each capability's section under its own name (`bookings`: [...]).
    #[serde(flatten)]
    pub sections: BTreeMap<&'static str, Value>,
}

#[derive(Debug, Serialize)]
pub struct Controller {
    pub tenant_id: Uuid,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct ExportedCustomer {
    #[serde(flatten)]
    pub record: Customer,
    /// The platform account linked to this customer, if any.
    pub user_id: Option<Uuid>,
}

pub fn gather(
    conn: &mut PgConnection,
    tenant: &Tenant,
    data: &CustomerData,
    id: Uuid,
) -> Result<ExportDocument, CustomerError> {
    let (record, user_id) = repo::find_for_export(conn, id)?;
    Ok(ExportDocument {
        format_version: FORMAT_VERSION,
        exported_at: Utc::now(),
        controller: Controller {
            tenant_id: tenant.id,
            slug: tenant.slug.clone(),
            name: tenant.name.clone(),
        },
        customer: ExportedCustomer { record, user_id },
        sections: data.export(conn, id)?,
    })
}
