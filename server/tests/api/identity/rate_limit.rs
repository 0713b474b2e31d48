//! Login, register and password reset are limited per client address and
//! per account in Redis; without Redis, sign-in keeps working.

use std::time::Duration;

use serde_json::json;

use crate::support::*;

/// A client address no other test uses, so shared Redis counters start at 0.
fn fresh_ip() -> String {
    let b = uuid::Uuid::new_v4().into_bytes();
    format!("10.{}.{}.{}", b[0], b[1], b[2].max(1))
}

async fn limited_app(limit: u32) -> TestApp {
    spawn_app_with(move |s| {
        s.auth_rate_limit = limit;
        s.auth_rate_window_secs = 60;
        // The test client connects from loopback, acting as a proxy.
        s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await
}

#[tokio::test]
async fn login_is_limited_per_client_address() {
    let app = limited_app(3).await;
    let tenant = provision_tenant("rl-ip");
    let ip = fresh_ip();
    let mut statuses = Vec::new();
    for i in 0..4 {
        let res = app
            .post(&tenant.host, "/api/v1/auth/login")
            .header("x-forwarded-for", &ip)
            // A different account each time: only the address is common.
            .json(&json!({ "email": unique_email(&format!("ip{i}")), "password": "wrong-horse-9" }))
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
        if res.status() == 429 {
            let retry: u64 = res.headers()["retry-after"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            assert!((1..=60).contains(&retry), "Retry-After {retry}");
            let (_, body) = json_of(res).await;
            assert_eq!(body["code"], "rate_limited");
            assert!(body["detail"].as_str().unwrap().contains("try again"));
        }
    }
    assert_eq!(statuses, [401, 401, 401, 429]);

    // Another address is not affected.
    let (status, _) = json_of(
        app.post(&tenant.host, "/api/v1/auth/login")
            .header("x-forwarded-for", fresh_ip())
            .json(&json!({ "email": unique_email("other"), "password": "wrong-horse-9" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401);
}

async fn login_from(app: &TestApp, host: &str, ip: &str, email: &str, password: &str) -> u16 {
    app.post(host, "/api/v1/auth/login")
        .header("x-forwarded-for", ip)
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// A customer account on `tenant` (its sign-in counted from loopback,
/// which no test limits).
async fn account(app: &TestApp, tenant: &TestTenant, tag: &str) -> String {
    let email = unique_email(tag);
    customer_account(app, tenant, &email).await;
    email
}

#[tokio::test]
async fn a_strangers_failures_do_not_lock_the_owner_out() {
    let app = limited_app(3).await;
    let tenant = provision_tenant("rl-acct");
    let email = account(&app, &tenant, "target").await;
    let stranger = fresh_ip();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(login_from(&app, &tenant.host, &stranger, &email, "wrong-horse-9").await);
    }
    // The stranger is stopped on this account from their address ...
    assert_eq!(statuses, [401, 401, 401, 429, 429]);
    // ... and the owner, from theirs, signs in.
    assert_eq!(
        login_from(&app, &tenant.host, &fresh_ip(), &email, PASSWORD).await,
        200
    );

    // Failures from many addresses only slow the account down (a refusal
    // would be the lock-out): with the slow-down at 2, a third address
    // still gets its answer.
    let app = spawn_app_with(|s| {
        s.auth_rate_limit = 3;
        s.auth_account_slowdown_after = 2;
        s.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    let tenant = provision_tenant("rl-slow");
    let email = account(&app, &tenant, "slowed").await;
    for _ in 0..3 {
        assert_eq!(
            login_from(&app, &tenant.host, &fresh_ip(), &email, "wrong-horse-9").await,
            401
        );
    }
    let started = std::time::Instant::now();
    assert_eq!(
        login_from(&app, &tenant.host, &fresh_ip(), &email, PASSWORD).await,
        200
    );
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "not slowed down"
    );
}

#[tokio::test]
async fn only_failed_logins_count() {
    let app = limited_app(3).await;
    let tenant = provision_tenant("rl-ok");
    let email = account(&app, &tenant, "regular").await;
    let ip = fresh_ip();
    for _ in 0..6 {
        assert_eq!(
            login_from(&app, &tenant.host, &ip, &email, PASSWORD).await,
            200
        );
    }
    // Two typos from the owner's own address still leave room to sign in.
    for _ in 0..2 {
        assert_eq!(
            login_from(&app, &tenant.host, &ip, &email, "typo-horse-9").await,
            401
        );
    }
    assert_eq!(
        login_from(&app, &tenant.host, &ip, &email, PASSWORD).await,
        200
    );
}

#[tokio::test]
async fn counters_of_one_tenant_do_not_limit_another() {
    let app = limited_app(3).await;
    let a = provision_tenant("rl-ta");
    let b = provision_tenant("rl-tb");
    let ip = fresh_ip();
    let email = unique_email("both");
    let mut on_a = Vec::new();
    for _ in 0..4 {
        on_a.push(login_from(&app, &a.host, &ip, &email, "wrong-horse-9").await);
    }
    assert_eq!(on_a, [401, 401, 401, 429]);
    // Same address, same account name, another tenant: a fresh count.
    assert_eq!(
        login_from(&app, &b.host, &ip, &email, "wrong-horse-9").await,
        401
    );
}

#[tokio::test]
async fn register_and_password_reset_are_limited() {
    let app = limited_app(2).await;
    let tenant = provision_tenant("rl-doors");
    let ip = fresh_ip();
    let mut register_statuses = Vec::new();
    for i in 0..3 {
        let res = app
            .post(&tenant.host, "/api/v1/auth/register")
            .header("x-forwarded-for", &ip)
            .json(&json!({ "email": unique_email(&format!("r{i}")), "password": PASSWORD, "name": "R" }))
            .send()
            .await
            .unwrap();
        register_statuses.push(res.status().as_u16());
    }
    assert_eq!(register_statuses, [202, 202, 429]);

    let email = unique_email("reset");
    let reset = |ip: String| {
        app.post(&tenant.host, "/api/v1/auth/password-reset")
            .header("x-forwarded-for", ip)
            .json(&json!({ "email": email }))
            .send()
    };
    let ip = fresh_ip();
    let mut reset_statuses = Vec::new();
    for _ in 0..3 {
        let res = reset(ip.clone()).await.unwrap();
        reset_statuses.push(res.status().as_u16());
        if res.status() == 429 {
            assert!(res.headers().contains_key("retry-after"));
        }
    }
    assert_eq!(reset_statuses, [202, 202, 429]);
    // Someone else asking from their address cannot keep the owner from it.
    assert_eq!(reset(fresh_ip()).await.unwrap().status(), 202);
}

#[tokio::test]
async fn login_keeps_working_when_redis_stops() {
    let mut redis = OwnRedis::start();
    let url = redis.url.clone();
    let app = spawn_app_with(move |s| {
        s.redis_url = url;
        s.auth_rate_limit = 5;
    })
    .await;
    let tenant = provision_tenant("rl-down");
    let email = unique_email("down");
    customer_account(&app, &tenant, &email).await;
    let (_, ready) = json_of(app.get(&tenant.host, "/readyz").send().await.unwrap()).await;
    assert_eq!(ready["redis"], "ok", "{ready}");

    redis.stop();

    for _ in 0..3 {
        let started = std::time::Instant::now();
        let (status, body) = login(&app, &tenant.host, &email, PASSWORD).await;
        assert_eq!(status, 200, "{body}");
        // Fail-open must also be quick, not wait out a long timeout.
        assert!(started.elapsed() < Duration::from_secs(3));
    }
    let (status, ready) = json_of(app.get(&tenant.host, "/readyz").send().await.unwrap()).await;
    assert_eq!(status, 200, "{ready}");
    assert_eq!(ready["redis"], "degraded", "{ready}");
    assert_eq!(ready["database"], "ok", "{ready}");
}
