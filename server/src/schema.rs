//! Diesel table definitions. Public tables are schema-qualified so they can
//! never be shadowed by a tenant table; tenant tables are unqualified and the
//! transaction's search_path picks the tenant.

pub mod public {
    diesel::table! {
        public.plans (code) {
            code -> Text,
            name -> Text,
            price_cents -> Int8,
            currency -> Text,
            limits -> Jsonb,
            created_at -> Timestamptz,
        }
    }

    diesel::table! {
        public.tenants (id) {
            id -> Uuid,
            slug -> Text,
            schema_name -> Text,
            name -> Text,
            status -> Text,
            plan_code -> Text,
            schema_version -> Text,
            migration_error -> Nullable<Text>,
            migration_failed_version -> Nullable<Text>,
            created_at -> Timestamptz,
            updated_at -> Timestamptz,
            deleted_at -> Nullable<Timestamptz>,
        }
    }

    diesel::table! {
        public.domains (id) {
            id -> Uuid,
            tenant_id -> Uuid,
            host -> Text,
            is_primary -> Bool,
            created_at -> Timestamptz,
        }
    }

    diesel::table! {
        public.users (id) {
            id -> Uuid,
            email -> Text,
            password_hash -> Text,
            name -> Text,
            email_verified_at -> Nullable<Timestamptz>,
            created_at -> Timestamptz,
            updated_at -> Timestamptz,
        }
    }

    diesel::table! {
        public.memberships (user_id, tenant_id) {
            user_id -> Uuid,
            tenant_id -> Uuid,
            role -> Text,
            created_at -> Timestamptz,
        }
    }

    diesel::table! {
        public.refresh_tokens (id) {
            id -> Uuid,
            family_id -> Uuid,
            user_id -> Uuid,
            tenant_id -> Uuid,
            token_hash -> Bytea,
            expires_at -> Timestamptz,
            rotated_at -> Nullable<Timestamptz>,
            revoked_at -> Nullable<Timestamptz>,
            created_at -> Timestamptz,
        }
    }

    diesel::table! {
        public.action_tokens (id) {
            id -> Uuid,
            user_id -> Uuid,
            tenant_id -> Uuid,
            purpose -> Text,
            token_hash -> Bytea,
            expires_at -> Timestamptz,
            used_at -> Nullable<Timestamptz>,
            created_at -> Timestamptz,
        }
    }

    diesel::table! {
        public.outbox (id) {
            id -> Int8,
            tenant_id -> Nullable<Uuid>,
            kind -> Text,
            payload -> Jsonb,
            attempts -> Int4,
            run_at -> Timestamptz,
            last_error -> Nullable<Text>,
            sent_at -> Nullable<Timestamptz>,
            created_at -> Timestamptz,
        }
    }

    diesel::table! {
        public.operator_audit (id) {
            id -> Int8,
            actor -> Text,
            action -> Text,
            tenant_id -> Nullable<Uuid>,
            detail -> Jsonb,
            created_at -> Timestamptz,
        }
    }

    diesel::joinable!(domains -> tenants (tenant_id));
    diesel::joinable!(memberships -> users (user_id));
    diesel::joinable!(memberships -> tenants (tenant_id));
    diesel::allow_tables_to_appear_in_same_query!(
        plans,
        tenants,
        domains,
        users,
        memberships,
        refresh_tokens,
        action_tokens,
        outbox,
        operator_audit
    );
}

pub mod tenant {
    diesel::table! {
        customers (id) {
            id -> Uuid,
            user_id -> Nullable<Uuid>,
            name -> Text,
            email -> Nullable<Text>,
            phone -> Nullable<Text>,
            tags -> Array<Text>,
            marketing_consent -> Bool,
            consent_at -> Nullable<Timestamptz>,
            notes -> Nullable<Text>,
            created_at -> Timestamptz,
            updated_at -> Timestamptz,
            deleted_at -> Nullable<Timestamptz>,
            erased_at -> Nullable<Timestamptz>,
        }
    }
}
