//! Identity over HTTP: register, login, me, refresh rotation and reuse,
//! logout, tenant binding of tokens, bad input.

use diesel::prelude::*;
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn sign_up_by_mailed_link_then_login_and_me() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let tenant = db.provision("reg");
    let email = unique_email("Ann");

    // Registering signs nobody in: the mailed link does.
    let (status, body) = register(&app, &tenant.host, &email.to_uppercase()).await;
    assert_eq!(status, 202, "{body}");
    assert!(body.get("access_token").is_none(), "{body}");
    assert_eq!(login(&app, &tenant.host, &email, PASSWORD).await.0, 401);
    // Nor does an unproven sign-up add anyone to the customer list.
    let mut conn = db.conn();
    let count_customers = |conn: &mut PgConnection| {
        diesel::sql_query(format!(
            "SELECT count(*) AS n FROM \"{}\".customers WHERE email = $1",
            tenant.schema
        ))
        .bind::<diesel::sql_types::Text, _>(email.to_lowercase())
        .get_result::<Count>(conn)
        .unwrap()
        .n
    };
    assert_eq!(count_customers(&mut conn), 0);

    let (status, body) = confirm_sign_up(&app, &tenant.host, &email.to_lowercase()).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["user"]["email"], email.to_lowercase());
    assert_eq!(body["user"]["role"], "customer");
    assert_eq!(body["user"]["email_verified"], true);
    assert_eq!(body["token_type"], "Bearer");
    assert!(body["expires_in"].as_i64().unwrap() <= 900);
    assert!(body["refresh_token"].as_str().unwrap().len() >= 40);
    assert_eq!(count_customers(&mut conn), 1);

    let (status, who) = me(&app, &tenant.host, &body["access_token"]).await;
    assert_eq!(status, 200, "{who}");
    assert_eq!(who["email"], email.to_lowercase());
    assert_eq!(who["name"], "Ann Example");
    assert_eq!(who["role"], "customer");
    assert_eq!(who["tenant"]["slug"], tenant.slug);
    assert_eq!(who["tenant"]["id"], tenant.id.to_string());

    let (status, tokens) = login(&app, &tenant.host, &email, PASSWORD).await;
    assert_eq!(status, 200, "{tokens}");
    let (status, who) = me(&app, &tenant.host, &tokens["access_token"]).await;
    assert_eq!(status, 200, "{who}");
    assert_eq!(who["id"], body["user"]["id"]);

    // The account is the tenant's: no platform account was made for it.
    let platform: i64 =
        diesel::sql_query("SELECT count(*) AS n FROM public.users WHERE email = $1")
            .bind::<diesel::sql_types::Text, _>(email.to_lowercase())
            .get_result::<Count>(&mut conn)
            .unwrap()
            .n;
    assert_eq!(platform, 0);

    // The link works once.
    let (status, again) = confirm_sign_up(&app, &tenant.host, &email.to_lowercase()).await;
    assert_eq!(status, 400, "{again}");
    assert_eq!(again["code"], "invalid_token");
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[tokio::test]
async fn weak_password_is_refused_with_the_rule() {
    let app = spawn_app().await;
    let tenant = provision_tenant("weak");
    let email = unique_email("weak");
    let res = app
        .post(&tenant.host, "/api/v1/auth/register")
        .json(&json!({ "email": email, "password": "short1", "name": "W" }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let (status, body) = json_of(res).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["code"], "validation_failed");
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("at least 10 characters"),
        "{body}"
    );
    assert_eq!(body["errors"][0]["field"], "password");
    // Nothing was created.
    let (status, _) = login(&app, &tenant.host, &email, "short1").await;
    assert_eq!(status, 401);

    let (status, body) = json_of(
        app.post(&tenant.host, "/api/v1/auth/register")
            .json(&json!({ "email": "not-an-email", "password": PASSWORD, "name": "W" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "email");
}

#[tokio::test]
async fn malformed_and_unexpected_bodies_are_4xx() {
    let app = spawn_app().await;
    let tenant = provision_tenant("badjson");
    let cases = [
        ("/api/v1/auth/login", "{not json".to_string()),
        (
            "/api/v1/auth/login",
            json!({ "email": "a@example.com", "password": PASSWORD, "admin": true }).to_string(),
        ),
        (
            "/api/v1/auth/login",
            json!({ "email": "a@example.com" }).to_string(),
        ),
        (
            "/api/v1/auth/register",
            json!({ "email": "a@example.com", "password": PASSWORD, "name": "A", "role": "owner" })
                .to_string(),
        ),
        ("/api/v1/auth/refresh", json!({ "token": "x" }).to_string()),
        (
            "/api/v1/auth/password-reset",
            json!({ "email": 42 }).to_string(),
        ),
    ];
    for (path, raw) in cases {
        let (status, body) = json_of(
            app.post(&tenant.host, path)
                .header("content-type", "application/json")
                .body(raw.clone())
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert!(
            (400..500).contains(&status),
            "{path} {raw}: {status} {body}"
        );
        assert!(body["code"].is_string(), "{path} {raw}: {body}");
    }
    // An over-long name is a clear 422, not a database error.
    let (status, body) = json_of(
        app.post(&tenant.host, "/api/v1/auth/register")
            .json(&json!({ "email": unique_email("long"), "password": PASSWORD, "name": "x".repeat(500) }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "name");
}

#[tokio::test]
async fn registering_a_known_address_answers_as_for_a_new_one() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let tenant = db.provision("dup");
    let known = unique_email("dup");
    sign_up(&app, &tenant.host, &known).await;

    let (status_known, body_known) = register(&app, &tenant.host, &known.to_uppercase()).await;
    let fresh = unique_email("fresh");
    let (status_fresh, body_fresh) = register(&app, &tenant.host, &fresh).await;
    assert_eq!(status_known, 202, "{body_known}");
    assert_eq!((status_known, &body_known), (status_fresh, &body_fresh));

    // The mail tells the known address where to sign in; the password of
    // the account is unchanged.
    let mail = app.mail.wait_for(&known, "has one already").await;
    assert!(decode_qp(&mail.data).contains("/account/login"));
    assert_eq!(login(&app, &tenant.host, &known, PASSWORD).await.0, 200);
}

#[tokio::test]
async fn accounts_of_one_site_are_unknown_on_another() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let a = db.provision("join-a");
    let b = db.provision("join-b");
    let email = unique_email("join");
    sign_up(&app, &a.host, &email).await;
    assert_eq!(login(&app, &b.host, &email, PASSWORD).await.0, 401);

    // B's sign-up of the same address is a separate account, with its own
    // password, and answers exactly as for any new address.
    let (status, body) = json_of(
        app.post(&b.host, "/api/v1/auth/register")
            .json(&json!({ "email": email, "password": "another-pass-7", "name": "Ann" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 202, "{body}");
    let (status, body) = confirm_sign_up(&app, &b.host, &email).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(login(&app, &b.host, &email, "another-pass-7").await.0, 200);
    assert_eq!(login(&app, &b.host, &email, PASSWORD).await.0, 401);
    assert_eq!(login(&app, &a.host, &email, PASSWORD).await.0, 200);
    assert_eq!(login(&app, &a.host, &email, "another-pass-7").await.0, 401);
}

#[tokio::test]
async fn login_refusals_all_look_the_same() {
    let app = spawn_app().await;
    let a = provision_tenant("refuse-a");
    let b = provision_tenant("refuse-b");
    let email = unique_email("refuse");
    customer_account(&app, &a, &email).await;

    let (s1, wrong_password) = login(&app, &a.host, &email, "wrong-horse-9").await;
    let (s2, unknown) = login(&app, &a.host, &unique_email("nobody"), PASSWORD).await;
    let (s3, other_site) = login(&app, &b.host, &email, PASSWORD).await;
    // The owner of A is not a member of B either.
    let (s4, owner_elsewhere) = login(&app, &b.host, &a.owner_email, OWNER_PASSWORD).await;
    for (status, body) in [
        (s1, &wrong_password),
        (s2, &unknown),
        (s3, &other_site),
        (s4, &owner_elsewhere),
    ] {
        assert_eq!(status, 401, "{body}");
        assert_eq!(body["code"], "invalid_credentials");
        assert_eq!(body["detail"], wrong_password["detail"]);
    }
    // The owner can sign in on their own site, with the owner role.
    let (status, tokens) = login(&app, &a.host, &a.owner_email, OWNER_PASSWORD).await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(
        me(&app, &a.host, &tokens["access_token"]).await.1["role"],
        "owner"
    );
}

#[tokio::test]
async fn a_token_of_tenant_a_is_refused_on_tenant_b() {
    let app = spawn_app().await;
    let a = provision_tenant("tok-a");
    let b = provision_tenant("tok-b");
    let email = unique_email("tok");
    let body = customer_account(&app, &a, &email).await;
    // B knows the same person too, so only the token's tenant differs.
    customer_account(&app, &b, &email).await;

    assert_eq!(me(&app, &a.host, &body["access_token"]).await.0, 200);
    let (status, refused) = me(&app, &b.host, &body["access_token"]).await;
    assert_eq!(status, 401, "{refused}");
    assert_eq!(refused["code"], "token_wrong_tenant");

    // Nor does A's refresh token work on B, and trying does not harm it on A.
    let (status, refused) = refresh(&app, &b.host, &body["refresh_token"]).await;
    assert_eq!(status, 401, "{refused}");
    assert_eq!(refused["code"], "invalid_refresh_token");
    assert_eq!(refresh(&app, &a.host, &body["refresh_token"]).await.0, 200);

    // Nor a forged or missing token.
    let (status, _) = me(&app, &a.host, &json!("not.a.jwt")).await;
    assert_eq!(status, 401);
    let (status, body) = json_of(app.get(&a.host, "/api/v1/auth/me").send().await.unwrap()).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "missing_token");
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let app = spawn_app().await;
    let tenant = provision_tenant("rot");
    let email = unique_email("rot");
    let first = customer_account(&app, &tenant, &email).await;

    let (status, second) = refresh(&app, &tenant.host, &first["refresh_token"]).await;
    assert_eq!(status, 200, "{second}");
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_eq!(second["token_type"], "Bearer");
    assert_eq!(me(&app, &tenant.host, &second["access_token"]).await.0, 200);

    let (status, third) = refresh(&app, &tenant.host, &second["refresh_token"]).await;
    assert_eq!(status, 200, "{third}");

    // The first token again: someone holds a copy. The whole family goes.
    let (status, body) = refresh(&app, &tenant.host, &first["refresh_token"]).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["code"], "refresh_token_reused");
    let (status, body) = refresh(&app, &tenant.host, &third["refresh_token"]).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["code"], "invalid_refresh_token");

    // Another sign-in (another family) is unaffected.
    let (_, other) = login(&app, &tenant.host, &email, PASSWORD).await;
    assert_eq!(
        refresh(&app, &tenant.host, &other["refresh_token"]).await.0,
        200
    );
}

#[tokio::test]
async fn concurrent_refreshes_of_one_token_cannot_both_succeed() {
    let app = spawn_app().await;
    let tenant = provision_tenant("race");
    let email = unique_email("race");
    let body = customer_account(&app, &tenant, &email).await;
    let token = body["refresh_token"].clone();
    let attempts = (0..6).map(|_| refresh(&app, &tenant.host, &token));
    let results = futures_util::future::join_all(attempts).await;
    let ok: Vec<_> = results.iter().filter(|(s, _)| *s == 200).collect();
    assert!(ok.len() <= 1, "{results:?}");
    assert!(
        results.iter().all(|(s, _)| *s == 200 || *s == 401),
        "{results:?}"
    );
    // Whatever won, the family is revoked once the token was replayed.
    if let Some((_, winner)) = ok.first() {
        assert_eq!(
            refresh(&app, &tenant.host, &winner["refresh_token"])
                .await
                .0,
            401
        );
    }
}

#[tokio::test]
async fn logout_revokes_the_session() {
    let app = spawn_app().await;
    let tenant = provision_tenant("out");
    let email = unique_email("out");
    let session = customer_account(&app, &tenant, &email).await;
    let (_, rotated) = refresh(&app, &tenant.host, &session["refresh_token"]).await;

    let res = app
        .post(&tenant.host, "/api/v1/auth/logout")
        .json(&json!({ "refresh_token": rotated["refresh_token"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let (status, body) = refresh(&app, &tenant.host, &rotated["refresh_token"]).await;
    assert_eq!(status, 401, "{body}");

    // Signing out twice, or with junk, is not an error.
    let res = app
        .post(&tenant.host, "/api/v1/auth/logout")
        .json(&json!({ "refresh_token": "junk" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
}
