//! The clinic's tables, in each tenant's schema (migrations from
//! `2026-12-03-000500_clinic_patients` on). Kept with the capability rather
//! than in `kernel::schema`: nothing below clinics reads them.

diesel::table! {
    patients (id) {
        id -> Uuid,
        code -> Text,
        name -> Text,
        date_of_birth -> Nullable<Date>,
        sex -> Nullable<Text>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        address -> Nullable<Text>,
        complaint -> Nullable<Text>,
        diagnosis -> Nullable<Text>,
        group_name -> Nullable<Text>,
        favourite -> Bool,
        consents -> Jsonb,
        customer_id -> Nullable<Uuid>,
        archived_at -> Nullable<Timestamptz>,
        version -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    patient_access_log (id) {
        id -> Int8,
        patient_id -> Uuid,
        actor_id -> Uuid,
        actor_role -> Text,
        action -> Text,
        succeeded -> Bool,
        ip -> Nullable<Text>,
        request_id -> Nullable<Text>,
        at -> Timestamptz,
    }
}

diesel::joinable!(patient_access_log -> patients (patient_id));
diesel::allow_tables_to_appear_in_same_query!(patients, patient_access_log);
