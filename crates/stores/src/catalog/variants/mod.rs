//! Variants: what a customer actually buys (a colour and size of a
//! product), each with a SKU unique in the shop, its own price or the
//! product's, and stock that never goes below zero (a database check, so
//! no code path can oversell). The product's cheapest price and whether it
//! is in stock follow the variants through the database's trigger.
//!
//! A product has one variant per combination of values (two with the same
//! values could not be told apart by a customer, nor by a cart); writes
//! check it with the product's row locked, so two at once cannot both pass.

mod model;
mod repo;

use diesel::PgConnection;
use uuid::Uuid;

pub use model::{
    delta, NewVariant, StockBody, VariantBody, VariantChanges, VariantPatch, VariantRow,
    VariantView, MAX_STOCK,
};

use crate::catalog::attributes::{self, AttributeSet, Holder};
use crate::catalog::error::{CatalogError, Missing};
use crate::catalog::products::{self, as_sent, ProductRow};
use crate::catalog::Visibility;
use kernel::error::FieldError;

/// The variants of a product already read (one query).
pub fn of_product(
    conn: &mut PgConnection,
    product: &ProductRow,
    visibility: Visibility,
) -> Result<Vec<VariantView>, CatalogError> {
    Ok(
        repo::of_product(conn, product.id, visibility.shows_inactive())?
            .into_iter()
            .map(|v| VariantView::of(v, product.base_price_cents, &product.currency))
            .collect(),
    )
}

/// A product's variants: the product must be visible to the reader.
pub fn list(
    conn: &mut PgConnection,
    product_id: Uuid,
    visibility: Visibility,
) -> Result<Vec<VariantView>, CatalogError> {
    let product = products::visible(conn, product_id, visibility)?;
    of_product(conn, &product, visibility)
}

fn variant_set(
    conn: &mut PgConnection,
    product: &ProductRow,
) -> Result<AttributeSet, CatalogError> {
    Ok(attributes::set_for(conn, product.category_id)?.unwrap_or_default())
}

pub fn create(
    conn: &mut PgConnection,
    product_id: Uuid,
    new: &NewVariant,
) -> Result<VariantView, CatalogError> {
    // The product's row is locked first: a move to another category waits,
    // and the summary trigger's update of the same row cannot deadlock
    // with another variant created at once.
    let product = products::locked(conn, product_id)?;
    let values = variant_set(conn, &product)?
        .check(Holder::Variant, &new.attributes)
        .map_err(CatalogError::Validation)?;
    if repo::combination_taken(conn, product.id, &values, None)? {
        return Err(CatalogError::VariantExists);
    }
    let row = repo::insert(conn, product.id, new, values)?;
    Ok(VariantView::of(
        row,
        product.base_price_cents,
        &product.currency,
    ))
}

/// Locks the variant, then its product: the order a checkout takes them
/// in (a stock change, then the summary trigger's product update), so the
/// two never wait on each other in a circle.
fn lock_with_product(
    conn: &mut PgConnection,
    id: Uuid,
) -> Result<(VariantRow, ProductRow), CatalogError> {
    let variant = repo::lock(conn, id)?.ok_or(CatalogError::NotFound(Missing::Variant))?;
    let product = products::locked(conn, variant.product_id)?;
    Ok((variant, product))
}

pub fn update(
    conn: &mut PgConnection,
    id: Uuid,
    changes: &VariantChanges,
) -> Result<VariantView, CatalogError> {
    let (_, product) = lock_with_product(conn, id)?;
    let values = match &changes.attributes {
        Some(sent) => {
            let values = variant_set(conn, &product)?
                .check(Holder::Variant, sent)
                .map_err(CatalogError::Validation)?;
            if repo::combination_taken(conn, product.id, &values, Some(id))? {
                return Err(CatalogError::VariantExists);
            }
            Some(values)
        }
        None => None,
    };
    let row = repo::update(conn, id, changes, values)?;
    Ok(VariantView::of(
        row,
        product.base_price_cents,
        &product.currency,
    ))
}

pub fn delete(conn: &mut PgConnection, id: Uuid) -> Result<(), CatalogError> {
    match repo::delete(conn, id)? {
        0 => Err(CatalogError::NotFound(Missing::Variant)),
        _ => Ok(()),
    }
}

/// Adds (deliveries) or takes away (counts, breakage) units. Refused with
/// `insufficient_stock` below zero, and above MAX_STOCK.
pub fn adjust_stock(
    conn: &mut PgConnection,
    id: Uuid,
    delta: i64,
) -> Result<VariantView, CatalogError> {
    let current = repo::lock(conn, id)?.ok_or(CatalogError::NotFound(Missing::Variant))?;
    let product = products::visible(conn, current.product_id, Visibility::Staff)?;
    if let Some(row) = repo::adjust_stock(conn, id, delta, MAX_STOCK)? {
        return Ok(VariantView::of(
            row,
            product.base_price_cents,
            &product.currency,
        ));
    }
    // The row is locked: the stock read is the one the update saw.
    let stock = i64::from(current.stock);
    if stock + delta < 0 {
        Err(CatalogError::InsufficientStock {
            stock,
            wanted: -delta,
        })
    } else {
        Err(CatalogError::invalid(
            "delta",
            format!(
                "would make the stock {}; at most {MAX_STOCK} are allowed",
                stock + delta
            ),
        ))
    }
}

/// Problems the product's variants would have in a category with `set`,
/// each under `category_id` (what would cause them).
pub(crate) fn misfits(
    conn: &mut PgConnection,
    product_id: Uuid,
    set: &AttributeSet,
) -> Result<Vec<FieldError>, CatalogError> {
    let mut out = Vec::new();
    for (sku, stored) in repo::values_of(conn, product_id)? {
        if let Err(errors) = set.check(Holder::Variant, &as_sent(&stored)) {
            out.extend(errors.into_iter().take(5).map(|e| FieldError {
                field: "category_id".into(),
                message: format!("variant {sku}: {} {}", e.field, e.message),
            }));
        }
        if out.len() >= 20 {
            break;
        }
    }
    Ok(out)
}
