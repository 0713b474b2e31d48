DROP TABLE prescriptions, payments, payment_events, payment_settings, checkout_keys,
    order_events, coupon_redemptions, order_lines, orders, order_counter, coupons, cart_items, carts,
    variants, products, category_attributes, categories;
DROP FUNCTION store_order_status_notify(), store_products_price_changed(), store_variants_changed(),
    store_product_summary(uuid), store_fold(text);
