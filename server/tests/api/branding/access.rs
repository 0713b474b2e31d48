//! Who may change the branding, and that it stays with its tenant.

use identity::Role;
use serde_json::json;

use super::{change, read, BRANDING};
use crate::support::*;

#[tokio::test]
async fn staff_and_customers_may_read_but_not_change_it() {
    let app = spawn_app().await;
    let tenant = provision_tenant("brand");
    let staff = app.member_token(&tenant, Role::Staff);
    let customer = customer_account(&app, &tenant, &unique_email("brand")).await;
    let customer = customer["access_token"].as_str().unwrap().to_string();
    for token in [&staff, &customer] {
        let (status, problem) =
            change(&app, &tenant, token, json!({"display_name": "Taken over"})).await;
        assert_eq!(status, 403, "{problem}");
        let (status, _) = json_of(
            app.get(&tenant.host, BRANDING)
                .bearer_auth(token)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200);
    }
    assert!(read(&app, &tenant).await.1["display_name"].is_null());
}

#[tokio::test]
async fn an_anonymous_change_is_a_401() {
    let app = spawn_app().await;
    let tenant = provision_tenant("brand");
    let res = app
        .patch(&tenant.host, BRANDING)
        .json(&json!({"display_name": "Anyone"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    assert!(read(&app, &tenant).await.1["display_name"].is_null());
}

#[tokio::test]
async fn one_tenants_branding_never_shows_on_another() {
    let app = spawn_app().await;
    let a = provision_tenant("brand-a");
    let b = provision_tenant("brand-b");
    // B's branding is read (and cached) before A changes.
    let (_, b_before) = read(&app, &b).await;
    let (status, _) = change(
        &app,
        &a,
        &app.owner_token(&a),
        json!({"display_name": "Only A", "accent_colour": "#123456", "default_language": "fr"}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(read(&app, &a).await.1["site_name"], "Only A");
    let (_, b_after) = read(&app, &b).await;
    assert_eq!(b_after, b_before);
    assert_eq!(b_after["site_name"], format!("Tenant {}", b.slug));
    assert_eq!(b_after["accent_colour"], "#1d4ed8");

    // A's owner token does not change B's branding.
    let (status, _) = change(
        &app,
        &b,
        &app.owner_token(&a),
        json!({"display_name": "A on B"}),
    )
    .await;
    assert_eq!(status, 401);
    assert!(read(&app, &b).await.1["display_name"].is_null());
}
