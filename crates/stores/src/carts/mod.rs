//! Carts: a guest's (opened with a secret token) or a signed-in customer's,
//! and the merge of a guest's cart into the customer's at sign-in.
//!
//! Whoever holds a cart's token (`X-Cart-Token`), or the signed-in customer
//! whose cart it is, may use it; anyone else meets the same 404 as for a
//! cart that does not exist, so nothing tells that an id is a cart. Each
//! operation runs in the caller's tenant transaction and answers the cart
//! as it now is (`CartView`), so the API and the shop's pages share them.

mod access;
mod error;
mod items;
mod merge;
mod model;
mod open;
pub(crate) mod repo;
mod view;

pub use access::CartAccess;
pub use error::CartError;
pub use items::{add_item, remove_item, set_quantity};
pub use merge::merge_guest_cart;
pub use model::{
    AddItemBody, CartStatus, ChangeItemBody, ItemQuantity, NewItem, OpenedCart, MAX_QUANTITY,
};
pub use open::open_cart;
pub use view::{view, CartLine, CartView};
