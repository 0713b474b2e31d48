-- Tenant schemas use it for the bookings exclusion constraint (uuid equality
-- inside a GiST index). Extensions are per database, so it lives in public.
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
