//! A paid order's invoice is a PDF for whoever may see the order; an
//! unpaid one has none.

use super::{As, Shop};

#[tokio::test]
async fn a_paid_order_has_a_pdf_invoice_and_an_unpaid_one_none() {
    let shop = Shop::new().await;
    let placed = shop.order();
    let path = format!("/api/v1/orders/{}/invoice.pdf", placed.order_id);
    let (status, body) = shop.get(&path, As::Token(&placed.token)).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("order_not_paid"))
    );

    assert_eq!(shop.move_to(placed.order_id, "paid").await.0, 200);
    let by_token = shop
        .app
        .get(&shop.tenant.host, &path)
        .header("X-Order-Token", &placed.token);
    let by_staff = shop
        .app
        .get(&shop.tenant.host, &path)
        .bearer_auth(&shop.staff);
    for req in [by_token, by_staff] {
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "application/pdf");
        let bytes = res.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF"), "not a PDF");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains(&format!("Invoice for order #{}", placed.number)));
    }
    let (status, _) = shop.get(&path, As::Token("trk_wrong")).await;
    assert_eq!(status, 404);
    let (status, _) = shop.get(&path, As::Nobody).await;
    assert_eq!(status, 404);

    // Cancelled before it was paid: still none.
    let unpaid = shop.order();
    assert_eq!(shop.move_to(unpaid.order_id, "cancelled").await.0, 200);
    let (status, body) = shop
        .get(
            &format!("/api/v1/orders/{}/invoice.pdf", unpaid.order_id),
            As::Staff,
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("order_not_paid"))
    );
}
