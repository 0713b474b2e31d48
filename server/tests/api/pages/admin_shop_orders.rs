//! Orders, prescriptions, coupons and payments through the back office's
//! pages, over plain HTTP: an order moved to shipped with a note, a move
//! its status does not allow and a shipment without an approved
//! prescription said on the page; prescriptions downloaded and approved
//! or rejected; coupons made and changed with their refusals; the payment
//! settings' webhook secret shown once.

use identity::Role;
use serde_json::Value;

use super::admin_shop::{api, marked, notice, place, plain, shop_office, status_of, upload, PNG};
use super::back_office::get;
use crate::support::*;

#[tokio::test]
async fn an_order_moves_to_shipped_through_its_page() {
    let app = spawn_app().await;
    let (tenant, office) = shop_office(&app, Role::Staff, "pro").await;
    let placed = place(&tenant, None);
    let page = format!("/admin/shop/orders/{}", placed.order_id);
    let moves = format!("{page}/status");

    // Listed, and found by its email and status.
    let (status, html, _) = office.get("/admin/shop/orders").await;
    assert_eq!(status, 200, "{html}");
    assert!(plain(&html).contains(&format!("href=\"{page}\"")), "{html}");
    let (_, html, _) = office
        .get(&format!(
            "/admin/shop/orders?status=pending_payment&email={}",
            &placed.email[..8]
        ))
        .await;
    assert!(plain(&html).contains(&format!("href=\"{page}\"")), "{html}");
    let (_, html, _) = office.get("/admin/shop/orders?status=shipped").await;
    assert!(plain(&html).contains("id=\"no-orders\""), "{html}");
    // A day the browser would never send, and an empty range: said.
    let (status, html, _) = office.get("/admin/shop/orders?from=June+1st").await;
    assert_eq!(status, 400, "{html}");
    assert!(marked(&html, "from-error"), "{html}");
    let (status, html, _) = office
        .get("/admin/shop/orders?from=2030-01-02&to=2030-01-01")
        .await;
    assert_eq!(status, 400, "{html}");
    assert!(marked(&html, "to-error"), "{html}");
    let (status, html, _) = office.get("/admin/shop/orders?cursor=forged").await;
    assert_eq!(status, 400, "{html}");
    assert!(plain(&html).contains("id=\"notice\""), "{html}");

    // The order: its lines, totals, buyer, address and the moves allowed.
    let (status, html, _) = office.get(&page).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        plain(&html).contains("Blue mug") && plain(&html).contains("25.00 EUR"),
        "{html}"
    );
    assert!(
        plain(&html)
            .contains("<bdi>1 Rue de la Paix</bdi><br><bdi>75002 Paris</bdi><br><bdi>FR</bdi>"),
        "{html}"
    );
    assert!(
        plain(&html).contains("data-status=\"pending_payment\""),
        "{html}"
    );
    for to in ["paid", "cancelled"] {
        assert!(
            plain(&html).contains(&format!("name=\"status\" value=\"{to}\"")),
            "{to}"
        );
    }
    assert!(!plain(&html).contains("value=\"shipped\""), "{html}");
    assert!(!plain(&html).contains("id=\"invoice\""), "{html}");

    // Shipping an unpaid order: not allowed from its status, said so.
    let (status, html, _) = office.post(&moves, &[("status", "shipped")]).await;
    assert_eq!(status, 409, "{html}");
    assert!(
        notice(&html).contains("not possible from the order"),
        "{html}"
    );
    assert_eq!(status_of(&tenant, placed.order_id), "pending_payment");

    // Paid (cash), prepared, shipped with the parcel's number.
    for to in ["paid", "processing"] {
        let (status, html, location) = office.post(&moves, &[("status", to)]).await;
        assert_eq!(
            (status, location.as_str()),
            (303, format!("{page}?moved=1").as_str()),
            "{html}"
        );
    }
    let (status, _, _) = office
        .post(
            &moves,
            &[("status", "shipped"), ("note", "Parcel FR123456")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(status_of(&tenant, placed.order_id), "shipped");
    let (_, html, _) = office.get(&format!("{page}?moved=1")).await;
    assert!(plain(&html).contains("id=\"notice\""), "{html}");
    assert!(plain(&html).contains("Parcel FR123456"), "{html}");
    assert!(plain(&html).contains("Being prepared → Shipped"), "{html}");
    assert!(plain(&html).contains("by the team"), "{html}");
    assert!(plain(&html).contains("id=\"invoice\""), "{html}");
    let detail = api(
        &app,
        &tenant,
        &format!("/api/v1/orders/{}", placed.order_id),
    )
    .await;
    assert_eq!(detail["history"].as_array().unwrap().len(), 4);
    assert_eq!(detail["payment"]["amount_cents"], 2500);

    // The invoice, for the team's session.
    let res = app
        .get(&tenant.host, &format!("{page}/invoice.pdf"))
        .header("Cookie", &office.cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert!(res.bytes().await.unwrap().starts_with(b"%PDF"));

    // A note too long: beside the note, nothing moved.
    let long = "x".repeat(1001);
    let (status, html, _) = office
        .post(&moves, &[("status", "delivered"), ("note", &long)])
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(marked(&html, "note-error"), "{html}");
    assert_eq!(status_of(&tenant, placed.order_id), "shipped");
}

#[tokio::test]
async fn prescriptions_are_downloaded_approved_and_rejected_through_the_pages() {
    let app = spawn_app().await;
    let (tenant, office) = shop_office(&app, Role::Staff, "pro").await;
    let first = place(&tenant, Some("awaiting_upload"));
    let second = place(&tenant, Some("awaiting_upload"));
    let one = upload(&app, &tenant, &first).await;
    let two = upload(&app, &tenant, &second).await;
    let first_page = format!("/admin/shop/orders/{}", first.order_id);

    // Paid, but it cannot ship before its prescription is approved.
    let (status, _, _) = office
        .post(&format!("{first_page}/status"), &[("status", "paid")])
        .await;
    assert_eq!(status, 303);
    let (status, _, _) = office
        .post(&format!("{first_page}/status"), &[("status", "processing")])
        .await;
    assert_eq!(status, 303);
    let (status, html, _) = office
        .post(&format!("{first_page}/status"), &[("status", "shipped")])
        .await;
    assert_eq!(status, 409, "{html}");
    assert!(notice(&html).contains("needs a prescription"), "{html}");
    assert!(plain(&html).contains(">Review it</a>"), "{html}");

    // Both wait, with their orders' numbers.
    let (status, html, _) = office.get("/admin/shop/prescriptions").await;
    assert_eq!(status, 200, "{html}");
    for (id, placed) in [(&one, &first), (&two, &second)] {
        assert!(
            plain(&html).contains(&format!("id=\"prescription-{id}\"")),
            "{html}"
        );
        assert!(
            plain(&html).contains(&format!("Order #{}", placed.number)),
            "{html}"
        );
    }

    // The file, as an attachment, for the team only.
    let file = format!("/admin/shop/prescriptions/{one}/file");
    let res = app
        .get(&tenant.host, &file)
        .header("Cookie", &office.cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.bytes().await.unwrap().as_ref(), PNG);
    let (status, _, location) = get(&app, &tenant.host, &file, "").await;
    assert_eq!((status, location.as_str()), (303, "/admin/login"));

    // A decision the page does not know: said, nothing decided.
    let review = |id: &str| format!("/admin/shop/prescriptions/{id}/review");
    let (status, html, _) = office.post(&review(&one), &[("decision", "maybe")]).await;
    assert_eq!(status, 422, "{html}");
    // Approve the first: now it ships.
    let (status, _, location) = office
        .post(
            &review(&one),
            &[("decision", "approve"), ("note", "Checked with the doctor")],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/shop/prescriptions?reviewed=approve")
    );
    let (status, _, _) = office
        .post(&format!("{first_page}/status"), &[("status", "shipped")])
        .await;
    assert_eq!(status, 303);
    assert_eq!(status_of(&tenant, first.order_id), "shipped");
    // Reject the second: its order is cancelled.
    let (status, _, _) = office
        .post(
            &review(&two),
            &[("decision", "reject"), ("note", "Expired prescription")],
        )
        .await;
    assert_eq!(status, 303);
    assert_eq!(status_of(&tenant, second.order_id), "cancelled");
    let (_, html, _) = office
        .get(&format!("/admin/shop/orders/{}", second.order_id))
        .await;
    assert!(
        plain(&html).contains("prescription rejected: Expired prescription"),
        "{html}"
    );

    // None waits now; reviewed ones show with their notes; a second
    // decision is refused with a message.
    let (_, html, _) = office
        .get("/admin/shop/prescriptions?reviewed=reject")
        .await;
    assert!(plain(&html).contains("id=\"no-prescriptions\""), "{html}");
    assert!(plain(&html).contains("id=\"notice\""), "{html}");
    let (_, html, _) = office.get("/admin/shop/prescriptions?status=all").await;
    assert!(
        plain(&html).contains("Checked with the doctor")
            && plain(&html).contains("Expired prescription"),
        "{html}"
    );
    let (status, html, _) = office.post(&review(&one), &[("decision", "reject")]).await;
    assert_eq!(status, 409, "{html}");
    assert!(notice(&html).contains("reviewed already"), "{html}");
}

#[tokio::test]
async fn coupons_are_made_changed_and_deleted_through_the_forms() {
    let app = spawn_app().await;
    let (tenant, office) = shop_office(&app, Role::Staff, "pro").await;

    // Every refused field at once.
    let (status, html, _) = office
        .post(
            "/admin/shop/coupons",
            &[
                ("code", "x"),
                ("kind", "percent"),
                ("value", "150"),
                ("usage_limit", "lots"),
                ("starts_at", "2030-02-01T00:00"),
                ("ends_at", "2030-01-01T00:00"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{html}");
    for id in [
        "code-error",
        "value-error",
        "usage_limit-error",
        "ends_at-error",
    ] {
        assert!(marked(&html, id), "{id}: {html}");
    }
    assert!(plain(&html).contains("value=\"lots\""), "{html}");

    let (status, html, location) = office
        .post(
            "/admin/shop/coupons",
            &[
                ("code", "summer10"),
                ("kind", "amount"),
                ("value", "5,50"),
                ("min_subtotal", "30"),
                ("ends_at", "2030-08-31T23:59"),
                ("usage_limit", "100"),
                ("active", "true"),
            ],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/shop/coupons?created=1"),
        "{html}"
    );
    let coupons = api(&app, &tenant, "/api/v1/coupons").await;
    let c = &coupons["items"][0];
    assert_eq!(c["code"], "SUMMER10");
    assert_eq!(c["amount_off_cents"], 550);
    assert_eq!(c["min_subtotal_cents"], 3000);
    assert_eq!(c["usage_limit"], 100);
    let id = c["id"].as_str().unwrap().to_string();
    let ends = c["ends_at"].as_str().unwrap().to_string();

    // The same code again: beside the code.
    let (status, html, _) = office
        .post(
            "/admin/shop/coupons",
            &[("code", "SUMMER10"), ("kind", "percent"), ("value", "5")],
        )
        .await;
    assert_eq!(status, 409, "{html}");
    assert!(marked(&html, "code-error"), "{html}");

    // Listed; its page shows what is stored and changes the rest.
    let (_, html, _) = office.get("/admin/shop/coupons?created=1").await;
    assert!(
        plain(&html).contains("SUMMER10") && plain(&html).contains("5.50 EUR"),
        "{html}"
    );
    let page = format!("/admin/shop/coupons/{id}");
    let (status, html, _) = office.get(&page).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        plain(&html).contains("value=\"2030-08-31T23:59\""),
        "{html}"
    );
    assert!(!plain(&html).contains("name=\"code\""), "{html}");
    let (status, html, _) = office
        .post(
            &page,
            &[
                ("min_subtotal", ""),
                ("ends_at", "2030-08-31T23:59"),
                ("usage_limit", ""),
                ("per_customer_limit", "1"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    let c = api(&app, &tenant, &format!("/api/v1/coupons/{id}")).await;
    assert_eq!(c["active"], false);
    assert_eq!(c["min_subtotal_cents"], Value::Null);
    assert_eq!(c["usage_limit"], Value::Null);
    assert_eq!(c["per_customer_limit"], 1);
    assert_eq!(c["ends_at"], ends.as_str());

    // Deleted, with the box ticked.
    let (status, _, _) = office.post(&format!("{page}/delete"), &[]).await;
    assert_eq!(status, 422);
    let (status, _, location) = office
        .post(&format!("{page}/delete"), &[("confirm", "true")])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/shop/coupons?deleted=1")
    );
    let coupons = api(&app, &tenant, "/api/v1/coupons").await;
    assert!(coupons["items"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn the_payment_settings_show_the_webhook_secret_once() {
    let app = spawn_app().await;
    let (_tenant, office) = shop_office(&app, Role::Admin, "pro").await;

    let (status, html, _) = office.get("/admin/shop/payments").await;
    assert_eq!(status, 200, "{html}");
    assert!(!plain(&html).contains("id=\"secret\""), "{html}");
    assert!(
        plain(&html).contains("/api/v1/payments/webhook</code>"),
        "{html}"
    );

    // Cards without a key: beside the key, nothing saved.
    let (status, html, _) = office
        .post(
            "/admin/shop/payments",
            &[("provider", "stripe"), ("api_key", "")],
        )
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(marked(&html, "api_key-error"), "{html}");

    // The first setting: the secret, on this page only.
    let (status, html, _) = office
        .post(
            "/admin/shop/payments",
            &[("provider", "manual"), ("instructions", "Pay on delivery.")],
        )
        .await;
    assert_eq!(status, 200, "{html}");
    let at = html.find("id=\"secret\" dir=\"ltr\">").unwrap() + "id=\"secret\" dir=\"ltr\">".len();
    let secret = html[at..].split('<').next().unwrap().to_string();
    assert!(secret.starts_with("whsec_"), "{secret}");
    let (_, html, _) = office.get("/admin/shop/payments").await;
    assert!(!plain(&html).contains(&secret), "{html}");
    assert!(plain(&html).contains("Pay on delivery."), "{html}");

    // A key is written, never shown back but its last four characters.
    let (status, _, location) = office
        .post(
            "/admin/shop/payments",
            &[
                ("provider", "stripe"),
                ("api_key", "sk_test_abcdefgh1234"),
                ("instructions", ""),
            ],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/shop/payments?saved=1")
    );
    let (_, html, _) = office.get("/admin/shop/payments?saved=1").await;
    assert!(!plain(&html).contains("sk_test_abcdefgh1234"), "{html}");
    assert!(plain(&html).contains("1234"), "{html}");
    assert!(!plain(&html).contains(&secret), "{html}");

    // A rotation shows a new secret, once.
    let (status, html, _) = office
        .post(
            "/admin/shop/payments",
            &[("provider", "stripe"), ("rotate", "true")],
        )
        .await;
    assert_eq!(status, 200, "{html}");
    assert!(plain(&html).contains("id=\"secret\""), "{html}");
    assert!(!plain(&html).contains(&secret), "{html}");
}
