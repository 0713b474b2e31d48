//! A connection keeps its prepared statements from one tenant to the next:
//! the customer list is prepared once and then executed for whichever
//! tenant the connection serves. PostgreSQL resolves its tables again when
//! the search_path differs from the one it was planned under, so a
//! statement prepared under tenant A must read tenant B's rows under B.

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

/// What the one connection answers for `tenant`'s customer list, its
/// backend, and how many statements that backend holds prepared.
async fn list_on_the_connection(pool: &DbPool, tenant: &TestTenant) -> (Vec<String>, i32, i64) {
    let schema = SchemaName::parse(&tenant.schema).unwrap();
    db::tenant_tx(pool, &schema, |conn| {
        let filter = customers::listing::ListFilter {
            pattern: None,
            phone_pattern: None,
            tag: None,
            limit: 50,
            after: None,
        };
        let page = customers::repo::list(conn, &filter).map_err(kernel::AppError::from)?;
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

#[tokio::test]
async fn a_statement_prepared_under_one_tenant_reads_the_other_tenants_rows() {
    migrate_public();
    let (a, b) = (provision_tenant("prep-a"), provision_tenant("prep-b"));
    let pool = db::build_pool(&database_url(), 1).unwrap();
    for (tenant, name) in [(&a, "Only In A"), (&b, "Only In B")] {
        let schema = SchemaName::parse(&tenant.schema).unwrap();
        let name = name.to_string();
        db::tenant_tx(&pool, &schema, move |conn| {
            diesel::sql_query("INSERT INTO customers (id, name) VALUES (gen_random_uuid(), $1)")
                .bind::<diesel::sql_types::Text, _>(name)
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    }

    let (first, pid, prepared) = list_on_the_connection(&pool, &a).await;
    assert_eq!(first, ["Only In A"]);
    assert!(prepared >= 1, "the list is a prepared statement");
    // The same statement, on the same backend, alternating tenants.
    for round in 0..3 {
        for (tenant, expected) in [(&b, "Only In B"), (&a, "Only In A")] {
            let (names, on, now_prepared) = list_on_the_connection(&pool, tenant).await;
            assert_eq!(names, [expected], "round {round}");
            assert_eq!(on, pid, "the pool changed connection");
            assert_eq!(now_prepared, prepared, "the list was prepared again");
        }
    }
}
