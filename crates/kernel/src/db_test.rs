//! Unit tests of db.rs against the test database: the tenant path never
//! outlives `with_tenant`, at the top level or nested in a transaction.

use diesel::prelude::*;

use super::*;

fn conn() -> PgConnection {
    let url = std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| {
        "postgres://postgres:postgres@127.0.0.1:5432/saas_test?sslmode=disable".into()
    });
    PgConnection::establish(&url).unwrap()
}

fn schema(name: &str) -> SchemaName {
    SchemaName::parse(name).unwrap()
}

#[test]
fn the_path_ends_with_the_transaction() {
    let mut conn = conn();
    let outside = search_path(&mut conn).unwrap();
    let inside = with_tenant::<_, diesel::result::Error, _>(&mut conn, &schema("t_alpha"), |c| {
        search_path(c)
    })
    .unwrap();
    assert_eq!(inside, "t_alpha, public");
    assert_eq!(search_path(&mut conn).unwrap(), outside);
}

#[test]
fn nested_in_a_transaction_the_path_is_put_back() {
    let mut conn = conn();
    conn.transaction::<_, diesel::result::Error, _>(|conn| {
        let outside = search_path(conn)?;
        let a = with_tenant(conn, &schema("t_alpha"), search_path)?;
        assert_eq!(search_path(conn)?, outside, "after tenant a");
        let b = with_tenant(conn, &schema("t_beta"), search_path)?;
        // set_config keeps the quotes SET LOCAL drops; the path is the same.
        let unquoted = |p: String| p.replace('"', "");
        assert_eq!(
            (unquoted(a).as_str(), unquoted(b).as_str()),
            ("t_alpha, public", "t_beta, public")
        );
        assert_eq!(search_path(conn)?, outside, "after tenant b");
        // A failing job: its savepoint is rolled back, path included, and
        // the transaction goes on.
        let failed = with_tenant::<(), diesel::result::Error, _>(conn, &schema("t_gamma"), |c| {
            diesel::sql_query("SELECT 1/0").execute(c)?;
            Ok(())
        });
        assert!(failed.is_err());
        assert_eq!(search_path(conn)?, outside, "after a failed job");
        Ok(())
    })
    .unwrap();
}

#[derive(QueryableByName)]
struct Backend {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pid: i32,
}

/// The backend that serves `schema` on the pool's one connection.
fn backend_serving(pool: &DbPool, name: &str) -> i32 {
    let mut conn = pool.get().unwrap();
    with_tenant::<_, diesel::result::Error, _>(&mut conn, &schema(name), |c| {
        diesel::sql_query("SELECT pg_backend_pid() AS pid").get_result::<Backend>(c)
    })
    .unwrap()
    .pid
}

fn test_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| {
        "postgres://postgres:postgres@127.0.0.1:5432/saas_test?sslmode=disable".into()
    })
}

#[test]
fn a_connection_over_its_budget_is_recycled_once_it_served_enough_new_tenants() {
    // Every backend is over a budget of no bytes: it goes at the first look.
    let recycling = Recycling {
        check_every: 2,
        max_backend_bytes: 0,
    };
    let pool = build_pool_recycling(&test_url(), 1, recycling).unwrap();
    let first = backend_serving(&pool, "t_alpha");
    // The same tenants again do not count twice.
    assert_eq!(backend_serving(&pool, "t_beta"), first);
    assert_eq!(backend_serving(&pool, "t_alpha"), first);
    assert_eq!(served_tenants(&mut pool.get().unwrap()), 2);
    // A third tenant is served, then the connection is closed on return.
    assert_eq!(backend_serving(&pool, "t_gamma"), first);
    let next = backend_serving(&pool, "t_alpha");
    assert_ne!(next, first, "a fresh backend after three distinct tenants");
    assert_eq!(served_tenants(&mut pool.get().unwrap()), 1);
}

#[test]
fn a_budget_given_in_mb_is_that_many_mebibytes_and_keeps_the_rest() {
    let recycling = RECYCLING.with_max_backend_mb(256);
    assert_eq!(recycling.max_backend_bytes, 256 * 1024 * 1024);
    assert_eq!(recycling.max_backend_mb(), 256);
    assert_eq!(recycling.check_every, RECYCLING.check_every);
}

#[test]
fn a_connection_within_its_budget_keeps_serving_new_tenants() {
    let recycling = Recycling {
        check_every: 2,
        max_backend_bytes: i64::MAX,
    };
    let pool = build_pool_recycling(&test_url(), 1, recycling).unwrap();
    let first = backend_serving(&pool, "t_alpha");
    for name in [
        "t_beta",
        "t_gamma",
        "t_delta",
        "t_epsilon",
        "t_zeta",
        "t_alpha",
    ] {
        assert_eq!(backend_serving(&pool, name), first, "{name}");
    }
    assert_eq!(served_tenants(&mut pool.get().unwrap()), 6);
}

#[test]
fn statements_are_tagged_with_the_tenant_the_thread_is_in() {
    let mut conn = conn();
    assert_eq!(statement_tag::current_tag(), None, "outside any tenant");
    conn.transaction::<_, diesel::result::Error, _>(|conn| {
        with_tenant::<_, diesel::result::Error, _>(conn, &schema("t_alpha"), |conn| {
            assert_eq!(
                statement_tag::current_tag(),
                Some("/* tenant t_alpha */ ".into())
            );
            with_tenant::<_, diesel::result::Error, _>(conn, &schema("t_beta"), |_| {
                assert_eq!(
                    statement_tag::current_tag(),
                    Some("/* tenant t_beta */ ".into())
                );
                Ok(())
            })?;
            assert_eq!(
                statement_tag::current_tag(),
                Some("/* tenant t_alpha */ ".into())
            );
            Ok(())
        })
    })
    .unwrap();
    assert_eq!(statement_tag::current_tag(), None, "after the tenant");
    let failed = with_tenant::<(), diesel::result::Error, _>(&mut conn, &schema("t_alpha"), |_| {
        Err(diesel::result::Error::RollbackTransaction)
    });
    assert!(failed.is_err());
    assert_eq!(statement_tag::current_tag(), None, "after a failure");
}
