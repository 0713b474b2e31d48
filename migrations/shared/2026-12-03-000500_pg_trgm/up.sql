-- Tenant schemas use it to find patients by a misspelt name (trigram
-- similarity on a GIN index). Extensions are per database, so it lives in
-- public.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
