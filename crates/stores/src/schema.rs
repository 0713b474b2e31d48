//! The shop's tables, in each tenant's schema (migration
//! `2026-12-03-000200_stores`). Kept with the capability rather than in
//! `kernel::schema`: nothing below stores reads them. `products.search`
//! (a generated tsvector) is left out; queries reach it through SQL
//! fragments. Customers (in `kernel::schema`) cannot be joined from here
//! (diesel's join impls would cross crates); read them by id.

diesel::table! {
    categories (id) {
        id -> Uuid,
        parent_id -> Nullable<Uuid>,
        name -> Text,
        translations -> Jsonb,
        path -> Array<Uuid>,
        position -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    category_attributes (id) {
        id -> Uuid,
        category_id -> Uuid,
        code -> Text,
        name -> Text,
        translations -> Jsonb,
        kind -> Text,
        required -> Bool,
        variant -> Bool,
        options -> Jsonb,
        position -> Int4,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    products (id) {
        id -> Uuid,
        category_id -> Uuid,
        name -> Text,
        translations -> Jsonb,
        description -> Nullable<Text>,
        base_price_cents -> Int8,
        currency -> Text,
        images -> Array<Text>,
        videos -> Array<Text>,
        attributes -> Jsonb,
        active -> Bool,
        featured -> Bool,
        requires_prescription -> Bool,
        view_count -> Int8,
        sold_count -> Int8,
        min_price_cents -> Int8,
        in_stock -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    variants (id) {
        id -> Uuid,
        product_id -> Uuid,
        sku -> Text,
        price_cents -> Nullable<Int8>,
        stock -> Int4,
        attributes -> Jsonb,
        active -> Bool,
        position -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    carts (id) {
        id -> Uuid,
        token_hash -> Binary,
        customer_id -> Nullable<Uuid>,
        status -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    cart_items (cart_id, variant_id) {
        cart_id -> Uuid,
        variant_id -> Uuid,
        quantity -> Int4,
        added_at -> Timestamptz,
    }
}

diesel::table! {
    coupons (id) {
        id -> Uuid,
        code -> Text,
        percent_off -> Nullable<Int4>,
        amount_off_cents -> Nullable<Int8>,
        min_subtotal_cents -> Nullable<Int8>,
        starts_at -> Nullable<Timestamptz>,
        ends_at -> Nullable<Timestamptz>,
        usage_limit -> Nullable<Int4>,
        per_customer_limit -> Nullable<Int4>,
        used_count -> Int4,
        active -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    order_counter (only_row) {
        only_row -> Bool,
        last_number -> Int8,
    }
}

diesel::table! {
    orders (id) {
        id -> Uuid,
        number -> Int8,
        customer_id -> Nullable<Uuid>,
        cart_id -> Nullable<Uuid>,
        status -> Text,
        email -> Text,
        name -> Text,
        phone -> Nullable<Text>,
        shipping_address -> Jsonb,
        currency -> Text,
        subtotal_cents -> Int8,
        discount_cents -> Int8,
        total_cents -> Int8,
        coupon_id -> Nullable<Uuid>,
        coupon_code -> Nullable<Text>,
        payment_provider -> Text,
        tracking_token_hash -> Binary,
        prescription_status -> Nullable<Text>,
        expires_at -> Nullable<Timestamptz>,
        paid_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    order_lines (id) {
        id -> Uuid,
        order_id -> Uuid,
        position -> Int4,
        variant_id -> Nullable<Uuid>,
        product_id -> Nullable<Uuid>,
        sku -> Text,
        name -> Text,
        attributes -> Jsonb,
        unit_price_cents -> Int8,
        quantity -> Int4,
        line_total_cents -> Int8,
        requires_prescription -> Bool,
    }
}

diesel::table! {
    coupon_redemptions (order_id) {
        coupon_id -> Uuid,
        order_id -> Uuid,
        email -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    order_events (id) {
        id -> Int8,
        order_id -> Uuid,
        from_status -> Nullable<Text>,
        to_status -> Text,
        actor -> Text,
        actor_user_id -> Nullable<Uuid>,
        note -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    checkout_keys (key) {
        key -> Text,
        fingerprint -> Text,
        order_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    payment_settings (only_row) {
        only_row -> Bool,
        provider -> Text,
        api_key -> Nullable<Text>,
        webhook_secret -> Text,
        instructions -> Nullable<Text>,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    payment_events (id) {
        id -> Text,
        #[sql_name = "type"]
        kind -> Text,
        order_id -> Nullable<Uuid>,
        received_at -> Timestamptz,
    }
}

diesel::table! {
    payments (id) {
        id -> Uuid,
        order_id -> Uuid,
        provider -> Text,
        provider_ref -> Nullable<Text>,
        amount_cents -> Int8,
        currency -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    prescriptions (id) {
        id -> Uuid,
        order_id -> Uuid,
        content_type -> Text,
        size_bytes -> Int8,
        sha256 -> Text,
        storage_key -> Text,
        status -> Text,
        reviewed_by -> Nullable<Uuid>,
        reviewed_at -> Nullable<Timestamptz>,
        review_note -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(category_attributes -> categories (category_id));
diesel::joinable!(products -> categories (category_id));
diesel::joinable!(variants -> products (product_id));
diesel::joinable!(cart_items -> carts (cart_id));
diesel::joinable!(cart_items -> variants (variant_id));
diesel::joinable!(order_lines -> orders (order_id));
diesel::joinable!(order_events -> orders (order_id));
diesel::joinable!(payments -> orders (order_id));
diesel::joinable!(prescriptions -> orders (order_id));

diesel::allow_tables_to_appear_in_same_query!(
    categories,
    category_attributes,
    products,
    variants,
    carts,
    cart_items,
    coupons,
    order_counter,
    orders,
    order_lines,
    coupon_redemptions,
    order_events,
    checkout_keys,
    payment_settings,
    payment_events,
    payments,
    prescriptions,
);
