//! What checkout takes and answers on the wire, and the checked input a
//! request becomes before the transaction starts.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::address::ShippingAddress;
use super::error::CheckoutError;
use super::fields::Fields;
use crate::coupons::CouponCode;
use kernel::values::{Email, PersonName, Phone};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CheckoutBody)]
pub struct CheckoutBody {
    /// Where the order's mails go.
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub name: String,
    /// E.164 with its country code, such as +44 20 7946 0958.
    #[serde(default)]
    #[schema(max_length = 32, pattern = r"^[0-9 +().-]*$")]
    pub phone: Option<String>,
    pub shipping_address: AddressBody,
    /// A coupon code, in any case.
    #[serde(default)]
    #[schema(max_length = 40)]
    pub coupon: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CheckoutAddress)]
pub struct AddressBody {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub line1: String,
    #[serde(default)]
    #[schema(max_length = 200, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub line2: Option<String>,
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub city: String,
    #[serde(default)]
    #[schema(max_length = 20, pattern = r"^[\p{L}\p{N} -]*$")]
    pub postal_code: Option<String>,
    #[serde(default)]
    #[schema(max_length = 100, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*$")]
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2, such as FR.
    #[schema(min_length = 2, max_length = 2, pattern = r"^[A-Za-z]{2}$")]
    pub country: String,
}

/// A checked checkout: the email lower-cased, the phone in E.164, the
/// coupon code upper-cased.
#[derive(Debug, Clone)]
pub struct CheckoutInput {
    pub email: Email,
    pub name: PersonName,
    pub phone: Option<Phone>,
    pub shipping_address: ShippingAddress,
    pub coupon: Option<CouponCode>,
}

impl CheckoutInput {
    /// Every field's problem in one answer. A code that cannot be a coupon's
    /// gets the answer of a code no coupon has.
    pub fn parse(body: &CheckoutBody) -> Result<Self, CheckoutError> {
        let mut f = Fields::default();
        let email = f.check("email", Email::parse(&body.email));
        let name = f.check("name", PersonName::parse(&body.name));
        let phone = f.check(
            "phone",
            Phone::parse_optional(body.phone.as_deref().unwrap_or_default()),
        );
        let shipping_address = ShippingAddress::check(&body.shipping_address, &mut f);
        let coupon = match body.coupon.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(raw) => f
                .check(
                    "coupon",
                    CouponCode::parse(raw).map_err(|_| {
                        "there is no coupon with this code; check it, or check out without one"
                            .to_string()
                    }),
                )
                .map(Some),
        };
        match (email, name, phone, shipping_address, coupon) {
            (Some(email), Some(name), Some(phone), Some(shipping_address), Some(coupon))
                if f.is_empty() =>
            {
                Ok(CheckoutInput {
                    email,
                    name,
                    phone,
                    shipping_address,
                    coupon,
                })
            }
            _ => Err(CheckoutError::Validation(f.into_vec())),
        }
    }
}

/// The order a checkout placed: the 201 answer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlacedOrder {
    pub id: Uuid,
    /// The shop's order number: 1, 2, 3 ... without gaps.
    pub number: i64,
    /// `pending_payment` when placed; a replay shows the order as it now is.
    pub status: String,
    pub total_cents: i64,
    pub subtotal_cents: i64,
    pub discount_cents: i64,
    pub currency: String,
    pub lines: Vec<PlacedLine>,
    /// Opens the order's tracking page. Shown only in this answer; a
    /// replay issues a new one and the earlier one stops working.
    pub tracking_token: String,
    /// `manual` or `stripe`.
    pub payment_provider: String,
    /// When the order gives its stock back if it is still unpaid.
    pub expires_at: Option<DateTime<Utc>>,
    /// Whether this answer repeats an earlier checkout (same Idempotency-Key).
    #[serde(skip)]
    pub replayed: bool,
}

/// One line as bought: what it was and cost then, whatever becomes of the
/// product.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = PlacedOrderLine)]
pub struct PlacedLine {
    pub sku: String,
    /// The product's name.
    pub name: String,
    #[schema(value_type = Object)]
    pub attributes: Value,
    pub unit_price_cents: i64,
    pub quantity: i32,
    pub line_total_cents: i64,
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;
