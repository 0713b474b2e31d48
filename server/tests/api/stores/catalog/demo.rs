//! The demo catalog a load test or a trial shop starts from.

use diesel::prelude::*;

use super::shop;
use crate::support::*;

#[tokio::test]
async fn the_demo_catalog_is_browsable() {
    let s = shop().await;
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let schema = kernel::values::SchemaName::parse(&s.tenant.schema).unwrap();
    let seeded = kernel::db::with_tenant(&mut conn, &schema, |conn| {
        stores::catalog::demo::seed(conn, 60)
    })
    .unwrap();
    assert_eq!(seeded.products.len(), 60);
    let shirts = &seeded.categories[0];
    let (status, page) = s
        .get(&format!(
            "/api/v1/products?category={shirts}&limit=20&facets=true"
        ))
        .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["items"].as_array().unwrap().len(), 15);
    assert_eq!(page["facets"]["total"], 15);
    let (_, found) = s
        .get("/api/v1/products?q=%D9%82%D9%85%DB%8C%D8%B5&lang=ar")
        .await;
    assert!(
        found["items"].as_array().is_some_and(|i| !i.is_empty()),
        "the Arabic word for shirt: {found}"
    );
    let (_, tree) = s.get("/api/v1/categories").await;
    assert_eq!(tree["items"][1]["product_count"], 30, "{tree}");
}
