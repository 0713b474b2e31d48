//! Values the site must not show are refused with the field named, and
//! nothing changes.

use serde_json::{json, Value};

use super::{change, read};
use crate::support::*;

fn fields(problem: &Value) -> Vec<&str> {
    problem["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no field errors: {problem}"))
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn bad_values_are_422_problems_naming_the_field() {
    let app = spawn_app().await;
    let tenant = provision_tenant("brand");
    let token = app.owner_token(&tenant);
    let (_, before) = read(&app, &tenant).await;
    let long_address = "x".repeat(10_000);
    let cases = [
        ("logo_url", json!("javascript:alert(1)")),
        ("logo_url", json!("http://example.com/logo.png")),
        ("logo_url", json!("data:image/png;base64,iVBORw0KGgo=")),
        (
            "logo_url",
            json!("https://user:secret@example.com/logo.png"),
        ),
        ("accent_colour", json!("red")),
        ("accent_colour", Value::Null),
        ("default_language", json!("de")),
        ("address", json!("12 Rue\u{0}des Fleurs")),
        ("address", json!(long_address)),
        ("phone", json!("call us")),
        ("contact_email", json!("not an address")),
        ("display_name", json!("two\nlines")),
    ];
    for (field, value) in cases {
        let res = app
            .patch(&tenant.host, super::BRANDING)
            .bearer_auth(&token)
            .json(&json!({ field: value }))
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.headers()["content-type"].to_str().unwrap(),
            "application/problem+json"
        );
        let (status, problem) = json_of(res).await;
        assert_eq!(status, 422, "{field} {value}: {problem}");
        assert_eq!(problem["code"], "validation_failed");
        assert_eq!(fields(&problem), [field], "{problem}");
    }
    assert_eq!(read(&app, &tenant).await.1, before, "nothing changed");
}

#[tokio::test]
async fn every_bad_field_is_listed_and_the_good_ones_are_not_applied() {
    let app = spawn_app().await;
    let tenant = provision_tenant("brand");
    let token = app.owner_token(&tenant);
    let (status, problem) = change(
        &app,
        &tenant,
        &token,
        json!({"display_name": "Fine", "accent_colour": "red", "default_language": "de"}),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(fields(&problem), ["accent_colour", "default_language"]);
    assert!(read(&app, &tenant).await.1["display_name"].is_null());
}

#[tokio::test]
async fn unknown_fields_and_wrong_types_are_refused_bodies() {
    let app = spawn_app().await;
    let tenant = provision_tenant("brand");
    let token = app.owner_token(&tenant);
    let (status, problem) = change(&app, &tenant, &token, json!({"font": "Comic Sans"})).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["code"], "invalid_body");
    assert!(
        problem["detail"].as_str().unwrap().contains("font"),
        "{problem}"
    );
    let (status, problem) = change(&app, &tenant, &token, json!({"logo_url": 42})).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["code"], "invalid_body");
}
