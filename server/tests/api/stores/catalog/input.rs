//! Crafted input: NUL bytes, huge strings and numbers, out-of-range page
//! sizes, junk cursors and ids. Each gets a 4xx problem, never a 5xx.

use reqwest::Method;
use serde_json::json;

use super::shop;

#[tokio::test]
async fn crafted_bodies_are_refused_with_a_problem() {
    let s = shop().await;
    let cat = s.category("Things", None).await;
    let product = |extra: serde_json::Value| {
        let mut body =
            json!({"name": "X", "category_id": cat, "base_price_cents": 100, "currency": "EUR"});
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        body
    };
    for (body, status, code) in [
        (
            product(json!({"name": "a\u{0}b"})),
            422,
            "validation_failed",
        ),
        (
            product(json!({"description": "x\u{0}"})),
            422,
            "validation_failed",
        ),
        (
            product(json!({"name": "x".repeat(201)})),
            422,
            "validation_failed",
        ),
        (
            product(json!({"base_price_cents": 1_000_000_000_001_i64})),
            422,
            "validation_failed",
        ),
        (
            product(json!({"base_price_cents": -1})),
            422,
            "validation_failed",
        ),
        (
            product(json!({"base_price_cents": 1e30})),
            422,
            "invalid_body",
        ),
        (
            product(json!({"base_price_cents": 12.5})),
            422,
            "invalid_body",
        ),
        (product(json!({"currency": "€"})), 422, "validation_failed"),
        (
            product(json!({"images": ["javascript:alert(1)"]})),
            422,
            "validation_failed",
        ),
        (
            product(json!({"attributes": {"a\u{0}": "x"}})),
            422,
            "validation_failed",
        ),
        (
            product(json!({"translations": {"fa": {"name": "x", "extra": 1}}})),
            422,
            "invalid_body",
        ),
        (
            product(json!({"category_id": "not-an-id"})),
            422,
            "invalid_body",
        ),
        (product(json!({"surprise": true})), 422, "invalid_body"),
    ] {
        let (got, problem) = s.post("/api/v1/products", body.clone()).await;
        assert_eq!(got, status, "{problem}");
        assert_eq!(problem["code"], code, "{problem}");
    }
    // Ten megabytes of name stop at the body limit.
    let huge = product(json!({"name": "x".repeat(10 * 1024 * 1024)}));
    let (status, problem) = s.post("/api/v1/products", huge).await;
    assert_eq!(status, 413, "{problem}");
    assert_eq!(problem["code"], "body_too_large");

    let (status, problem) = s.post("/api/v1/categories", json!({"name": "\u{0}"})).await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (422, Some("validation_failed"))
    );
    let (status, _) = s
        .post(
            "/api/v1/categories",
            json!({"name": "Deep", "position": 9_999_999_999_i64}),
        )
        .await;
    assert_eq!(status, 422);
    let id = s.product(&cat, "Real", 100, json!({})).await;
    for body in [
        json!({"sku": "", "stock": 1}),
        json!({"sku": "a b", "stock": 1}),
        json!({"sku": "-x", "stock": 1}),
        json!({"sku": "x".repeat(65), "stock": 1}),
        json!({"sku": "OK", "stock": -1}),
        json!({"sku": "OK", "stock": 9_999_999_999_i64}),
        json!({"sku": "OK", "stock": 1, "price_cents": -5}),
    ] {
        let (status, problem) = s
            .post(&format!("/api/v1/products/{id}/variants"), body.clone())
            .await;
        assert_eq!(status, 422, "{body}: {problem}");
    }
}

#[tokio::test]
async fn crafted_queries_and_paths_are_refused_with_a_problem() {
    let s = shop().await;
    for (query, code) in [
        ("limit=0", "invalid_limit"),
        ("limit=1000", "invalid_limit"),
        ("limit=99999999999999999999", "invalid_query"),
        ("cursor=junk", "invalid_cursor"),
        (
            "cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "invalid_cursor",
        ),
        ("min_price=-5", "invalid_query"),
        ("max_price=99999999999999999999", "invalid_query"),
        ("category=1;DROP", "invalid_query"),
        ("attr=color", "invalid_query"),
        ("sort=random", "invalid_query"),
        ("q=%00", "invalid_query"),
        ("unknown=1", "invalid_query"),
        ("limit=1&limit=2", "invalid_query"),
    ] {
        let (status, problem) = s.get(&format!("/api/v1/products?{query}")).await;
        assert_eq!(status, 400, "{query}: {problem}");
        assert_eq!(problem["code"], code, "{query}");
    }
    let long_q = format!("/api/v1/products?q={}", "a".repeat(201));
    assert_eq!(s.get(&long_q).await.0, 400);
    let cat = s.category("Things", None).await;
    let attribute_nul = format!("/api/v1/categories/{cat}/attributes/a%00b");
    let attribute_long = format!("/api/v1/categories/{cat}/attributes/{}", "a".repeat(5000));
    for (method, path, code) in [
        (
            Method::GET,
            "/api/v1/products/not-an-id",
            "product_not_found",
        ),
        (
            Method::GET,
            "/api/v1/products/00000000-0000-0000-0000-000000000000",
            "product_not_found",
        ),
        (
            Method::GET,
            "/api/v1/categories/%00/breadcrumbs",
            "category_not_found",
        ),
        (
            Method::GET,
            "/api/v1/categories/x/attributes",
            "category_not_found",
        ),
        (Method::DELETE, "/api/v1/variants/123", "variant_not_found"),
        (
            Method::DELETE,
            attribute_nul.as_str(),
            "attribute_not_found",
        ),
        (
            Method::DELETE,
            attribute_long.as_str(),
            "attribute_not_found",
        ),
    ] {
        let (status, problem) = s.send(method.clone(), path, Some(&s.token), None).await;
        assert_eq!(status, 404, "{method} {path}: {problem}");
        assert_eq!(problem["code"], code, "{path}");
    }
    let (status, problem) = s.get("/api/v1/products/x?include_inactive=maybe").await;
    assert_eq!(
        (status, problem["code"].as_str()),
        (400, Some("invalid_query"))
    );
}
