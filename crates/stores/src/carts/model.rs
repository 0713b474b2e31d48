//! What carts take and give on the wire, and the checked values a request
//! becomes before anything reaches the database.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::error::CartError;
use crate::checkout::fields::Fields;

/// The most of one variant a cart may hold (the table's check says so too).
pub const MAX_QUANTITY: i32 = 999;

kernel::text_enum! {
    /// `open` carts change; a `merged` one gave its items to a customer's
    /// cart at sign-in; a `checked_out` one became an order.
    pub enum CartStatus {
        Open => "open",
        Merged => "merged",
        CheckedOut => "checked_out",
    }
}

/// The answer of `POST /carts`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OpenedCart {
    pub id: Uuid,
    /// The cart's secret: send it as `X-Cart-Token` on every call about the
    /// cart. Shown only when the cart is made; null when a signed-in
    /// customer gets the cart they already had (their token opens it).
    pub token: Option<String>,
    /// Whether the cart was made by this call (201) or already open (200).
    #[serde(skip)]
    pub created: bool,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CartItemBody)]
pub struct AddItemBody {
    pub variant_id: Uuid,
    /// Added to what the cart already holds of the variant.
    #[schema(minimum = 1, maximum = 999)]
    pub quantity: i64,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CartItemQuantityBody)]
pub struct ChangeItemBody {
    /// What the cart holds of the variant from now on.
    #[schema(minimum = 1, maximum = 999)]
    pub quantity: i64,
}

/// A quantity of one variant: 1 to 999.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemQuantity(i32);

impl ItemQuantity {
    pub fn parse(raw: i64) -> Result<Self, String> {
        match i32::try_from(raw) {
            Ok(q) if (1..=MAX_QUANTITY).contains(&q) => Ok(ItemQuantity(q)),
            _ => Err(format!(
                "must be between 1 and {MAX_QUANTITY}; it was {raw}"
            )),
        }
    }

    pub fn get(self) -> i32 {
        self.0
    }
}

/// A checked `AddItemBody`.
#[derive(Debug, Clone, Copy)]
pub struct NewItem {
    pub variant_id: Uuid,
    pub quantity: ItemQuantity,
}

impl NewItem {
    pub fn parse(body: &AddItemBody) -> Result<Self, CartError> {
        let mut fields = Fields::default();
        let quantity = fields.check("quantity", ItemQuantity::parse(body.quantity));
        match quantity {
            Some(quantity) => Ok(NewItem {
                variant_id: body.variant_id,
                quantity,
            }),
            None => Err(CartError::Validation(fields.into_vec())),
        }
    }
}

impl ChangeItemBody {
    pub fn parse(&self) -> Result<ItemQuantity, CartError> {
        let mut fields = Fields::default();
        fields
            .check("quantity", ItemQuantity::parse(self.quantity))
            .ok_or_else(|| CartError::Validation(fields.into_vec()))
    }
}

#[cfg(test)]
#[path = "model_test.rs"]
mod tests;
