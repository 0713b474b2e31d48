//! Reading the branding, and changing it as the owner or an admin.

use identity::Role;
use serde_json::json;

use super::{change, read};
use crate::support::*;

#[tokio::test]
async fn a_new_tenant_shows_the_defaults() {
    let app = spawn_app().await;
    let tenant = provision_tenant("brand");
    let (status, branding) = read(&app, &tenant).await;
    assert_eq!(status, 200, "{branding}");
    assert_eq!(branding["site_name"], format!("Tenant {}", tenant.slug));
    assert!(branding["display_name"].is_null());
    assert!(branding["logo_url"].is_null());
    assert_eq!(branding["accent_colour"], "#1d4ed8");
    assert_eq!(branding["default_language"], "en");
    assert!(branding["address"].is_null());
    assert!(branding["phone"].is_null());
    assert!(branding["contact_email"].is_null());
    assert!(branding["updated_at"].is_string(), "{branding}");
}

#[tokio::test]
async fn the_owner_changes_it_and_everyone_sees_the_change() {
    let app = spawn_app().await;
    let tenant = provision_tenant("brand");
    let token = app.owner_token(&tenant);
    let (_, before) = read(&app, &tenant).await;

    let (status, patched) = change(
        &app,
        &tenant,
        &token,
        json!({
            "display_name": "  Salon Rose ",
            "logo_url": "https://cdn.example.com/rose.png",
            "accent_colour": "#AA3300",
            "default_language": "ar",
            "address": "12 Rue des Fleurs\r\n75011 Paris",
            "phone": "+33 1 23 45 67 89",
            "contact_email": "Hello@Rose.Example"
        }),
    )
    .await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["site_name"], "Salon Rose");
    assert_eq!(patched["display_name"], "Salon Rose");
    assert_eq!(patched["accent_colour"], "#aa3300");
    assert_eq!(patched["address"], "12 Rue des Fleurs\n75011 Paris");
    assert_eq!(patched["phone"], "+33123456789");
    assert_eq!(patched["contact_email"], "hello@rose.example");
    assert_ne!(patched["updated_at"], before["updated_at"]);

    // Anonymous readers see it at once, though the first read was cached.
    let (status, shown) = read(&app, &tenant).await;
    assert_eq!(status, 200);
    assert_eq!(shown, patched);

    // Fields left out stay; null clears, and the name falls back.
    let (status, cleared) = change(
        &app,
        &tenant,
        &token,
        json!({"display_name": null, "logo_url": null, "phone": ""}),
    )
    .await;
    assert_eq!(status, 200, "{cleared}");
    assert_eq!(cleared["site_name"], format!("Tenant {}", tenant.slug));
    assert!(cleared["display_name"].is_null());
    assert!(cleared["logo_url"].is_null());
    assert!(cleared["phone"].is_null());
    assert_eq!(cleared["accent_colour"], "#aa3300");
    assert_eq!(cleared["default_language"], "ar");
    assert_eq!(cleared["contact_email"], "hello@rose.example");
    let (_, shown) = read(&app, &tenant).await;
    assert_eq!(shown, cleared);

    // An empty change changes nothing.
    let (status, same) = change(&app, &tenant, &token, json!({})).await;
    assert_eq!(status, 200, "{same}");
    assert_eq!(same, cleared);
}

#[tokio::test]
async fn an_admin_may_change_it() {
    let app = spawn_app().await;
    let tenant = provision_tenant("brand");
    let admin = app.member_token(&tenant, Role::Admin);
    let (status, patched) = change(&app, &tenant, &admin, json!({"default_language": "fr"})).await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(read(&app, &tenant).await.1["default_language"], "fr");
}

#[tokio::test]
async fn a_tenant_without_its_row_gets_the_defaults_and_a_change_makes_it() {
    use diesel::prelude::*;
    let app = spawn_app().await;
    let tenant = provision_tenant("brand");
    let mut conn = PgConnection::establish(&app.app_state.settings.database_url).unwrap();
    diesel::sql_query(format!("DELETE FROM \"{}\".branding", tenant.schema))
        .execute(&mut conn)
        .unwrap();
    let (status, branding) = read(&app, &tenant).await;
    assert_eq!(status, 200, "{branding}");
    assert_eq!(branding["accent_colour"], "#1d4ed8");
    assert!(branding["updated_at"].is_null());

    let token = app.owner_token(&tenant);
    let (status, patched) =
        change(&app, &tenant, &token, json!({"accent_colour": "#0f766e"})).await;
    assert_eq!(status, 200, "{patched}");
    assert_eq!(patched["accent_colour"], "#0f766e");
    assert!(patched["updated_at"].is_string(), "{patched}");
}
