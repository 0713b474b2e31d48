//! `Page`: what every page handler takes. It knows the request's site (a
//! tenant's, or the platform's), its language and formats, the CSRF token
//! of its forms, and it renders a template, or an error, to a response
//! with the security headers and the cookies the visit needs.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use askama::Template;
use identity::page_session::Holder;
use identity::Role;
use kernel::error::AppError;

use super::brand::Brand;
use super::csrf::{self, CSRF_COOKIE};
use super::error::{ErrorPage, PageError};
use super::format::Formats;
use super::headers;
use super::i18n;
use super::locale::{self, Lang, LANG_COOKIE, LANG_PARAM};
use super::session;
use super::{assets, brand::Accent};
use crate::extract::CurrentTenant;
use crate::state::AppState;

pub type PageResult = Result<HttpResponse, PageError>;

/// A language in the switcher.
pub struct LangLink {
    pub code: &'static str,
    pub label: String,
    pub href: String,
    pub current: bool,
}

pub struct Page {
    pub lang: Lang,
    pub fmt: Formats,
    /// None on the platform's own host.
    pub brand: Option<Brand>,
    pub tenant: Option<CurrentTenant>,
    pub state: web::Data<AppState>,
    /// Who the session cookie signs in on this site (never on the
    /// platform's host, and never from another site's cookie).
    pub who: Option<Holder>,
    /// Units in the visitor's cart, when they hold one (the header's link).
    pub cart_items: Option<i64>,
    remember_lang: bool,
    csrf_cookie: String,
    csrf_fresh: bool,
    path: String,
    /// The query without `lang`, for the switcher's links.
    query: Vec<(String, String)>,
}

impl Page {
    /// Everything but the business's branding, which `FromRequest` adds.
    pub fn of(req: &HttpRequest, brand: Option<Brand>) -> Result<Page, AppError> {
        let state = crate::extract::site::state_of(req)
            .map_err(|e| e.0)?
            .clone();
        let tenant = CurrentTenant::extract_now(req).ok();
        let default = brand.as_ref().map_or(Lang::En, |b| b.default_language);
        let chosen = locale::negotiate(req, default);
        let (csrf_cookie, csrf_fresh) = match req.cookie(CSRF_COOKIE) {
            Some(c) if !c.value().is_empty() => (c.value().to_string(), false),
            _ => (csrf::new_cookie_value(), true),
        };
        let query = serde_urlencoded::from_str::<Vec<(String, String)>>(req.query_string())
            .unwrap_or_default()
            .into_iter()
            .filter(|(k, _)| k != LANG_PARAM)
            .collect();
        Ok(Page {
            lang: chosen.lang,
            fmt: Formats(chosen.lang),
            brand,
            tenant,
            state,
            who: None,
            cart_items: None,
            remember_lang: chosen.remember,
            csrf_cookie,
            csrf_fresh,
            path: req.path().to_string(),
            query,
        })
    }

    /// A message of the catalog, in the page's language.
    pub fn t(&self, key: &str) -> String {
        i18n::message(self.lang, key)
    }

    /// A message with one argument.
    pub fn t1(&self, key: &str, name: &'static str, value: impl AsRef<str>) -> String {
        i18n::message_with(self.lang, key, &[(name, value.as_ref())])
    }

    /// A message with two arguments.
    pub fn t2(
        &self,
        key: &str,
        (n1, v1): (&'static str, &str),
        (n2, v2): (&'static str, &str),
    ) -> String {
        i18n::message_with(self.lang, key, &[(n1, v1), (n2, v2)])
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn dir(&self) -> &'static str {
        self.lang.dir()
    }

    /// The business's name, or on the platform's host, the platform's.
    pub fn site_name(&self) -> String {
        match &self.brand {
            Some(b) => b.display_name.clone(),
            None => self.state.settings.base_domain.clone(),
        }
    }

    pub fn logo_url(&self) -> Option<&str> {
        self.brand.as_ref().and_then(|b| b.logo_url.as_deref())
    }

    pub fn css_path(&self) -> String {
        assets::site_css_path()
    }

    pub fn icon_path(&self) -> String {
        assets::icon_path()
    }

    pub fn theme_path(&self) -> String {
        let accent = self
            .brand
            .as_ref()
            .map_or_else(Accent::default_colour, |b| b.accent.clone());
        assets::theme_css_path(&accent)
    }

    /// This page in each language: the same path and query, with `lang`.
    pub fn switcher(&self) -> Vec<LangLink> {
        Lang::ALL
            .into_iter()
            .map(|lang| {
                let mut query = self.query.clone();
                query.push((LANG_PARAM.into(), lang.code().into()));
                let query = serde_urlencoded::to_string(&query).unwrap_or_default();
                LangLink {
                    code: lang.code(),
                    label: i18n::message(self.lang, &format!("lang-name-{}", lang.code())),
                    href: format!("{}?{query}", self.path),
                    current: lang == self.lang,
                }
            })
            .collect()
    }

    /// The hidden `csrf_token` of this page's forms.
    pub fn csrf_token(&self) -> String {
        csrf::token(
            &self.state.settings.jwt_secret,
            self.tenant.as_ref().map(|t| t.id),
            &self.csrf_cookie,
        )
    }

    /// A state-changing post must carry the token of the cookie it came
    /// with; otherwise it gets the 403 page and changes nothing.
    pub fn check_csrf(&self, posted: Option<&str>) -> Result<(), PageError> {
        let ok = !self.csrf_fresh
            && csrf::verify(
                &self.state.settings.jwt_secret,
                self.tenant.as_ref().map(|t| t.id),
                &self.csrf_cookie,
                posted.unwrap_or_default(),
            );
        if ok {
            Ok(())
        } else {
            Err(self.fail(AppError::forbidden(
                "csrf_failed",
                "The form's security token is missing or does not match.",
            )))
        }
    }

    /// A signed-in customer of this site.
    pub fn customer(&self) -> Option<&Holder> {
        self.who.as_ref().filter(|h| h.role == Role::Customer)
    }

    /// A signed-in owner, admin or staff member of this site.
    pub fn staff(&self) -> Option<&Holder> {
        self.who.as_ref().filter(|h| h.role.is_staff())
    }

    /// Whether the site is read-only now (its subscription is past due
    /// beyond the grace period): its pages say it takes no bookings online
    /// instead of offering forms that would be refused.
    pub fn read_only(&self) -> bool {
        let Some(since) = self.tenant.as_ref().and_then(|t| t.past_due_since) else {
            return false;
        };
        chrono::Utc::now() >= since + chrono::Duration::days(self.state.settings.billing.grace_days)
    }

    pub fn secure_cookies(&self) -> bool {
        self.state
            .settings
            .public_scheme
            .eq_ignore_ascii_case("https")
    }

    /// The cookies this visit sets: the language a switcher link chose,
    /// the CSRF cookie on a first visit.
    fn cookies(&self) -> Vec<Cookie<'static>> {
        let mut cookies = Vec::new();
        let year = actix_web::cookie::time::Duration::days(365);
        if self.remember_lang {
            cookies.push(
                Cookie::build(LANG_COOKIE, self.lang.code())
                    .path("/")
                    .max_age(year)
                    .same_site(SameSite::Lax)
                    .http_only(true)
                    .secure(self.secure_cookies())
                    .finish(),
            );
        }
        if self.csrf_fresh {
            cookies.push(
                Cookie::build(CSRF_COOKIE, self.csrf_cookie.clone())
                    .path("/")
                    .same_site(SameSite::Lax)
                    .http_only(true)
                    .secure(self.secure_cookies())
                    .finish(),
            );
        }
        cookies
    }

    /// The page, as HTML with the headers and cookies.
    pub fn render(&self, template: &impl Template) -> PageResult {
        self.render_status(StatusCode::OK, template)
    }

    pub fn render_status(&self, status: StatusCode, template: &impl Template) -> PageResult {
        match template.render() {
            Ok(html) => Ok(html_response(status, html, self.cookies())),
            Err(e) => Err(self.fail(AppError::internal(format!("template: {e}")))),
        }
    }

    /// An error as a page in the site's language; a 5xx logs its cause.
    pub fn fail(&self, e: impl Into<AppError>) -> PageError {
        let e: AppError = e.into();
        if let Some(cause) = &e.internal {
            tracing::error!(code = e.code, cause = %cause, "page failed");
        }
        let html = ErrorPage::for_status(self, e.status)
            .render()
            .unwrap_or_else(|_| e.status.to_string());
        PageError {
            status: e.status,
            html,
            cookies: self.cookies(),
        }
    }

    /// A redirect after a post (303: the browser GETs the new page).
    /// `location` is always a path of ours, never one the client gave.
    pub fn see_other(&self, location: &str) -> HttpResponse {
        self.see_other_with(location, Vec::new())
    }

    /// A redirect that also sets `extra` cookies (a sign-in, a sign-out);
    /// they come after the visit's own, so they win.
    pub fn see_other_with(&self, location: &str, extra: Vec<Cookie<'static>>) -> HttpResponse {
        let mut res = HttpResponse::SeeOther()
            .insert_header((header::LOCATION, location))
            .finish();
        headers::add_page(res.headers_mut());
        let mut cookies = self.cookies();
        cookies.retain(|c| !extra.iter().any(|e| e.name() == c.name()));
        cookies.extend(extra);
        add_cookies(&mut res, cookies);
        res
    }
}

fn add_cookies(res: &mut HttpResponse, cookies: Vec<Cookie<'static>>) {
    for c in cookies {
        // Only fails for a cookie that is not valid as a header value; ours
        // are ASCII names and values.
        let _ = res.add_cookie(&c);
    }
}

pub(super) fn html_response(
    status: StatusCode,
    html: String,
    cookies: Vec<Cookie<'static>>,
) -> HttpResponse {
    let mut res = HttpResponse::build(status)
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        ))
        .body(html);
    headers::add_page(res.headers_mut());
    add_cookies(&mut res, cookies);
    res
}

impl FromRequest for Page {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<Page, PageError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let tenant = CurrentTenant::extract_now(&req).ok();
            let brand = match &tenant {
                Some(tenant) => Some(brand_of(&req, tenant).await),
                None => None,
            };
            let mut page = Page::of(&req, brand).map_err(|e| PageError::plain(e.status))?;
            if let Some(tenant) = &tenant {
                page.who = session::resume(&req, &page.state, tenant).await;
                page.cart_items = crate::pages::shop::held::badge(&req, &page).await;
            }
            Ok(page)
        })
    }
}

/// The tenant's branding, through the shared cache. A site whose settings
/// cannot be read right now still renders, plainly: the failure is logged.
async fn brand_of(req: &HttpRequest, tenant: &CurrentTenant) -> Brand {
    let Ok(state) = crate::extract::site::state_of(req).cloned() else {
        return Brand::plain(tenant);
    };
    let loaded = branding::cache()
        .get_or_load(tenant.id, || {
            tenant.run(&state, |conn| {
                branding::load(conn).map_err(branding::BrandingError::from)
            })
        })
        .await;
    match loaded {
        Ok(branding) => Brand::of(tenant, &branding),
        Err(e) => {
            tracing::warn!(tenant = %tenant.slug, error = %AppError::from(e), "branding not readable; plain site");
            Brand::plain(tenant)
        }
    }
}
