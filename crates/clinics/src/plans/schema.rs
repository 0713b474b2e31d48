//! The plans' table, in each tenant's schema (migration
//! `2026-12-03-000510_clinic_notes`).

diesel::table! {
    treatment_plans (id) {
        id -> Uuid,
        patient_id -> Uuid,
        goals -> Array<Text>,
        sessions_planned -> Int4,
        exercises -> Jsonb,
        starts_on -> Date,
        review_on -> Nullable<Date>,
        status -> Text,
        completed_at -> Nullable<Timestamptz>,
        created_by -> Uuid,
        version -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}
