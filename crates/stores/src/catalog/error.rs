//! What can go wrong in the catalog, and the one place that says how each
//! failure answers a client (status, stable `code`, message).

use kernel::error::{AppError, FieldError, StatusCode};

use super::listing::MAX_LIMIT;

/// What a look-up did not find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Category,
    Attribute,
    Product,
    Variant,
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{0:?} not found")]
    NotFound(Missing),
    /// Another category under the same parent has this name (any case).
    #[error("a sibling category already has this name")]
    CategoryNameTaken,
    /// A move under the category itself or one of its subcategories.
    #[error("a category cannot move under itself or its subcategories")]
    CategoryCycle,
    /// Deleting a category that still has subcategories or products.
    #[error("the category still has {subcategories} subcategories and {products} products")]
    CategoryInUse { subcategories: i64, products: i64 },
    /// The code is already an attribute of the category, one of its parents
    /// or one of its subcategories (codes are unique along every branch).
    #[error("attribute code {0:?} is already used along this branch")]
    AttributeCodeTaken(String),
    /// A variant attribute that variants still carry.
    #[error("{variants} variants still carry attribute {code:?}")]
    AttributeInUse { code: String, variants: i64 },
    #[error("SKU {0:?} is taken")]
    SkuTaken(String),
    /// Another variant of the product has exactly these attribute values.
    #[error("the product already has a variant with these attribute values")]
    VariantExists,
    /// A stock change that would take it below zero.
    #[error("stock is {stock}; it cannot go down by {wanted}")]
    InsufficientStock { stock: i64, wanted: i64 },
    /// Every field that failed its check, so one answer lists all of them.
    #[error("{}", summary(.0))]
    Validation(Vec<FieldError>),
    /// A page cursor this API did not hand out, or one of another sort.
    #[error("the cursor is not one this API handed out")]
    InvalidCursor,
    /// A page size outside 1..=MAX_LIMIT (refused, not clamped).
    #[error("limit must be between 1 and {MAX_LIMIT}; it was {0}")]
    InvalidLimit(i64),
    /// A query parameter that cannot be read.
    #[error("{param} {problem}")]
    InvalidQuery { param: String, problem: String },
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    /// The platform could not do the work (database unreachable, plan limit).
    #[error(transparent)]
    Platform(#[from] AppError),
}

impl CatalogError {
    /// One field's problem, as a whole validation answer.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        CatalogError::Validation(vec![FieldError {
            field: field.to_string(),
            message: message.into(),
        }])
    }

    pub fn query(param: &str, problem: impl Into<String>) -> Self {
        CatalogError::InvalidQuery {
            param: param.to_string(),
            problem: problem.into(),
        }
    }
}

/// `field: message; field: message`, as the problem's detail.
fn summary(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

fn not_found(missing: Missing) -> AppError {
    match missing {
        Missing::Category => AppError::not_found(
            "category_not_found",
            "There is no such category in this shop; it may have been deleted.",
        ),
        Missing::Attribute => AppError::not_found(
            "attribute_not_found",
            "The category defines no attribute with this code (an inherited one is changed on \
             the category that defines it).",
        ),
        Missing::Product => AppError::not_found(
            "product_not_found",
            "There is no such product in this shop; it may have been deleted or taken off sale.",
        ),
        Missing::Variant => AppError::not_found(
            "variant_not_found",
            "There is no such variant in this shop; it may have been deleted.",
        ),
    }
}

impl From<CatalogError> for AppError {
    fn from(e: CatalogError) -> Self {
        match e {
            CatalogError::NotFound(missing) => not_found(missing),
            CatalogError::CategoryNameTaken => AppError::conflict(
                "category_name_taken",
                "Another category in the same place already has this name; choose another \
                 name or put it elsewhere.",
            ),
            CatalogError::CategoryCycle => AppError::conflict(
                "category_cycle",
                "A category cannot move under itself or one of its own subcategories; choose \
                 a parent outside its branch.",
            ),
            CatalogError::CategoryInUse {
                subcategories,
                products,
            } => AppError::conflict(
                "category_in_use",
                format!(
                    "The category still has {subcategories} subcategories and {products} \
                     products; move or delete them first."
                ),
            )
            .with("subcategories", subcategories)
            .with("products", products),
            CatalogError::AttributeCodeTaken(code) => AppError::conflict(
                "attribute_code_taken",
                format!(
                    "The attribute code {code:?} is already used by this category, one of its \
                     parents or one of its subcategories; choose another code."
                ),
            ),
            CatalogError::AttributeInUse { code, variants } => AppError::conflict(
                "attribute_in_use",
                format!(
                    "{variants} variants still differ by {code:?}; delete those variants \
                     first."
                ),
            ),
            CatalogError::SkuTaken(sku) => AppError::conflict(
                "sku_taken",
                format!("Another variant in this shop already has the SKU {sku:?}."),
            ),
            CatalogError::VariantExists => AppError::conflict(
                "variant_exists",
                "The product already has a variant with exactly these attribute values; \
                 change that one instead.",
            ),
            CatalogError::InsufficientStock { stock, wanted } => AppError::conflict(
                "insufficient_stock",
                format!("Only {stock} are in stock; the stock cannot go down by {wanted}."),
            )
            .with("stock", stock),
            CatalogError::Validation(errors) => {
                let mut err = AppError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation_failed",
                    summary(&errors),
                );
                err.errors = errors;
                err
            }
            CatalogError::InvalidCursor => AppError::bad_request(
                "invalid_cursor",
                "The cursor is not one this API handed out for this sort order; use \
                 next_cursor from a previous page as is, or leave it out to start from the \
                 first page.",
            ),
            CatalogError::InvalidLimit(limit) => AppError::bad_request(
                "invalid_limit",
                format!("limit must be between 1 and {MAX_LIMIT}; it was {limit}."),
            ),
            CatalogError::InvalidQuery { param, problem } => {
                AppError::bad_request("invalid_query", format!("{param} {problem}."))
            }
            CatalogError::Database(e) => e.into(),
            CatalogError::Platform(e) => e,
        }
    }
}

#[cfg(test)]
#[path = "error_test.rs"]
mod tests;
