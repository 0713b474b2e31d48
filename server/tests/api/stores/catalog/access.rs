//! Who may do what: anyone reads what is on sale, only the shop's staff
//! write; a visitor gets 401, a customer 403.

use identity::Role;
use reqwest::Method;
use serde_json::{json, Value};

use super::{id, shop};
use crate::support::*;

#[tokio::test]
async fn visitors_and_customers_cannot_write_and_staff_can() {
    let s = shop().await;
    let cat = s.category("Things", None).await;
    s.attribute(
        &cat,
        json!({"code": "size", "name": "Size", "kind": "size", "variant": true}),
    )
    .await;
    let product = s.product(&cat, "Mug", 800, json!({})).await;
    let variant = id(&s.variant(&product, json!({"sku": "MUG", "stock": 1})).await);
    let customer = customer_account(&s.app, &s.tenant, &unique_email("buyer")).await;
    let customer_token = customer["access_token"].as_str().unwrap().to_string();
    let staff_token = s.app.member_token(&s.tenant, Role::Staff);

    let writes: Vec<(Method, String, Option<Value>)> = vec![
        (
            Method::POST,
            "/api/v1/categories".into(),
            Some(json!({"name": "New"})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/categories/{cat}"),
            Some(json!({"name": "Renamed"})),
        ),
        (
            Method::POST,
            format!("/api/v1/categories/{cat}/attributes"),
            Some(json!({"code": "color", "name": "Colour", "kind": "color"})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/categories/{cat}/attributes/size"),
            Some(json!({"name": "Sizes"})),
        ),
        (
            Method::POST,
            "/api/v1/products".into(),
            Some(
                json!({"name": "X", "category_id": cat, "base_price_cents": 1, "currency": "EUR"}),
            ),
        ),
        (
            Method::PATCH,
            format!("/api/v1/products/{product}"),
            Some(json!({"name": "Cup"})),
        ),
        (
            Method::POST,
            format!("/api/v1/products/{product}/variants"),
            Some(json!({"sku": "MUG-2", "stock": 1, "attributes": {"size": "L"}})),
        ),
        (
            Method::PATCH,
            format!("/api/v1/variants/{variant}"),
            Some(json!({"stock": 9})),
        ),
        (
            Method::POST,
            format!("/api/v1/variants/{variant}/stock"),
            Some(json!({"delta": 1})),
        ),
        (Method::DELETE, format!("/api/v1/variants/{variant}"), None),
        (Method::DELETE, format!("/api/v1/products/{product}"), None),
        (
            Method::DELETE,
            format!("/api/v1/categories/{cat}/attributes/size"),
            None,
        ),
        (Method::DELETE, format!("/api/v1/categories/{cat}"), None),
    ];
    for (method, path, body) in &writes {
        let (status, problem) = s.send(method.clone(), path, None, body.clone()).await;
        assert_eq!(status, 401, "{method} {path}: {problem}");
        assert_eq!(problem["code"], "missing_token");
        let (status, problem) = s
            .send(method.clone(), path, Some(&customer_token), body.clone())
            .await;
        assert_eq!(status, 403, "{method} {path}: {problem}");
        assert_eq!(problem["code"], "forbidden_role");
    }
    // Nothing changed; the reads are open to all.
    let (status, detail) = s.get(&format!("/api/v1/products/{product}")).await;
    assert_eq!(status, 200);
    assert_eq!(detail["name"], "Mug");
    assert_eq!(detail["variants"][0]["stock"], 1);
    let (status, _) = s
        .send(Method::GET, "/api/v1/products", Some(&customer_token), None)
        .await;
    assert_eq!(status, 200);

    // A staff member (not only the owner) may write, down to the delete
    // of the category once emptied.
    let mut made: Option<String> = None;
    for (method, path, body) in writes {
        if method == Method::DELETE && path.ends_with(&cat) {
            // The product the staff member made goes first.
            let made = made.take().unwrap();
            let path = format!("/api/v1/products/{made}");
            let (status, _) = s
                .send(Method::DELETE, &path, Some(&staff_token), None)
                .await;
            assert_eq!(status, 204);
        }
        let (status, answer) = s
            .send(method.clone(), &path, Some(&staff_token), body)
            .await;
        assert!(
            (200..300).contains(&status),
            "{method} {path}: {status} {answer}"
        );
        if method == Method::POST && path == "/api/v1/products" {
            made = Some(id(&answer));
        }
    }
}
