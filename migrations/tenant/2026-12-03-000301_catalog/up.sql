-- Two variants of one product with the same attribute values could not be
-- told apart by a customer (nor by a cart): at most one per combination.
-- A product whose category has no variant attributes has one variant, `{}`.
CREATE UNIQUE INDEX variants_product_attributes_idx ON variants (product_id, attributes);
