//! GET/POST /admin/branding: what the site shows of the business (name,
//! logo, accent colour, default language, address and contacts), changed
//! through the same operation as PATCH /api/v1/branding, with the same
//! cache refresh, so the site shows the change at once.

use ::branding::{Branding, BrandingChanges, BrandingError, BrandingPatch, Language};
use actix_web::{web, HttpRequest};
use askama::Template;

use super::super::admin_or_answer;
use super::super::nav::{self, NavLink, Section};
use super::{after_save, Input};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Feedback, Form, Notice, Page, PageResult};

/// The form's text fields, in its order; each is a field of the patch.
const TEXT_FIELDS: [&str; 7] = [
    "display_name",
    "logo_url",
    "accent_colour",
    "default_language",
    "address",
    "phone",
    "contact_email",
];

pub struct LanguageOption {
    pub code: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "admin/settings/branding.html")]
struct BrandingPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    csrf_token: String,
    notice: Option<Notice>,
    /// What the site shows when no display name is set.
    tenant_name: String,
    display_name: Input,
    logo_url: Input,
    accent_colour: Input,
    /// A value the colour picker can show (`#rrggbb`), even when what was
    /// posted is not one.
    accent_picker: String,
    default_language: Input,
    languages: Vec<LanguageOption>,
    address: Input,
    phone: Input,
    contact_email: Input,
}

/// The values as the form shows them, in `TEXT_FIELDS` order.
fn stored(b: &Branding) -> [String; 7] {
    [
        b.custom_display_name().unwrap_or_default().to_string(),
        b.logo_url()
            .map(|u| u.as_str().to_string())
            .unwrap_or_default(),
        b.accent_colour().as_str().to_string(),
        b.default_language().as_str().to_string(),
        b.address().unwrap_or_default().to_string(),
        b.phone()
            .map(|x| x.as_str().to_string())
            .unwrap_or_default(),
        b.contact_email()
            .map(|x| x.as_str().to_string())
            .unwrap_or_default(),
    ]
}

fn posted(f: &Form) -> [String; 7] {
    TEXT_FIELDS.map(|name| f.raw(name))
}

fn page<'a>(
    p: &'a Page,
    tenant: &CurrentTenant,
    values: [String; 7],
    fb: Feedback,
) -> BrandingPage<'a> {
    let [display_name, logo_url, accent_colour, default_language, address, phone, contact_email] =
        values;
    let input = |name: &str, value: String| Input::of(p, &fb, name, value);
    let accent_picker = ::branding::AccentColour::parse(&accent_colour)
        .map(|c| c.as_str().to_string())
        .unwrap_or_else(|_| ::branding::DEFAULT_ACCENT.to_string());
    let languages = Language::ALL
        .iter()
        .map(|l| LanguageOption {
            code: l.as_str(),
            label: p.t(&format!("lang-name-{}", l.as_str())),
            selected: l.as_str() == default_language,
        })
        .collect();
    BrandingPage {
        p,
        nav: nav::links(p, Section::Branding),
        csrf_token: p.csrf_token(),
        tenant_name: tenant.name.clone(),
        display_name: input("display_name", display_name),
        logo_url: input("logo_url", logo_url),
        accent_colour: input("accent_colour", accent_colour),
        accent_picker,
        default_language: input("default_language", default_language),
        languages,
        address: input("address", address),
        phone: input("phone", phone),
        contact_email: input("contact_email", contact_email),
        notice: fb.notice,
    }
}

pub async fn show(p: Page, tenant: CurrentTenant, req: HttpRequest) -> PageResult {
    if let Err(denied) = admin_or_answer(&p) {
        return denied.answer(&p);
    }
    // Read as GET /api/v1/branding reads it, through the shared cache.
    let current = ::branding::cache()
        .get_or_load(tenant.id, || {
            tenant.run(&p.state, |conn| {
                ::branding::load(conn).map_err(BrandingError::from)
            })
        })
        .await
        .map_err(|e| p.fail(e))?;
    let fb = after_save(&p, &req);
    p.render(&page(&p, &tenant, stored(&current), fb))
}

pub async fn save(p: Page, tenant: CurrentTenant, body: web::Bytes) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = admin_or_answer(&p) {
        return denied.answer(&p);
    }
    // Every field is sent: a blank optional one clears it, as `null` does
    // in the API; a blank colour or language is refused by the operation.
    let field = |name: &str| Some(Some(f.raw(name)));
    let patch = BrandingPatch {
        display_name: field("display_name"),
        logo_url: field("logo_url"),
        accent_colour: field("accent_colour"),
        default_language: field("default_language"),
        address: field("address"),
        phone: field("phone"),
        contact_email: field("contact_email"),
    };
    let changes = match BrandingChanges::parse(patch) {
        Ok(changes) => changes,
        Err(e) => return refused(&p, &tenant, &f, e),
    };
    let tenant_id = tenant.id;
    let done = tenant
        .run(&p.state, move |conn| {
            ::branding::update(conn, tenant_id, &changes)
        })
        .await;
    match done {
        Ok(_) => {
            // As the API's handler does: the update dropped the cached
            // entry before its commit, and a read in between may have
            // cached the old branding again; drop it once more now.
            ::branding::cache().forget(tenant_id);
            Ok(p.see_other("/admin/branding?saved=1"))
        }
        Err(e) => refused(&p, &tenant, &f, e),
    }
}

fn refused(p: &Page, tenant: &CurrentTenant, f: &Form, e: BrandingError) -> PageResult {
    let (status, fb) = p.refusal(e)?;
    p.render_status(status, &page(p, tenant, posted(f), fb))
}
