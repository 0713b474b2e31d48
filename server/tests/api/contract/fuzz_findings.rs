//! What `make fuzz-api` found, each kept from coming back.

use serde_json::json;

use crate::support::*;

/// A cancel body that does not read was taken for no body, cancelling
/// without the reason sent; a bare POST still needs none.
#[tokio::test]
async fn a_cancel_body_that_does_not_read_is_refused() {
    let app = spawn_app().await;
    let tenant = provision_tenant("fuzzcancel");
    let path = "/api/v1/bookings/manage/no-such-token/cancel";
    let (status, body) = json_of(
        app.post(&tenant.host, path)
            .json(&json!({ "reason": {} }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["code"], "invalid_body");
    let (status, body) = json_of(
        app.post(&tenant.host, path)
            .header("content-type", "application/json")
            .body("{")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["code"], "malformed_json");
    let (status, body) = json_of(app.post(&tenant.host, path).send().await.unwrap()).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["code"], "booking_link_invalid");
}

/// A customer's export carries each capability's section as that
/// capability shapes it (bookings: a list), as the document now says.
#[tokio::test]
async fn the_export_document_allows_any_section() {
    let app = spawn_app().await;
    let doc: serde_json::Value = app
        .get(BASE_DOMAIN, "/api/v1/openapi.json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let extra = &doc["components"]["schemas"]["ExportDocument"]["additionalProperties"];
    assert!(extra.get("type").is_none(), "{extra}");
}

/// An attribute patch that changes nothing was an UPDATE with nothing to
/// set: a 500. It now answers the attribute as it is.
#[tokio::test]
async fn an_empty_attribute_patch_answers_the_attribute() {
    let app = spawn_app().await;
    let tenant = provision_tenant("fuzzattr");
    let staff = app.owner_token(&tenant);
    let (status, category) = json_of(
        app.post(&tenant.host, "/api/v1/categories")
            .bearer_auth(&staff)
            .json(&json!({ "name": "Mugs" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{category}");
    let attributes = format!(
        "/api/v1/categories/{}/attributes",
        category["id"].as_str().unwrap()
    );
    let (status, body) = json_of(
        app.post(&tenant.host, &attributes)
            .bearer_auth(&staff)
            .json(&json!({ "code": "material", "name": "Material", "kind": "text" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = json_of(
        app.patch(&tenant.host, &format!("{attributes}/material"))
            .bearer_auth(&staff)
            .json(&json!({}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["name"], "Material");
}

/// Deleting a product while its variants' stock changed could deadlock
/// (the delete locked the product then its variants, a stock change the
/// other way round), which PostgreSQL broke with a 500. Every answer is
/// now a success or a 404.
#[tokio::test]
async fn a_product_deleted_while_its_stock_changes_never_answers_5xx() {
    let app = spawn_app().await;
    let tenant = provision_tenant("fuzzdel");
    let staff = app.owner_token(&tenant);
    let post = |path: String, body: serde_json::Value| {
        app.post(&tenant.host, &path)
            .bearer_auth(&staff)
            .json(&body)
            .send()
    };
    let (_, category) = json_of(
        post("/api/v1/categories".into(), json!({ "name": "Mugs" }))
            .await
            .unwrap(),
    )
    .await;
    for round in 0..3 {
        let (status, product) = json_of(
            post(
                "/api/v1/products".into(),
                json!({ "name": format!("Mug {round}"), "category_id": category["id"],
                        "base_price_cents": 900, "currency": "EUR" }),
            )
            .await
            .unwrap(),
        )
        .await;
        assert_eq!(status, 201, "{product}");
        let product_id = product["id"].as_str().unwrap().to_string();
        let (status, variant) = json_of(
            post(
                format!("/api/v1/products/{product_id}/variants"),
                json!({ "sku": format!("MUG-{round}"), "stock": 100 }),
            )
            .await
            .unwrap(),
        )
        .await;
        assert_eq!(status, 201, "{variant}");
        let variant_id = variant["id"].as_str().unwrap().to_string();
        let adjust = (0..12).map(|_| {
            post(
                format!("/api/v1/variants/{variant_id}/stock"),
                json!({ "delta": -1 }),
            )
        });
        let delete = app
            .delete(&tenant.host, &format!("/api/v1/products/{product_id}"))
            .bearer_auth(&staff)
            .send();
        let (deleted, adjusted) = tokio::join!(delete, futures_util::future::join_all(adjust));
        let deleted = deleted.unwrap().status().as_u16();
        assert!(
            deleted == 204 || deleted == 200,
            "delete answered {deleted}"
        );
        for res in adjusted {
            let status = res.unwrap().status().as_u16();
            assert!(
                status == 200 || status == 404,
                "a stock change answered {status}"
            );
        }
    }
}
