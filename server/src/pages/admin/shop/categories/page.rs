//! A category's page: the way down to it, its form (name, translations,
//! parent, place), its attributes (its own, which it may change, and
//! those it inherits from above), the form to add one, and its deletion.
//! A refused form on it is shown again as typed, the rest as stored.

use actix_web::http::StatusCode;
use askama::Template;
use stores::catalog::attributes::{self, AttributeView};
use stores::catalog::categories::{self, CategoryDetail};
use stores::catalog::{CatalogError, CategoryNode};
use uuid::Uuid;

use super::super::super::nav::{self, NavLink, Section};
use super::super::locale;
use super::super::tabs::{self, Tab, TabLink};
use super::super::tree;
use super::attribute_typed::{kind_label, AttrErrors, AttrForm, AttrTyped};
use super::typed::{CategoryForm, Errors, Typed};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Notice, Page, PageError, PageResult};

pub struct AttrRow {
    pub code: String,
    pub name: String,
    pub kind: String,
    pub required: bool,
    pub variant: bool,
    pub options: String,
    /// The category above that defines it, for an inherited one.
    pub from: Option<String>,
}

pub struct Crumb {
    pub id: Uuid,
    pub name: String,
}

#[derive(Template)]
#[template(path = "admin/shop/category.html")]
struct CategoryPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    tabs: Vec<TabLink>,
    csrf_token: String,
    notice: Option<Notice>,
    id: Uuid,
    title: String,
    crumbs: Vec<Crumb>,
    form: CategoryForm,
    attrs: Vec<AttrRow>,
    new_attr: AttrForm,
    delete_error: Option<String>,
}

pub struct Loaded {
    pub detail: CategoryDetail,
    pub tree: Vec<CategoryNode>,
    pub attrs: Vec<AttributeView>,
}

/// The category with the tree and its attributes, in one transaction; a
/// missing one is the 404 page.
pub async fn load(p: &Page, tenant: &CurrentTenant, id: Uuid) -> Result<Loaded, PageError> {
    let lang = locale(p);
    tenant
        .run(&p.state, move |conn| {
            Ok::<_, CatalogError>(Loaded {
                detail: categories::get(conn, id, lang)?,
                tree: categories::tree(conn, lang)?,
                attrs: attributes::list(conn, id, lang)?,
            })
        })
        .await
        .map_err(|e| p.fail(e))
}

/// What the page shows instead of the stored values, after a refusal.
#[derive(Default)]
pub struct Retry {
    pub category: Option<(Typed, Errors)>,
    pub attr: Option<(AttrTyped, AttrErrors)>,
    pub delete: Option<String>,
}

fn attr_row(p: &Page, names: &[tree::Flat], a: &AttributeView) -> AttrRow {
    let mut options: Vec<&str> = a.options.iter().take(8).map(|o| o.value.as_str()).collect();
    if a.options.len() > options.len() {
        options.push("…");
    }
    AttrRow {
        code: a.code.clone(),
        name: a.display_name.clone(),
        kind: kind_label(p, a.kind),
        required: a.required,
        variant: a.variant,
        options: options.join(", "),
        from: a.inherited.then(|| {
            names
                .iter()
                .find(|f| f.id == a.category_id)
                .map(|f| f.name.clone())
                .unwrap_or_default()
        }),
    }
}

pub fn render(
    p: &Page,
    status: StatusCode,
    notice: Option<Notice>,
    l: &Loaded,
    mut retry: Retry,
) -> PageResult {
    let c = &l.detail.category;
    let (typed, errors) = retry
        .category
        .take()
        .unwrap_or_else(|| (Typed::of(c), Errors::default()));
    let (attr_typed, attr_errors) = retry
        .attr
        .take()
        .unwrap_or_else(|| (AttrTyped::blank(), AttrErrors::default()));
    let names = tree::flatten(&l.tree);
    let page = CategoryPage {
        p,
        nav: nav::links(p, Section::Shop),
        tabs: tabs::links(p, Tab::Categories),
        csrf_token: p.csrf_token(),
        notice,
        id: c.id,
        title: c.display_name.clone(),
        crumbs: l
            .detail
            .breadcrumbs
            .iter()
            .map(|b| Crumb {
                id: b.id,
                name: b.display_name.clone(),
            })
            .collect(),
        form: CategoryForm::of(p, &l.tree, typed, errors, ""),
        attrs: l.attrs.iter().map(|a| attr_row(p, &names, a)).collect(),
        new_attr: AttrForm::of(p, attr_typed, attr_errors, true),
        delete_error: retry.delete.take(),
    };
    p.render_status(status, &page)
}
