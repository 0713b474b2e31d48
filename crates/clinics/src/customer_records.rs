//! What the clinic holds about one customer: the patient record linked to
//! them (`patients.customer_id`), as their section of the customer's data
//! export, and what erasing the customer removes from it.
//!
//! Erasure and health records: the registry's contract is that erasure
//! removes the person's own words and details while the business's records
//! stay. A patient's clinical record is such a record, and one the clinic
//! is bound to keep for years (health-record retention laws; the GDPR's
//! right to erasure does not reach data kept for a legal obligation or for
//! health care, Art. 17(3)(b) and (c)). So the record stays whole enough to
//! identify the patient and their care: code, name, date of birth, sex,
//! complaint, diagnosis, and every note, plan and invoice hung on it. What
//! only serves to reach the person goes: phone, email and address are
//! cleared, and every consent is withdrawn, stamped with the time of the
//! erasure. The link to the customer stays, so a later export of that
//! customer still shows what was kept.
//!
//! Either way a patient's record was reached, so a linked record gets its
//! one access row, naming who exported or erased, in the transaction of
//! the export or erasure: one that fails leaves no row.

use diesel::prelude::*;
use serde_json::Value;
use uuid::Uuid;

use crate::audit;
use crate::patients::{Consents, Patient, PatientRow};
use crate::schema::patients;
use customers::{Actor, Section};

/// The clinic's section of the customer data (export and erasure).
pub const SECTION: Section = Section {
    name: "patient",
    export: export_section,
    erase: erase_for_customer,
};

fn linked(conn: &mut PgConnection, customer_id: Uuid) -> QueryResult<Option<PatientRow>> {
    patients::table
        .filter(patients::customer_id.eq(customer_id))
        .select(PatientRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// The access rows' actions of this section.
const EXPORT_ACTION: &str = "export_customer_data";
const ERASE_ACTION: &str = "erase_customer_data";

/// The patient record linked to the customer, or null.
fn export_section(conn: &mut PgConnection, who: &Actor, customer_id: Uuid) -> QueryResult<Value> {
    let record = patients::table
        .filter(patients::customer_id.eq(customer_id))
        .select(PatientRow::as_select())
        .first(conn)
        .optional()?
        .map(Patient::from);
    if let Some(patient) = &record {
        audit::record(conn, who, EXPORT_ACTION, patient.id, true)?;
    }
    serde_json::to_value(record).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
}

/// Contact details go and consents are withdrawn; the clinical record
/// stays (see the module's comment for why).
fn erase_for_customer(conn: &mut PgConnection, who: &Actor, customer_id: Uuid) -> QueryResult<()> {
    let Some(row) = linked(conn, customer_id)? else {
        return Ok(());
    };
    let now = crate::patients::now(conn)?;
    let consents = Consents::from_stored(&row.consents).withdrawn(now);
    diesel::update(patients::table.find(row.id))
        .set((
            patients::phone.eq(None::<String>),
            patients::email.eq(None::<String>),
            patients::address.eq(None::<String>),
            patients::consents.eq(consents.to_stored()),
            patients::version.eq(patients::version + 1),
            patients::updated_at.eq(now),
        ))
        .execute(conn)?;
    audit::record(conn, who, ERASE_ACTION, row.id, true)?;
    Ok(())
}
