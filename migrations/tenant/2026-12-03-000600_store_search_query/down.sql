DROP FUNCTION store_search_query(text);
