//! The change feed's table, in each tenant's schema (migration
//! `2026-12-03-000530_clinic_sync`).

diesel::table! {
    sync_changes (id) {
        id -> Int8,
        txid -> Int8,
        entity -> Text,
        entity_id -> Uuid,
        version -> Nullable<Int8>,
        deleted -> Bool,
        changed_at -> Timestamptz,
    }
}
