//! A product as the lists and the home page show it: its first image, its
//! name in the page's language, and the lowest price it sells at.

use stores::catalog::ProductSummary;
use uuid::Uuid;

use crate::pages::layer::Page;

pub struct ProductCard {
    pub id: Uuid,
    pub name: String,
    /// An https address the catalog checked; anything else shows no image.
    pub image: Option<String>,
    pub price_from: String,
    pub in_stock: bool,
    pub prescription: bool,
}

/// Only https images: the catalog accepts no other, and the pages' policy
/// allows no other.
pub fn safe_image(url: &str) -> Option<String> {
    url.starts_with("https://").then(|| url.to_string())
}

impl ProductCard {
    pub fn of(p: &Page, s: &ProductSummary) -> ProductCard {
        ProductCard {
            id: s.id,
            name: s.display_name.clone(),
            image: s.image.as_deref().and_then(safe_image),
            price_from: p.t1(
                "shop-price-from",
                "price",
                p.fmt.price(s.min_price_cents, &s.currency),
            ),
            in_stock: s.in_stock,
            prescription: s.requires_prescription,
        }
    }
}
