//! Rows for unit tests: an order as checkout leaves it.

use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use super::access::token_hash;
use super::model::OrderRow;
use super::status::OrderStatus;

pub fn order() -> OrderRow {
    OrderRow {
        id: Uuid::new_v4(),
        number: 42,
        customer_id: None,
        status: OrderStatus::PendingPayment,
        email: "ann@example.com".into(),
        name: "Ann Example".into(),
        phone: None,
        shipping_address: json!({}),
        currency: "EUR".into(),
        subtotal_cents: 4800,
        discount_cents: 480,
        total_cents: 4320,
        coupon_id: None,
        coupon_code: Some("TENOFF".into()),
        payment_provider: "manual".into(),
        tracking_token_hash: token_hash("the-token").to_vec(),
        prescription_status: None,
        expires_at: None,
        paid_at: None,
        created_at: Utc::now(),
        updated_at: Utc::now(),
    }
}
