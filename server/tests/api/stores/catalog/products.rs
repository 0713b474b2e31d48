//! Products and variants: SKUs unique per shop, stock that never goes
//! negative (down to the database), the plan's limit, what visitors see,
//! view counts, and other shops' ids.

use diesel::prelude::*;
use reqwest::Method;
use serde_json::json;

use super::{id, other_shop, shop};
use crate::support::*;

#[tokio::test]
async fn a_sku_is_unique_in_a_shop_but_not_across_shops() {
    let s = shop().await;
    let cat = s.category("Things", None).await;
    let a = s.product(&cat, "A", 100, json!({})).await;
    let b = s.product(&cat, "B", 100, json!({})).await;
    s.variant(&a, json!({"sku": "SKU-1", "stock": 1})).await;
    let (status, problem) = s
        .post(
            &format!("/api/v1/products/{b}/variants"),
            json!({"sku": "SKU-1", "stock": 1}),
        )
        .await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["code"], "sku_taken");
    let second = s.variant(&b, json!({"sku": "SKU-2", "stock": 1})).await;
    let (status, problem) = s
        .patch(
            &format!("/api/v1/variants/{}", id(&second)),
            json!({"sku": "SKU-1"}),
        )
        .await;
    assert_eq!((status, problem["code"].as_str()), (409, Some("sku_taken")));

    let other = other_shop(&s);
    let (status, cat) = s
        .send_on(
            &other.tenant.host,
            Method::POST,
            "/api/v1/categories",
            Some(&other.token),
            Some(json!({"name": "Things"})),
        )
        .await;
    assert_eq!(status, 201, "{cat}");
    let (status, product) = s
        .send_on(
            &other.tenant.host,
            Method::POST,
            "/api/v1/products",
            Some(&other.token),
            Some(json!({"name": "A", "category_id": id(&cat), "base_price_cents": 1, "currency": "EUR"})),
        )
        .await;
    assert_eq!(status, 201, "{product}");
    let (status, variant) = s
        .send_on(
            &other.tenant.host,
            Method::POST,
            &format!("/api/v1/products/{}/variants", id(&product)),
            Some(&other.token),
            Some(json!({"sku": "SKU-1", "stock": 1})),
        )
        .await;
    assert_eq!(status, 201, "{variant}");
}

#[tokio::test]
async fn stock_never_goes_negative_whatever_writes_it() {
    let s = shop().await;
    let cat = s.category("Things", None).await;
    let product = s.product(&cat, "Mug", 800, json!({})).await;
    let variant = id(&s.variant(&product, json!({"sku": "MUG", "stock": 2})).await);

    // The database refuses it, whatever code runs the statement.
    let refused = s.sql(&format!(
        "UPDATE variants SET stock = stock - 3 WHERE id = '{variant}'"
    ));
    match refused {
        Err(diesel::result::Error::DatabaseError(kind, info)) => {
            assert!(
                matches!(kind, diesel::result::DatabaseErrorKind::CheckViolation),
                "{kind:?}: {}",
                info.message()
            );
        }
        other => panic!("stock went below zero: {other:?}"),
    }
    let stock = format!("/api/v1/variants/{variant}/stock");
    let (status, problem) = s.post(&stock, json!({"delta": -3})).await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["code"], "insufficient_stock");
    assert_eq!(problem["stock"], 2);
    let (status, after) = s.post(&stock, json!({"delta": -2})).await;
    assert_eq!(status, 200, "{after}");
    assert_eq!(after["stock"], 0);
    assert_eq!(after["in_stock"], false);
    let (_, detail) = s.get(&format!("/api/v1/products/{product}")).await;
    assert_eq!(detail["in_stock"], false);
    let (status, after) = s.post(&stock, json!({"delta": 5})).await;
    assert_eq!((status, after["stock"].as_i64()), (200, Some(5)));
    let (_, detail) = s.get(&format!("/api/v1/products/{product}")).await;
    assert_eq!(detail["in_stock"], true);
    for bad in [
        json!({"delta": 0}),
        json!({"delta": 2_000_000}),
        json!({"delta": 999_996}),
    ] {
        let (status, problem) = s.post(&stock, bad.clone()).await;
        assert_eq!(status, 422, "{bad}: {problem}");
    }
    // The answer to a change of price shows the summary the trigger keeps.
    let (status, cheaper) = s
        .patch(
            &format!("/api/v1/products/{product}"),
            json!({"base_price_cents": 700}),
        )
        .await;
    assert_eq!(status, 200, "{cheaper}");
    assert_eq!(cheaper["min_price_cents"], 700);
    assert_eq!(cheaper["variants"][0]["unit_price_cents"], 700);
    for bad in [json!({"stock": -1}), json!({"stock": 1_000_001})] {
        let (status, _) = s
            .patch(&format!("/api/v1/variants/{variant}"), bad.clone())
            .await;
        assert_eq!(status, 422, "{bad}");
    }
}

#[tokio::test]
async fn the_plans_products_limit_applies() {
    let app = spawn_app().await;
    migrate_public();
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let slug = random_slug("basic");
    let (tenant, _) = provision_on_plan(
        &mut conn,
        slug.clone(),
        format!("o@{slug}.example.com"),
        "basic",
    );
    let token = app.owner_token(&tenant);
    let s = super::Shop { app, tenant, token };
    let cat = s.category("Things", None).await;
    // The basic plan allows 100 products.
    s.sql(&format!(
        "INSERT INTO products (id, category_id, name, base_price_cents, currency) \
         SELECT gen_random_uuid(), '{cat}', 'P' || n, 100, 'EUR' FROM generate_series(1, 99) n"
    ))
    .unwrap();
    let last = s.product(&cat, "The hundredth", 100, json!({})).await;
    let body = json!({"name": "One too many", "category_id": cat, "base_price_cents": 1, "currency": "EUR"});
    let (status, problem) = s.post("/api/v1/products", body.clone()).await;
    assert_eq!(status, 403, "{problem}");
    assert_eq!(problem["code"], "plan_limit_reached");
    assert_eq!(problem["limit"], "products");
    assert_eq!(problem["value"], 100);
    let (status, usage) = s.get_as_staff("/api/v1/billing/subscription").await;
    assert_eq!(status, 200, "{usage}");
    let products = usage["limits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["limit"] == "products")
        .unwrap_or_else(|| panic!("{usage}"));
    assert_eq!(products["used"], 100, "the meter counts them: {usage}");
    assert_eq!(s.delete(&format!("/api/v1/products/{last}")).await.0, 204);
    let (status, _) = s.post("/api/v1/products", body).await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn visitors_see_products_on_sale_and_staff_see_the_rest_when_they_ask() {
    let s = shop().await;
    let cat = s.category("Things", None).await;
    s.attribute(
        &cat,
        json!({"code": "finish", "name": "Finish", "kind": "text", "variant": true}),
    )
    .await;
    let (status, created) = s
        .post(
            "/api/v1/products",
            json!({
                "name": "Lamp", "category_id": cat, "base_price_cents": 2500, "currency": "eur",
                "description": "A desk lamp.",
                "translations": {"fa": {"name": "چراغ", "description": "چراغ رومیزی"}},
                "images": ["https://cdn.example.com/lamp.jpg"],
                "videos": ["https://video.example.com/lamp.mp4"],
                "featured": true
            }),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["currency"], "EUR");
    assert_eq!(created["min_price_cents"], 2500);
    assert_eq!(created["breadcrumbs"][0]["name"], "Things");
    let lamp = id(&created);
    s.variant(
        &lamp,
        json!({"sku": "LAMP-W", "stock": 4, "price_cents": 2000, "attributes": {"finish": "white"}}),
    )
    .await;
    s.variant(
        &lamp,
        json!({"sku": "LAMP-B", "stock": 4, "price_cents": 1500, "active": false,
               "attributes": {"finish": "black"}}),
    )
    .await;

    let (status, detail) = s.get(&format!("/api/v1/products/{lamp}?lang=fa")).await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(detail["display_name"], "چراغ");
    assert_eq!(detail["display_description"], "چراغ رومیزی");
    assert_eq!(
        detail["min_price_cents"], 2000,
        "the inactive variant's price does not count"
    );
    let skus: Vec<&str> = detail["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["sku"].as_str().unwrap())
        .collect();
    assert_eq!(skus, ["LAMP-W"]);
    let (_, all) = s
        .get_as_staff(&format!(
            "/api/v1/products/{lamp}/variants?include_inactive=true"
        ))
        .await;
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    let (_, public) = s
        .get(&format!(
            "/api/v1/products/{lamp}/variants?include_inactive=true"
        ))
        .await;
    assert_eq!(public["items"].as_array().unwrap().len(), 1);

    let (status, _) = s
        .patch(
            &format!("/api/v1/products/{lamp}"),
            json!({"active": false}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, problem) = s.get(&format!("/api/v1/products/{lamp}")).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (404, Some("product_not_found"))
    );
    assert_eq!(
        s.get_as_staff(&format!("/api/v1/products/{lamp}")).await.0,
        404
    );
    assert_eq!(
        s.get(&format!("/api/v1/products/{lamp}?include_inactive=true"))
            .await
            .0,
        404
    );
    let (status, hidden) = s
        .get_as_staff(&format!("/api/v1/products/{lamp}?include_inactive=true"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(hidden["active"], false);
    assert!(s.listed("").await.is_empty());
    assert_eq!(s.listed("include_inactive=true").await.len(), 0);
    let (_, staff_list) = s
        .get_as_staff("/api/v1/products?include_inactive=true")
        .await;
    assert_eq!(staff_list["items"][0]["id"], lamp.as_str());
}

#[tokio::test]
async fn reads_are_counted_in_batches() {
    let s = shop().await;
    let cat = s.category("Things", None).await;
    let product = s.product(&cat, "Vase", 900, json!({})).await;
    for _ in 0..3 {
        assert_eq!(s.get(&format!("/api/v1/products/{product}")).await.0, 200);
    }
    let schema = kernel::values::SchemaName::parse(&s.tenant.schema).unwrap();
    let views = &s.app.app_state.catalog_views;
    // The background thread may have written some already; none is lost.
    let pending = views.pending(&schema, product.parse().unwrap());
    let (_, before) = s.get_as_staff(&format!("/api/v1/products/{product}")).await;
    let pending_now = views.pending(&schema, product.parse().unwrap());
    assert_eq!(
        before["view_count"].as_i64().unwrap() + pending_now,
        4,
        "{pending}"
    );
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    views.flush(&mut conn);
    let (_, after) = s.get(&format!("/api/v1/products/{product}")).await;
    assert!(after["view_count"].as_i64().unwrap() >= 4, "{after}");
}

#[tokio::test]
async fn another_shops_ids_name_nothing_here() {
    let s = shop().await;
    let cat = s.category("Things", None).await;
    let product = s.product(&cat, "Secret", 100, json!({})).await;
    let variant = id(&s
        .variant(&product, json!({"sku": "SECRET", "stock": 1}))
        .await);
    let other = other_shop(&s);
    let host = other.tenant.host.clone();
    let token = Some(other.token.as_str());
    for (method, path, body, code) in [
        (
            Method::GET,
            format!("/api/v1/products/{product}"),
            None,
            "product_not_found",
        ),
        (
            Method::GET,
            format!("/api/v1/products/{product}/variants"),
            None,
            "product_not_found",
        ),
        (
            Method::PATCH,
            format!("/api/v1/products/{product}"),
            Some(json!({"name": "Mine"})),
            "product_not_found",
        ),
        (
            Method::DELETE,
            format!("/api/v1/products/{product}"),
            None,
            "product_not_found",
        ),
        (
            Method::POST,
            format!("/api/v1/products/{product}/variants"),
            Some(json!({"sku": "X", "stock": 1})),
            "product_not_found",
        ),
        (
            Method::PATCH,
            format!("/api/v1/variants/{variant}"),
            Some(json!({"stock": 0})),
            "variant_not_found",
        ),
        (
            Method::POST,
            format!("/api/v1/variants/{variant}/stock"),
            Some(json!({"delta": -1})),
            "variant_not_found",
        ),
        (
            Method::DELETE,
            format!("/api/v1/variants/{variant}"),
            None,
            "variant_not_found",
        ),
        (
            Method::GET,
            format!("/api/v1/categories/{cat}"),
            None,
            "category_not_found",
        ),
        (
            Method::PATCH,
            format!("/api/v1/categories/{cat}"),
            Some(json!({"name": "Mine"})),
            "category_not_found",
        ),
        (
            Method::DELETE,
            format!("/api/v1/categories/{cat}"),
            None,
            "category_not_found",
        ),
        (
            Method::GET,
            format!("/api/v1/categories/{cat}/attributes"),
            None,
            "category_not_found",
        ),
    ] {
        let (status, problem) = s.send_on(&host, method.clone(), &path, token, body).await;
        assert_eq!(status, 404, "{method} {path}: {problem}");
        assert_eq!(problem["code"], code, "{method} {path}");
    }
    // A product on the other shop cannot be put in this shop's category.
    let (status, problem) = s
        .send_on(
            &host,
            Method::POST,
            "/api/v1/products",
            token,
            Some(
                json!({"name": "X", "category_id": cat, "base_price_cents": 1, "currency": "EUR"}),
            ),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert!(s
        .listed(&format!("category={cat}"))
        .await
        .contains(&product));
    let (_, detail) = s.get(&format!("/api/v1/products/{product}")).await;
    assert_eq!(detail["name"], "Secret");
    assert_eq!(detail["variants"][0]["stock"], 1);
}
