//! Password reset and email verification, with the mail read from a real
//! SMTP listener. Each test has a private database (see support/db.rs).

use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn password_reset_by_mailed_link() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let tenant = db.provision("reset");
    let email = unique_email("reset");
    let registered = customer_account(&app, &tenant, &email).await;

    let (status, body) = json_of(
        app.post(&tenant.host, "/api/v1/auth/password-reset")
            .json(&json!({ "email": email.to_uppercase() }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 202, "{body}");

    let mail = app.mail.wait_for(&email, "reset-password").await;
    assert!(mail.from.contains('@'), "envelope sender {:?}", mail.from);
    let text = decode_qp(&mail.data);
    assert!(
        text.contains(&format!("http://{}/reset-password?token=", tenant.host)),
        "{text}"
    );
    assert!(text.contains(&format!("Tenant {}", tenant.slug)), "{text}");
    let token = token_in(&mail.data, "/reset-password");

    // The rules apply to the new password too.
    let (status, body) = json_of(
        app.post(&tenant.host, "/api/v1/auth/password-reset/confirm")
            .json(&json!({ "token": token, "password": "weak" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{body}");

    let new_password = "brand-new-pass-42";
    let (status, body) = json_of(
        app.post(&tenant.host, "/api/v1/auth/password-reset/confirm")
            .json(&json!({ "token": token, "password": new_password }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    assert_eq!(login(&app, &tenant.host, &email, PASSWORD).await.0, 401);
    assert_eq!(login(&app, &tenant.host, &email, new_password).await.0, 200);
    // Sessions from before the reset are gone.
    let (status, _) = refresh(&app, &tenant.host, &registered["refresh_token"]).await;
    assert_eq!(status, 401);

    // The link works once.
    let (status, body) = json_of(
        app.post(&tenant.host, "/api/v1/auth/password-reset/confirm")
            .json(&json!({ "token": token, "password": "third-pass-123" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["code"], "invalid_token");
    assert_eq!(login(&app, &tenant.host, &email, new_password).await.0, 200);

    // The owner is told.
    app.mail.wait_for(&email, "password was changed").await;
}

#[tokio::test]
async fn password_reset_never_tells_who_has_an_account() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let tenant = db.provision("reset-x");
    let other = db.provision("reset-y");
    let member = unique_email("member");
    customer_account(&app, &other, &member).await;

    let mut answers = Vec::new();
    // Unknown anywhere; and a member of another site only.
    for email in [unique_email("ghost"), member.clone()] {
        answers.push(
            json_of(
                app.post(&tenant.host, "/api/v1/auth/password-reset")
                    .json(&json!({ "email": email }))
                    .send()
                    .await
                    .unwrap(),
            )
            .await,
        );
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0].0, 202);

    // No reset mail was queued for either.
    let mut conn = db.conn();
    use diesel::prelude::*;
    let resets: i64 = kernel::schema::public::outbox::table
        .filter(kernel::schema::public::outbox::tenant_id.eq(tenant.id))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(resets, 0);

    // A token that never existed is refused clearly.
    let (status, body) = json_of(
        app.post(&tenant.host, "/api/v1/auth/password-reset/confirm")
            .json(&json!({ "token": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "password": "brand-new-pass-42" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["code"], "invalid_token");
    assert!(body["detail"]
        .as_str()
        .unwrap()
        .contains("Ask for a new one"));
}

#[tokio::test]
async fn verification_mail_verifies_the_address() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let tenant = db.provision("verify");
    // Staff accounts verify their address; a customer account exists only
    // once its sign-up link proved it.
    let email = tenant.owner_email.clone();
    let (status, signed_in) = login(&app, &tenant.host, &email, OWNER_PASSWORD).await;
    assert_eq!(status, 200, "{signed_in}");
    let access = &signed_in["access_token"];
    assert_eq!(
        me(&app, &tenant.host, access).await.1["email_verified"],
        false
    );

    // Asking sends a link; asking again sends a new one, and the old one
    // stops working.
    let res = app
        .post(&tenant.host, "/api/v1/auth/verify-email/resend")
        .bearer_auth(access.as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    let first = app.mail.wait_for(&email, "verify-email").await;
    let first_token = token_in(&first.data, "/verify-email");
    let res = app
        .post(&tenant.host, "/api/v1/auth/verify-email/resend")
        .bearer_auth(access.as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let second_token = loop {
        let mails = app.mail.all().await;
        let tokens: Vec<String> = mails
            .iter()
            .filter(|m| m.to.contains(&email) && m.data.contains("verify-email"))
            .map(|m| token_in(&m.data, "/verify-email"))
            .filter(|t| *t != first_token)
            .collect();
        if let Some(t) = tokens.into_iter().next() {
            break t;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no second verification mail"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let (status, body) = json_of(
        app.post(&tenant.host, "/api/v1/auth/verify-email")
            .json(&json!({ "token": first_token }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["code"], "invalid_token");

    let (status, body) = json_of(
        app.post(&tenant.host, "/api/v1/auth/verify-email")
            .json(&json!({ "token": second_token }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        me(&app, &tenant.host, access).await.1["email_verified"],
        true
    );

    // Used once; and nothing left to resend.
    let (status, _) = json_of(
        app.post(&tenant.host, "/api/v1/auth/verify-email")
            .json(&json!({ "token": second_token }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 400);
    let (status, body) = json_of(
        app.post(&tenant.host, "/api/v1/auth/verify-email/resend")
            .bearer_auth(access.as_str().unwrap())
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "email_already_verified");
}
