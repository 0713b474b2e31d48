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
use super::records::{Actor, CustomerData};
use super::repo;
use identity::customer_accounts;
use tenancy::Tenant;

/// Bumped when a section changes shape, so whoever reads old exports can tell.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize, utoipa::ToSchema)]
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

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Controller {
    pub tenant_id: Uuid,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExportedCustomer {
    #[serde(flatten)]
    pub record: Customer,
    /// The person's sign-in account on this site, if they have one (never
    /// its password hash).
    pub account: Option<ExportedAccount>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExportedAccount {
    pub email: String,
    pub verified_at: DateTime<Utc>,
}

pub fn gather(
    conn: &mut PgConnection,
    tenant: &Tenant,
    data: &CustomerData,
    who: &Actor,
    id: Uuid,
) -> Result<ExportDocument, CustomerError> {
    let record = repo::find(conn, id)?;
    let account = customer_accounts::find(conn, id)?.map(|a| ExportedAccount {
        email: a.email,
        verified_at: a.verified_at,
    });
    Ok(ExportDocument {
        format_version: FORMAT_VERSION,
        exported_at: Utc::now(),
        controller: Controller {
            tenant_id: tenant.id,
            slug: tenant.slug.clone(),
            name: tenant.name.clone(),
        },
        customer: ExportedCustomer { record, account },
        sections: data.export(conn, who, id)?,
    })
}
