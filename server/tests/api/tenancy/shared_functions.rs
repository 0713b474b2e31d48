//! The functions the tenant schemas use live once, in public, and read the
//! tables of the tenant whose transaction calls them. PL/pgSQL keeps a
//! function's plans per connection: one connection alternating two tenants
//! must still find each tenant's own rows, never the other's.

use diesel::prelude::*;
use diesel::sql_types::Text;
use kernel::db::{self, DbPool};
use kernel::values::SchemaName;

use crate::support::*;

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

async fn patients_named_like(pool: &DbPool, tenant: &TestTenant, words: &str) -> Vec<String> {
    let schema = SchemaName::parse(&tenant.schema).unwrap();
    let words = words.to_string();
    db::tenant_tx(pool, &schema, move |conn| {
        let rows = diesel::sql_query(
            "SELECT name FROM clinic_patient_search($1, false, NULL, false, NULL, NULL, 10)",
        )
        .bind::<Text, _>(words)
        .load::<Name>(conn)?;
        Ok::<_, kernel::AppError>(rows.into_iter().map(|r| r.name).collect())
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn the_shared_patient_search_reads_the_calling_tenants_patients_on_one_connection() {
    migrate_public();
    let (a, b) = (provision_tenant("fn-a"), provision_tenant("fn-b"));
    let pool = db::build_pool(&database_url(), 1).unwrap();
    for (tenant, name) in [(&a, "Mariam Ahmadi"), (&b, "Maryam Ahmady")] {
        let schema = SchemaName::parse(&tenant.schema).unwrap();
        db::tenant_tx(&pool, &schema, move |conn| {
            diesel::sql_query("INSERT INTO patients (id, name) VALUES (gen_random_uuid(), $1)")
                .bind::<Text, _>(name)
                .execute(conn)?;
            Ok::<_, kernel::AppError>(())
        })
        .await
        .unwrap();
    }
    // More than five calls on each tenant: the function's plan is the
    // generic one, kept on the connection, from the first call on.
    for _ in 0..7 {
        assert_eq!(
            patients_named_like(&pool, &a, "mariam ahmadi").await,
            ["Mariam Ahmadi"]
        );
        assert_eq!(
            patients_named_like(&pool, &b, "mariam ahmadi").await,
            ["Maryam Ahmady"]
        );
    }
}
