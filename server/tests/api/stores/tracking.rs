//! Live order tracking over server-sent events: the holder of the order's
//! tracking token sees each status change committed anywhere, soon after
//! the commit; anyone else is told there is no such order.

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::support::*;

/// An order as checkout leaves it (pending payment, its first event), made
/// with SQL so this test depends only on the tables; its tracking token.
fn order_in(tenant: &TestTenant) -> (Uuid, String) {
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let order_id = Uuid::new_v4();
    let token = format!("track-{}", Uuid::new_v4().simple());
    let hash = Sha256::digest(token.as_bytes()).to_vec();
    conn.batch_execute(&format!(
        "SET search_path TO \"{}\"; UPDATE order_counter SET last_number = last_number + 1;",
        tenant.schema
    ))
    .unwrap();
    diesel::sql_query(
        "INSERT INTO orders (id, number, status, email, name, shipping_address, currency,
             subtotal_cents, total_cents, payment_provider, tracking_token_hash)
         SELECT $1, last_number, 'pending_payment', 'buyer@example.com', 'Buyer',
             '{\"line1\": \"1 Road\", \"city\": \"Paris\", \"country\": \"FR\"}', 'EUR', 1000, 1000,
             'manual', $2
         FROM order_counter",
    )
    .bind::<diesel::sql_types::Uuid, _>(order_id)
    .bind::<diesel::sql_types::Binary, _>(hash)
    .execute(&mut conn)
    .unwrap();
    diesel::sql_query(
        "INSERT INTO order_events (order_id, to_status, actor) VALUES ($1, 'pending_payment', 'customer')",
    )
    .bind::<diesel::sql_types::Uuid, _>(order_id)
    .execute(&mut conn)
    .unwrap();
    (order_id, token)
}

/// A status change committed by another connection, as staff make it.
fn move_order(tenant: &TestTenant, order_id: Uuid, from: &str, to: &str) {
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    conn.transaction::<_, diesel::result::Error, _>(|conn| {
        diesel::sql_query(format!("SET LOCAL search_path TO \"{}\"", tenant.schema)).execute(conn)?;
        diesel::sql_query("UPDATE orders SET status = $2 WHERE id = $1")
            .bind::<diesel::sql_types::Uuid, _>(order_id)
            .bind::<diesel::sql_types::Text, _>(to)
            .execute(conn)?;
        diesel::sql_query(
            "INSERT INTO order_events (order_id, from_status, to_status, actor) VALUES ($1, $2, $3, 'staff')",
        )
        .bind::<diesel::sql_types::Uuid, _>(order_id)
        .bind::<diesel::sql_types::Text, _>(from)
        .bind::<diesel::sql_types::Text, _>(to)
        .execute(conn)?;
        Ok(())
    })
    .unwrap();
}

/// Reads the stream until `needle` shows up (or fails after 10 s).
async fn read_until(res: &mut reqwest::Response, seen: &mut String, needle: &str) {
    let wait = tokio::time::timeout(Duration::from_secs(10), async {
        while !seen.contains(needle) {
            let chunk = res.chunk().await.unwrap().expect("the stream ended");
            seen.push_str(&String::from_utf8_lossy(&chunk));
        }
    })
    .await;
    assert!(wait.is_ok(), "no {needle:?} in the stream: {seen}");
}

#[tokio::test]
async fn the_token_holder_sees_each_change_without_asking_again() {
    let app = spawn_app().await;
    let tenant = provision_tenant("track");
    let (order_id, token) = order_in(&tenant);
    let path = format!("/api/v1/orders/{order_id}/events");

    let mut res = app
        .get(&tenant.host, &path)
        .header("X-Order-Token", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "text/event-stream"
    );
    let mut seen = String::new();
    read_until(&mut res, &mut seen, "\"status\":\"pending_payment\"").await;

    move_order(&tenant, order_id, "pending_payment", "paid");
    read_until(&mut res, &mut seen, "\"status\":\"paid\"").await;
    move_order(&tenant, order_id, "paid", "shipped");
    read_until(&mut res, &mut seen, "\"status\":\"shipped\"").await;
    assert!(seen.contains("event: status"), "{seen}");
    // Every event carries its data: a client checking events against the
    // documented StatusEvent meets no empty one.
    for block in seen
        .split("\n\n")
        .filter(|b| !b.trim().is_empty() && !b.starts_with(':'))
    {
        assert!(
            block.contains("\ndata: {"),
            "an event without data: {block:?}"
        );
    }

    // A browser's EventSource sends the token in the query, and reconnects
    // with the last id it got: only what came after is sent again.
    let last: i64 = seen
        .lines()
        .filter_map(|l| l.strip_prefix("id: "))
        .map(|id| id.parse().unwrap())
        .max()
        .unwrap();
    let mut again = app
        .get(&tenant.host, &format!("{path}?token={token}"))
        .header("Last-Event-ID", (last - 1).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 200);
    let mut seen = String::new();
    read_until(&mut again, &mut seen, "\"status\":\"shipped\"").await;
    assert!(!seen.contains("pending_payment"), "{seen}");
}

#[tokio::test]
async fn nobody_else_learns_the_order_exists() {
    let app = spawn_app().await;
    let tenant = provision_tenant("track-no");
    let other = provision_tenant("track-other");
    let (order_id, token) = order_in(&tenant);
    let path = format!("/api/v1/orders/{order_id}/events");

    let cases = [
        (tenant.host.as_str(), None, None),
        (tenant.host.as_str(), Some("not-the-token"), None),
        (
            tenant.host.as_str(),
            None,
            Some(customer_token(&app, &tenant)),
        ),
        (other.host.as_str(), Some(token.as_str()), None),
    ];
    for (host, token, bearer) in cases {
        let mut req = app.get(host, &path);
        if let Some(token) = token {
            req = req.header("X-Order-Token", token);
        }
        if let Some(bearer) = bearer {
            req = req.bearer_auth(bearer);
        }
        let (status, body) = json_of(req.send().await.unwrap()).await;
        assert_eq!(status, 404, "{body}");
        assert_eq!(body["code"], "order_not_found");
    }
    let (status, _) = json_of(
        app.get(&tenant.host, "/api/v1/orders/not-a-uuid/events")
            .header("X-Order-Token", &token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 404);

    // Staff follow any order of their site.
    let res = app
        .get(&tenant.host, &path)
        .bearer_auth(app.owner_token(&tenant))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

/// A signed-in customer of the site (one who signs in by phone) who did
/// not place the order.
fn customer_token(app: &TestApp, tenant: &TestTenant) -> String {
    let id = Uuid::new_v4();
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    conn.batch_execute(&format!(
        "INSERT INTO \"{0}\".customers (id, name, phone) VALUES ('{id}', 'Other', '+33611111111');
         INSERT INTO \"{0}\".customer_phone_logins (customer_id, phone) VALUES ('{id}', '+33611111111')",
        tenant.schema
    ))
    .unwrap();
    app.token_as(tenant, id, identity::Role::Customer)
}
