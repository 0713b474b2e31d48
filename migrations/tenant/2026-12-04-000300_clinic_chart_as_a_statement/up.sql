-- The chart is now a statement the server keeps prepared per connection
-- and tenant (crates/clinics/src/chart/chart.sql). As a function in every
-- tenant's schema it cost each connection that called it every tenant's
-- copy: PostgreSQL looks a function's name up in all schemas at once and
-- caches all it finds with their source (8 MB and 34 ms at the first call
-- at 3,300 tenants; 24 MB and 44 ms at 8,500), again after any function
-- is created, so after every new tenant.
DROP FUNCTION clinic_chart(uuid, bigint, bigint, bigint);
