//! Signing in with a texted code: the code goes out over real HTTP to a
//! stand-in SMS provider, signs the customer in (making or opening the
//! record), is stored only as an HMAC, expires, allows five tries, and
//! sending is limited and a plan feature.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use serde_json::{json, Value};

use crate::support::*;

type Texts = Arc<Mutex<Vec<(String, String)>>>;

async fn app_with_texts(db: &PrivateDb) -> (TestApp, Texts) {
    let (sms_url, texts) = sms_provider().await;
    let url = db.url.clone();
    let app = spawn_app_with(move |settings| {
        settings.database_url = url;
        settings.sms = Some(notify::sms::SmsSettings {
            base_url: sms_url,
            account_sid: "AC123".into(),
            auth_token: "secret".into(),
            from: "+15550000000".into(),
        });
    })
    .await;
    (app, texts)
}

async fn send_code(app: &TestApp, host: &str, phone: &str) -> (u16, Value) {
    json_of(
        app.post(host, "/api/v1/auth/otp/send")
            .json(&json!({ "phone": phone }))
            .send()
            .await
            .unwrap(),
    )
    .await
}

async fn verify(app: &TestApp, host: &str, body: Value) -> (u16, Value) {
    json_of(
        app.post(host, "/api/v1/auth/otp/verify")
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// The six digits of the latest text to `phone` (form-encoded, E.164 with
/// its plus sign), once the outbox delivered the `n`th text to it.
async fn code_sent_to(texts: &Texts, phone: &str, n: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let to_phone: Vec<String> = texts
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, form)| form.contains(&format!("To={phone};")))
            .map(|(_, form)| form.clone())
            .collect();
        if to_phone.len() >= n {
            let form = &to_phone[n - 1];
            let body = form
                .split(';')
                .find_map(|kv| kv.strip_prefix("Body="))
                .unwrap();
            return body[..6].to_string();
        }
        assert!(
            Instant::now() < deadline,
            "no text to {phone}: {to_phone:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_texted_code_signs_in_once_and_opens_the_same_record_again() {
    let db = PrivateDb::create();
    let (app, texts) = app_with_texts(&db).await;
    let tenant = db.provision("otp");
    let phone = "+33612345678";

    let (status, body) = send_code(&app, &tenant.host, "+33 6 12 34 56 78").await;
    assert_eq!(status, 202, "{body}");
    assert_eq!(body["status"], "code_sent");
    let code = code_sent_to(&texts, phone, 1).await;
    assert!(code.bytes().all(|b| b.is_ascii_digit()), "{code}");

    // Only an HMAC of the code is kept.
    let stored: Vec<u8> = {
        let mut conn = db.conn();
        diesel::sql_query(format!(
            "SELECT code_hash AS bytes FROM \"{}\".otp_codes WHERE phone = '{phone}'",
            tenant.schema
        ))
        .get_result::<Bytes>(&mut conn)
        .unwrap()
        .bytes
    };
    assert_eq!(stored.len(), 32);
    assert!(!stored.windows(6).any(|w| w == code.as_bytes()));

    let (status, tokens) = verify(
        &app,
        &tenant.host,
        json!({ "phone": phone, "code": code, "name": "Dara Nouri" }),
    )
    .await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    let (status, who) = me(&app, &tenant.host, &tokens["access_token"]).await;
    assert_eq!(status, 200, "{who}");
    assert_eq!(who["role"], "customer");
    assert_eq!(who["phone"], phone);
    assert_eq!(who["name"], "Dara Nouri");
    assert_eq!(who["email"], Value::Null);
    let first_id = who["id"].clone();

    // The code is spent.
    let (status, body) = verify(&app, &tenant.host, json!({ "phone": phone, "code": code })).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["code"], "invalid_code");

    // A later sign-in of the number opens the same record; no second one.
    // (One text a minute per number: the test moves the window on.)
    redis_flush_otp_minute(&app).await;
    let (status, body) = send_code(&app, &tenant.host, phone).await;
    assert_eq!(status, 202, "{body}");
    let code = code_sent_to(&texts, phone, 2).await;
    let (status, tokens) =
        verify(&app, &tenant.host, json!({ "phone": phone, "code": code })).await;
    assert_eq!(status, 200, "{tokens}");
    let (_, who) = me(&app, &tenant.host, &tokens["access_token"]).await;
    assert_eq!(who["id"], first_id);
    let records: i64 = diesel::sql_query(format!(
        "SELECT count(*) AS n FROM \"{}\".customers WHERE phone = '{phone}'",
        tenant.schema
    ))
    .get_result::<Count>(&mut db.conn())
    .unwrap()
    .n;
    assert_eq!(records, 1);

    // The code of one site does nothing on another.
    let other = db.provision("otp-other");
    redis_flush_otp_minute(&app).await;
    let (status, _) = send_code(&app, &tenant.host, phone).await;
    assert_eq!(status, 202);
    let code = code_sent_to(&texts, phone, 3).await;
    let (status, body) = verify(&app, &other.host, json!({ "phone": phone, "code": code })).await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn a_number_staff_recorded_opens_that_record_and_erasure_closes_it() {
    let db = PrivateDb::create();
    let (app, texts) = app_with_texts(&db).await;
    let tenant = db.provision("otp-known");
    let staff = app.owner_token(&tenant);
    let phone = "+447700900123";
    let (status, created) = json_of(
        app.post(&tenant.host, "/api/v1/customers")
            .bearer_auth(&staff)
            .json(&json!({ "name": "Known Person", "phone": phone }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{created}");

    send_code(&app, &tenant.host, phone).await;
    let code = code_sent_to(&texts, phone, 1).await;
    let (status, tokens) =
        verify(&app, &tenant.host, json!({ "phone": phone, "code": code })).await;
    assert_eq!(status, 200, "{tokens}");
    let (_, who) = me(&app, &tenant.host, &tokens["access_token"]).await;
    assert_eq!(who["id"], created["id"]);
    assert_eq!(who["name"], "Known Person");

    // Erasing the person ends phone sign-in and the session.
    let (status, body) = json_of(
        app.post(
            &tenant.host,
            &format!(
                "/api/v1/customers/{}/erase",
                created["id"].as_str().unwrap()
            ),
        )
        .bearer_auth(&staff)
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = me(&app, &tenant.host, &tokens["access_token"]).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn five_wrong_tries_spend_a_code_and_an_expired_code_fails() {
    let db = PrivateDb::create();
    let (app, texts) = app_with_texts(&db).await;
    let tenant = db.provision("otp-tries");
    let phone = "+14155550123";
    send_code(&app, &tenant.host, phone).await;
    let code = code_sent_to(&texts, phone, 1).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let (status, body) =
            verify(&app, &tenant.host, json!({ "phone": phone, "code": wrong })).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["code"], "invalid_code");
    }
    let (status, body) = verify(&app, &tenant.host, json!({ "phone": phone, "code": code })).await;
    assert_eq!(status, 400, "the right code after five wrong tries: {body}");

    // A fresh code, past its five minutes, fails too.
    redis_flush_otp_minute(&app).await;
    send_code(&app, &tenant.host, phone).await;
    let code = code_sent_to(&texts, phone, 2).await;
    diesel::sql_query(format!(
        "UPDATE \"{}\".otp_codes SET expires_at = now() - interval '1 second'",
        tenant.schema
    ))
    .execute(&mut db.conn())
    .unwrap();
    let (status, body) = verify(&app, &tenant.host, json!({ "phone": phone, "code": code })).await;
    assert_eq!(status, 400, "{body}");
}

#[tokio::test]
async fn sending_is_limited_checked_and_a_plan_feature() {
    let db = PrivateDb::create();
    let (app, _texts) = app_with_texts(&db).await;
    let tenant = db.provision("otp-limits");

    // One text a minute to a number.
    let (status, _) = send_code(&app, &tenant.host, "+33699999999").await;
    assert_eq!(status, 202);
    let res = app
        .post(&tenant.host, "/api/v1/auth/otp/send")
        .json(&json!({ "phone": "+33699999999" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.headers().get("retry-after").is_some());

    // Crafted input is a 422 naming the field, and sends nothing.
    for phone in [
        "",
        "12",
        "+3361234567800000000",
        "+33\u{0}612",
        "not a phone",
    ] {
        let (status, body) = send_code(&app, &tenant.host, phone).await;
        assert_eq!(status, 422, "{phone:?}: {body}");
        assert_eq!(body["errors"][0]["field"], "phone", "{body}");
    }
    for code in ["12345", "1234567", "abcdef", "12 456"] {
        let (status, body) = verify(
            &app,
            &tenant.host,
            json!({ "phone": "+33699999999", "code": code }),
        )
        .await;
        assert_eq!(status, 422, "{code:?}: {body}");
    }

    // A plan without texts refuses at once.
    diesel::sql_query("UPDATE tenants SET plan_code = 'basic' WHERE id = $1")
        .bind::<diesel::sql_types::Uuid, _>(tenant.id)
        .execute(&mut db.conn())
        .unwrap();
    let (status, body) = send_code(&app, &tenant.host, "+33688888888").await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["code"], "feature_not_in_plan");
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Bytes {
    #[diesel(sql_type = diesel::sql_types::Binary)]
    bytes: Vec<u8>,
}

/// Forgets the one-a-minute counters, as a minute passing would.
async fn redis_flush_otp_minute(app: &TestApp) {
    let mut conn = app.app_state.redis.get().await.unwrap();
    let keys: Vec<String> = deadpool_redis::redis::cmd("KEYS")
        .arg("rl:otp:*:phone-minute:*")
        .query_async(&mut *conn)
        .await
        .unwrap();
    for key in keys {
        let _: () = deadpool_redis::redis::cmd("DEL")
            .arg(key)
            .query_async(&mut *conn)
            .await
            .unwrap();
    }
}
