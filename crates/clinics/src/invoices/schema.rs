//! The invoices' tables (migration `2026-12-03-000520_clinic_documents_invoices`).

use crate::schema::patients;

diesel::table! {
    clinic_invoice_counter (only_row) {
        only_row -> Bool,
        year -> Int4,
        last_number -> Int8,
    }
}

diesel::table! {
    clinic_invoices (id) {
        id -> Uuid,
        patient_id -> Uuid,
        number -> Nullable<Text>,
        status -> Text,
        currency -> Text,
        tax_rate_bp -> Int4,
        subtotal_cents -> Int8,
        tax_cents -> Int8,
        total_cents -> Int8,
        paid_cents -> Int8,
        note -> Nullable<Text>,
        created_by -> Uuid,
        issued_at -> Nullable<Timestamptz>,
        paid_at -> Nullable<Timestamptz>,
        voided_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    clinic_invoice_lines (invoice_id, position) {
        invoice_id -> Uuid,
        position -> Int4,
        description -> Text,
        quantity -> Int4,
        unit_price_cents -> Int8,
        line_total_cents -> Int8,
        booking_id -> Nullable<Uuid>,
        service_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    clinic_invoice_payments (id) {
        id -> Uuid,
        invoice_id -> Uuid,
        amount_cents -> Int8,
        method -> Text,
        note -> Nullable<Text>,
        recorded_by -> Uuid,
        recorded_at -> Timestamptz,
        provider_ref -> Nullable<Text>,
    }
}

diesel::joinable!(clinic_invoices -> patients (patient_id));
diesel::joinable!(clinic_invoice_lines -> clinic_invoices (invoice_id));
diesel::joinable!(clinic_invoice_payments -> clinic_invoices (invoice_id));
diesel::allow_tables_to_appear_in_same_query!(
    clinic_invoices,
    clinic_invoice_lines,
    clinic_invoice_payments,
    patients,
);
