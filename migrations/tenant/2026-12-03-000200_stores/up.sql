-- A shop: a category tree with attributes, products with variants and stock,
-- carts, coupons, orders with their history, payments and prescriptions.
-- Runs with search_path set to the tenant's schema: names stay unqualified.

-- Words of Persian and Arabic text are written with two sets of letters for
-- yeh and kaf (and Persian or Arabic-Indic digits); both the indexed text
-- and the searched words go through this, so either spelling finds the other.
CREATE FUNCTION store_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
    translate(lower(coalesce(t, '')), 'يكىة۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩', 'یکیه01234567890123456789');

-- The tree: `path` is the ids from the root down to the category itself, so
-- a subtree is one indexed `path @> ARRAY[id]` and a move rewrites the paths
-- under the moved category in one statement.
CREATE TABLE categories (
    id            uuid PRIMARY KEY,
    parent_id     uuid REFERENCES categories (id) ON DELETE RESTRICT,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    -- {"fa": "...", "ar": "...", "fr": "..."}
    translations  jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
    path          uuid[] NOT NULL CHECK (path[array_length(path, 1)] = id),
    position      integer NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX categories_path_idx ON categories USING gin (path);
CREATE INDEX categories_parent_idx ON categories (parent_id, position, name);
CREATE UNIQUE INDEX categories_sibling_name_idx
    ON categories (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));

-- Attributes a category's products describe themselves with; subcategories
-- inherit them. `variant` attributes (colour, size) tell variants apart.
CREATE TABLE category_attributes (
    id            uuid PRIMARY KEY,
    category_id   uuid NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    code          text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    translations  jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
    kind          text NOT NULL CHECK (kind IN ('color', 'size', 'text', 'number')),
    required      boolean NOT NULL DEFAULT false,
    variant       boolean NOT NULL DEFAULT false,
    -- Allowed values, in order: [{"value": "red", "hex": "#ff0000"}, {"value": "M"}].
    -- Empty: any value of the kind.
    options       jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(options) = 'array'),
    position      integer NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (category_id, code)
);

CREATE TABLE products (
    id                     uuid PRIMARY KEY,
    category_id            uuid NOT NULL REFERENCES categories (id) ON DELETE RESTRICT,
    name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- {"fa": {"name": "...", "description": "..."}, ...}
    translations           jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
    description            text CHECK (length(description) <= 20000),
    base_price_cents       bigint NOT NULL CHECK (base_price_cents >= 0),
    currency               text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    images                 text[] NOT NULL DEFAULT '{}',
    videos                 text[] NOT NULL DEFAULT '{}',
    -- Values of the category's attributes that are not variant attributes.
    attributes             jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    active                 boolean NOT NULL DEFAULT true,
    featured               boolean NOT NULL DEFAULT false,
    requires_prescription  boolean NOT NULL DEFAULT false,
    view_count             bigint NOT NULL DEFAULT 0,
    -- Units sold by paid orders: "popularity".
    sold_count             bigint NOT NULL DEFAULT 0,
    -- Kept by the variants' trigger, so listings filter and sort on the
    -- product row alone: the cheapest active variant's price (the base
    -- price when there is none) and whether any active variant has stock.
    min_price_cents        bigint NOT NULL DEFAULT 0,
    in_stock               boolean NOT NULL DEFAULT false,
    search                 tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', store_fold(name)), 'A') ||
        setweight(to_tsvector('simple', store_fold(
            coalesce(translations->'fa'->>'name', '') || ' ' || coalesce(translations->'ar'->>'name', '') || ' ' || coalesce(translations->'fr'->>'name', '') || ' ' || coalesce(translations->'en'->>'name', ''))), 'A') ||
        setweight(to_tsvector('english', coalesce(name, '')), 'B') ||
        setweight(to_tsvector('french', coalesce(translations->'fr'->>'name', '')), 'B') ||
        setweight(to_tsvector('arabic', store_fold(translations->'ar'->>'name')), 'B') ||
        setweight(to_tsvector('simple', store_fold(
            coalesce(description, '') || ' ' || coalesce(translations->'fa'->>'description', '') || ' ' || coalesce(translations->'ar'->>'description', '') || ' ' || coalesce(translations->'fr'->>'description', '') || ' ' || coalesce(translations->'en'->>'description', ''))), 'C') ||
        setweight(to_tsvector('english', coalesce(description, '')), 'D') ||
        setweight(to_tsvector('french', coalesce(translations->'fr'->>'description', '')), 'D') ||
        setweight(to_tsvector('arabic', store_fold(translations->'ar'->>'description')), 'D')
    ) STORED,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_category_idx ON products (category_id, created_at DESC, id DESC) WHERE active;
CREATE INDEX products_newest_idx ON products (created_at DESC, id DESC) WHERE active;
CREATE INDEX products_price_idx ON products (min_price_cents, id) WHERE active;
CREATE INDEX products_popular_idx ON products (sold_count DESC, id DESC) WHERE active;
CREATE INDEX products_search_idx ON products USING gin (search);
CREATE INDEX products_attributes_idx ON products USING gin (attributes jsonb_path_ops);

CREATE TABLE variants (
    id             uuid PRIMARY KEY,
    product_id     uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    sku            text NOT NULL UNIQUE CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$'),
    -- NULL: the product's base price.
    price_cents    bigint CHECK (price_cents >= 0),
    -- Units on hand and not held by an unpaid order. Never negative, whatever
    -- the code does.
    stock          integer NOT NULL CHECK (stock >= 0),
    -- {"color": "red", "size": "M"}: values of the variant attributes.
    attributes     jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    active         boolean NOT NULL DEFAULT true,
    position       integer NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX variants_product_idx ON variants (product_id, position, created_at);
CREATE INDEX variants_attributes_idx ON variants USING gin (attributes jsonb_path_ops);

-- products.min_price_cents and in_stock follow the variants. The update only
-- touches the product row when a figure changes, so checkouts that take
-- stock from a variant with plenty left never queue on the product's row.
CREATE FUNCTION store_product_summary(pid uuid) RETURNS void
LANGUAGE sql AS $$
    UPDATE products p
    SET min_price_cents = s.min_price, in_stock = s.in_stock
    FROM (
        SELECT coalesce(min(coalesce(v.price_cents, p2.base_price_cents)) FILTER (WHERE v.active),
                        p2.base_price_cents) AS min_price,
               coalesce(bool_or(v.active AND v.stock > 0), false) AS in_stock
        FROM products p2 LEFT JOIN variants v ON v.product_id = p2.id
        WHERE p2.id = pid
        GROUP BY p2.id, p2.base_price_cents
    ) s
    WHERE p.id = pid
      AND (p.min_price_cents, p.in_stock) IS DISTINCT FROM (s.min_price, s.in_stock);
$$;

CREATE FUNCTION store_variants_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM store_product_summary(OLD.product_id);
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.product_id <> NEW.product_id THEN
        PERFORM store_product_summary(OLD.product_id);
    END IF;
    -- A change of stock that keeps the variant on the same side of zero
    -- cannot change the product's summary.
    IF TG_OP = 'UPDATE' AND OLD.product_id = NEW.product_id
       AND OLD.price_cents IS NOT DISTINCT FROM NEW.price_cents
       AND OLD.active = NEW.active
       AND (OLD.stock > 0) = (NEW.stock > 0) THEN
        RETURN NEW;
    END IF;
    PERFORM store_product_summary(NEW.product_id);
    RETURN NEW;
END $$;
CREATE TRIGGER variants_summary AFTER INSERT OR UPDATE OR DELETE ON variants
    FOR EACH ROW EXECUTE FUNCTION store_variants_changed();

CREATE FUNCTION store_products_price_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM store_product_summary(NEW.id);
    RETURN NEW;
END $$;
CREATE TRIGGER products_summary AFTER INSERT OR UPDATE OF base_price_cents ON products
    FOR EACH ROW EXECUTE FUNCTION store_products_price_changed();

-- A guest cart is opened with its secret token (stored as SHA-256); a
-- signed-in customer's cart also carries the customer. A customer has at
-- most one open cart.
CREATE TABLE carts (
    id            uuid PRIMARY KEY,
    token_hash    bytea NOT NULL UNIQUE,
    customer_id   uuid REFERENCES customers (id) ON DELETE CASCADE,
    status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'checked_out')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX carts_customer_open_idx ON carts (customer_id) WHERE status = 'open';

CREATE TABLE cart_items (
    cart_id      uuid NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
    variant_id   uuid NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
    quantity     integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    added_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cart_id, variant_id)
);

CREATE TABLE coupons (
    id                   uuid PRIMARY KEY,
    -- Stored upper-case; customers type it in any case.
    code                 text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{1,39}$'),
    percent_off          integer CHECK (percent_off BETWEEN 1 AND 100),
    amount_off_cents     bigint CHECK (amount_off_cents > 0),
    min_subtotal_cents   bigint CHECK (min_subtotal_cents >= 0),
    starts_at            timestamptz,
    ends_at              timestamptz,
    usage_limit          integer CHECK (usage_limit > 0),
    per_customer_limit   integer CHECK (per_customer_limit > 0),
    -- Orders holding a use (paid or waiting for payment). The limit holds
    -- in the database too.
    used_count           integer NOT NULL DEFAULT 0 CHECK (used_count >= 0),
    active               boolean NOT NULL DEFAULT true,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK ((percent_off IS NULL) <> (amount_off_cents IS NULL)),
    CHECK (usage_limit IS NULL OR used_count <= usage_limit),
    CHECK (starts_at IS NULL OR ends_at IS NULL OR starts_at < ends_at)
);

-- Order numbers without gaps: one counter row, taken in the checkout's
-- transaction (a rolled-back checkout gives its number back).
CREATE TABLE order_counter (
    only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    last_number bigint NOT NULL DEFAULT 0
);
INSERT INTO order_counter DEFAULT VALUES;

CREATE TABLE orders (
    id                    uuid PRIMARY KEY,
    number                bigint NOT NULL UNIQUE CHECK (number > 0),
    customer_id           uuid REFERENCES customers (id) ON DELETE SET NULL,
    cart_id               uuid REFERENCES carts (id) ON DELETE SET NULL,
    status                text NOT NULL CHECK (status IN ('pending_payment', 'paid', 'processing',
                              'shipped', 'delivered', 'cancelled', 'refunded')),
    email                 text NOT NULL CHECK (email = lower(email)),
    name                  text NOT NULL,
    phone                 text,
    shipping_address      jsonb NOT NULL CHECK (jsonb_typeof(shipping_address) = 'object'),
    currency              text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    subtotal_cents        bigint NOT NULL CHECK (subtotal_cents >= 0),
    discount_cents        bigint NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
    total_cents           bigint NOT NULL CHECK (total_cents >= 0),
    coupon_id             uuid REFERENCES coupons (id) ON DELETE SET NULL,
    coupon_code           text,
    payment_provider      text NOT NULL CHECK (payment_provider IN ('manual', 'stripe')),
    -- Who holds the tracking link (SHA-256 of its token).
    tracking_token_hash   bytea NOT NULL UNIQUE,
    -- NULL when no line needs one.
    prescription_status   text CHECK (prescription_status IN ('awaiting_upload', 'pending_review',
                              'approved', 'rejected')),
    -- An unpaid order gives its stock back after this.
    expires_at            timestamptz,
    paid_at               timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CHECK (total_cents = subtotal_cents - discount_cents)
);
CREATE INDEX orders_page_idx ON orders (created_at DESC, id DESC);
CREATE INDEX orders_status_idx ON orders (status, created_at DESC);
CREATE INDEX orders_customer_idx ON orders (customer_id, created_at DESC);
CREATE INDEX orders_expiry_idx ON orders (expires_at) WHERE status = 'pending_payment';

-- Snapshots: what was bought at what price, whatever becomes of the product.
CREATE TABLE order_lines (
    id                     uuid PRIMARY KEY,
    order_id               uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position               integer NOT NULL,
    variant_id             uuid REFERENCES variants (id) ON DELETE SET NULL,
    product_id             uuid REFERENCES products (id) ON DELETE SET NULL,
    sku                    text NOT NULL,
    name                   text NOT NULL,
    attributes             jsonb NOT NULL DEFAULT '{}',
    unit_price_cents       bigint NOT NULL CHECK (unit_price_cents >= 0),
    quantity               integer NOT NULL CHECK (quantity > 0),
    line_total_cents       bigint NOT NULL CHECK (line_total_cents = unit_price_cents * quantity),
    requires_prescription  boolean NOT NULL DEFAULT false,
    UNIQUE (order_id, position)
);
CREATE INDEX order_lines_variant_idx ON order_lines (variant_id);

CREATE TABLE coupon_redemptions (
    coupon_id    uuid NOT NULL REFERENCES coupons (id) ON DELETE CASCADE,
    order_id     uuid PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
    -- Per-customer limits count by the address the order was placed with.
    email        text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coupon_redemptions_email_idx ON coupon_redemptions (coupon_id, email);

-- Every status an order went through, who moved it and why.
CREATE TABLE order_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id      uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    from_status   text,
    to_status     text NOT NULL,
    -- 'customer', 'staff', 'system' (expiry), 'provider' (a payment event).
    actor         text NOT NULL,
    -- A platform user's id when staff moved it (plain uuid, no foreign key).
    actor_user_id uuid,
    note          text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_events_order_idx ON order_events (order_id, id);

-- Live tracking: each status change is announced at commit, to whichever
-- server holds the order's open event stream.
CREATE FUNCTION store_order_status_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('store_order_events',
        json_build_object('schema', current_schema(), 'order_id', NEW.order_id, 'event_id', NEW.id)::text);
    RETURN NEW;
END $$;
CREATE TRIGGER order_events_notify AFTER INSERT ON order_events
    FOR EACH ROW EXECUTE FUNCTION store_order_status_notify();

-- A retried checkout with the same Idempotency-Key gets the first order.
CREATE TABLE checkout_keys (
    key          text PRIMARY KEY,
    fingerprint  text NOT NULL,
    order_id     uuid REFERENCES orders (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- The shop's payment provider. One row; absent means `manual`.
CREATE TABLE payment_settings (
    only_row        boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    provider        text NOT NULL CHECK (provider IN ('manual', 'stripe')),
    -- The provider account's secret key (for creating payment intents).
    api_key         text,
    -- Verifies the provider's webhook signatures; answered once, when set.
    webhook_secret  text NOT NULL,
    -- What the customer reads for cash on delivery or a bank transfer.
    instructions    text CHECK (length(instructions) <= 2000),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Each provider event applied once, by its id.
CREATE TABLE payment_events (
    id           text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
    type         text NOT NULL,
    order_id     uuid,
    received_at  timestamptz NOT NULL DEFAULT now()
);

-- At most one payment per order.
CREATE TABLE payments (
    id             uuid PRIMARY KEY,
    order_id       uuid NOT NULL UNIQUE REFERENCES orders (id) ON DELETE CASCADE,
    provider       text NOT NULL,
    provider_ref   text,
    amount_cents   bigint NOT NULL CHECK (amount_cents >= 0),
    currency       text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Prescriptions uploaded for an order, stored under the tenant's storage.
CREATE TABLE prescriptions (
    id            uuid PRIMARY KEY,
    order_id      uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    content_type  text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes    bigint NOT NULL CHECK (size_bytes > 0),
    sha256        text NOT NULL,
    storage_key   text NOT NULL,
    status        text NOT NULL DEFAULT 'pending_review'
                      CHECK (status IN ('pending_review', 'approved', 'rejected')),
    reviewed_by   uuid,
    reviewed_at   timestamptz,
    review_note   text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prescriptions_order_idx ON prescriptions (order_id, created_at DESC);
