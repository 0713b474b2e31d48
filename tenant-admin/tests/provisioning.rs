//! What creating a tenant costs the database as tenants add up: its
//! migrations must not read a catalog that holds every tenant's objects from
//! end to end. At 10,000 tenants pg_index alone holds 1.3 million rows
//! (310 MB); one full read of it for each tenant created (by an
//! `ADD COLUMN ... DEFAULT`) took a quarter of a second each by then, and
//! pushed the other tenants' catalog pages out of PostgreSQL's buffers.

#![allow(clippy::unwrap_used, clippy::expect_used)]
// The helpers in common/ serve every test file; this one uses some.
#![allow(dead_code)]

mod common;

use common::*;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use kernel::db::with_tenant;
use kernel::values::SchemaName;
use tenancy::migrations::{apply_in_transaction, embedded_tenant_migrations};

#[derive(Debug, QueryableByName, PartialEq)]
struct SeqScans {
    #[diesel(sql_type = Text)]
    catalog: String,
    #[diesel(sql_type = BigInt)]
    scans: i64,
}

/// The catalogs that grow with every tenant (each tenant adds its tables,
/// columns, indexes, constraints, types, functions and triggers to them).
const GROWING: &str = "'pg_index', 'pg_attribute', 'pg_attrdef', 'pg_depend', 'pg_constraint', \
     'pg_type', 'pg_proc', 'pg_trigger', 'pg_description'";

#[test]
fn a_new_tenants_migrations_read_no_growing_catalog_from_end_to_end() {
    let mut conn = db();
    let schema = SchemaName::parse(&schema_of(&random_slug("scans"))).unwrap();
    let migrations = embedded_tenant_migrations().unwrap();
    let all: Vec<_> = migrations.iter().collect();
    let mut seen = Vec::new();
    // Everything is rolled back: the counts are this transaction's own.
    let _ = with_tenant::<(), diesel::result::Error, _>(&mut conn, &schema, |conn| {
        diesel::sql_query(format!("CREATE SCHEMA {}", schema.quoted())).execute(conn)?;
        if let Err(f) = apply_in_transaction(conn, &all) {
            panic!("tenant migration {} failed: {}", f.version, f.error);
        }
        seen = diesel::sql_query(format!(
            "SELECT relname::text AS catalog, pg_stat_get_xact_numscans(oid) AS scans \
             FROM pg_class WHERE relnamespace = 'pg_catalog'::regnamespace \
             AND relname IN ({GROWING}) AND pg_stat_get_xact_numscans(oid) > 0"
        ))
        .load::<SeqScans>(conn)?;
        Err(diesel::result::Error::RollbackTransaction)
    });
    assert_eq!(seen, vec![], "sequential scans of growing catalogs");
}

#[derive(Debug, QueryableByName)]
struct Named {
    #[diesel(sql_type = Text)]
    name: String,
}

/// The `name` column of `sql`'s rows, `$1` bound to `schema`.
fn names(conn: &mut PgConnection, sql: &str, schema: &str) -> Vec<String> {
    diesel::sql_query(sql)
        .bind::<Text, _>(schema)
        .load::<Named>(conn)
        .unwrap()
        .into_iter()
        .map(|n| n.name)
        .collect()
}

/// PostgreSQL looks a function's name up among every schema's functions of
/// that name at once: a copy in each tenant's schema costs every backend a
/// read of all copies (10,000 at 10,000 tenants) at the first use of the
/// name and again after any function anywhere is created or dropped. The
/// tenant's triggers (its search column's among them) call the functions in
/// public.
#[test]
fn a_new_tenants_schema_holds_no_function_and_its_triggers_call_public_ones() {
    let slug = create_tenant("nofn");
    let schema = schema_of(&slug);
    let mut conn = db();
    let functions = names(
        &mut conn,
        "SELECT p.proname::text AS name FROM pg_proc p \
         JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1",
        &schema,
    );
    assert_eq!(functions, Vec::<String>::new(), "functions in {schema}");

    let triggers = names(
        &mut conn,
        "SELECT t.tgname || ' calls ' || p.pronamespace::regnamespace::text AS name \
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
         JOIN pg_proc p ON p.oid = t.tgfoid \
         WHERE c.relnamespace = $1::regnamespace AND NOT t.tgisinternal",
        &schema,
    );
    assert_eq!(
        triggers.len(),
        12,
        "the tenant's own triggers, all looked at"
    );
    let elsewhere: Vec<&String> = triggers
        .iter()
        .filter(|t| !t.ends_with(" calls public"))
        .collect();
    assert_eq!(elsewhere, Vec::<&String>::new(), "triggers of {schema}");
}
