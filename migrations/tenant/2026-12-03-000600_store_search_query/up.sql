-- The shop's search words as one tsquery: folded like the indexed text for
-- the language-neutral part, and stemmed by the English, French and Arabic
-- dictionaries, any of them matching. Alternatives that come out the same
-- (most words stem alike in several languages) are kept once: a query
-- that repeats a term four times is estimated to match far more products
-- than it does, and the planner then reads the whole table instead of the
-- GIN index. Immutable, so a query with the words bound works it out
-- once, while planning; PL/pgSQL, so its own statements are planned once
-- per connection rather than at every call.
CREATE FUNCTION store_search_query(words text) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    alternatives tsquery[] := ARRAY[
        websearch_to_tsquery('simple', store_fold(words)),
        websearch_to_tsquery('english', words),
        websearch_to_tsquery('french', words),
        websearch_to_tsquery('arabic', store_fold(words))
    ];
    combined tsquery := alternatives[1];
    i integer;
BEGIN
    FOR i IN 2 .. array_length(alternatives, 1) LOOP
        IF NOT alternatives[i] = ANY (alternatives[1:i - 1]) THEN
            combined := combined || alternatives[i];
        END IF;
    END LOOP;
    RETURN combined;
END
$$;
