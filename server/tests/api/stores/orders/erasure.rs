//! A customer's shop data in their export, and what erasing them leaves:
//! the orders (the business's accounts) without the person's details.

use diesel::prelude::*;

use super::fixture::{in_tenant, Spec};
use super::{As, Shop};

#[tokio::test]
async fn the_export_holds_the_orders_and_erasure_strips_them_of_the_person() {
    let shop = Shop::new().await;
    let (customer_id, _) = super::fixture::customer(&shop.app, &shop.tenant);
    let placed = shop.place(Spec {
        customer_id: Some(customer_id),
        ..Spec::default()
    });
    let owner = shop.app.owner_token(&shop.tenant);

    let (status, doc) = shop
        .get(
            &format!("/api/v1/customers/{customer_id}/export"),
            As::Bearer(&owner),
        )
        .await;
    assert_eq!(status, 200, "{doc}");
    let orders = &doc["shop"]["orders"];
    assert_eq!(orders[0]["number"], placed.number, "{doc}");
    assert_eq!(orders[0]["email"], placed.email.to_lowercase());
    assert_eq!(doc["shop"]["order_lines"][0]["quantity"], 2);

    let (status, body) = shop
        .post(
            &format!("/api/v1/customers/{customer_id}/erase"),
            As::Bearer(&owner),
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (name, email, phone, address, total): (
        String,
        String,
        Option<String>,
        serde_json::Value,
        i64,
    ) = in_tenant(&shop.db_url(), &shop.tenant, |conn| {
        use stores::schema::orders;
        orders::table
            .find(placed.order_id)
            .select((
                orders::name,
                orders::email,
                orders::phone,
                orders::shipping_address,
                orders::total_cents,
            ))
            .first(conn)
    });
    assert_eq!(name, "Erased customer");
    assert_eq!(
        email,
        format!("erased-{}@invalid", placed.order_id.simple())
    );
    assert_eq!(phone, None);
    assert_eq!(address, serde_json::json!({}));
    assert_eq!(total, placed.total_cents, "the accounts stay");
}
