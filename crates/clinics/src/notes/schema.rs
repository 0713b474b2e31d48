//! The notes' tables, in each tenant's schema (migration
//! `2026-12-03-000510_clinic_notes`).

diesel::table! {
    clinical_notes (id) {
        id -> Uuid,
        patient_id -> Uuid,
        visit_type -> Text,
        subjective -> Nullable<Text>,
        objective -> Nullable<Text>,
        assessment -> Nullable<Text>,
        plan -> Nullable<Text>,
        body -> Nullable<Text>,
        author_id -> Uuid,
        author_name -> Nullable<Text>,
        signed_at -> Nullable<Timestamptz>,
        signed_by -> Nullable<Uuid>,
        version -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    clinical_note_amendments (id) {
        id -> Uuid,
        note_id -> Uuid,
        text -> Text,
        reason -> Nullable<Text>,
        author_id -> Uuid,
        author_name -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(clinical_note_amendments -> clinical_notes (note_id));
diesel::allow_tables_to_appear_in_same_query!(clinical_notes, clinical_note_amendments);
