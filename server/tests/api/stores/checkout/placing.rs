//! Placing an order: its snapshots, retries with an Idempotency-Key,
//! and failures that change nothing.

use serde_json::json;

use super::*;
use crate::support::*;

#[tokio::test]
async fn a_checkout_places_an_order_with_price_snapshots() {
    let shop = shop().await;
    let mug = shop.variant(1999, 5);
    let cup = insert_product(
        shop.schema(),
        &Product {
            price_cents: 250,
            stock: 10,
            name: "Prescription cup",
            requires_prescription: true,
            ..Product::default()
        },
    );
    let cart = shop.cart_with(mug, 2).await;
    shop.add(&cart, cup, 3).await;
    let (status, order) = shop
        .checkout(&cart, &order_body("Ada@Example.com", None), None)
        .await;
    assert_eq!(status, 201, "{order}");
    assert_eq!(order["number"], 1);
    assert_eq!(order["status"], "pending_payment");
    assert_eq!(order["currency"], "EUR");
    assert_eq!(order["subtotal_cents"], 2 * 1999 + 3 * 250);
    assert_eq!(order["discount_cents"], 0);
    assert_eq!(order["total_cents"], 2 * 1999 + 3 * 250);
    assert_eq!(order["payment_provider"], "manual");
    assert!(order["expires_at"].is_string(), "{order}");
    assert_eq!(order["tracking_token"].as_str().unwrap().len(), 43);
    let lines = order["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["name"], "Enamel mug");
    assert_eq!(lines[0]["quantity"], 2);
    assert_eq!(lines[0]["unit_price_cents"], 1999);
    assert_eq!(lines[0]["line_total_cents"], 3998);
    assert_eq!(lines[0]["attributes"]["color"], "red");
    assert_eq!(lines[1]["name"], "Prescription cup");

    let schema = shop.schema();
    let id = order["id"].as_str().unwrap();
    assert_eq!(shop.stock(mug), 3);
    assert_eq!(shop.stock(cup), 7);
    assert_eq!(
        scalar(
            schema,
            &format!(
                "SELECT count(*) AS n FROM orders WHERE id = '{id}' AND email = 'ada@example.com'
                 AND prescription_status = 'awaiting_upload' AND cart_id = '{}'
                 AND expires_at > now() + interval '25 minutes'
                 AND expires_at <= now() + interval '30 minutes'",
                cart.id
            )
        ),
        1
    );
    assert_eq!(
        scalar(
            schema,
            &format!(
                "SELECT count(*) AS n FROM order_events WHERE order_id = '{id}'
                 AND from_status IS NULL AND to_status = 'pending_payment' AND actor = 'customer'"
            )
        ),
        1
    );
    // The snapshot stays what was bought, whatever the product becomes.
    execute(
        schema,
        &format!("UPDATE products SET name = 'Renamed', base_price_cents = 1 WHERE id = (SELECT product_id FROM variants WHERE id = '{mug}')"),
    );
    assert_eq!(
        scalar(
            schema,
            &format!(
                "SELECT count(*) AS n FROM order_lines WHERE order_id = '{id}' AND position = 0
                 AND name = 'Enamel mug' AND unit_price_cents = 1999 AND line_total_cents = 3998"
            )
        ),
        1
    );
    // The expiry is queued for when the hold ends.
    assert_eq!(outbox_jobs(&shop, id), 1);
    // The cart is done with: another checkout of it is refused.
    let (status, body) = shop
        .checkout(&cart, &order_body("ada@example.com", None), None)
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("cart_checked_out"))
    );
    let (status, body) = shop.add(&cart, mug, 1).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("cart_checked_out"))
    );
    assert_eq!(shop.orders(), 1);
}

/// Expiry jobs of the order in the outbox (public schema).
fn outbox_jobs(shop: &Shop, order_id: &str) -> i64 {
    scalar(
        shop.schema(),
        &format!(
            "SELECT count(*) AS n FROM public.outbox WHERE kind = 'store_order_expiry'
             AND tenant_id = '{}' AND payload->>'order_id' = '{order_id}'
             AND run_at > now() + interval '25 minutes'",
            shop.tenant.id
        ),
    )
}

#[tokio::test]
async fn the_same_checkout_retried_with_its_key_places_one_order() {
    let shop = shop().await;
    let mug = shop.variant(1999, 5);
    let cart = shop.cart_with(mug, 2).await;
    let body = order_body("ada@example.com", None);
    let key = uuid::Uuid::new_v4().to_string();
    let (status, first) = shop.checkout(&cart, &body, Some(&key)).await;
    assert_eq!(status, 201, "{first}");
    let (status, again) = shop.checkout(&cart, &body, Some(&key)).await;
    assert_eq!(status, 201, "{again}");
    assert_eq!(again["id"], first["id"]);
    assert_eq!(again["number"], first["number"]);
    assert_eq!(again["total_cents"], first["total_cents"]);
    assert_eq!(again["lines"], first["lines"]);
    assert_eq!(again["expires_at"], first["expires_at"]);
    // A new tracking token; the first one no longer opens the order.
    assert_ne!(again["tracking_token"], first["tracking_token"]);
    assert_eq!(shop.orders(), 1);
    assert_eq!(shop.stock(mug), 3);
    assert_eq!(
        scalar(shop.schema(), "SELECT count(*) AS n FROM order_events"),
        1
    );
    // Announced once: one "order received" mail to the buyer, however
    // often the checkout is retried.
    assert_eq!(
        scalar(
            shop.schema(),
            &format!(
                "SELECT count(*) AS n FROM public.outbox WHERE kind = 'email'
                 AND tenant_id = '{}' AND payload->>'to' = 'ada@example.com'",
                shop.tenant.id
            ),
        ),
        1
    );
    // The key opens nothing by itself: the cart's token is still needed.
    let stranger = Cart {
        id: cart.id.clone(),
        token: shop.open_cart().await.token,
    };
    let (status, body) = shop.checkout(&stranger, &body, Some(&key)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("cart_not_found"))
    );
}

#[tokio::test]
async fn a_key_reused_for_another_checkout_is_refused() {
    let shop = shop().await;
    let mug = shop.variant(1999, 5);
    let cart = shop.cart_with(mug, 1).await;
    let key = "checkout-7f3a";
    let (status, _) = shop
        .checkout(&cart, &order_body("ada@example.com", None), Some(key))
        .await;
    assert_eq!(status, 201);
    let (status, body) = shop
        .checkout(&cart, &order_body("grace@example.com", None), Some(key))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["code"], "idempotency_key_reused");
    // The same key on another cart is another checkout too.
    let other = shop.cart_with(mug, 1).await;
    let (status, body) = shop
        .checkout(&other, &order_body("ada@example.com", None), Some(key))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("idempotency_key_reused"))
    );
    for bad in ["", &"k".repeat(256), "two words"] {
        let (status, body) = shop
            .checkout(&other, &order_body("ada@example.com", None), Some(bad))
            .await;
        assert_eq!(status, 400, "{bad:?}: {body}");
        assert_eq!(body["code"], "invalid_idempotency_key");
    }
    assert_eq!(shop.orders(), 1);
}

#[tokio::test]
async fn out_of_stock_names_the_lines_and_changes_nothing() {
    let shop = shop().await;
    let mug = shop.variant(1000, 5);
    let cup = shop.variant(500, 3);
    let plate = shop.variant(700, 10);
    // Order 1 takes the number 1.
    let first = shop.order(plate, 1, "first@example.com").await;
    assert_eq!(first["number"], 1);

    let cart = shop.cart_with(mug, 4).await;
    shop.add(&cart, cup, 3).await;
    shop.add(&cart, plate, 2).await;
    // Others buy meanwhile: 2 mugs and the last 3 cups are gone.
    execute(
        shop.schema(),
        &format!("UPDATE variants SET stock = 2 WHERE id = '{mug}'"),
    );
    execute(
        shop.schema(),
        &format!("UPDATE variants SET stock = 0 WHERE id = '{cup}'"),
    );
    let (status, body) = shop
        .checkout(&cart, &order_body("ada@example.com", None), None)
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "out_of_stock");
    let mut short: Vec<(String, i64, i64)> = body["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["variant_id"].as_str().unwrap().to_string(),
                l["requested"].as_i64().unwrap(),
                l["available"].as_i64().unwrap(),
            )
        })
        .collect();
    short.sort();
    let mut expected = vec![(mug.to_string(), 4, 2), (cup.to_string(), 3, 0)];
    expected.sort();
    assert_eq!(short, expected);
    assert!(body["lines"][0]["sku"]
        .as_str()
        .unwrap()
        .starts_with("SKU-"));

    // Nothing changed: stock, orders, the cart.
    assert_eq!(shop.stock(mug), 2);
    assert_eq!(shop.stock(cup), 0);
    assert_eq!(shop.stock(plate), 9);
    assert_eq!(shop.orders(), 1);
    let (_, view) = shop.view(&cart).await;
    assert_eq!(view["status"], "open");
    assert_eq!(
        scalar(shop.schema(), "SELECT last_number AS n FROM order_counter"),
        1
    );

    // Fixed, the same cart checks out under the next number: no gap.
    execute(
        shop.schema(),
        &format!("DELETE FROM cart_items WHERE variant_id = '{cup}'"),
    );
    execute(
        shop.schema(),
        &format!("UPDATE cart_items SET quantity = 2 WHERE variant_id = '{mug}'"),
    );
    let (status, second) = shop
        .checkout(&cart, &order_body("ada@example.com", None), None)
        .await;
    assert_eq!(status, 201, "{second}");
    assert_eq!(second["number"], 2);
    assert_eq!(shop.stock(mug), 0);
    assert_eq!(shop.stock(plate), 7);
}

#[tokio::test]
async fn a_line_no_longer_on_sale_is_out_of_stock() {
    let shop = shop().await;
    let mug = shop.variant(1000, 5);
    let cart = shop.cart_with(mug, 1).await;
    execute(
        shop.schema(),
        &format!("UPDATE products SET active = false WHERE id = (SELECT product_id FROM variants WHERE id = '{mug}')"),
    );
    let (status, body) = shop
        .checkout(&cart, &order_body("ada@example.com", None), None)
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("out_of_stock")));
    assert_eq!(body["lines"][0]["available"], 0);
    assert_eq!(shop.stock(mug), 5);
}

#[tokio::test]
async fn an_empty_cart_is_not_checked_out() {
    let shop = shop().await;
    let cart = shop.open_cart().await;
    let (status, body) = shop
        .checkout(&cart, &order_body("ada@example.com", None), None)
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("cart_empty")));
    let (_, view) = shop.view(&cart).await;
    assert_eq!(view["status"], "open");
}

#[tokio::test]
async fn every_bad_field_is_named_in_one_answer() {
    let shop = shop().await;
    let mug = shop.variant(1000, 5);
    let cart = shop.cart_with(mug, 1).await;
    let body = json!({
        "email": "nobody",
        "name": "",
        "phone": "12",
        "shipping_address": {
            "line1": "x".repeat(10_000), "city": "Paris\u{0}", "country": "ZZ"
        },
        "coupon": "!"
    });
    let (status, answer) = shop.checkout(&cart, &body, None).await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(answer["code"], "validation_failed");
    let fields: Vec<&str> = answer["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "email",
            "name",
            "phone",
            "shipping_address.line1",
            "shipping_address.city",
            "shipping_address.country",
            "coupon"
        ]
    );
    // A body of the wrong shape is refused before anything else.
    let (status, answer) = shop
        .checkout(&cart, &json!({"email": "a@b.c", "extra": 1}), None)
        .await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (422, Some("invalid_body"))
    );
    assert_eq!(shop.orders(), 0);
    assert_eq!(shop.stock(mug), 5);
}

#[tokio::test]
async fn a_signed_in_customer_checks_out_their_own_cart() {
    let shop = shop().await;
    let mug = shop.variant(1000, 5);
    let email = unique_email("buyer");
    let customer = customer_account(&shop.app, &shop.tenant, &email).await;
    let bearer = customer["access_token"].as_str().unwrap();
    let (_, opened) = json_of(
        shop.app
            .post(shop.host(), CARTS)
            .bearer_auth(bearer)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let id = opened["id"].as_str().unwrap();
    let (status, _) = json_of(
        shop.app
            .post(shop.host(), &format!("{CARTS}/{id}/items"))
            .bearer_auth(bearer)
            .json(&json!({ "variant_id": mug, "quantity": 2 }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let res = shop
        .app
        .post(shop.host(), &format!("{CARTS}/{id}/checkout"))
        .bearer_auth(bearer)
        .json(&order_body("buyer@example.com", None))
        .send()
        .await
        .unwrap();
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let (status, order) = json_of(res).await;
    assert_eq!(status, 201, "{order}");
    assert_eq!(
        location,
        format!("/api/v1/orders/{}", order["id"].as_str().unwrap())
    );
    // The order is the customer's (their record, found by the account's email).
    assert_eq!(
        scalar(
            shop.schema(),
            &format!(
                "SELECT count(*) AS n FROM orders o JOIN customers c ON c.id = o.customer_id
                 WHERE c.email = '{}'",
                email.to_lowercase()
            )
        ),
        1
    );
}
