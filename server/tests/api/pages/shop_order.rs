//! The order page: shown to the browser holding its tracking cookie, the
//! customer who placed it and the site's staff, the 404 page to anyone
//! else; its event stream under the same rules; the prescription upload;
//! the customer's orders on /account.

use reqwest::header::{ACCEPT, COOKIE};
use serde_json::json;

use super::shop::{is_not_found, plain, store, Store, Visitor};
use super::shop_checkout::{at_checkout, fields, order_of, submit};
use crate::support::*;

/// A guest's order of one red shirt: the guest and the order's id.
async fn guest_order(s: &Store) -> (Visitor<'_>, String) {
    let (mut v, form) = at_checkout(s, "1").await;
    let placed = submit(&mut v, &fields(&form, &[])).await;
    let order = order_of(&placed);
    (v, order)
}

#[tokio::test]
async fn strangers_get_the_404_page_and_staff_see_the_order() {
    let s = store().await;
    let (mut buyer, order) = guest_order(&s).await;
    let path = format!("/shop/orders/{order}");
    assert_eq!(buyer.get(&path).await.status, 200);

    let mut stranger = s.visitor();
    assert!(is_not_found(&stranger.get(&path).await));
    // Another order's tracking token opens only that order.
    let (other, _) = guest_order(&s).await;
    stranger.set("order_token", other.cookie("order_token").unwrap());
    assert!(is_not_found(&stranger.get(&path).await));
    stranger.set("order_token", "forged-token");
    assert!(is_not_found(&stranger.get(&path).await));
    // Nor does its event stream open.
    let stream = stranger.get(&format!("{path}/events")).await;
    assert_eq!(stream.status, 404);

    let mut staff = s.visitor();
    let signed = staff
        .sign_in("/admin/login", &s.tenant.owner_email, OWNER_PASSWORD)
        .await;
    assert_eq!(signed.status, 303);
    let seen = staff.get(&path).await;
    assert_eq!(seen.status, 200, "{}", seen.html);
    assert!(seen.html.contains("Order 1"));
    assert!(
        !seen.html.contains("id=\"pay-instructions\""),
        "staff do not pay"
    );
}

#[tokio::test]
async fn the_event_stream_opens_for_the_tracking_cookie() {
    let s = store().await;
    let (buyer, order) = guest_order(&s).await;
    let mut res = s
        .app
        .get(s.host(), &format!("/shop/orders/{order}/events"))
        .header(ACCEPT, "text/event-stream")
        .header(COOKIE, buyer.cookies())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/event-stream");
    let mut got = String::new();
    while !got.contains("event: status") {
        let chunk = tokio::time::timeout(std::time::Duration::from_secs(10), res.chunk())
            .await
            .expect("an event in time")
            .unwrap()
            .expect("the stream stays open");
        got.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(got.contains("\"status\":\"pending_payment\""), "{got}");
}

#[tokio::test]
async fn a_signed_in_customer_sees_their_orders_on_the_account_page() {
    let s = store().await;
    let email = unique_email("buyer");
    customer_account(&s.app, &s.tenant, &email).await;
    let mut v = s.visitor();
    assert_eq!(
        v.sign_in("/account/login", &email, PASSWORD).await.status,
        303
    );
    assert_eq!(v.add(&s.shirt, &s.red, "1").await.status, 303);
    let form = v.get("/shop/checkout").await;
    assert!(
        form.html.contains(&format!("value=\"{email}\"")),
        "filled in"
    );
    let placed = submit(&mut v, &fields(&form.html, &[])).await;
    let order = order_of(&placed);
    // Seen by the session alone, without the tracking cookie.
    v.set("order_token", "");
    let page = v.get(&format!("/shop/orders/{order}")).await;
    assert_eq!(page.status, 200, "{}", page.html);
    let account = v.get("/account").await;
    assert_eq!(account.status, 200);
    assert!(
        account
            .html
            .contains(&format!("href=\"/shop/orders/{order}\"")),
        "{}",
        account.html
    );
    assert!(account.html.contains("Order 1"));
    assert!(account.html.contains("Waiting for payment"));
    assert!(account.html.contains("19.99 EUR"));
    // In Persian, with Persian digits.
    let fa = v.get("/account?lang=fa").await;
    assert!(fa.html.contains("سفارش ۱"), "{}", fa.html);
}

#[tokio::test]
async fn a_prescription_is_uploaded_from_the_order_page() {
    let s = store().await;
    let (pill, variants) = s
        .product(
            &s.shirts.clone(),
            json!({"name": "Pills", "base_price_cents": 500, "requires_prescription": true}),
            &[("PILL-1", 5, "red", None)],
        )
        .await;
    let mut v = s.visitor();
    assert_eq!(v.add(&pill, &variants[0], "1").await.status, 303);
    let form = v.get("/shop/checkout").await;
    let order = order_of(&submit(&mut v, &fields(&form.html, &[])).await);
    let path = format!("/shop/orders/{order}");
    let page = v.get(&path).await;
    assert!(
        page.html.contains("Please upload your prescription."),
        "{}",
        page.html
    );
    assert!(page.html.contains("enctype=\"multipart/form-data\""));
    let csrf = super::sessions::csrf_field(&page.html);

    let send = |name: &'static str, bytes: Vec<u8>, token: String| {
        let form = reqwest::multipart::Form::new()
            .text("csrf_token", token)
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            );
        s.app
            .post(s.host(), &format!("{path}/prescription"))
            .header(ACCEPT, "text/html")
            .header(COOKIE, v.cookies())
            .multipart(form)
            .send()
    };
    let text = send("note.txt", b"just words".to_vec(), csrf.clone())
        .await
        .unwrap();
    assert_eq!(text.status(), 415);
    let html = plain(&text.text().await.unwrap());
    assert!(
        html.contains("The file is not a PDF, PNG or JPEG."),
        "{html}"
    );
    let forged = send("scan.pdf", b"%PDF-1.4 scan".to_vec(), "forged".into())
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(s.count("SELECT count(*) AS n FROM prescriptions"), 0);

    let sent = send("scan.pdf", b"%PDF-1.4\n%scan\n".to_vec(), csrf)
        .await
        .unwrap();
    assert_eq!(sent.status(), 303);
    let after = v.get(&format!("{path}?uploaded=1")).await;
    assert!(
        after.html.contains("your prescription was sent"),
        "{}",
        after.html
    );
    assert!(after.html.contains("Your prescription is being checked."));
    assert!(!after.html.contains("id=\"prescription-form\""));
    assert_eq!(s.count("SELECT count(*) AS n FROM prescriptions"), 1);
}
