//! Account takeover by pre-registration, closed: customer sign-ups never
//! make platform accounts, an operator's owner with an address that has an
//! account already is invited (never attached), and an unproven sign-up
//! cannot reach a record staff made.

use serde_json::json;

use crate::support::*;
use identity::owner::OwnerOutcome;

#[tokio::test]
async fn a_customer_sign_up_cannot_capture_a_future_owner() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let shop = db.provision("pre-reg");
    // An attacker signs up on a site with the address the operator will
    // later make owner of a new tenant (and never gets its link).
    let boss = unique_email("boss");
    let (status, _) = json_of(
        app.post(&shop.host, "/api/v1/auth/register")
            .json(&json!({ "email": boss, "password": "attacker-pass-1", "name": "Mallory" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 202);

    let slug = random_slug("newco");
    let (newco, owner) = provision_owned_by(&mut db.conn(), slug, boss.clone());
    assert_eq!(owner, Some(OwnerOutcome::Created));
    // The operator's password opens the owner account; the attacker's opens nothing.
    let (status, tokens) = login(&app, &newco.host, &boss, OWNER_PASSWORD).await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(
        me(&app, &newco.host, &tokens["access_token"]).await.1["role"],
        "owner"
    );
    assert_eq!(
        login(&app, &newco.host, &boss, "attacker-pass-1").await.0,
        401
    );
    assert_eq!(
        login(&app, &shop.host, &boss, "attacker-pass-1").await.0,
        401
    );
}

#[tokio::test]
async fn an_existing_account_is_invited_and_accepts_with_its_password() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let first = db.provision("inv-a");
    // The owner of `first` is named owner of a second tenant.
    let (second, owner) = provision_owned_by(
        &mut db.conn(),
        random_slug("inv-b"),
        first.owner_email.clone(),
    );
    assert_eq!(owner, Some(OwnerOutcome::Invited));
    // Nothing was attached: not an owner there until accepted.
    let email = &first.owner_email;
    assert_eq!(
        login(&app, &second.host, email, OWNER_PASSWORD).await.0,
        401
    );

    let mail = app.mail.wait_for(email, "accept-invitation").await;
    let text = decode_qp(&mail.data);
    assert!(
        text.contains(&format!("http://{}/accept-invitation?token=", second.host)),
        "{text}"
    );
    let token = token_in(&mail.data, "/accept-invitation");
    let accept = |password: &'static str| {
        app.post(&second.host, "/api/v1/auth/invitations/accept")
            .json(&json!({ "token": token, "password": password }))
            .send()
    };

    // The link alone is not enough: the account's password is.
    let (status, body) = json_of(accept("not-the-password-1").await.unwrap()).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["code"], "invalid_credentials");
    assert_eq!(
        login(&app, &second.host, email, OWNER_PASSWORD).await.0,
        401
    );

    let res = accept(OWNER_PASSWORD).await.unwrap();
    assert_eq!(res.headers()["cache-control"], "no-store");
    let (status, tokens) = json_of(res).await;
    assert_eq!(status, 200, "{tokens}");
    let (_, who) = me(&app, &second.host, &tokens["access_token"]).await;
    assert_eq!(who["role"], "owner", "{who}");
    assert_eq!(
        login(&app, &second.host, email, OWNER_PASSWORD).await.0,
        200
    );

    // Used once.
    let (status, body) = json_of(accept(OWNER_PASSWORD).await.unwrap()).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["code"], "invalid_token");
    // And bound to its tenant.
    let (status, _) = json_of(
        app.post(&first.host, "/api/v1/auth/invitations/accept")
            .json(&json!({ "token": token_in(&mail.data, "/accept-invitation"), "password": OWNER_PASSWORD }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn only_the_proven_address_opens_a_record_staff_made() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let tenant = db.provision("claim");
    let owner = app.owner_token(&tenant);
    let email = unique_email("claimed");
    let (status, made) = json_of(
        app.post(&tenant.host, "/api/v1/customers")
            .bearer_auth(&owner)
            .json(&json!({ "name": "Real Person", "email": email, "notes": "allergic to latex" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{made}");

    // A sign-up of that address, unproven, opens nothing.
    let (status, _) = json_of(
        app.post(&tenant.host, "/api/v1/auth/register")
            .json(&json!({ "email": email, "password": "attacker-pass-1", "name": "Mallory" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 202);
    assert_eq!(
        login(&app, &tenant.host, &email, "attacker-pass-1").await.0,
        401
    );

    // The person's own sign-up, proven by the link in their mailbox, opens
    // the record staff made; the stranger's link (in the same mailbox) is
    // dead from then on and cannot replace the password.
    let (status, _) = json_of(
        app.post(&tenant.host, "/api/v1/auth/register")
            .json(&json!({ "email": email, "password": PASSWORD, "name": "Real Person" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 202);
    let own = app.mail.wait_for(&email, "Hello Real Person").await;
    let strangers = app.mail.wait_for(&email, "Hello Mallory").await;
    let own = token_in(&own.data, "/account/confirm");
    let (status, opened) = confirm_link(&app, &tenant.host, &own).await;
    assert_eq!(status, 201, "{opened}");
    assert_eq!(opened["user"]["id"], made["id"], "{opened}");
    let strangers = token_in(&strangers.data, "/account/confirm");
    let (status, _) = confirm_link(&app, &tenant.host, &strangers).await;
    assert_eq!(status, 400);
    assert_eq!(login(&app, &tenant.host, &email, PASSWORD).await.0, 200);
    assert_eq!(
        login(&app, &tenant.host, &email, "attacker-pass-1").await.0,
        401
    );
}

async fn confirm_link(app: &TestApp, host: &str, token: &str) -> (u16, serde_json::Value) {
    json_of(
        app.post(host, "/api/v1/auth/register/confirm")
            .json(&json!({ "token": token }))
            .send()
            .await
            .unwrap(),
    )
    .await
}
