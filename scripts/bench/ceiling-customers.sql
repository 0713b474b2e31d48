-- The ceiling of GET /api/v1/customers?limit=20: what the server sends to
-- PostgreSQL for it, a tenant transaction with the search_path of a tenant
-- drawn at random and the list's statement, in one round trip.
\set n random(1, :tenants)
BEGIN \; SELECT set_config('search_path', 't_t' || lpad(:n::text, 4, '0') || ', public', true) \; SELECT id, name, email, phone, tags, marketing_consent, consent_at, notes, created_at, updated_at, erased_at FROM customers WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 21 \; COMMIT
