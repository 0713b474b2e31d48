-- Patients whose name is like the words typed, most alike first: the
-- search a receptionist runs with a misspelt name at every phone call.
--
-- As a plain statement it was planned again at every request: a connection
-- serves many tenants, and PostgreSQL plans a statement again whenever the
-- search_path differs from the one it was planned under. This function
-- lives in each tenant's schema, so PL/pgSQL keeps its plan per connection
-- and tenant. The plan is the generic one from the first call on (the
-- trigram index answers `%` whatever the words), so later calls on that
-- connection only execute it.
--
-- Filters as the patient list has them: archived or not, a group,
-- favourites only; after the cursor (score below, or equal with a greater
-- id). Columns as the patients table names them, plus the score.
CREATE FUNCTION clinic_patient_search(
    p_words text,
    p_archived boolean,
    p_group text,
    p_favourite_only boolean,
    p_after_score real,
    p_after_id uuid,
    p_limit bigint
)
RETURNS TABLE (
    id uuid, code text, name text, date_of_birth date, sex text, phone text,
    email text, group_name text, favourite boolean, archived_at timestamptz,
    updated_at timestamptz, score real
)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    SELECT p.id, p.code, p.name, p.date_of_birth, p.sex, p.phone, p.email,
           p.group_name, p.favourite, p.archived_at, p.updated_at,
           similarity(lower(p.name), p_words) AS score
    FROM patients p
    WHERE lower(p.name) % p_words
      AND (p.archived_at IS NOT NULL) = p_archived
      AND (p_group IS NULL OR p.group_name = p_group)
      AND (NOT p_favourite_only OR p.favourite)
      AND (p_after_score IS NULL
           OR similarity(lower(p.name), p_words) < p_after_score
           OR (similarity(lower(p.name), p_words) = p_after_score AND p.id > p_after_id))
    ORDER BY similarity(lower(p.name), p_words) DESC, p.id
    LIMIT p_limit;
END
$$;
