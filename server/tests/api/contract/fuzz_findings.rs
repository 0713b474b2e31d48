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
