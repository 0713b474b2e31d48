-- The ceiling of GET /api/v1/services, as ceiling-customers.sql.
\set n random(1, :tenants)
BEGIN \; SELECT set_config('search_path', 't_t' || lpad(:n::text, 4, '0') || ', public', true) \; SELECT id, name, description, duration_minutes, price_cents, currency, buffer_before_minutes, buffer_after_minutes, category_id, metadata, active, created_at, updated_at FROM services WHERE deleted_at IS NULL AND active = true ORDER BY name, id \; COMMIT
