//! The cart on the pages: the cookie that holds it (flags, the token never
//! in a URL or a page), adding with refusals worded beside the picker,
//! changing and removing lines, and the merge into a customer's cart when
//! they sign in.

use super::shop::{store, store_on, Visitor};
use crate::support::*;

#[tokio::test]
async fn adding_keeps_the_cart_in_an_http_only_cookie_and_the_header_counts_it() {
    let s = store().await;
    let mut v = s.visitor();
    let added = v.add(&s.shirt, &s.red, "2").await;
    assert_eq!(added.status, 303, "{}", added.html);
    assert_eq!(added.location, "/shop/cart?added=1");
    let cookie = added.set_cookie("cart").expect("a cart cookie").clone();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http here: {cookie}");
    let value = v.cookie("cart").unwrap().to_string();
    let (_, token) = value.split_once('.').expect("a guest cart holds its token");
    assert!(!added.location.contains(token));

    let cart = v.get("/shop/cart?added=1").await;
    assert_eq!(cart.status, 200);
    assert!(cart.html.contains("Added to your cart."));
    assert!(cart.html.contains("Linen shirt"));
    assert!(cart.html.contains("red"));
    assert!(
        cart.html.contains("id=\"subtotal\">39.98 EUR"),
        "{}",
        cart.html
    );
    assert!(
        cart.html.contains("id=\"cart-link\">Cart (2)"),
        "{}",
        cart.html
    );
    assert!(
        !cart.html.contains(token),
        "the token never shows in a page"
    );
    // Adding again adds to the same line, in the same cart.
    let again = v.add(&s.shirt, &s.red, "1").await;
    assert_eq!(again.status, 303);
    assert!(again.set_cookie("cart").is_none(), "the same cart");
    let home = v.get("/").await;
    assert!(home.html.contains("Cart (3)"));
}

#[tokio::test]
async fn over_https_the_cart_cookie_is_secure() {
    let app = spawn_app_with(|settings| settings.public_scheme = "https".into()).await;
    let s = store_on(app).await;
    let mut v = s.visitor();
    let added = v.add(&s.shirt, &s.red, "1").await;
    assert_eq!(added.status, 303);
    let cookie = added.set_cookie("cart").unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
}

#[tokio::test]
async fn a_huge_or_unstocked_quantity_is_refused_with_a_message() {
    let s = store().await;
    let mut v = s.visitor();
    let huge = v.add(&s.shirt, &s.red, "1000000").await;
    assert_eq!(huge.status, 422);
    assert!(
        huge.html.contains("Enter a quantity from 1 to 999."),
        "{}",
        huge.html
    );
    assert!(
        huge.html.contains("value=\"1000000\""),
        "what was typed stays"
    );
    assert!(huge.set_cookie("cart").is_none(), "nothing was opened");
    let junk = v.add(&s.shirt, &s.red, "lots").await;
    assert_eq!(junk.status, 422);
    let too_many = v.add(&s.shirt, &s.red, "5").await;
    assert_eq!(too_many.status, 409);
    assert!(
        too_many.html.contains("Only 3 left in stock."),
        "{}",
        too_many.html
    );
    let sold_out = v.add(&s.shirt, &s.blue, "1").await;
    assert_eq!(sold_out.status, 409);
    assert!(sold_out.html.contains("Out of stock"));
    let none = v.add(&s.shirt, "", "1").await;
    assert_eq!(none.status, 422);
    assert!(none.html.contains("Choose one of the options first."));
    let unknown = v
        .add(&s.shirt, &uuid::Uuid::new_v4().to_string(), "1")
        .await;
    assert_eq!(unknown.status, 409);
    assert!(unknown.html.contains("No longer available."));
    let cart = v.get("/shop/cart").await;
    assert!(cart.html.contains("id=\"cart-empty\""));
    assert_eq!(s.count("SELECT count(*) AS n FROM cart_items"), 0);
    // Without the form's token: the 403 page, nothing added.
    let forged = v
        .post(
            "/shop/cart/items",
            &[
                ("product_id", &s.shirt),
                ("variant_id", &s.red),
                ("quantity", "1"),
            ],
        )
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(s.count("SELECT count(*) AS n FROM cart_items"), 0);
}

#[tokio::test]
async fn lines_change_and_go_with_refusals_beside_them() {
    let s = store().await;
    let mut v = s.visitor();
    assert_eq!(v.add(&s.shirt, &s.red, "1").await.status, 303);
    let csrf = v.csrf().await;
    let line = format!("/shop/cart/items/{}", s.red);
    let changed = v
        .post(&line, &[("csrf_token", &csrf), ("quantity", "3")])
        .await;
    assert_eq!(changed.status, 303);
    assert_eq!(changed.location, "/shop/cart");
    let cart = v.get("/shop/cart").await;
    assert!(cart.html.contains("value=\"3\""), "{}", cart.html);
    assert!(cart.html.contains("59.97 EUR"));

    let refused = v
        .post(&line, &[("csrf_token", &csrf), ("quantity", "4")])
        .await;
    assert_eq!(refused.status, 409);
    assert!(refused.html.contains(&format!("id=\"error-{}\"", s.red)));
    assert!(refused.html.contains("Only 3 left in stock."));
    let huge = v
        .post(&line, &[("csrf_token", &csrf), ("quantity", "5000")])
        .await;
    assert_eq!(huge.status, 422);
    assert!(huge.html.contains("Enter a quantity from 1 to 999."));

    // The stock falls under what the cart holds: the line says so.
    s.sql(&format!(
        "UPDATE variants SET stock = 1 WHERE id = '{}'",
        s.red
    ));
    let short = v.get("/shop/cart").await;
    assert!(
        short.html.contains("Only 1 left in stock."),
        "{}",
        short.html
    );

    let removed = v
        .post(&format!("{line}/remove"), &[("csrf_token", &csrf)])
        .await;
    assert_eq!(removed.status, 303);
    let empty = v.get("/shop/cart").await;
    assert!(empty.html.contains("id=\"cart-empty\""));
    assert!(empty.html.contains("Cart (0)"));
    // Quantity 0 removes too; a line the cart lacks is no error.
    let gone = v
        .post(&line, &[("csrf_token", &csrf), ("quantity", "0")])
        .await;
    assert_eq!(gone.status, 303);
    let crafted = v
        .post(
            "/shop/cart/items/not-a-variant",
            &[("csrf_token", &csrf), ("quantity", "1")],
        )
        .await;
    assert_eq!(crafted.status, 404);
}

#[tokio::test]
async fn a_guest_cart_goes_into_the_customers_at_sign_in() {
    let s = store().await;
    let email = unique_email("merge");
    customer_account(&s.app, &s.tenant, &email).await;
    let mut v = s.visitor();
    assert_eq!(v.add(&s.shirt, &s.red, "2").await.status, 303);
    let guest = v.cookie("cart").unwrap().to_string();
    let (guest_id, _) = guest.split_once('.').unwrap();

    let signed = v.sign_in("/account/login", &email, PASSWORD).await;
    assert_eq!(signed.status, 303, "{}", signed.html);
    let cookie = signed.set_cookie("cart").expect("the cart cookie changes");
    let held = v.cookie("cart").unwrap().to_string();
    assert!(
        !held.contains('.'),
        "the guest's token is forgotten: {cookie}"
    );
    assert_ne!(held, guest_id);
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) AS n FROM carts WHERE id = '{guest_id}' AND status = 'merged'"
        )),
        1
    );
    let cart = v.get("/shop/cart").await;
    assert!(cart.html.contains("Linen shirt"), "{}", cart.html);
    assert!(cart.html.contains("value=\"2\""));
    assert!(cart.html.contains("Cart (2)"));

    // On another browser, signed in, the customer finds the same cart.
    let mut other = Visitor {
        app: &s.app,
        host: s.host().to_string(),
        jar: Vec::new(),
    };
    let signed = other.sign_in("/account/login", &email, PASSWORD).await;
    assert_eq!(signed.status, 303);
    assert!(
        signed.set_cookie("cart").is_none(),
        "no guest cart to merge"
    );
    let cart = other.get("/shop/cart").await;
    assert!(cart.html.contains("Linen shirt"), "{}", cart.html);
    assert_eq!(other.cookie("cart"), Some(held.as_str()));
}
