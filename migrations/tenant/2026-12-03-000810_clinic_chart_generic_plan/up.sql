-- The chart's statement is planned once per connection and tenant and then
-- only executed. Left to itself PL/pgSQL plans it again for each of the
-- first five calls on a connection, to compare plans made for the values
-- given; a connection rotating over many tenants rarely calls one tenant's
-- function more than five times, so it planned at almost every call. The
-- plan does not depend on the values: one patient by its key, and limits.
ALTER FUNCTION clinic_chart(uuid, bigint, bigint, bigint) SET plan_cache_mode = force_generic_plan;
