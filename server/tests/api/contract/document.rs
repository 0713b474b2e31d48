//! GET /api/v1/openapi.json: an OpenAPI 3.1 document, the same on every
//! host, in which every operation says what it answers.

use serde_json::Value;

use crate::support::*;

const DOCUMENT: &str = "/api/v1/openapi.json";
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

async fn fetch(app: &TestApp, host: &str) -> Value {
    let res = app.get(host, DOCUMENT).send().await.unwrap();
    assert_eq!(res.status(), 200, "{host}");
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    res.json().await.unwrap()
}

#[tokio::test]
async fn the_document_answers_on_every_host() {
    let app = spawn_app().await;
    let tenant = provision_tenant("contract");
    let on_tenant = fetch(&app, &tenant.host).await;
    // The platform's own host, and a host no tenant has: no tenant needed.
    assert_eq!(fetch(&app, BASE_DOMAIN).await, on_tenant);
    assert_eq!(fetch(&app, "nobody-here.example.org").await, on_tenant);
}

#[tokio::test]
async fn the_document_is_openapi_3_1_and_every_operation_answers() {
    let app = spawn_app().await;
    let doc = fetch(&app, BASE_DOMAIN).await;
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1."),
        "{}",
        doc["openapi"]
    );
    let paths = doc["paths"].as_object().unwrap();
    let mut operations = 0;
    for (path, item) in paths {
        assert!(path.starts_with("/api/v1/"), "{path}");
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            operations += 1;
            let responses = op["responses"].as_object().unwrap();
            assert!(!responses.is_empty(), "{method} {path}: no responses");
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{method} {path}: no success answer"
            );
            for (status, answer) in responses {
                if status.starts_with('4') || status.starts_with('5') {
                    let codes = answer["x-problem-codes"].as_array();
                    assert!(
                        codes.is_some_and(|c| !c.is_empty()),
                        "{method} {path} {status}: no problem codes"
                    );
                    assert!(
                        answer["content"]["application/problem+json"].is_object(),
                        "{method} {path} {status}: not problem+json"
                    );
                }
            }
        }
    }
    // Every capability's routes are in it.
    for path in [
        "/api/v1/customers",
        "/api/v1/services/{id}/availability",
        "/api/v1/bookings",
        "/api/v1/bookings/manage/{token}/cancel",
        "/api/v1/staff/{id}/overrides/{date}",
        "/api/v1/webhooks",
    ] {
        assert!(paths.contains_key(path), "{path} is missing");
    }
    assert!(operations >= 40, "only {operations} operations");
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}

/// The events an endpoint may subscribe to are the server's catalog.
#[tokio::test]
async fn webhook_events_are_the_catalog() {
    let app = spawn_app().await;
    let doc = fetch(&app, BASE_DOMAIN).await;
    let events = &doc["components"]["schemas"]["WebhookEndpointBody"]["properties"]["events"];
    let names = events["items"]["enum"].as_array().unwrap();
    assert!(names.contains(&Value::from("booking.created")), "{events}");
}

/// A path answers a method it does not serve with 405 and `Allow`.
#[tokio::test]
async fn a_wrong_method_names_the_right_ones() {
    let app = spawn_app().await;
    let tenant = provision_tenant("allow");
    let res = app
        .put(&tenant.host, "/api/v1/services")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "GET, POST");
}

/// A role's route says so, and so does its 401 and 403.
#[tokio::test]
async fn operations_say_who_may_call_them() {
    let app = spawn_app().await;
    let doc = fetch(&app, BASE_DOMAIN).await;
    let list = &doc["paths"]["/api/v1/customers"]["get"];
    assert_eq!(list["security"][0]["bearer"][0], "staff");
    let forbidden = list["responses"]["403"]["x-problem-codes"]
        .as_array()
        .unwrap();
    assert!(forbidden.contains(&Value::from("forbidden_role")));
    let webhooks = &doc["paths"]["/api/v1/webhooks"]["post"];
    assert_eq!(webhooks["security"][0]["bearer"][0], "admin");
    let slots = &doc["paths"]["/api/v1/services/{id}/availability"]["get"];
    assert!(slots.get("security").is_none() || slots["security"].is_null());
    assert!(slots["responses"].get("401").is_none());
}

#[tokio::test]
async fn the_document_is_read_only() {
    let app = spawn_app().await;
    let res = app.post(BASE_DOMAIN, DOCUMENT).send().await.unwrap();
    assert_eq!(res.headers()["allow"], "GET");
    let (status, body) = json_of(res).await;
    assert_eq!(status, 405, "{body}");
    assert_eq!(body["code"], "method_not_allowed");
}
