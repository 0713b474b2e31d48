//! A coupon's form: /admin/shop/coupons/new and POST /admin/shop/coupons
//! to add one, /admin/shop/coupons/{id} to change one, and its deletion
//! behind a ticked box, through the coupons library the API's handlers
//! use. Success goes back to the list (303).

use actix_web::http::StatusCode;
use actix_web::web;
use askama::Template;
use chrono_tz::Tz;
use kernel::error::AppError;
use stores::coupons::{repo, Coupon, CouponChanges, NewCoupon};
use uuid::Uuid;

use super::super::super::nav::{self, NavLink, Section};
use super::super::super::staff_or_answer;
use super::super::refuse::{checked, refusal, Refusal};
use super::super::tabs::{self, Tab, TabLink};
use super::super::ui::{Check, Field, Opt};
use super::super::{id_of, shop_currency, when};
use super::discount;
use super::typed::{Errors, Typed};
use crate::extract::CurrentTenant;
use crate::pages::layer::{Form, Notice, Page, PageError, PageResult};

#[derive(Template)]
#[template(path = "admin/shop/coupon.html")]
struct CouponPage<'a> {
    p: &'a Page,
    nav: Vec<NavLink>,
    tabs: Vec<TabLink>,
    csrf_token: String,
    notice: Option<Notice>,
    title: String,
    action: String,
    /// None for a new coupon.
    id: Option<Uuid>,
    /// A stored coupon's code and discount, which do not change.
    fixed: Option<(String, String)>,
    code: Option<Field>,
    kind: Option<Field>,
    value: Option<Field>,
    fields: Vec<Field>,
    active: Check,
    delete_error: Option<String>,
}

/// The site's time zone and the shop's currency, for the form.
struct Context {
    tz: Tz,
    currency: String,
}

fn context(conn: &mut diesel::PgConnection) -> Result<Context, AppError> {
    Ok(Context {
        tz: when::zone(conn)?,
        currency: shop_currency(conn)?,
    })
}

struct Shown {
    typed: Typed,
    errors: Errors,
    delete_error: Option<String>,
}

fn render(
    p: &Page,
    status: StatusCode,
    notice: Option<Notice>,
    ctx: &Context,
    stored: Option<&Coupon>,
    shown: Shown,
) -> PageResult {
    let Shown {
        typed,
        errors,
        delete_error,
    } = shown;
    let adding = stored.is_none();
    let kinds = vec![
        Opt::new("percent", p.t("admin-shop-coupon-kind-percent")),
        Opt::new(
            "amount",
            p.t1("admin-shop-coupon-kind-amount", "currency", &ctx.currency),
        ),
    ];
    let money_hint = p.t1("admin-shop-coupon-money-hint", "currency", &ctx.currency);
    let date_hint = p.t("admin-shop-coupon-date-hint");
    let fields = vec![
        Field::text(
            "min_subtotal",
            p.t("admin-shop-coupon-min-subtotal"),
            typed.min_subtotal,
        )
        .amount()
        .hint(money_hint.clone())
        .error(errors.min_subtotal),
        Field::text("starts_at", p.t("admin-shop-coupon-starts"), typed.starts)
            .kind("datetime-local")
            .hint(date_hint.clone())
            .error(errors.starts),
        Field::text("ends_at", p.t("admin-shop-coupon-ends"), typed.ends)
            .kind("datetime-local")
            .hint(date_hint)
            .error(errors.ends),
        Field::text(
            "usage_limit",
            p.t("admin-shop-coupon-usage-limit"),
            typed.usage_limit,
        )
        .whole()
        .hint(p.t("admin-shop-coupon-limit-hint"))
        .error(errors.usage_limit),
        Field::text(
            "per_customer_limit",
            p.t("admin-shop-coupon-per-customer"),
            typed.per_customer_limit,
        )
        .whole()
        .hint(p.t("admin-shop-coupon-limit-hint"))
        .error(errors.per_customer_limit),
    ];
    let page = CouponPage {
        p,
        nav: nav::links(p, Section::Shop),
        tabs: tabs::links(p, Tab::Coupons),
        csrf_token: p.csrf_token(),
        notice,
        title: match stored {
            Some(c) => p.t1("admin-shop-coupon-title", "code", &c.code),
            None => p.t("admin-shop-coupon-new"),
        },
        action: match stored {
            Some(c) => format!("/admin/shop/coupons/{}", c.id),
            None => "/admin/shop/coupons".into(),
        },
        id: stored.map(|c| c.id),
        fixed: stored.map(|c| (c.code.clone(), discount(p, c, &ctx.currency))),
        code: adding.then(|| {
            Field::text("code", p.t("admin-shop-coupon-code"), typed.code)
                .ltr()
                .required()
                .max(40)
                .auto("off")
                .hint(p.t("admin-shop-coupon-code-hint"))
                .error(errors.code)
        }),
        kind: adding
            .then(|| Field::select("kind", p.t("admin-shop-coupon-kind"), typed.kind, kinds)),
        value: adding.then(|| {
            Field::text("value", p.t("admin-shop-coupon-value"), typed.value)
                .amount()
                .required()
                .hint(p.t("admin-shop-coupon-value-hint"))
                .error(errors.value)
        }),
        fields,
        active: Check::new("active", p.t("admin-shop-coupon-active"), typed.active),
        delete_error,
    };
    p.render_status(status, &page)
}

async fn loaded(
    p: &Page,
    tenant: &CurrentTenant,
    id: Option<Uuid>,
) -> Result<(Context, Option<Coupon>), PageError> {
    tenant
        .run(&p.state, move |conn| {
            let coupon = id.map(|id| repo::find(conn, id)).transpose()?;
            Ok::<_, AppError>((context(conn)?, coupon))
        })
        .await
        .map_err(|e| p.fail(e))
}

fn again(p: &Page, ctx: &Context, stored: Option<&Coupon>, typed: Typed, r: Refusal) -> PageResult {
    let shown = Shown {
        errors: Errors::of(p, &r),
        typed,
        delete_error: None,
    };
    render(p, r.status, Some(r.notice), ctx, stored, shown)
}

/// GET /admin/shop/coupons/new
pub async fn new_form(p: Page, tenant: CurrentTenant) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let (ctx, _) = loaded(&p, &tenant, None).await?;
    let shown = Shown {
        typed: Typed::blank(),
        errors: Errors::default(),
        delete_error: None,
    };
    render(&p, StatusCode::OK, None, &ctx, None, shown)
}

/// POST /admin/shop/coupons
pub async fn create(p: Page, tenant: CurrentTenant, body: web::Bytes) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let (ctx, _) = loaded(&p, &tenant, None).await?;
    let typed = Typed::from_form(&f);
    let (body, unread) = typed.body(ctx.tz);
    let new = match checked(&p, NewCoupon::parse(body), &unread)? {
        Ok(new) => new,
        Err(r) => return again(&p, &ctx, None, typed, r),
    };
    let done = tenant
        .run(&p.state, move |conn| repo::create(conn, &new))
        .await;
    match done {
        Ok(_) => Ok(p.see_other("/admin/shop/coupons?created=1")),
        Err(e) => {
            let r = refusal(&p, e)?;
            again(&p, &ctx, None, typed, r)
        }
    }
}

/// GET /admin/shop/coupons/{id}
pub async fn edit(p: Page, tenant: CurrentTenant, path: web::Path<String>) -> PageResult {
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let id = id_of(&p, &path, "coupon_not_found")?;
    let (ctx, coupon) = loaded(&p, &tenant, Some(id)).await?;
    let Some(coupon) = coupon else {
        return Err(p.fail(stores::coupons::CouponError::NotFound));
    };
    let shown = Shown {
        typed: Typed::of(&coupon, &p, ctx.tz),
        errors: Errors::default(),
        delete_error: None,
    };
    render(&p, StatusCode::OK, None, &ctx, Some(&coupon), shown)
}

/// POST /admin/shop/coupons/{id}
pub async fn update(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let id = id_of(&p, &path, "coupon_not_found")?;
    let (ctx, coupon) = loaded(&p, &tenant, Some(id)).await?;
    let Some(coupon) = coupon else {
        return Err(p.fail(stores::coupons::CouponError::NotFound));
    };
    let typed = Typed::from_form(&f);
    let (patch, unread) = typed.patch(&coupon, ctx.tz);
    let changes = match checked(&p, CouponChanges::parse(patch), &unread)? {
        Ok(changes) => changes,
        Err(r) => return again(&p, &ctx, Some(&coupon), typed, r),
    };
    let done = tenant
        .run(&p.state, move |conn| repo::update(conn, id, &changes))
        .await;
    match done {
        Ok(_) => Ok(p.see_other("/admin/shop/coupons?saved=1")),
        Err(e) => {
            let r = refusal(&p, e)?;
            again(&p, &ctx, Some(&coupon), typed, r)
        }
    }
}

/// POST /admin/shop/coupons/{id}/delete with `confirm` ticked.
pub async fn delete(
    p: Page,
    tenant: CurrentTenant,
    path: web::Path<String>,
    body: web::Bytes,
) -> PageResult {
    let f = Form::parse(&body);
    p.check_csrf(f.csrf_token())?;
    if let Err(denied) = staff_or_answer(&p) {
        return denied.answer(&p);
    }
    let id = id_of(&p, &path, "coupon_not_found")?;
    if !f.checked("confirm") {
        let (ctx, coupon) = loaded(&p, &tenant, Some(id)).await?;
        let Some(coupon) = coupon else {
            return Err(p.fail(stores::coupons::CouponError::NotFound));
        };
        let shown = Shown {
            typed: Typed::of(&coupon, &p, ctx.tz),
            errors: Errors::default(),
            delete_error: Some(p.t("admin-shop-error-confirm")),
        };
        let notice = Some(Notice::bad(p.t("admin-shop-check-fields")));
        return render(
            &p,
            StatusCode::UNPROCESSABLE_ENTITY,
            notice,
            &ctx,
            Some(&coupon),
            shown,
        );
    }
    tenant
        .run(&p.state, move |conn| repo::delete(conn, id))
        .await
        .map_err(|e| p.fail(e))?;
    Ok(p.see_other("/admin/shop/coupons?deleted=1"))
}
