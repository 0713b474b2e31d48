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
            billing_interval -> Text,
            trial_days -> Int4,
            features -> Array<Text>,
            updated_at -> Timestamptz,
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
            user_id -> Nullable<Uuid>,
            customer_id -> Nullable<Uuid>,
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
            role -> Nullable<Text>,
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
            lease -> Nullable<Uuid>,
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

    diesel::table! {
        public.subscriptions (tenant_id) {
            tenant_id -> Uuid,
            status -> Text,
            current_period_start -> Timestamptz,
            current_period_end -> Timestamptz,
            trial_ends_at -> Nullable<Timestamptz>,
            past_due_since -> Nullable<Timestamptz>,
            canceled_at -> Nullable<Timestamptz>,
            provider_customer_id -> Nullable<Text>,
            last_event_at -> Nullable<Timestamptz>,
            trial_reminders_sent -> Array<Int4>,
            created_at -> Timestamptz,
            updated_at -> Timestamptz,
        }
    }

    diesel::table! {
        public.payment_events (id) {
            id -> Text,
            #[sql_name = "type"]
            event_type -> Text,
            tenant_id -> Nullable<Uuid>,
            created -> Timestamptz,
            payload -> Jsonb,
            outcome -> Text,
            received_at -> Timestamptz,
        }
    }

    diesel::table! {
        public.invoice_counters (year) {
            year -> Int4,
            last_number -> Int4,
        }
    }

    diesel::table! {
        public.invoices (id) {
            id -> Uuid,
            tenant_id -> Uuid,
            number -> Text,
            provider_invoice_id -> Nullable<Text>,
            plan_code -> Text,
            billed_to -> Text,
            period_start -> Timestamptz,
            period_end -> Timestamptz,
            currency -> Text,
            lines -> Jsonb,
            subtotal_cents -> Int8,
            tax_rate_bp -> Int4,
            tax_cents -> Int8,
            total_cents -> Int8,
            issued_at -> Timestamptz,
            paid_at -> Nullable<Timestamptz>,
        }
    }

    diesel::joinable!(domains -> tenants (tenant_id));
    diesel::joinable!(subscriptions -> tenants (tenant_id));
    diesel::joinable!(invoices -> tenants (tenant_id));
    diesel::joinable!(tenants -> plans (plan_code));
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
        operator_audit,
        subscriptions,
        payment_events,
        invoice_counters,
        invoices
    );
}

pub mod tenant {
    diesel::table! {
        customer_phone_logins (customer_id) {
            customer_id -> Uuid,
            phone -> Text,
            verified_at -> Timestamptz,
        }
    }
    diesel::table! {
        otp_codes (id) {
            id -> Uuid,
            phone -> Text,
            code_hash -> Binary,
            attempts -> Int4,
            expires_at -> Timestamptz,
            used_at -> Nullable<Timestamptz>,
            created_at -> Timestamptz,
        }
    }
    diesel::table! {
        customers (id) {
            id -> Uuid,
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
    diesel::table! {
        customer_accounts (customer_id) {
            customer_id -> Uuid,
            email -> Text,
            password_hash -> Text,
            verified_at -> Timestamptz,
            created_at -> Timestamptz,
            updated_at -> Timestamptz,
        }
    }
    diesel::table! {
        customer_tokens (id) {
            id -> Uuid,
            purpose -> Text,
            email -> Text,
            name -> Nullable<Text>,
            password_hash -> Nullable<Text>,
            marketing_consent -> Bool,
            customer_id -> Nullable<Uuid>,
            token_hash -> Bytea,
            expires_at -> Timestamptz,
            used_at -> Nullable<Timestamptz>,
            created_at -> Timestamptz,
        }
    }
    diesel::table! {
        booking_settings (id) {
            id -> Bool,
            time_zone -> Text,
            slot_interval_minutes -> Int4,
            min_notice_minutes -> Int4,
            booking_window_days -> Int4,
            cancellation_notice_minutes -> Int4,
            reminder_lead_minutes -> Int4,
            updated_at -> Timestamptz,
            require_email_confirmation -> Bool,
            email_confirmation_minutes -> Int4,
        }
    }

    diesel::table! {
        branding (id) {
            id -> Bool,
            display_name -> Nullable<Text>,
            logo_url -> Nullable<Text>,
            accent_colour -> Text,
            default_language -> Text,
            address -> Nullable<Text>,
            phone -> Nullable<Text>,
            contact_email -> Nullable<Text>,
            updated_at -> Timestamptz,
        }
    }

    diesel::table! {
        service_categories (id) {
            id -> Uuid,
            name -> Text,
            position -> Int4,
            created_at -> Timestamptz,
        }
    }

    diesel::table! {
        services (id) {
            id -> Uuid,
            name -> Text,
            description -> Nullable<Text>,
            duration_minutes -> Int4,
            price_cents -> Int8,
            currency -> Text,
            buffer_before_minutes -> Int4,
            buffer_after_minutes -> Int4,
            category_id -> Nullable<Uuid>,
            metadata -> Jsonb,
            active -> Bool,
            created_at -> Timestamptz,
            updated_at -> Timestamptz,
            deleted_at -> Nullable<Timestamptz>,
        }
    }

    diesel::table! {
        staff (id) {
            id -> Uuid,
            name -> Text,
            email -> Nullable<Text>,
            phone -> Nullable<Text>,
            user_id -> Nullable<Uuid>,
            active -> Bool,
            created_at -> Timestamptz,
            updated_at -> Timestamptz,
            deleted_at -> Nullable<Timestamptz>,
        }
    }

    diesel::table! {
        staff_services (staff_id, service_id) {
            staff_id -> Uuid,
            service_id -> Uuid,
        }
    }

    diesel::table! {
        availability_rules (id) {
            id -> Uuid,
            staff_id -> Uuid,
            weekday -> Int2,
            start_time -> Time,
            end_time -> Time,
        }
    }

    diesel::table! {
        availability_overrides (id) {
            id -> Uuid,
            staff_id -> Uuid,
            date -> Date,
            start_time -> Nullable<Time>,
            end_time -> Nullable<Time>,
        }
    }

    diesel::table! {
        time_off (id) {
            id -> Uuid,
            staff_id -> Uuid,
            starts_at -> Timestamptz,
            ends_at -> Timestamptz,
            reason -> Nullable<Text>,
            created_at -> Timestamptz,
        }
    }

    diesel::table! {
        bookings (id) {
            id -> Uuid,
            service_id -> Uuid,
            staff_id -> Uuid,
            customer_id -> Uuid,
            starts_at -> Timestamptz,
            ends_at -> Timestamptz,
            blocked -> Tstzrange,
            status -> Text,
            notes -> Nullable<Text>,
            manage_token_hash -> Bytea,
            sequence -> Int4,
            created_at -> Timestamptz,
            updated_at -> Timestamptz,
        }
    }

    diesel::table! {
        booking_confirmations (booking_id) {
            booking_id -> Uuid,
            token_hash -> Bytea,
            expires_at -> Timestamptz,
            any_staff -> Bool,
            created_at -> Timestamptz,
        }
    }

    diesel::table! {
        booking_history (id) {
            id -> Int8,
            booking_id -> Uuid,
            actor -> Text,
            from_status -> Nullable<Text>,
            to_status -> Text,
            reason -> Nullable<Text>,
            detail -> Jsonb,
            created_at -> Timestamptz,
        }
    }

    diesel::table! {
        idempotency_keys (key) {
            key -> Text,
            fingerprint -> Text,
            status_code -> Int4,
            body -> Jsonb,
            created_at -> Timestamptz,
        }
    }

    diesel::table! {
        webhook_endpoints (id) {
            id -> Uuid,
            url -> Text,
            secret -> Text,
            events -> Array<Text>,
            active -> Bool,
            created_at -> Timestamptz,
        }
    }

    diesel::joinable!(services -> service_categories (category_id));
    diesel::joinable!(staff_services -> staff (staff_id));
    diesel::joinable!(staff_services -> services (service_id));
    diesel::joinable!(bookings -> services (service_id));
    diesel::joinable!(bookings -> staff (staff_id));
    diesel::joinable!(bookings -> customers (customer_id));
    diesel::joinable!(booking_confirmations -> bookings (booking_id));
    diesel::joinable!(customer_accounts -> customers (customer_id));
    diesel::joinable!(customer_phone_logins -> customers (customer_id));
    diesel::allow_tables_to_appear_in_same_query!(
        customers,
        customer_accounts,
        customer_tokens,
        booking_settings,
        branding,
        service_categories,
        services,
        staff,
        staff_services,
        availability_rules,
        availability_overrides,
        time_off,
        bookings,
        booking_confirmations,
        booking_history,
        idempotency_keys,
        webhook_endpoints,
        customer_phone_logins,
        otp_codes
    );
}
