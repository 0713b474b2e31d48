ALTER FUNCTION clinic_chart(uuid, bigint, bigint, bigint) RESET plan_cache_mode;
