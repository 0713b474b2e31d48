//! A connection keeps its prepared statements from one tenant to the next,
//! one per tenant: the customer list's text names its tenant, so it is
//! prepared once for each tenant the connection serves and then only
//! executed. A statement prepared under tenant A never runs for tenant B.

use diesel::prelude::*;
use diesel::sql_types::{Int4, Int8};
use kernel::db::{self, DbPool};
use kernel::values::SchemaName;

use crate::support::*;

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = Int8)]
    n: i64,
}

#[derive(QueryableByName)]
struct Pid {
    #[diesel(sql_type = Int4)]
    pid: i32,
}

/// The customer list's first page of `limit`, with no search, tag or cursor.
fn first_page(limit: i64) -> customers::listing::ListFilter {
    customers::listing::ListFilter {
        pattern: None,
        phone_pattern: None,
        tag: None,
        limit,
        after: None,
    }
}

/// What the one connection answers for `tenant`'s customer list, its
/// backend, and how many statements that backend holds prepared.
async fn list_on_the_connection(pool: &DbPool, tenant: &TestTenant) -> (Vec<String>, i32, i64) {
    let schema = SchemaName::parse(&tenant.schema).unwrap();
    db::tenant_tx(pool, &schema, |conn| {
        let page = customers::repo::list(conn, &first_page(50)).map_err(kernel::AppError::from)?;
        let pid = diesel::sql_query("SELECT pg_backend_pid() AS pid").get_result::<Pid>(conn)?;
        let prepared = diesel::sql_query(
            "SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE '%\"customers\"%'",
        )
        .get_result::<Count>(conn)?;
        Ok((
            page.items.into_iter().map(|c| c.name).collect(),
            pid.pid,
            prepared.n,
        ))
    })
    .await
    .unwrap()
}

/// One customer in each tenant: "Only In A" in `a`, "Only In B" in `b`.
async fn only_customers(pool: &DbPool, a: &TestTenant, b: &TestTenant) {
    for (tenant, name) in [(a, "Only In A"), (b, "Only In B")] {
        let schema = SchemaName::parse(&tenant.schema).unwrap();
        let name = name.to_string();
        db::tenant_tx(pool, &schema, move |conn| {
            diesel::sql_query("INSERT INTO customers (id, name) VALUES (gen_random_uuid(), $1)")
                .bind::<diesel::sql_types::Text, _>(name)
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn the_customer_list_is_prepared_once_per_tenant_and_reads_its_own_rows() {
    migrate_public();
    let (a, b) = (provision_tenant("prep-a"), provision_tenant("prep-b"));
    let pool = db::build_pool(&database_url(), 1).unwrap();
    only_customers(&pool, &a, &b).await;

    let (first, pid, prepared) = list_on_the_connection(&pool, &a).await;
    assert_eq!(first, ["Only In A"]);
    assert_eq!(prepared, 1, "the list is a prepared statement");
    // The same list, on the same backend, alternating tenants: one more
    // statement for B, then nothing new.
    for round in 0..3 {
        for (tenant, expected) in [(&b, "Only In B"), (&a, "Only In A")] {
            let (names, on, now_prepared) = list_on_the_connection(&pool, tenant).await;
            assert_eq!(names, [expected], "round {round}");
            assert_eq!(on, pid, "the pool changed connection");
            assert_eq!(now_prepared, 2, "round {round}: one list per tenant");
        }
    }
}

/// A shop with one product of its own, `name`.
async fn shop_with(pool: &DbPool, tenant: &TestTenant, name: &str) {
    let schema = SchemaName::parse(&tenant.schema).unwrap();
    let name = name.to_string();
    db::tenant_tx(pool, &schema, move |conn| {
        diesel::sql_query(
            "WITH c AS (INSERT INTO categories (id, name, path) \
                 SELECT id, 'All', ARRAY[id] FROM (SELECT gen_random_uuid() AS id) n RETURNING id) \
             INSERT INTO products (id, category_id, name, base_price_cents, currency) \
             SELECT gen_random_uuid(), c.id, $1, 1000, 'EUR' FROM c",
        )
        .bind::<diesel::sql_types::Text, _>(name)
        .execute(conn)?;
        Ok(())
    })
    .await
    .unwrap();
}

/// The product list on the one connection for `tenant`, and the listing
/// statements that backend holds prepared, by the tenant their text names.
async fn products_on_the_connection(
    pool: &DbPool,
    tenant: &TestTenant,
    query: &[(String, String)],
) -> (Vec<String>, Vec<String>) {
    let schema = SchemaName::parse(&tenant.schema).unwrap();
    let query = query.to_vec();
    db::tenant_tx(pool, &schema, move |conn| {
        let request = stores::catalog::ListRequest::from_pairs(&query, false)
            .map_err(kernel::AppError::from)?;
        let page =
            stores::catalog::list_products(conn, &request).map_err(kernel::AppError::from)?;
        #[derive(QueryableByName)]
        struct Prepared {
            #[diesel(sql_type = diesel::sql_types::Text)]
            statement: String,
        }
        let prepared = diesel::sql_query(
            "SELECT statement FROM pg_prepared_statements \
             WHERE statement LIKE '%products p %' ORDER BY statement",
        )
        .load::<Prepared>(conn)?;
        Ok((
            page.items.into_iter().map(|p| p.name).collect(),
            prepared.into_iter().map(|p| p.statement).collect(),
        ))
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn a_listing_prepared_for_one_tenant_is_never_run_for_another() {
    migrate_public();
    let (a, b) = (
        provision_tenant("prep-shop-a"),
        provision_tenant("prep-shop-b"),
    );
    let pool = db::build_pool(&database_url(), 1).unwrap();
    shop_with(&pool, &a, "Sold By A").await;
    shop_with(&pool, &b, "Sold By B").await;
    for round in 0..3 {
        for (tenant, expected) in [(&a, "Sold By A"), (&b, "Sold By B")] {
            let (names, prepared) = products_on_the_connection(&pool, tenant, &[]).await;
            assert_eq!(names, [expected], "round {round}");
            // One statement per tenant, each naming its own: B's list never
            // runs the statement planned under A's path.
            let expected_tags = if round == 0 && tenant.schema == a.schema {
                vec![format!("/* tenant {} */", a.schema)]
            } else {
                let mut both = vec![
                    format!("/* tenant {} */", a.schema),
                    format!("/* tenant {} */", b.schema),
                ];
                both.sort();
                both
            };
            let tags: Vec<String> = prepared
                .iter()
                .map(|s| s.split(" SELECT").next().unwrap_or_default().to_string())
                .collect();
            assert_eq!(tags, expected_tags, "round {round}: {prepared:?}");
        }
    }
    // A search is kept too, one statement for any words. From its sixth
    // run PostgreSQL runs its plan for any words, which finds what a plan
    // made for the words given finds.
    for (run, word) in [
        "sold", "unheard", "sold", "sold", "unheard", "sold", "sold", "sold",
    ]
    .into_iter()
    .enumerate()
    {
        let words = [("q".to_string(), word.to_string())];
        let (names, prepared) = products_on_the_connection(&pool, &a, &words).await;
        let expected: &[&str] = if word == "sold" { &["Sold By A"] } else { &[] };
        assert_eq!(names, expected, "run {run}: {word}");
        assert_eq!(prepared.len(), 3, "run {run}: {prepared:?}");
        let searches: Vec<&String> = prepared.iter().filter(|s| s.contains("@@")).collect();
        assert_eq!(searches.len(), 1, "{prepared:?}");
        assert!(searches[0].starts_with(&format!("/* tenant {} */", a.schema)));
    }
    let schema = SchemaName::parse(&a.schema).unwrap();
    let plans = db::tenant_tx(&pool, &schema, |conn| {
        plans_of(conn, "@@ w.q").map_err(kernel::AppError::from)
    })
    .await
    .unwrap();
    assert!(
        matches!(plans[..], [(generic, _)] if generic >= 1),
        "{plans:?}"
    );
}

/// What one tenant's transaction on the one connection reads through a
/// `Kept` statement and a `PerTenant` query, and the statements of that
/// backend whose text names a tenant, as `(tenant tag, count)`.
async fn kept_on_the_connection(
    pool: &DbPool,
    tenant: &TestTenant,
) -> (String, String, Vec<(String, i64)>) {
    use kernel::db::{Kept, PerTenant};
    use kernel::schema::tenant::customers;
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    #[derive(QueryableByName)]
    struct Tagged {
        #[diesel(sql_type = diesel::sql_types::Text)]
        tag: String,
        #[diesel(sql_type = Int8)]
        n: i64,
    }
    let schema = SchemaName::parse(&tenant.schema).unwrap();
    db::tenant_tx(pool, &schema, |conn| {
        let kept: Name = Kept::new("SELECT name FROM customers WHERE name LIKE $1")
            .bind::<diesel::sql_types::Text, _>("Only In %")
            .get_result(conn)?;
        let wrapped: String =
            PerTenant(customers::table.select(customers::name)).get_result(conn)?;
        let tags = diesel::sql_query(
            "SELECT substring(statement FROM '^/\\* tenant [a-z0-9_]+ \\*/') AS tag, count(*) AS n \
             FROM pg_prepared_statements WHERE statement LIKE '/* tenant %' \
             GROUP BY 1 ORDER BY 1",
        )
        .load::<Tagged>(conn)?;
        Ok((
            kept.name,
            wrapped,
            tags.into_iter().map(|t| (t.tag, t.n)).collect(),
        ))
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn kept_statements_and_wrapped_queries_are_prepared_once_per_tenant() {
    migrate_public();
    let (a, b) = (provision_tenant("kept-a"), provision_tenant("kept-b"));
    let pool = db::build_pool(&database_url(), 1).unwrap();
    only_customers(&pool, &a, &b).await;
    let tag = |t: &TestTenant| format!("/* tenant {} */", t.schema);
    for round in 0..3 {
        for (tenant, expected) in [(&a, "Only In A"), (&b, "Only In B")] {
            let (kept, wrapped, tags) = kept_on_the_connection(&pool, tenant).await;
            assert_eq!(kept, expected, "round {round}: the kept statement");
            assert_eq!(wrapped, expected, "round {round}: the wrapped query");
            // Two statements per tenant met so far, each naming its tenant:
            // B's reads never run a statement planned under A's path, and
            // a tenant met again prepares nothing new.
            let mut want = vec![(tag(&a), 2)];
            if round > 0 || tenant.schema == b.schema {
                want.push((tag(&b), 2));
            }
            want.sort();
            assert_eq!(tags, want, "round {round}");
        }
    }
}

/// The plans PostgreSQL made so far for each statement this backend holds
/// prepared whose text holds `like`: (generic, custom).
fn plans_of(conn: &mut PgConnection, like: &str) -> QueryResult<Vec<(i64, i64)>> {
    #[derive(QueryableByName)]
    struct Plans {
        #[diesel(sql_type = Int8)]
        generic_plans: i64,
        #[diesel(sql_type = Int8)]
        custom_plans: i64,
    }
    let rows = diesel::sql_query(
        "SELECT generic_plans, custom_plans FROM pg_prepared_statements \
         WHERE statement LIKE '/* tenant %' AND strpos(statement, $1) > 0",
    )
    .bind::<diesel::sql_types::Text, _>(like)
    .load::<Plans>(conn)?;
    Ok(rows
        .into_iter()
        .map(|p| (p.generic_plans, p.custom_plans))
        .collect())
}

/// The statements every audited request runs (the access row, and the
/// chart with its row) are planned for any values once a few runs have
/// shown such a plan to cost what one for the given values does, and from
/// then on only executed. Planned for ten patients (`= ANY($1)`), the
/// access row's insert was planned again at every request.
#[tokio::test]
async fn an_access_row_and_the_chart_settle_on_one_plan() {
    use clinics::audit::{self, Accessor};
    migrate_public();
    let tenant = provision_tenant("plans-once");
    let pool = db::build_pool(&database_url(), 1).unwrap();
    let schema = SchemaName::parse(&tenant.schema).unwrap();
    let who = Accessor {
        id: uuid::Uuid::new_v4(),
        role: "staff".into(),
        ip: Some("192.0.2.7".into()),
        request_id: Some("plans-once".into()),
    };
    let patient = uuid::Uuid::new_v4();
    let (rows, record_plans, chart_plans) = db::tenant_tx(&pool, &schema, move |conn| {
        diesel::sql_query("INSERT INTO patients (id, name) VALUES ($1, 'Plan Once')")
            .bind::<diesel::sql_types::Uuid, _>(patient)
            .execute(conn)?;
        // A practice's worth of patients, counted: the planner weighs its
        // plans by the table's statistics.
        diesel::sql_query(
            "INSERT INTO patients (id, name) \
             SELECT gen_random_uuid(), 'Patient ' || n FROM generate_series(1, 2000) n",
        )
        .execute(conn)?;
        diesel::sql_query("ANALYZE patients").execute(conn)?;
        for _ in 0..8 {
            assert!(audit::record(conn, &who, "read_patient", patient, true)?);
            clinics::chart::read(conn, patient, &who, "read_chart")?;
        }
        let rows = diesel::sql_query("SELECT count(*) AS n FROM patient_access_log")
            .get_result::<Count>(conn)?;
        Ok((
            rows.n,
            plans_of(conn, "INSERT INTO \"patient_access_log\"")?,
            plans_of(conn, "'sessions_attended'")?,
        ))
    })
    .await
    .unwrap();
    assert_eq!(rows, 16, "one row per read");
    for (what, plans) in [("access row", record_plans), ("chart", chart_plans)] {
        assert_eq!(plans.len(), 1, "{what}: one statement prepared");
        let (generic, custom) = plans[0];
        assert!(
            generic >= 1,
            "{what}: {generic} generic, {custom} custom plans"
        );
        assert!(
            custom <= 5,
            "{what}: {generic} generic, {custom} custom plans"
        );
    }
}

/// The customers' first page and the bookable services bind no value, so
/// PostgreSQL plans each once, at its first run, instead of at each of its
/// first five runs on a connection, which over thousands of tenants is
/// most of a tenant's runs.
#[tokio::test]
async fn the_first_page_of_customers_and_the_services_are_planned_at_their_first_run() {
    migrate_public();
    let tenant = provision_tenant("plans-first");
    let pool = db::build_pool(&database_url(), 1).unwrap();
    let schema = SchemaName::parse(&tenant.schema).unwrap();
    let (customers, services) = db::tenant_tx(&pool, &schema, |conn| {
        let filter = first_page(20);
        for _ in 0..3 {
            customers::repo::list(conn, &filter).map_err(kernel::AppError::from)?;
            bookings::services::list(conn, bookings::services::Listing::Bookable)
                .map_err(kernel::AppError::from)?;
        }
        Ok((
            plans_of(conn, "FROM \"customers\"")?,
            plans_of(conn, "FROM \"services\"")?,
        ))
    })
    .await
    .unwrap();
    assert_eq!(customers, [(3, 0)], "customers: (generic, custom) plans");
    assert_eq!(services, [(3, 0)], "services: (generic, custom) plans");
}
