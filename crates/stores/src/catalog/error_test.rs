use super::*;

#[test]
fn each_error_has_its_status_and_code() {
    let cases: Vec<(CatalogError, u16, &str)> = vec![
        (
            CatalogError::NotFound(Missing::Category),
            404,
            "category_not_found",
        ),
        (
            CatalogError::NotFound(Missing::Attribute),
            404,
            "attribute_not_found",
        ),
        (
            CatalogError::NotFound(Missing::Product),
            404,
            "product_not_found",
        ),
        (
            CatalogError::NotFound(Missing::Variant),
            404,
            "variant_not_found",
        ),
        (CatalogError::CategoryNameTaken, 409, "category_name_taken"),
        (CatalogError::CategoryCycle, 409, "category_cycle"),
        (
            CatalogError::CategoryInUse {
                subcategories: 0,
                products: 2,
            },
            409,
            "category_in_use",
        ),
        (
            CatalogError::AttributeCodeTaken("color".into()),
            409,
            "attribute_code_taken",
        ),
        (
            CatalogError::AttributeInUse {
                code: "size".into(),
                variants: 1,
            },
            409,
            "attribute_in_use",
        ),
        (CatalogError::SkuTaken("A-1".into()), 409, "sku_taken"),
        (CatalogError::VariantExists, 409, "variant_exists"),
        (
            CatalogError::InsufficientStock {
                stock: 1,
                wanted: 2,
            },
            409,
            "insufficient_stock",
        ),
        (
            CatalogError::invalid("name", "must not be empty"),
            422,
            "validation_failed",
        ),
        (CatalogError::InvalidCursor, 400, "invalid_cursor"),
        (CatalogError::InvalidLimit(0), 400, "invalid_limit"),
        (CatalogError::query("sort", "is odd"), 400, "invalid_query"),
    ];
    for (error, status, code) in cases {
        let app: AppError = error.into();
        assert_eq!(app.status.as_u16(), status, "{code}");
        assert_eq!(app.code, code);
        assert!(!app.detail.is_empty());
    }
}

#[test]
fn a_validation_answer_lists_every_field() {
    let app: AppError = CatalogError::Validation(vec![
        FieldError {
            field: "name".into(),
            message: "must not be empty".into(),
        },
        FieldError {
            field: "sku".into(),
            message: "is too long".into(),
        },
    ])
    .into();
    assert_eq!(app.errors.len(), 2);
    assert_eq!(app.detail, "name: must not be empty; sku: is too long");
}
