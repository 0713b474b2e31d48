DROP FUNCTION clinic_chart(uuid, bigint, bigint, bigint);
