//! The documents' table (migration `2026-12-03-000520_clinic_documents_invoices`).

use crate::schema::patients;

diesel::table! {
    patient_documents (id) {
        id -> Uuid,
        patient_id -> Uuid,
        title -> Text,
        content_type -> Text,
        size_bytes -> Int8,
        sha256 -> Text,
        storage_key -> Text,
        uploaded_by -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(patient_documents -> patients (patient_id));
diesel::allow_tables_to_appear_in_same_query!(patient_documents, patients);
