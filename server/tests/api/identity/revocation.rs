//! Access tokens stop working at once when what they say stops being true:
//! the membership is removed, the role is lowered, the session is signed
//! out, the password is reset. A server keeps a member's answer for a minute
//! and forgets it when the database notifies a change of the account; the
//! notification takes a moment to arrive, so the tests poll, at most 20 s:
//! without it they would fail.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use identity::action_tokens::{self, Purpose};
use kernel::schema::public::{memberships, users};
use serde_json::{json, Value};

use crate::support::*;

const STAFF_ROUTE: &str = "/api/v1/customers";

async fn staff_get(app: &TestApp, tenant: &TestTenant, access: &Value) -> (u16, Value) {
    json_of(
        app.get(&tenant.host, STAFF_ROUTE)
            .bearer_auth(access.as_str().unwrap())
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// Asks until the token is refused (the notification takes a moment).
async fn refused_soon(app: &TestApp, tenant: &TestTenant, access: &Value) -> (u16, Value) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (status, body) = staff_get(app, tenant, access).await;
        if status != 200 || Instant::now() > deadline {
            return (status, body);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The tenant's owner signed in through the API: (access, refresh).
async fn owner_session(app: &TestApp, tenant: &TestTenant) -> (Value, Value) {
    let (status, tokens) = login(app, &tenant.host, &tenant.owner_email, OWNER_PASSWORD).await;
    assert_eq!(status, 200, "{tokens}");
    let (status, body) = staff_get(app, tenant, &tokens["access_token"]).await;
    assert_eq!(status, 200, "{body}");
    (
        tokens["access_token"].clone(),
        tokens["refresh_token"].clone(),
    )
}

async fn sign_out(app: &TestApp, tenant: &TestTenant, refresh_token: &Value) {
    let res = app
        .post(&tenant.host, "/api/v1/auth/logout")
        .json(&json!({ "refresh_token": refresh_token }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
}

fn owner_id(conn: &mut PgConnection, tenant: &TestTenant) -> uuid::Uuid {
    users::table
        .filter(users::email.eq(&tenant.owner_email))
        .select(users::id)
        .first(conn)
        .unwrap()
}

#[tokio::test]
async fn a_removed_member_is_refused_at_once() {
    let app = spawn_app().await;
    let tenant = provision_tenant("rev-gone");
    let (access, _) = owner_session(&app, &tenant).await;

    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let owner = owner_id(&mut conn, &tenant);
    diesel::delete(memberships::table.find((owner, tenant.id)))
        .execute(&mut conn)
        .unwrap();

    let (status, body) = refused_soon(&app, &tenant, &access).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["code"], "account_not_found");
}

#[tokio::test]
async fn a_lowered_role_is_refused_at_once() {
    let app = spawn_app().await;
    let tenant = provision_tenant("rev-role");
    let (access, refresh_token) = owner_session(&app, &tenant).await;

    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let owner = owner_id(&mut conn, &tenant);
    diesel::update(memberships::table.find((owner, tenant.id)))
        .set(memberships::role.eq("staff"))
        .execute(&mut conn)
        .unwrap();

    let (status, body) = refused_soon(&app, &tenant, &access).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["code"], "role_changed");

    // A refreshed token carries the new role: staff, but no longer admin.
    let (status, tokens) = refresh(&app, &tenant.host, &refresh_token).await;
    assert_eq!(status, 200, "{tokens}");
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(
        staff_get(&app, &tenant, &tokens["access_token"]).await.0,
        200
    );
    let (status, body) = json_of(
        app.get(&tenant.host, "/api/v1/webhooks")
            .bearer_auth(access)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403, "{body}");
    let (status, who) = me(&app, &tenant.host, &tokens["access_token"]).await;
    assert_eq!(status, 200, "{who}");
    assert_eq!(who["role"], "staff");
}

#[tokio::test]
async fn logout_ends_that_sessions_access_tokens() {
    let app = spawn_app().await;
    let tenant = provision_tenant("rev-out");
    let (access, refresh_token) = owner_session(&app, &tenant).await;
    let (other_access, _) = owner_session(&app, &tenant).await;

    sign_out(&app, &tenant, &refresh_token).await;

    let (status, body) = refused_soon(&app, &tenant, &access).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["code"], "session_revoked");
    // Signing one session out leaves the others signed in.
    let (status, body) = staff_get(&app, &tenant, &other_access).await;
    assert_eq!(status, 200, "{body}");
}

/// Every server hears of a sign-out, not only the one that made it.
#[tokio::test]
async fn a_sign_out_on_one_server_ends_the_session_on_another() {
    let (app, other) = (spawn_app().await, spawn_app().await);
    let tenant = provision_tenant("rev-two");
    let (access, refresh_token) = owner_session(&app, &tenant).await;
    // The other server has answered for the token, and keeps the answer.
    let (status, body) = staff_get(&other, &tenant, &access).await;
    assert_eq!(status, 200, "{body}");

    sign_out(&app, &tenant, &refresh_token).await;

    let (status, body) = refused_soon(&other, &tenant, &access).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["code"], "session_revoked");
}

#[tokio::test]
async fn a_password_reset_ends_every_earlier_access_token() {
    let app = spawn_app().await;
    let tenant = provision_tenant("rev-reset");
    let (first, _) = owner_session(&app, &tenant).await;
    let (second, _) = owner_session(&app, &tenant).await;

    // The link the reset mail would carry.
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let owner = owner_id(&mut conn, &tenant);
    let token = action_tokens::create(&mut conn, owner, tenant.id, Purpose::PasswordReset).unwrap();
    let new_password = "after-reset-pass-77";
    let (status, body) = json_of(
        app.post(&tenant.host, "/api/v1/auth/password-reset/confirm")
            .json(&json!({ "token": token, "password": new_password }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    for access in [&first, &second] {
        let (status, body) = refused_soon(&app, &tenant, access).await;
        assert_eq!(status, 401, "{body}");
        assert_eq!(body["code"], "session_revoked");
    }
    let (status, tokens) = login(&app, &tenant.host, &tenant.owner_email, new_password).await;
    assert_eq!(status, 200, "{tokens}");
    let (status, body) = staff_get(&app, &tenant, &tokens["access_token"]).await;
    assert_eq!(status, 200, "{body}");
}
