//! Checkout as plain form posts: the order placed through the API's
//! operation, the order page reached with a tracking cookie scoped to it,
//! one order for a form sent twice, and refusals shown on the form.

use serde_json::json;

use super::sessions::csrf_field;
use super::shop::{store, Answer, Store, Visitor};

/// The hidden field `name` of a form.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    html[at..].split('"').next().unwrap().to_string()
}

pub const ADDRESS: [(&str, &str); 8] = [
    ("email", "nour@example.com"),
    ("name", "Nour Example"),
    ("phone", "+33 6 12 34 56 78"),
    ("line1", "12 rue de la Paix"),
    ("line2", ""),
    ("city", "Paris"),
    ("postal_code", "75002"),
    ("country", "FR"),
];

/// The checkout form's fields: `ADDRESS` with `changes`, and the form's
/// CSRF token and Idempotency-Key.
pub fn fields(form: &str, changes: &[(&'static str, &'static str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = ADDRESS
        .iter()
        .map(|(k, v)| {
            let v = changes.iter().find(|(c, _)| c == k).map_or(*v, |(_, v)| *v);
            (k.to_string(), v.to_string())
        })
        .collect();
    for (k, v) in changes {
        if !ADDRESS.iter().any(|(a, _)| a == k) {
            out.push((k.to_string(), v.to_string()));
        }
    }
    out.push(("csrf_token".into(), csrf_field(form)));
    out.push(("idempotency_key".into(), hidden(form, "idempotency_key")));
    out
}

pub async fn submit(v: &mut Visitor<'_>, fields: &[(String, String)]) -> Answer {
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    v.post("/shop/checkout", &form).await
}

/// A visitor with `quantity` red shirts in the cart, on the checkout page.
pub async fn at_checkout<'a>(s: &'a Store, quantity: &str) -> (Visitor<'a>, String) {
    let mut v = s.visitor();
    assert_eq!(v.add(&s.shirt, &s.red, quantity).await.status, 303);
    let form = v.get("/shop/checkout").await;
    assert_eq!(form.status, 200, "{}", form.html);
    (v, form.html)
}

/// The order's id from where checkout sent the browser.
pub fn order_of(a: &Answer) -> String {
    assert_eq!(a.status, 303, "{}", a.html);
    a.location
        .strip_prefix("/shop/orders/")
        .unwrap_or_else(|| panic!("not an order page: {}", a.location))
        .to_string()
}

#[tokio::test]
async fn a_guest_checks_out_with_plain_posts_and_lands_on_the_order_page() {
    let s = store().await;
    s.post(
        "/api/v1/payments/settings",
        json!({"provider": "manual", "instructions": "Pay by transfer to FR76 3000 6000 0112 3456 7890 189."}),
    )
    .await;
    let (mut v, form) = at_checkout(&s, "2").await;
    assert!(form.contains("name=\"idempotency_key\""));
    assert!(form.contains("<option value=\"FR\">FR</option>"));
    assert!(form.contains("2 × Linen shirt"), "{form}");
    assert!(form.contains("39.98 EUR"));

    let placed = submit(&mut v, &fields(&form, &[])).await;
    let order = order_of(&placed);
    let tracking = placed.set_cookie("order_token").expect("a tracking cookie");
    assert!(
        tracking.contains(&format!("Path=/shop/orders/{order}")),
        "{tracking}"
    );
    assert!(tracking.contains("HttpOnly"), "{tracking}");
    assert!(tracking.contains("SameSite=Lax"), "{tracking}");
    let cart = placed.set_cookie("cart").expect("the cart is forgotten");
    assert!(cart.contains("Max-Age=0"), "{cart}");
    assert!(!placed.location.contains("token"));

    let page = v.get(&placed.location).await;
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(page.html.contains("Order 1"), "{}", page.html);
    assert!(page
        .html
        .contains("data-status=\"pending_payment\">Waiting for payment"));
    assert!(page
        .html
        .contains("Pay by transfer to FR76 3000 6000 0112 3456 7890 189."));
    assert!(page.html.contains("2 × Linen shirt"));
    assert!(page.html.contains("id=\"order-total\">39.98 EUR"));
    assert!(page.html.contains("12 rue de la Paix"));
    assert!(page
        .html
        .contains(&format!("data-events=\"/shop/orders/{order}/events?after=")));
    assert!(page.html.contains("<script src=\"/assets/shop."));
    // The stock is held by the order; the header has no cart any more.
    assert_eq!(
        s.count(&format!(
            "SELECT stock::bigint AS n FROM variants WHERE id = '{}'",
            s.red
        )),
        1
    );
    assert!(!page.html.contains("id=\"cart-link\""));
    // The mail's link leads here.
    let moved = v.get(&format!("/orders/{order}")).await;
    assert_eq!(moved.status, 303);
    assert_eq!(moved.location, format!("/shop/orders/{order}"));
}

#[tokio::test]
async fn a_form_sent_twice_places_one_order() {
    let s = store().await;
    let (mut v, form) = at_checkout(&s, "1").await;
    let sent = fields(&form, &[]);
    // The second click goes with the cookies the first went with.
    let jar = v.jar.clone();
    let first = submit(&mut v, &sent).await;
    v.jar = jar;
    let second = submit(&mut v, &sent).await;
    assert_eq!(order_of(&first), order_of(&second));
    assert_eq!(s.count("SELECT count(*) AS n FROM orders"), 1);
    // The latest tracking cookie opens the page (a replay hands out a new one).
    let page = v.get(&second.location).await;
    assert_eq!(page.status, 200);
    // Once the cookie is gone, another post finds no cart and orders nothing.
    let third = submit(&mut v, &sent).await;
    assert_eq!(third.status, 303);
    assert_eq!(third.location, "/shop/cart");
    assert_eq!(s.count("SELECT count(*) AS n FROM orders"), 1);
}

#[tokio::test]
async fn refused_fields_show_beside_them_and_nothing_is_ordered() {
    let s = store().await;
    let (mut v, form) = at_checkout(&s, "1").await;
    let bad = fields(
        &form,
        &[
            ("email", "not-an-address"),
            ("name", "  "),
            ("country", "ZZ"),
            ("phone", "12"),
        ],
    );
    let refused = submit(&mut v, &bad).await;
    assert_eq!(refused.status, 422, "{}", refused.html);
    for (field, words) in [
        ("email", "Enter a valid email address."),
        ("name", "Enter your name."),
        ("country", "Choose the country."),
        ("phone", "Enter the phone number with its country code"),
    ] {
        assert!(
            refused
                .html
                .contains(&format!("id=\"{field}-error\">{words}")),
            "{field}: {}",
            refused.html
        );
    }
    assert!(
        refused.html.contains("value=\"not-an-address\""),
        "typed values stay"
    );
    assert!(refused
        .html
        .contains("Please check the fields marked below."));
    let unknown = submit(&mut v, &fields(&form, &[("coupon", "NOPE2024")])).await;
    assert_eq!(unknown.status, 422, "{}", unknown.html);
    assert!(
        unknown
            .html
            .contains("id=\"coupon-error\">There is no coupon with this code."),
        "{}",
        unknown.html
    );
    assert_eq!(s.count("SELECT count(*) AS n FROM orders"), 0);
    // A form with a new key per rendering: the refused one carries another.
    assert_ne!(
        hidden(&refused.html, "idempotency_key"),
        hidden(&form, "idempotency_key")
    );
}

#[tokio::test]
async fn lines_the_stock_no_longer_covers_are_named() {
    let s = store().await;
    let (mut v, form) = at_checkout(&s, "3").await;
    s.sql(&format!(
        "UPDATE variants SET stock = 1 WHERE id = '{}'",
        s.red
    ));
    let short = submit(&mut v, &fields(&form, &[])).await;
    assert_eq!(short.status, 409, "{}", short.html);
    assert!(short.html.contains("Nothing was ordered."));
    assert!(
        short.html.contains("Linen shirt (red): 1 left"),
        "{}",
        short.html
    );
    assert_eq!(s.count("SELECT count(*) AS n FROM orders"), 0);
    // An empty cart has no checkout.
    let mut empty = s.visitor();
    let page = empty.get("/shop/checkout").await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location, "/shop/cart");
}
