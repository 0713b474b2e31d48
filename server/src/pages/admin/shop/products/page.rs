//! The product's page: its form (new or stored), and for a stored one its
//! variants with their stock, the form to add one, and its deletion. A
//! refused form on it is shown again with what was typed and the messages
//! beside the fields; the rest of the page shows what is stored.

use actix_web::http::StatusCode;
use askama::Template;
use diesel::PgConnection;
use stores::catalog::attributes::{self, AttributeView};
use stores::catalog::{self, categories, CatalogError, CategoryNode, Missing};
use stores::catalog::{Locale, ProductView, Visibility};
use uuid::Uuid;

use super::super::super::nav::{self, NavLink, Section};
use super::super::tabs::{self, Tab, TabLink};
use super::super::tree;
use super::super::ui::{Check, Field};
use super::super::LANGS;
use super::attrs;
use super::typed::{Errors, Typed};
use super::variant_typed::{VariantErrors, VariantForm, VariantTyped};
use crate::pages::layer::{Notice, Page, PageResult};

pub struct Translation {
    pub lang: &'static str,
    pub title: String,
    pub name: Field,
    pub description: Field,
}

pub struct VariantRow {
    pub id: Uuid,
    pub sku: String,
    pub values: String,
    pub price: String,
    /// Whether it has a price of its own (else the product's).
    pub own_price: bool,
    pub stock: String,
    pub active: bool,
    /// The stock change's input.
    pub delta: Field,
}

#[derive(Template)]
#[template(path = "admin/shop/product.html")]
pub struct ProductPage<'a> {
    pub p: &'a Page,
    pub nav: Vec<NavLink>,
    pub tabs: Vec<TabLink>,
    pub csrf_token: String,
    pub notice: Option<Notice>,
    pub title: String,
    pub action: String,
    /// None for a new product.
    pub id: Option<Uuid>,
    pub name: Field,
    pub description: Field,
    pub translations: Vec<Translation>,
    pub category: Field,
    pub price: Field,
    pub currency: Field,
    pub images: Field,
    pub values: Vec<Field>,
    pub checks: Vec<Check>,
    /// The stored pictures, shown small.
    pub pictures: Vec<String>,
    pub variants: Vec<VariantRow>,
    pub new_variant: Option<VariantForm>,
    pub delete_error: Option<String>,
}

/// What the form needs besides the values: the tree to choose a category
/// from, and the attributes of the category the form names.
pub struct Context {
    pub tree: Vec<CategoryNode>,
    pub attrs: Vec<AttributeView>,
}

/// A stored product, with the attributes of its own category (which its
/// variants' values follow).
pub struct Stored {
    pub product: ProductView,
    pub attrs: Vec<AttributeView>,
}

/// The attributes of `category`; none for a category that is not there
/// (the catalog refuses it where it matters).
pub fn attributes_of(
    conn: &mut PgConnection,
    category: Option<Uuid>,
    lang: Option<Locale>,
) -> Result<Vec<AttributeView>, CatalogError> {
    match category.map(|c| attributes::list(conn, c, lang)) {
        None | Some(Err(CatalogError::NotFound(Missing::Category))) => Ok(Vec::new()),
        Some(found) => found,
    }
}

pub fn context(
    conn: &mut PgConnection,
    category: Option<Uuid>,
    lang: Option<Locale>,
) -> Result<Context, CatalogError> {
    Ok(Context {
        tree: categories::tree(conn, lang)?,
        attrs: attributes_of(conn, category, lang)?,
    })
}

pub fn stored(
    conn: &mut PgConnection,
    id: Uuid,
    lang: Option<Locale>,
) -> Result<Stored, CatalogError> {
    let product = catalog::product(conn, id, Visibility::Staff, lang)?;
    let attrs = attributes::list(conn, product.category_id, lang)?;
    Ok(Stored { product, attrs })
}

/// What the page shows instead of the stored values, after a refusal.
#[derive(Default)]
pub struct Retry {
    pub product: Option<(Typed, Errors)>,
    pub variant: Option<(VariantTyped, VariantErrors)>,
    /// A refused stock change: the variant, what was typed, the message.
    pub stock: Option<(Uuid, String, String)>,
    pub delete: Option<String>,
}

fn translations(p: &Page, typed: &Typed, errors: &mut Errors) -> Vec<Translation> {
    LANGS
        .iter()
        .enumerate()
        .map(|(i, lang)| Translation {
            lang,
            title: p.t(&format!("lang-name-{lang}")),
            name: Field::text(
                &format!("name_{lang}"),
                p.t("admin-shop-product-name"),
                &typed.names[i],
            )
            .lang(lang)
            .max(200)
            .error(errors.names[i].take()),
            description: Field::area(
                &format!("description_{lang}"),
                p.t("admin-shop-product-description"),
                &typed.descriptions[i],
                3,
            )
            .lang(lang)
            .error(errors.descriptions[i].take()),
        })
        .collect()
}

fn variant_row(
    p: &Page,
    v: &catalog::VariantView,
    held: &[&AttributeView],
    retry: &Retry,
) -> VariantRow {
    let values = attrs::stored(&v.attributes);
    let named: Vec<String> = held
        .iter()
        .filter_map(|a| Some(format!("{}: {}", a.display_name, values.get(&a.code)?)))
        .collect();
    let (typed, error) = match &retry.stock {
        Some((id, typed, error)) if *id == v.id => (typed.clone(), Some(error.clone())),
        _ => (String::new(), None),
    };
    VariantRow {
        id: v.id,
        sku: v.sku.clone(),
        values: named.join(" · "),
        price: p.fmt.price(v.unit_price_cents, &v.currency),
        own_price: v.price_cents.is_some(),
        stock: p.fmt.number(i64::from(v.stock)),
        active: v.active,
        delta: Field::text("delta", p.t("admin-shop-stock-delta"), typed)
            .id(format!("delta-{}", v.id))
            .whole()
            .max(8)
            .error(error),
    }
}

/// The page for a new product (`stored` None) or a stored one.
pub fn render(
    p: &Page,
    status: StatusCode,
    notice: Option<Notice>,
    ctx: &Context,
    stored: Option<&Stored>,
    mut retry: Retry,
) -> PageResult {
    let (typed, mut errors) = match retry.product.take() {
        Some(shown) => shown,
        None => match stored {
            Some(s) => (Typed::of(&s.product, p), Errors::default()),
            // A new product's form always comes with what was typed.
            None => (Typed::default(), Errors::default()),
        },
    };
    let (title, action) = match stored {
        Some(s) => (
            s.product.display_name.clone(),
            format!("/admin/shop/products/{}", s.product.id),
        ),
        None => (
            p.t("admin-shop-product-new"),
            "/admin/shop/products".to_string(),
        ),
    };
    let held = attrs::held(&ctx.attrs, false);
    let variant_attrs = stored
        .map(|s| attrs::held(&s.attrs, true))
        .unwrap_or_default();
    let variants = stored
        .map(|s| {
            s.product
                .variants
                .iter()
                .map(|v| variant_row(p, v, &variant_attrs, &retry))
                .collect()
        })
        .unwrap_or_default();
    let new_variant = stored.map(|_| {
        let (vt, ve) = retry
            .variant
            .take()
            .unwrap_or_else(|| (VariantTyped::blank(), VariantErrors::default()));
        VariantForm::of(p, &variant_attrs, vt, ve, true, "new-")
    });
    let page = ProductPage {
        p,
        nav: nav::links(p, Section::Shop),
        tabs: tabs::links(p, Tab::Products),
        csrf_token: p.csrf_token(),
        notice,
        title,
        action,
        id: stored.map(|s| s.product.id),
        name: Field::text("name", p.t("admin-shop-product-name"), &typed.name)
            .required()
            .max(200)
            .error(errors.name.take()),
        description: Field::area(
            "description",
            p.t("admin-shop-product-description"),
            &typed.description,
            4,
        )
        .error(errors.description.take()),
        translations: translations(p, &typed, &mut errors),
        category: Field::select(
            "category_id",
            p.t("admin-shop-product-category"),
            &typed.category,
            tree::options(&ctx.tree, None),
        )
        .required()
        .hint(p.t("admin-shop-product-category-hint"))
        .error(errors.category.take()),
        price: Field::text("price", p.t("admin-shop-product-price"), &typed.price)
            .amount()
            .required()
            .hint(p.t("admin-shop-price-hint"))
            .error(errors.price.take()),
        currency: Field::text(
            "currency",
            p.t("admin-shop-product-currency"),
            &typed.currency,
        )
        .ltr()
        .max(3)
        .auto("off")
        .hint(p.t("admin-shop-currency-hint"))
        .error(errors.currency.take()),
        images: Field::area("images", p.t("admin-shop-product-images"), &typed.images, 3)
            .ltr()
            .hint(p.t("admin-shop-product-images-hint"))
            .error(errors.images.take()),
        values: attrs::fields(p, &held, &typed.values, &errors.values, ""),
        checks: vec![
            Check::new("active", p.t("admin-shop-product-active"), typed.active)
                .hint(p.t("admin-shop-product-active-hint")),
            Check::new(
                "featured",
                p.t("admin-shop-product-featured"),
                typed.featured,
            ),
            Check::new(
                "requires_prescription",
                p.t("admin-shop-product-prescription"),
                typed.prescription,
            )
            .hint(p.t("admin-shop-product-prescription-hint")),
        ],
        pictures: stored.map(|s| s.product.images.clone()).unwrap_or_default(),
        variants,
        new_variant,
        delete_error: retry.delete.take(),
    };
    p.render_status(status, &page)
}

/// A stored product with the form's context (the tree, the attributes of
/// `category`, else of the product's own), in one transaction; a missing
/// product is the 404 page.
pub async fn load(
    p: &Page,
    tenant: &crate::extract::CurrentTenant,
    id: Uuid,
    category: Option<Uuid>,
) -> Result<(Context, Stored), crate::pages::layer::PageError> {
    let lang = super::super::locale(p);
    tenant
        .run(&p.state, move |conn| {
            let stored = stored(conn, id, lang)?;
            let ctx = context(
                conn,
                Some(category.unwrap_or(stored.product.category_id)),
                lang,
            )?;
            Ok::<_, CatalogError>((ctx, stored))
        })
        .await
        .map_err(|e| p.fail(e))
}
