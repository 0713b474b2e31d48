//! Who may use a cart, what adding checks, and the merge at sign-in.

use serde_json::json;

use super::*;
use crate::support::*;

#[tokio::test]
async fn a_guest_cart_opens_only_with_its_token() {
    let shop = shop().await;
    let variant = shop.variant(1999, 5);
    let cart = shop.cart_with(variant, 2).await;
    let (status, body) = shop.view(&cart).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["lines"][0]["quantity"], 2);

    let path = format!("{CARTS}/{}", cart.id);
    let no_token = json_of(shop.app.get(shop.host(), &path).send().await.unwrap()).await;
    let wrong = json_of(
        shop.app
            .get(shop.host(), &path)
            .header("X-Cart-Token", shop.open_cart().await.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let junk = json_of(
        shop.app
            .get(shop.host(), &path)
            .header("X-Cart-Token", "not a token at all!")
            .send()
            .await
            .unwrap(),
    )
    .await;
    let unknown = shop
        .view(&Cart {
            id: uuid::Uuid::new_v4().to_string(),
            token: cart.token.clone(),
        })
        .await;
    let malformed = shop
        .view(&Cart {
            id: "not-an-id".into(),
            token: cart.token.clone(),
        })
        .await;
    // Each is the same answer: nothing tells that the id is a cart.
    for (status, body) in [no_token, wrong, junk, unknown, malformed] {
        assert_eq!(status, 404, "{body}");
        assert_eq!(body["code"], "cart_not_found");
    }
    // Nor does a change go through without it.
    let (status, body) = json_of(
        shop.app
            .post(shop.host(), &format!("{path}/items"))
            .json(&json!({ "variant_id": variant, "quantity": 1 }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("cart_not_found"))
    );
    assert_eq!(shop.view(&cart).await.1["lines"][0]["quantity"], 2);
}

#[tokio::test]
async fn a_customer_cannot_read_another_customers_cart() {
    let shop = shop().await;
    let variant = shop.variant(1000, 5);
    let ann = customer_account(&shop.app, &shop.tenant, &unique_email("ann")).await;
    let bob = customer_account(&shop.app, &shop.tenant, &unique_email("bob")).await;
    let bearer = |who: &serde_json::Value| who["access_token"].as_str().unwrap().to_string();

    let (status, opened) = json_of(
        shop.app
            .post(shop.host(), CARTS)
            .bearer_auth(bearer(&ann))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{opened}");
    let path = format!("{CARTS}/{}", opened["id"].as_str().unwrap());
    // Ann's own cart opens with her bearer token alone.
    let (status, body) = json_of(
        shop.app
            .post(shop.host(), &format!("{path}/items"))
            .bearer_auth(bearer(&ann))
            .json(&json!({ "variant_id": variant, "quantity": 1 }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    // Asking again gives the same open cart, without a token this time.
    let (status, again) = json_of(
        shop.app
            .post(shop.host(), CARTS)
            .bearer_auth(bearer(&ann))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["id"], opened["id"]);
    assert!(again["token"].is_null(), "{again}");

    let (status, body) = json_of(
        shop.app
            .get(shop.host(), &path)
            .bearer_auth(bearer(&bob))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("cart_not_found"))
    );
    // Staff are no customer: the cart is not theirs either.
    let (status, _) = json_of(
        shop.app
            .get(shop.host(), &path)
            .bearer_auth(&shop.staff)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 404);
    // A token that is there but bad is a 401, not a visitor's answer.
    let (status, body) = json_of(
        shop.app
            .get(shop.host(), &path)
            .bearer_auth("not-a-jwt")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (401, Some("invalid_token"))
    );
}

#[tokio::test]
async fn a_cart_of_one_tenant_is_not_found_on_another() {
    let shop = shop().await;
    let other = provision_tenant("other");
    let variant = shop.variant(1000, 5);
    let cart = shop.cart_with(variant, 1).await;
    let (status, body) = json_of(
        shop.app
            .get(&other.host, &format!("{CARTS}/{}", cart.id))
            .header("X-Cart-Token", &cart.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("cart_not_found"))
    );
    let (status, body) = json_of(
        shop.app
            .post(&other.host, &format!("{CARTS}/{}/checkout", cart.id))
            .header("X-Cart-Token", &cart.token)
            .json(&order_body("ada@example.com", None))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("cart_not_found"))
    );
    assert_eq!(shop.stock(variant), 5);
}

#[tokio::test]
async fn adding_more_than_the_stock_is_refused_with_what_is_left() {
    let shop = shop().await;
    let variant = shop.variant(1000, 5);
    let cart = shop.cart_with(variant, 3).await;
    // Adding adds to the line: 3 + 3 is more than 5.
    let (status, body) = shop.add(&cart, variant, 3).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "insufficient_stock");
    assert_eq!(body["available"], 5);
    assert_eq!(body["requested"], 6);
    let (status, body) = shop.add(&cart, variant, 2).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["lines"][0]["quantity"], 5);
    assert_eq!(body["lines"][0]["available"], 5);
    assert_eq!(body["subtotal_cents"], 5000);
    assert_eq!(body["item_count"], 5);
    assert_eq!(body["currency"], "EUR");
    assert_eq!(body["lines"][0]["attributes"]["color"], "red");

    for quantity in [0, -1, 1000, 1_000_000_000_000] {
        let (status, body) = shop.add(&cart, variant, quantity).await;
        assert_eq!(status, 422, "{quantity}: {body}");
        assert_eq!(body["errors"][0]["field"], "quantity");
    }
    let (status, body) = shop.add(&cart, uuid::Uuid::new_v4(), 1).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("variant_not_found"))
    );
    let hidden = shop.variant(1000, 5);
    execute(
        shop.schema(),
        &format!("UPDATE variants SET active = false WHERE id = '{hidden}'"),
    );
    let (status, body) = shop.add(&cart, hidden, 1).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("variant_not_found"))
    );
}

#[tokio::test]
async fn lines_change_and_go() {
    let shop = shop().await;
    let mug = shop.variant(1000, 5);
    let cup = shop.variant(250, 50);
    let cart = shop.cart_with(mug, 1).await;
    shop.add(&cart, cup, 4).await;
    let line = |v: uuid::Uuid| format!("{CARTS}/{}/items/{v}", cart.id);
    let (status, body) = json_of(
        shop.app
            .patch(shop.host(), &line(mug))
            .header("X-Cart-Token", &cart.token)
            .json(&json!({ "quantity": 3 }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["subtotal_cents"], 3 * 1000 + 4 * 250);
    let (status, body) = json_of(
        shop.app
            .patch(shop.host(), &line(mug))
            .header("X-Cart-Token", &cart.token)
            .json(&json!({ "quantity": 6 }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("insufficient_stock"))
    );
    let (status, body) = json_of(
        shop.app
            .delete(shop.host(), &line(cup))
            .header("X-Cart-Token", &cart.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["lines"].as_array().unwrap().len(), 1);
    assert_eq!(body["subtotal_cents"], 3000);
    for path in [line(cup), format!("{CARTS}/{}/items/not-an-id", cart.id)] {
        let (status, body) = json_of(
            shop.app
                .delete(shop.host(), &path)
                .header("X-Cart-Token", &cart.token)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (404, Some("cart_item_not_found"))
        );
    }
}

#[tokio::test]
async fn a_cart_holds_one_currency() {
    let shop = shop().await;
    let euros = shop.variant(1000, 5);
    let dollars = insert_product(
        shop.schema(),
        &Product {
            currency: "USD",
            ..Product::default()
        },
    );
    let cart = shop.cart_with(euros, 1).await;
    let (status, body) = shop.add(&cart, dollars, 1).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("currency_mismatch"))
    );
}

#[tokio::test]
async fn a_guest_cart_merged_at_sign_in() {
    let shop = shop().await;
    let mug = shop.variant(1000, 5);
    let cup = shop.variant(250, 2);
    let gone = shop.variant(300, 9);
    let email = unique_email("merge");
    let customer = customer_account(&shop.app, &shop.tenant, &email).await;
    let bearer = customer["access_token"].as_str().unwrap().to_string();

    // The customer's cart (from an earlier visit) holds 3 mugs and a cup.
    let (_, mine) = json_of(
        shop.app
            .post(shop.host(), CARTS)
            .bearer_auth(&bearer)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let mine = Cart {
        id: mine["id"].as_str().unwrap().into(),
        token: mine["token"].as_str().unwrap().into(),
    };
    shop.add(&mine, mug, 3).await;
    shop.add(&mine, cup, 1).await;
    // As a guest they put 4 mugs, 2 cups and something later taken off sale.
    let guest = shop.cart_with(mug, 4).await;
    shop.add(&guest, cup, 2).await;
    shop.add(&guest, gone, 1).await;
    execute(
        shop.schema(),
        &format!("UPDATE variants SET active = false WHERE id = '{gone}'"),
    );

    let merge = format!("{CARTS}/{}/merge", guest.id);
    // A visitor cannot merge, nor a customer without the guest's token.
    let (status, _) = json_of(
        shop.app
            .post(shop.host(), &merge)
            .header("X-Cart-Token", &guest.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401);
    let (status, body) = json_of(
        shop.app
            .post(shop.host(), &merge)
            .bearer_auth(&bearer)
            .header("X-Cart-Token", &mine.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (404, Some("cart_not_found"))
    );

    let (status, merged) = json_of(
        shop.app
            .post(shop.host(), &merge)
            .bearer_auth(&bearer)
            .header("X-Cart-Token", &guest.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{merged}");
    assert_eq!(merged["id"].as_str(), Some(mine.id.as_str()));
    let lines = merged["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 2, "{merged}");
    let quantity = |v: uuid::Uuid| {
        lines
            .iter()
            .find(|l| l["variant_id"] == v.to_string())
            .map(|l| l["quantity"].as_i64().unwrap())
    };
    // 3 + 4 mugs capped at the 5 in stock; 1 + 2 cups capped at 2.
    assert_eq!(quantity(mug), Some(5));
    assert_eq!(quantity(cup), Some(2));
    assert_eq!(quantity(gone), None);

    // The guest cart is done with.
    let (status, body) = shop.view(&guest).await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "merged");
    let (status, body) = shop.add(&guest, mug, 1).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("cart_merged")));
    let (status, body) = json_of(
        shop.app
            .post(shop.host(), &merge)
            .bearer_auth(&bearer)
            .header("X-Cart-Token", &guest.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("cart_merged")));
    // Staff have no cart to merge into.
    let other_guest = shop.cart_with(mug, 1).await;
    let (status, body) = json_of(
        shop.app
            .post(shop.host(), &format!("{CARTS}/{}/merge", other_guest.id))
            .bearer_auth(&shop.staff)
            .header("X-Cart-Token", &other_guest.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("forbidden_role"))
    );
}

#[tokio::test]
async fn a_customer_without_a_cart_gets_the_guests() {
    let shop = shop().await;
    let mug = shop.variant(1000, 5);
    let customer = customer_account(&shop.app, &shop.tenant, &unique_email("new")).await;
    let bearer = customer["access_token"].as_str().unwrap();
    let guest = shop.cart_with(mug, 2).await;
    let (status, merged) = json_of(
        shop.app
            .post(shop.host(), &format!("{CARTS}/{}/merge", guest.id))
            .bearer_auth(bearer)
            .header("X-Cart-Token", &guest.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{merged}");
    assert_ne!(merged["id"].as_str(), Some(guest.id.as_str()));
    assert_eq!(merged["lines"][0]["quantity"], 2);
    // It is the customer's open cart from now on.
    let (status, opened) = json_of(
        shop.app
            .post(shop.host(), CARTS)
            .bearer_auth(bearer)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{opened}");
    assert_eq!(opened["id"], merged["id"]);
}
