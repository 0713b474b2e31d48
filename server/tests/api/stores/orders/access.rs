//! Who sees an order: the team every one, a customer their own, the holder
//! of the tracking token that one; anyone else (another tenant included)
//! meets the same 404 as for an order that does not exist.

use serde_json::Value;

use super::fixture::{self, Spec};
use super::{As, Shop};
use crate::support::*;

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_customer_sees_their_own_orders_only() {
    let shop = Shop::new().await;
    let (ann, ann_token) = fixture::customer(&shop.app, &shop.tenant);
    let (bob, bob_token) = fixture::customer(&shop.app, &shop.tenant);
    let anns = shop.place(Spec {
        customer_id: Some(ann),
        ..Spec::default()
    });
    let bobs = shop.place(Spec {
        customer_id: Some(bob),
        ..Spec::default()
    });
    let guest = shop.order();

    let (status, order) = shop.view(anns.order_id, As::Bearer(&ann_token)).await;
    assert_eq!(status, 200, "{order}");
    assert_eq!(order["number"], anns.number);
    assert_eq!(order["lines"][0]["quantity"], 2);
    for other in [&bobs, &guest] {
        let (status, body) = shop.view(other.order_id, As::Bearer(&ann_token)).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (404, Some("order_not_found"))
        );
    }
    let (status, page) = shop.get("/api/v1/orders", As::Bearer(&ann_token)).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(ids(&page), [anns.order_id.to_string()]);
    let (_, page) = shop.get("/api/v1/orders", As::Bearer(&bob_token)).await;
    assert_eq!(ids(&page), [bobs.order_id.to_string()]);

    // The team sees them all, newest first.
    let (status, page) = shop.get("/api/v1/orders", As::Staff).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        ids(&page),
        [guest.order_id, bobs.order_id, anns.order_id].map(|id| id.to_string())
    );
    // Signed out, the list is for nobody.
    assert_eq!(shop.get("/api/v1/orders", As::Nobody).await.0, 401);
}

#[tokio::test]
async fn the_tracking_token_opens_its_order_and_nothing_else_does() {
    let shop = Shop::new().await;
    let placed = shop.order();
    let other = shop.order();
    let (status, order) = shop.view(placed.order_id, As::Token(&placed.token)).await;
    assert_eq!(status, 200, "{order}");
    assert_eq!(order["status"], "pending_payment");
    assert_eq!(order["history"].as_array().unwrap().len(), 1);
    for who in [
        As::Token(&other.token),
        As::Token("trk_wrong"),
        As::Token(""),
        As::Nobody,
    ] {
        let (status, body) = shop.view(placed.order_id, who).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (404, Some("order_not_found"))
        );
    }
    let (status, body) = shop.get("/api/v1/orders/not-a-uuid", As::Staff).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("order_not_found"))
    );
}

#[tokio::test]
async fn another_tenant_s_order_is_not_found_here() {
    let shop = Shop::new().await;
    let placed = shop.order();
    let elsewhere = Shop::with(spawn_app().await, provision_tenant("orders-b"), None);
    for who in [As::Staff, As::Token(&placed.token)] {
        let (status, body) = elsewhere.view(placed.order_id, who).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (404, Some("order_not_found"))
        );
    }
    let (status, _) = elsewhere.move_to(placed.order_id, "paid").await;
    assert_eq!(status, 404);
    let (status, _) = elsewhere
        .post(
            &format!("/api/v1/orders/{}/cancel", placed.order_id),
            As::Token(&placed.token),
            None,
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(shop.status(&placed), "pending_payment");
    // And the first tenant's staff token is refused on the second.
    let (status, _) = elsewhere
        .get("/api/v1/orders", As::Bearer(&shop.staff))
        .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn staff_filter_by_status_email_and_time_and_page_through() {
    let shop = Shop::new().await;
    let first = shop.order();
    let second = shop.place(Spec {
        email: "Zed.Buyer@Example.com".to_lowercase(),
        ..Spec::default()
    });
    let third = shop.order();
    assert_eq!(shop.move_to(third.order_id, "paid").await.0, 200);

    let (_, page) = shop.get("/api/v1/orders?status=paid", As::Staff).await;
    assert_eq!(ids(&page), [third.order_id.to_string()]);
    let (_, page) = shop.get("/api/v1/orders?email=ZED.buyer", As::Staff).await;
    assert_eq!(ids(&page), [second.order_id.to_string()]);
    let future = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    let url = format!("/api/v1/orders?created_from={}", urlencode(&future));
    let (status, page) = shop.get(&url, As::Staff).await;
    assert_eq!(status, 200, "{page}");
    assert!(ids(&page).is_empty());

    let (_, page) = shop.get("/api/v1/orders?limit=2", As::Staff).await;
    assert_eq!(
        ids(&page),
        [third.order_id, second.order_id].map(|id| id.to_string())
    );
    let cursor = page["next_cursor"].as_str().unwrap();
    let (_, page) = shop
        .get(
            &format!("/api/v1/orders?limit=2&cursor={cursor}"),
            As::Staff,
        )
        .await;
    assert_eq!(ids(&page), [first.order_id.to_string()]);
    assert!(page["next_cursor"].is_null());

    for (query, code) in [
        ("status=lost", "invalid_query"),
        ("limit=0", "invalid_limit"),
        ("limit=101", "invalid_limit"),
        ("cursor=junk", "invalid_cursor"),
        ("created_from=yesterday", "invalid_query"),
        ("color=red", "invalid_query"),
    ] {
        let (status, body) = shop
            .get(&format!("/api/v1/orders?{query}"), As::Staff)
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (400, Some(code)),
            "{query}: {body}"
        );
    }
}

fn urlencode(raw: &str) -> String {
    raw.replace('+', "%2B").replace(':', "%3A")
}
