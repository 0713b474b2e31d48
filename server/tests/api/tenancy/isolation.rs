//! Tenant isolation: no request sees another tenant's rows, however requests
//! interleave over a small shared pool, and no connection carries one
//! tenant's search_path into the next use after a failure or a panic.

use diesel::prelude::*;
use diesel::sql_types::{Int4, Int8, Text};
use kernel::db::{self, DbPool};
use kernel::values::SchemaName;
use kernel::AppError;
use serde_json::{json, Value};

use crate::support::*;

#[derive(QueryableByName)]
struct NameRow {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Setting {
    #[diesel(sql_type = Text)]
    value: String,
}

#[derive(QueryableByName)]
struct Pid {
    #[diesel(sql_type = Int4)]
    pid: i32,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = Int8)]
    n: i64,
}

/// Every row of a tenant's table, read straight from its schema.
fn names_in_schema(schema: &str) -> Vec<String> {
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    diesel::sql_query(format!("SELECT name FROM \"{schema}\".customers"))
        .load::<NameRow>(&mut conn)
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect()
}

/// The name every row of one tenant carries, unique to that tenant.
fn marker(tenant: &TestTenant) -> String {
    tenant.slug.clone()
}

/// One client's work on one tenant: write a customer, then read it back, by
/// id, in a search and in a plain list. Returns every response body.
async fn write_then_read(
    client: reqwest::Client,
    base: String,
    host: String,
    token: String,
    marker: String,
    i: usize,
) -> Vec<(String, u16, String)> {
    let mut seen = Vec::new();
    let res = client
        .post(format!("{base}/api/v1/customers"))
        .header("host", &host)
        .bearer_auth(&token)
        .json(&json!({
            "name": format!("{marker} #{i}"),
            "email": format!("c{i}@{marker}.example.com"),
            "tags": [marker],
        }))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let body = res.text().await.unwrap();
    let id = serde_json::from_str::<Value>(&body).unwrap()["id"]
        .as_str()
        .map(str::to_string);
    seen.push(("create".into(), status, body));
    let mut reads = vec![
        ("list".to_string(), "/api/v1/customers?limit=50".to_string()),
        ("search".to_string(), "/api/v1/customers?q=iso-".to_string()),
    ];
    if let Some(id) = id {
        reads.push(("get".into(), format!("/api/v1/customers/{id}")));
    }
    for (what, path) in reads {
        let res = client
            .get(format!("{base}{path}"))
            .header("host", &host)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        seen.push((what, status, res.text().await.unwrap()));
    }
    seen
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_never_see_another_tenants_rows() {
    const PER_TENANT: usize = 100;
    let app = spawn_app_with(|s| s.database_pool_size = 3).await;
    let tenants: Vec<TestTenant> = (0..3).map(|_| provision_tenant("iso")).collect();
    let tokens: Vec<String> = tenants.iter().map(|t| app.owner_token(t)).collect();

    // Interleave tenants so neighbouring requests are for different schemas.
    let mut tasks = Vec::new();
    for i in 0..PER_TENANT {
        for (t, tenant) in tenants.iter().enumerate() {
            tasks.push(tokio::spawn(write_then_read(
                app.client.clone(),
                app.address.clone(),
                tenant.host.clone(),
                tokens[t].clone(),
                marker(tenant),
                i,
            )));
        }
    }
    let results = futures_util::future::join_all(tasks).await;

    for (n, result) in results.into_iter().enumerate() {
        let own = &tenants[n % tenants.len()];
        for (what, status, body) in result.unwrap() {
            let expected = if what == "create" { 201 } else { 200 };
            assert_eq!(status, expected, "{what} on {}: {body}", own.slug);
            for other in tenants.iter().filter(|t| t.slug != own.slug) {
                assert!(
                    !body.contains(&other.slug),
                    "{what} on {} saw a row of {}: {:.400}",
                    own.slug,
                    other.slug,
                    body
                );
            }
            if what != "create" {
                assert!(
                    body.contains(&marker(own)),
                    "{what} lost its own row: {body:.400}"
                );
            }
        }
    }

    for tenant in &tenants {
        let names = names_in_schema(&tenant.schema);
        assert_eq!(names.len(), PER_TENANT, "rows in {}", tenant.schema);
        let prefix = format!("{} #", marker(tenant));
        assert!(
            names.iter().all(|n| n.starts_with(&prefix)),
            "{} holds a foreign row: {names:?}",
            tenant.schema
        );
    }
}

fn schema_of(tenant: &TestTenant) -> SchemaName {
    SchemaName::parse(&tenant.schema).unwrap()
}

async fn backend_pid(pool: &DbPool) -> i32 {
    db::run(pool, |conn| {
        Ok(diesel::sql_query("SELECT pg_backend_pid() AS pid").get_result::<Pid>(conn)?)
    })
    .await
    .unwrap()
    .pid
}

async fn session_search_path(pool: &DbPool) -> String {
    db::run(pool, |conn| {
        Ok(
            diesel::sql_query("SELECT current_setting('search_path') AS value")
                .get_result::<Setting>(conn)?,
        )
    })
    .await
    .unwrap()
    .value
}

/// Reading the unqualified table outside any tenant transaction must fail:
/// the public schema has no customers table.
async fn unqualified_customers_from_public(pool: &DbPool) -> Result<i64, AppError> {
    db::run(pool, |conn| {
        Ok(diesel::sql_query("SELECT count(*) AS n FROM customers")
            .get_result::<Count>(conn)?
            .n)
    })
    .await
}

async fn tenant_names(pool: &DbPool, tenant: &TestTenant) -> Vec<String> {
    db::tenant_tx(pool, &schema_of(tenant), |conn| {
        Ok(diesel::sql_query("SELECT name FROM customers")
            .load::<NameRow>(conn)?
            .into_iter()
            .map(|r| r.name)
            .collect())
    })
    .await
    .unwrap()
}

async fn insert_customer(pool: &DbPool, tenant: &TestTenant, name: &str) {
    let name = name.to_string();
    db::tenant_tx(pool, &schema_of(tenant), move |conn| {
        diesel::sql_query("INSERT INTO customers (id, name) VALUES (gen_random_uuid(), $1)")
            .bind::<Text, _>(name)
            .execute(conn)?;
        Ok(())
    })
    .await
    .unwrap();
}

/// After tenant A's transaction went wrong on the only connection, the next
/// user of that connection must be back on the default path.
async fn assert_connection_is_clean(pool: &DbPool, default_path: &str, a: &TestTenant) {
    let path = session_search_path(pool).await;
    assert_eq!(path, default_path);
    assert!(!path.contains(&a.schema));
    let err = unqualified_customers_from_public(pool)
        .await
        .expect_err("unqualified customers resolved outside a tenant transaction");
    assert!(
        err.internal
            .as_deref()
            .unwrap_or("")
            .contains("does not exist"),
        "{err}"
    );
}

#[tokio::test]
async fn failing_or_panicking_tenant_work_leaves_no_search_path_behind() {
    migrate_public();
    let (a, b) = (provision_tenant("leak-a"), provision_tenant("leak-b"));
    let pool = db::build_pool(&database_url(), 1).unwrap();
    let default_path = session_search_path(&pool).await;
    insert_customer(&pool, &a, "a-row").await;
    insert_customer(&pool, &b, "b-row").await;

    // An error inside the transaction: the same connection is reused.
    let pid = backend_pid(&pool).await;
    let failed = db::tenant_tx(&pool, &schema_of(&a), |conn| {
        diesel::sql_query("INSERT INTO customers (id, name) VALUES (gen_random_uuid(), 'a-lost')")
            .execute(conn)?;
        diesel::sql_query("SELECT no_such_column FROM customers").execute(conn)?;
        Ok(())
    })
    .await;
    assert!(failed.is_err());
    assert_eq!(backend_pid(&pool).await, pid, "the pool changed connection");
    assert_connection_is_clean(&pool, &default_path, &a).await;
    assert_eq!(tenant_names(&pool, &b).await, ["b-row"]);

    // A closure that swallows an error and returns Ok: PostgreSQL turns the
    // COMMIT into a rollback, so nothing it wrote stays, and no path either.
    let _ = db::tenant_tx(&pool, &schema_of(&a), |conn| {
        diesel::sql_query(
            "INSERT INTO customers (id, name) VALUES (gen_random_uuid(), 'a-swallowed')",
        )
        .execute(conn)?;
        let _ = diesel::sql_query("SELECT 1/0").execute(conn);
        Ok(())
    })
    .await;
    assert_connection_is_clean(&pool, &default_path, &a).await;

    // A panic inside the transaction.
    let panicked = db::tenant_tx(&pool, &schema_of(&a), |conn| -> Result<(), AppError> {
        diesel::sql_query("INSERT INTO customers (id, name) VALUES (gen_random_uuid(), 'a-lost')")
            .execute(conn)?;
        panic!("handler bug while bound to tenant A");
    })
    .await;
    assert!(panicked.is_err());
    assert_connection_is_clean(&pool, &default_path, &a).await;
    assert_eq!(tenant_names(&pool, &b).await, ["b-row"]);
    assert_eq!(
        tenant_names(&pool, &a).await,
        ["a-row"],
        "a failed write stayed"
    );

    // Control: a session-level SET, the leak SET LOCAL prevents, is caught by
    // the same check, so the assertions above can fail.
    let quoted = schema_of(&a).quoted();
    db::run(&pool, move |conn| {
        diesel::sql_query(format!("SET search_path TO {quoted}, public")).execute(conn)?;
        Ok(())
    })
    .await
    .unwrap();
    assert_ne!(session_search_path(&pool).await, default_path);
    assert_eq!(
        unqualified_customers_from_public(&pool).await.unwrap(),
        1,
        "the control did not leak"
    );
}

#[tokio::test]
async fn failed_request_does_not_leak_its_tenant_into_the_next_request() {
    let app = spawn_app_with(|s| s.database_pool_size = 1).await;
    let (a, b) = (provision_tenant("leak-a"), provision_tenant("leak-b"));
    let (token_a, token_b) = (app.owner_token(&a), app.owner_token(&b));
    let pool = app.app_state.pool.clone();
    let default_path = session_search_path(&pool).await;

    let create = |tenant: &TestTenant, token: &str, name: &str, email: &str| {
        app.post(&tenant.host, "/api/v1/customers")
            .bearer_auth(token)
            .json(&json!({"name": name, "email": email}))
            .send()
    };
    assert_eq!(
        create(&a, &token_a, "A one", "dup@example.com")
            .await
            .unwrap()
            .status(),
        201
    );
    assert_eq!(
        create(&b, &token_b, "B one", "b@example.com")
            .await
            .unwrap()
            .status(),
        201
    );

    // The INSERT runs and fails inside A's transaction.
    let pid = backend_pid(&pool).await;
    let (status, body) = json_of(
        create(&a, &token_a, "A two", "dup@example.com")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "customer_email_taken");
    assert_eq!(backend_pid(&pool).await, pid, "the pool changed connection");
    assert_connection_is_clean(&pool, &default_path, &a).await;

    // The platform host: no tenant, no customers.
    let (status, body) = json_of(
        app.get(BASE_DOMAIN, "/api/v1/customers")
            .bearer_auth(&token_a)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["code"], "tenant_not_found");
    let res = app.get(BASE_DOMAIN, "/readyz").send().await.unwrap();
    assert_eq!(res.status(), 200);

    let (status, page) = json_of(
        app.get(&b.host, "/api/v1/customers")
            .bearer_auth(&token_b)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    let names: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["B one"]);
    assert_eq!(names_in_schema(&a.schema), ["A one"]);
}
