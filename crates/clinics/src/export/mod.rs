//! A patient's export: everything the clinic holds on one patient, as one
//! JSON document. The record itself, then one section per part of the
//! record, each from a function listed in [`SECTIONS`], so the export
//! grows with the capability without this module learning each part.
//!
//! The access log is not part of it: it says who looked at the record,
//! which is the clinic's accountability, not the patient's data.

mod appointments;
mod documents;
mod invoices;
mod json_rows;
mod notes;
mod plans;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use diesel::pg::PgConnection;
use diesel::QueryResult;
use serde::Serialize;
use serde_json::Value;
use uuid::Uuid;

use crate::patients::{self, Patient, PatientError};
use tenancy::Tenant;

/// Bumped when a section changes shape, so whoever reads old exports can tell.
pub const FORMAT_VERSION: u32 = 1;

/// One part of a patient's record in the export.
#[derive(Clone, Copy)]
pub struct Section {
    /// The key of this part in the document (`appointments`).
    pub name: &'static str,
    /// Everything this part holds on the patient, as JSON. Runs in the
    /// export's transaction, after the patient was found.
    pub export: fn(&mut PgConnection, Uuid) -> QueryResult<Value>,
}

/// Every section of the export, in the document's order.
///
/// A new part of the record (notes with their amendments, treatment plans,
/// documents' metadata, invoices) adds its `SECTION` on a line of its own
/// here, in the slot named for it.
const SECTIONS: &[Section] = &[
    appointments::SECTION,
    // notes: clinical notes with their amendments.
    notes::SECTION,
    // plans: treatment plans.
    plans::SECTION,
    // documents: documents' metadata (never the files).
    documents::SECTION,
    // invoices: clinic invoices with their lines and payments.
    invoices::SECTION,
];

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PatientExport {
    pub format_version: u32,
    pub exported_at: DateTime<Utc>,
    /// Who holds the record: the clinic behind this site.
    pub controller: Controller,
    pub patient: Patient,
    /// Each part of the record under its own name (`appointments`: [...]).
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub sections: BTreeMap<&'static str, Value>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = PatientExportController)]
pub struct Controller {
    pub tenant_id: Uuid,
    pub slug: String,
    pub name: String,
}

/// The export of patient `id`, in the caller's tenant transaction.
pub fn gather(
    conn: &mut PgConnection,
    tenant: &Tenant,
    id: Uuid,
) -> Result<PatientExport, PatientError> {
    let patient = patients::read(conn, id)?;
    let sections = SECTIONS
        .iter()
        .map(|s| Ok((s.name, (s.export)(conn, id)?)))
        .collect::<QueryResult<_>>()?;
    Ok(PatientExport {
        format_version: FORMAT_VERSION,
        exported_at: Utc::now(),
        controller: Controller {
            tenant_id: tenant.id,
            slug: tenant.slug.clone(),
            name: tenant.name.clone(),
        },
        patient,
        sections,
    })
}
