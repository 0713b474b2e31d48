//! The catalog: the category tree and its attributes, products and their
//! variants (staff), and the public, fast catalog reads.
//!
//! What the shop's pages, carts and checkout call:
//! - [`tree`], [`breadcrumbs`]: the categories, for navigation;
//! - [`product`]: one product with its variants, by id;
//! - [`list_products`] (and [`ListRequest::from_pairs`] or
//!   [`ProductFilter`] to build its filter): the list, search and facets;
//! - [`count`]: the products the plan's `products` limit counts.
//!
//! Each runs inside the caller's tenant transaction.

pub mod attributes;
pub mod categories;
pub mod demo;
pub mod error;
pub mod input;
pub mod listing;
pub mod locale;
pub mod products;
pub mod variants;
pub mod view_counts;

use diesel::PgConnection;
use uuid::Uuid;

pub use categories::{breadcrumbs, tree, CategoryNode, Crumb};
pub use error::{CatalogError, Missing};
pub use listing::{
    answer as list_products, Facets, ListRequest, ProductFilter, ProductPage, ProductSort,
    ProductSummary,
};
pub use locale::Locale;
pub use products::{count, ProductView};
pub use variants::VariantView;
pub use view_counts::ViewCounter;

/// Who is reading: products and variants not on sale are shown only to
/// the shop's staff who ask for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// On sale only: visitors, customers, and staff who did not ask.
    Public,
    /// Everything: staff who asked (`include_inactive=true`).
    Staff,
}

impl Visibility {
    /// `Staff` only when the reader is staff and asked.
    pub fn of(is_staff: bool, asked: bool) -> Self {
        if is_staff && asked {
            Visibility::Staff
        } else {
            Visibility::Public
        }
    }

    pub fn shows_inactive(self) -> bool {
        self == Visibility::Staff
    }
}

/// One product with its variants and breadcrumbs (see `products::get`).
pub fn product(
    conn: &mut PgConnection,
    id: Uuid,
    visibility: Visibility,
    lang: Option<Locale>,
) -> Result<ProductView, CatalogError> {
    products::get(conn, id, visibility, lang)
}
