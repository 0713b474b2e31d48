//! Self-service sign-up on the platform's host: one step makes the site,
//! the owner and the trial; nothing half-made when it fails.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use serde_json::{json, Value};

use crate::support::*;

const PLATFORM: &str = BASE_DOMAIN;

fn body(slug: &str, email: &str) -> Value {
    json!({
        "business_name": "Salon Étoile",
        "slug": slug,
        "email": email,
        "password": PASSWORD,
        "name": "Nadia Owner",
    })
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count_in(conn: &mut PgConnection, sql: &str, bind: &str) -> i64 {
    diesel::sql_query(sql)
        .bind::<Text, _>(bind)
        .get_result::<Count>(conn)
        .unwrap()
        .n
}

fn count(sql: &str, bind: &str) -> i64 {
    count_in(
        &mut PgConnection::establish(&database_url()).unwrap(),
        sql,
        bind,
    )
}

const SCHEMA_COUNT: &str = "SELECT count(*) AS n FROM pg_namespace WHERE nspname = $1";

fn schema_of(slug: &str) -> String {
    format!("t_{}", slug.replace('-', "_"))
}

fn schema_exists(slug: &str) -> bool {
    count(SCHEMA_COUNT, &schema_of(slug)) > 0
}

fn users_with(email: &str) -> i64 {
    count("SELECT count(*) AS n FROM users WHERE email = $1", email)
}

fn tenants_with(slug: &str) -> i64 {
    count("SELECT count(*) AS n FROM tenants WHERE slug = $1", slug)
}

#[tokio::test]
async fn a_business_signs_up_and_its_owner_is_signed_in_on_its_trial() {
    // A database of its own: the verification mail is delivered by this
    // server's worker, not another test's.
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let slug = random_slug("sign");
    let email = unique_email("owner");
    let (status, free) = json_of(
        app.get(
            PLATFORM,
            &format!("/api/v1/signup/slug-available?slug={slug}"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!((status, &free["available"]), (200, &json!(true)), "{free}");

    let (status, made) = json_of(
        app.post(PLATFORM, "/api/v1/signup")
            .json(&body(&slug, &email))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{made}");
    let host = format!("{slug}.{PLATFORM}");
    assert!(made["url"].as_str().unwrap().contains(&host), "{made}");
    assert_eq!(made["plan"], "basic");
    assert_eq!(count_in(&mut db.conn(), SCHEMA_COUNT, &schema_of(&slug)), 1);

    // The tokens work on the new site, as its owner, and the trial is on.
    let access = made["tokens"]["access_token"].as_str().unwrap();
    let (status, sub) = json_of(
        app.get(&host, "/api/v1/billing/subscription")
            .bearer_auth(access)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{sub}");
    assert_eq!(sub["status"], "trialing");
    assert_eq!(sub["plan"]["code"], "basic");
    assert!(sub["trial_ends_at"].is_string(), "{sub}");
    let staff = sub["limits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["limit"] == "staff")
        .unwrap();
    assert_eq!(staff["used"], 0, "{sub}");
    assert_eq!(staff["value"], 3, "{sub}");

    let (status, me) = me(&app, &host, &made["tokens"]["access_token"]).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["role"], "owner", "{me}");
    let mail = app.mail.wait_for(&email, "verify-email").await;
    assert!(
        decode_qp(&mail.data).contains(&host),
        "the link leads to the new site"
    );

    // Taken now: the check and a second sign-up say so.
    let (_, taken) = json_of(
        app.get(
            PLATFORM,
            &format!("/api/v1/signup/slug-available?slug={slug}"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(taken["available"], false, "{taken}");
    let (status, again) = json_of(
        app.post(PLATFORM, "/api/v1/signup")
            .json(&body(&slug, &unique_email("other")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, again["code"].as_str()),
        (409, Some("slug_taken")),
        "{again}"
    );
}

#[tokio::test]
async fn reserved_bad_and_unknown_input_is_refused_and_nothing_is_made() {
    let app = spawn_app().await;
    let email = unique_email("bad");
    for (slug, patch, code, field) in [
        ("www", json!({}), "validation_failed", "slug"),
        ("Bad Slug", json!({}), "validation_failed", "slug"),
        (
            "fine-slug",
            json!({"password": "short"}),
            "validation_failed",
            "password",
        ),
        (
            "fine-slug",
            json!({"email": "nope"}),
            "validation_failed",
            "email",
        ),
        (
            "fine-slug",
            json!({"business_name": "  "}),
            "validation_failed",
            "business_name",
        ),
        (
            "fine-slug",
            json!({"plan": "platinum"}),
            "validation_failed",
            "plan",
        ),
    ] {
        let slug = if slug == "fine-slug" {
            random_slug("bad")
        } else {
            slug.to_string()
        };
        let mut b = body(&slug, &email);
        for (k, v) in patch.as_object().unwrap() {
            b[k] = v.clone();
        }
        let (status, problem) = json_of(
            app.post(PLATFORM, "/api/v1/signup")
                .json(&b)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 422, "{slug} {problem}");
        assert_eq!(problem["code"], code, "{problem}");
        assert!(
            problem["errors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["field"] == field),
            "{problem}"
        );
        assert_eq!(tenants_with(&slug), 0);
    }
    assert_eq!(users_with(&email), 0);

    let (_, reserved) = json_of(
        app.get(PLATFORM, "/api/v1/signup/slug-available?slug=admin")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(reserved["available"], false);
    assert!(
        reserved["reason"].as_str().unwrap().contains("reserved"),
        "{reserved}"
    );

    // On a tenant's host sign-up does not exist.
    let tenant = provision_tenant("host");
    let res = app
        .post(&tenant.host, "/api/v1/signup")
        .json(&body(&random_slug("x"), &email))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

/// Concurrent sign-ups with one address and different sites: one wins; the
/// others fail only once their schema is made and migrated (the address is
/// taken at the owner's insert), and leave no schema or tenant behind.
#[tokio::test]
async fn a_failure_found_late_leaves_nothing_behind() {
    let app = spawn_app().await;
    let email = unique_email("race");
    let slugs: Vec<String> = (0..4).map(|_| random_slug("late")).collect();
    let answers = futures_util::future::join_all(slugs.iter().map(|slug| {
        let req = app
            .post(PLATFORM, "/api/v1/signup")
            .json(&body(slug, &email));
        async move { json_of(req.send().await.unwrap()).await }
    }))
    .await;
    let won: Vec<usize> = (0..answers.len())
        .filter(|i| answers[*i].0 == 201)
        .collect();
    assert_eq!(won.len(), 1, "{answers:?}");
    for (i, (status, problem)) in answers.iter().enumerate() {
        if i == won[0] {
            continue;
        }
        assert_eq!(*status, 409, "{problem}");
        assert_eq!(problem["code"], "email_taken", "{problem}");
        assert_eq!(tenants_with(&slugs[i]), 0, "no tenant row for {}", slugs[i]);
        assert!(!schema_exists(&slugs[i]), "no schema for {}", slugs[i]);
    }
    assert_eq!(users_with(&email), 1);

    // The same site asked for twice at once: one site, one owner.
    let slug = random_slug("twin");
    let (a, b) = (unique_email("a"), unique_email("b"));
    let (ra, rb) = tokio::join!(
        app.post(PLATFORM, "/api/v1/signup")
            .json(&body(&slug, &a))
            .send(),
        app.post(PLATFORM, "/api/v1/signup")
            .json(&body(&slug, &b))
            .send(),
    );
    let mut statuses = [ra.unwrap().status().as_u16(), rb.unwrap().status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [201, 409]);
    assert_eq!(tenants_with(&slug), 1);
    assert_eq!(users_with(&a) + users_with(&b), 1);
}

#[tokio::test]
async fn sign_ups_are_limited_per_client_address() {
    let app = spawn_app_with(|s| s.billing.signups_per_ip_per_hour = 2).await;
    // Its own address, so other tests' sign-ups do not count here.
    let ip = format!("10.9.{}.{}", rand_octet(), rand_octet());
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let res = app
            .post(PLATFORM, "/api/v1/signup")
            .header("X-Forwarded-For", &ip)
            .json(&body(&random_slug("rl"), &unique_email("rl")))
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
    }
    assert_eq!(statuses, [201, 201, 429]);
}

fn rand_octet() -> u8 {
    uuid::Uuid::new_v4().as_bytes()[0]
}
