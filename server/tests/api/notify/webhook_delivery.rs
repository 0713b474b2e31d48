//! Delivering webhook jobs: the job names its endpoint and holds no
//! secret; the worker reads the endpoint when it delivers (a deleted or
//! inactive one drops the job), signs `<t>.<body>`, reaches only allowed
//! addresses and follows no redirect.
//!
//! Most of these run `deliver_job` on a job written in a transaction that
//! is never committed, so no worker of the other tests' apps can take it.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use kernel::db::with_tenant;
use kernel::schema::public::outbox as ob;
use kernel::schema::tenant::webhook_endpoints as we;
use notify::guarded_http::{AddressPolicy, GuardedClient};
use notify::outbox::{Failure, Job, MAX_ATTEMPTS};
use notify::webhooks::{deliver_job, emit, endpoints, EventCatalog, NewEndpoint, KIND_WEBHOOK};
use serde_json::{json, Value};
use tenancy::{SchemaName, Tenant, TenantStatus};
use uuid::Uuid;

use super::webhook_receiver::Receiver;
use crate::support::*;

const EVENT: &str = "booking.created";

fn allowing_loopback() -> AddressPolicy {
    AddressPolicy::new(vec!["127.0.0.1/32".parse().unwrap()])
}

fn tenant_of(t: &TestTenant) -> Tenant {
    Tenant {
        id: t.id,
        slug: t.slug.clone(),
        name: t.slug.clone(),
        schema: SchemaName::parse(&t.schema).unwrap(),
        status: TenantStatus::Active,
        past_due_since: None,
    }
}

/// In the caller's transaction: an endpoint at `url` (stored under a policy
/// allowing 127.0.0.1), an event emitted to it, and the job it queued.
fn endpoint_with_a_job(conn: &mut PgConnection, t: &TestTenant, url: &str) -> (Uuid, String, Job) {
    let tenant = tenant_of(t);
    let catalog = EventCatalog::default().with(&[EVENT]);
    let new = NewEndpoint::parse(
        url,
        Some(vec![EVENT.into()]),
        &catalog,
        &allowing_loopback(),
    )
    .unwrap();
    let (endpoint, secret) = with_tenant(conn, &tenant.schema, |conn| {
        let created = endpoints::create(conn, new, 10).unwrap();
        emit(conn, &tenant, EVENT, &json!({ "id": "b-1" }))?;
        Ok::<_, diesel::result::Error>(created)
    })
    .unwrap();
    let job = ob::table
        .filter(ob::tenant_id.eq(t.id))
        .filter(ob::kind.eq(KIND_WEBHOOK))
        .select(Job::as_select())
        .first(conn)
        .unwrap();
    (endpoint.id, secret, job)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_webhook_job_names_its_endpoint_and_goes_out_signed_with_a_time() {
    let t = provision_tenant("hookjob");
    let receiver = Receiver::start().await;
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    conn.begin_test_transaction().unwrap();
    let (endpoint_id, secret, job) = endpoint_with_a_job(&mut conn, &t, &receiver.url("127.0.0.1"));

    // The shared outbox holds the endpoint's id and the body: no URL, no secret.
    let payload = job.payload.as_object().unwrap();
    let mut keys: Vec<&str> = payload.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["body", "endpoint_id", "event"]);
    assert_eq!(payload["endpoint_id"], endpoint_id.to_string());
    assert!(!job.payload.to_string().contains(&secret));

    let kept = deliver_job(&mut conn, &job, &GuardedClient::new(allowing_loopback())).unwrap();
    assert!(!kept.to_string().contains(&secret), "{kept}");
    let calls = receiver.calls();
    assert_eq!(calls.len(), 1);
    let call = &calls[0];
    assert_eq!(call.event, EVENT);
    assert_eq!(call.body, payload["body"].as_str().unwrap());
    // t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">, a fresh t.
    let (t_part, v1_part) = call.signature.split_once(',').unwrap();
    let sent_at: i64 = t_part.strip_prefix("t=").unwrap().parse().unwrap();
    assert!((chrono::Utc::now().timestamp() - sent_at).abs() < 60);
    assert_eq!(v1_part.strip_prefix("v1=").unwrap().len(), 64);
    let now = chrono::Utc::now().timestamp();
    assert!(notify::webhooks::verify(
        &secret,
        &call.signature,
        &call.body,
        now,
        300
    ));
    assert!(!notify::webhooks::verify(
        &secret,
        &call.signature,
        &call.body,
        now + 301,
        300
    ));
}

#[tokio::test(flavor = "multi_thread")]
async fn delivery_refuses_a_name_that_resolves_to_loopback_unless_allowed() {
    let t = provision_tenant("hookdns");
    let receiver = Receiver::start().await;
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    conn.begin_test_transaction().unwrap();
    // Stored while 127.0.0.1 was allowed; a name is checked at each delivery.
    let (_, _, job) = endpoint_with_a_job(&mut conn, &t, &receiver.url("localhost"));

    let strict = GuardedClient::new(AddressPolicy::default());
    match deliver_job(&mut conn, &job, &strict) {
        Err(Failure::Permanent(why)) => assert!(why.contains("loopback"), "{why}"),
        other => panic!("delivered to loopback: {other:?}"),
    }
    assert!(receiver.calls().is_empty(), "the receiver was reached");

    deliver_job(&mut conn, &job, &GuardedClient::new(allowing_loopback())).unwrap();
    assert_eq!(receiver.calls().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deleted_or_inactive_endpoint_drops_its_job_with_a_reason() {
    let t = provision_tenant("hookgone");
    let receiver = Receiver::start().await;
    let client = GuardedClient::new(allowing_loopback());
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    conn.begin_test_transaction().unwrap();
    let (endpoint_id, _, job) = endpoint_with_a_job(&mut conn, &t, &receiver.url("127.0.0.1"));
    let schema = SchemaName::parse(&t.schema).unwrap();

    with_tenant(&mut conn, &schema, |conn| {
        diesel::update(we::table.find(endpoint_id))
            .set(we::active.eq(false))
            .execute(conn)
    })
    .unwrap();
    let kept = deliver_job(&mut conn, &job, &client).unwrap();
    assert_eq!(kept["skipped"], "the endpoint is not active", "{kept}");

    with_tenant(&mut conn, &schema, |conn| {
        endpoints::remove(conn, endpoint_id)
    })
    .unwrap();
    let kept = deliver_job(&mut conn, &job, &client).unwrap();
    assert_eq!(kept["skipped"], "the endpoint was deleted", "{kept}");
    assert!(receiver.calls().is_empty());
}

/// Through the real workers: the endpoint answers 302 to another receiver,
/// which must never be called; the job fails for good, saying why.
#[tokio::test]
async fn a_redirecting_webhook_receiver_is_not_followed() {
    let app = spawn_app().await;
    let t = provision_tenant("hookredir");
    let elsewhere = Receiver::start().await;
    let redirecting = Receiver::redirecting_to(&elsewhere.url("127.0.0.1")).await;
    let (status, body) = json_of(
        app.post(&t.host, "/api/v1/webhooks")
            .bearer_auth(app.owner_token(&t))
            .json(&json!({ "url": redirecting.url("127.0.0.1"), "events": [EVENT] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let tenant = tenant_of(&t);
    with_tenant(&mut conn, &tenant.schema, |conn| {
        emit(conn, &tenant, EVENT, &json!({ "id": "b-2" }))
    })
    .unwrap();

    let deadline = Instant::now() + Duration::from_secs(15);
    let (attempts, error) = loop {
        let row: (i32, Option<String>, Value) = ob::table
            .filter(ob::tenant_id.eq(t.id))
            .filter(ob::kind.eq(KIND_WEBHOOK))
            .select((ob::attempts, ob::last_error, ob::payload))
            .first(&mut conn)
            .unwrap();
        if let (attempts, Some(error), _) = row {
            break (attempts, error);
        }
        assert!(Instant::now() < deadline, "the job was not tried: {row:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(attempts, MAX_ATTEMPTS, "a redirect is not retried: {error}");
    assert!(
        error.contains("302") && error.contains("not followed"),
        "{error}"
    );
    assert_eq!(redirecting.calls().len(), 1);
    assert!(elsewhere.calls().is_empty(), "the redirect was followed");
}
