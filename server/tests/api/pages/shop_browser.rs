//! A visitor shops in a real browser: finds a product by searching, picks
//! a variant, adds it to the cart, checks out (the manual provider) and
//! lands on the order page; staff mark the order shipped through the API
//! and the open page shows it without being reloaded.

use std::time::Duration;

use fantoccini::Locator;
use serde_json::json;

use super::browser::{site_url, Browser};
use super::shop::store;

#[tokio::test]
async fn a_visitor_searches_buys_and_watches_the_order_ship() {
    let s = store().await;
    // Two colours to choose from.
    s.sql(&format!(
        "UPDATE variants SET stock = 2 WHERE id = '{}'",
        s.blue
    ));
    let Some(b) = Browser::start(1280).await else {
        return;
    };
    let url = |path: &str| site_url(&s.app, s.host(), path);

    b.goto(&url("/")).await;
    b.fill("#shop-q", "linen").await;
    b.click("form.search button[type=submit]").await;
    b.expect_path("/shop/search").await;
    b.click(&format!(".results a[href='/shop/p/{}']", s.shirt))
        .await;
    b.expect_path(format!("/shop/p/{}", s.shirt)).await;
    assert_eq!(b.text("#product-title").await, "Linen shirt");
    b.click(&format!("label[for='variant-{}']", s.blue)).await;
    b.fill("#quantity", "2").await;
    b.click("#add-to-cart").await;
    b.expect_path("/shop/cart").await;
    assert!(b.text("#subtotal").await.contains("49.98"));
    assert!(b.text("#cart-link").await.contains('2'));
    b.click("#checkout-link").await;
    b.expect_path("/shop/checkout").await;
    b.fill("#email", "vera@example.com").await;
    b.fill("#name", "Vera Visitor").await;
    b.fill("#line1", "3 Quai des Orfèvres").await;
    b.fill("#city", "Paris").await;
    b.client
        .find(Locator::Css("#country"))
        .await
        .unwrap()
        .select_by_value("FR")
        .await
        .unwrap();
    b.click("#place-order").await;

    let mut path = b.path().await;
    for _ in 0..100 {
        if path.starts_with("/shop/orders/") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        path = b.path().await;
    }
    let order = path
        .strip_prefix("/shop/orders/")
        .unwrap_or_else(|| panic!("not on the order page: {path}"))
        .to_string();
    b.expect_attr("#order-status .status", "data-status", "pending_payment")
        .await;
    assert!(b.text("h1").await.starts_with("Order"));
    assert!(b.text("#pay-instructions").await.len() > 5);
    // A mark that a reload would wipe.
    b.client
        .execute("window.stillHere = true; return null;", vec![])
        .await
        .unwrap();

    for status in ["paid", "processing", "shipped"] {
        s.post(
            &format!("/api/v1/orders/{order}/status"),
            json!({"status": status}),
        )
        .await;
    }
    b.expect_attr("#order-status .status", "data-status", "shipped")
        .await;
    assert_eq!(b.text("#order-status .status").await, "Shipped");
    assert!(b.text("#order-history").await.contains("Shipped"));
    assert!(b.client.find(Locator::Css("#pay-title")).await.is_err());
    let kept = b
        .client
        .execute("return window.stillHere === true;", vec![])
        .await
        .unwrap();
    assert_eq!(kept, json!(true), "the page was not reloaded");
    assert_eq!(b.path().await, path);
    b.quit().await;
}

/// The whole page as a PNG in `dir`.
async fn shoot(b: &Browser, dir: &std::path::Path, name: &str, width: u32) {
    let height = b
        .client
        .execute("return document.documentElement.scrollHeight", vec![])
        .await
        .unwrap()
        .as_u64()
        .unwrap_or(900)
        .clamp(600, 4000) as u32
        + 120;
    b.client.set_window_size(width, height).await.unwrap();
    let png = b.client.screenshot().await.unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// The shop's pages at phone and desktop widths, in English, Arabic and
/// Persian, as PNGs in SCREENSHOTS_DIR (.screenshots/), like `make
/// screenshots` does for the other pages.
#[tokio::test]
#[ignore = "writes PNGs; run by hand"]
async fn screenshots_of_the_shop() {
    let dir = std::path::PathBuf::from(
        std::env::var("SCREENSHOTS_DIR").unwrap_or_else(|_| ".screenshots".into()),
    );
    std::fs::create_dir_all(&dir).unwrap();
    let s = store().await;
    s.sql("UPDATE variants SET stock = 50");
    s.post(
        "/api/v1/payments/settings",
        json!({"provider": "manual", "instructions": "Bank transfer to FR76 3000 6000 0112 3456 7890 189, with the order number."}),
    )
    .await;
    for lang in ["en", "ar", "fa"] {
        for width in [360u32, 1280] {
            let Some(b) = Browser::start(width).await else {
                return;
            };
            let tag = format!("{lang}-{width}");
            let url = |path: &str| site_url(&s.app, s.host(), path);
            b.goto(&url(&format!("/?lang={lang}"))).await;
            shoot(&b, &dir, &format!("shop-home-{tag}"), width).await;
            b.goto(&url(&format!("/shop/c/{}", s.clothing))).await;
            shoot(&b, &dir, &format!("shop-category-{tag}"), width).await;
            b.goto(&url(&format!("/shop/p/{}", s.shirt))).await;
            shoot(&b, &dir, &format!("shop-product-{tag}"), width).await;
            b.fill("#quantity", "1000").await;
            b.click("#add-to-cart").await;
            shoot(&b, &dir, &format!("shop-product-refused-{tag}"), width).await;
            b.fill("#quantity", "1").await;
            b.click("#add-to-cart").await;
            b.expect_path("/shop/cart").await;
            shoot(&b, &dir, &format!("shop-cart-{tag}"), width).await;
            b.click("#checkout-link").await;
            b.click("#place-order").await;
            shoot(&b, &dir, &format!("shop-checkout-errors-{tag}"), width).await;
            b.fill("#email", "nour@example.com").await;
            b.fill("#name", "Nour Example").await;
            b.fill("#line1", "12 rue de la Paix").await;
            b.fill("#city", "Paris").await;
            b.client
                .find(Locator::Css("#country"))
                .await
                .unwrap()
                .select_by_value("FR")
                .await
                .unwrap();
            b.click("#place-order").await;
            tokio::time::sleep(Duration::from_millis(500)).await;
            shoot(&b, &dir, &format!("shop-order-{tag}"), width).await;
            b.quit().await;
        }
    }
}
