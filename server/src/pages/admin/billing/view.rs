//! What the billing page reads and how it words it: dates in the site's
//! time zone, prices and counts as the page's language writes them.

use billing::invoices::{self, InvoiceSummary};
use billing::subscriptions::{self, LimitUsage, SubscriptionView};
use billing::Plan;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use kernel::error::AppError;
use uuid::Uuid;

use crate::extract::CurrentTenant;
use crate::pages::layer::{i18n, Page, PageError};

pub struct Loaded {
    view: SubscriptionView,
    plans: Vec<Plan>,
    invoices: Vec<InvoiceSummary>,
    tz: Tz,
}

pub async fn load(p: &Page, tenant: &CurrentTenant) -> Result<Loaded, PageError> {
    let tenant_id = tenant.id;
    let usage = p.state.usage.clone();
    let grace = p.state.settings.billing.grace_days;
    // The meters count the tenant's own tables: its transaction, as the
    // API's subscription view.
    let (view, tz) = tenant
        .run(&p.state, move |conn| {
            let view = subscriptions::view(conn, tenant_id, &usage, grace)?;
            let tz = bookings::settings::get(conn)?.tz();
            Ok::<_, AppError>((view, tz))
        })
        .await
        .map_err(|e| p.fail(e))?;
    let (plans, invoices) = kernel::db::run(&p.state.pool, move |conn| {
        let plans = billing::list_plans(conn)?;
        Ok((plans, invoices::list(conn, tenant_id)?))
    })
    .await
    .map_err(|e| p.fail(e))?;
    Ok(Loaded {
        view,
        plans,
        invoices,
        tz,
    })
}

pub struct LimitRow {
    pub limit: String,
    pub name: String,
    pub usage: String,
}

pub struct PlanRow {
    pub code: String,
    pub name: String,
    pub price: String,
    pub features: String,
}

pub struct InvoiceRow {
    pub id: Uuid,
    pub number: String,
    pub period: String,
    pub total: String,
    pub paid: String,
}

/// The page's words for the loaded subscription.
pub struct Shown {
    pub plan_name: String,
    pub plan_price: String,
    pub status: String,
    /// The trial's or the period's end, worded for the status.
    pub until: String,
    /// Since when payment is overdue and when writes stop.
    pub past_due: Option<String>,
    pub limits: Vec<LimitRow>,
    pub features: Vec<String>,
    /// The plans other than the site's own.
    pub plans: Vec<PlanRow>,
    pub invoices: Vec<InvoiceRow>,
}

fn date(p: &Page, tz: Tz, at: DateTime<Utc>) -> String {
    p.fmt.full_date(at.with_timezone(&tz).date_naive())
}

/// A catalog word for a code the plans store (a limit, a feature), or the
/// code itself for one added since the catalogs were written.
fn word(p: &Page, prefix: &str, code: &str) -> String {
    i18n::lookup(p.lang, &format!("{prefix}{code}")).unwrap_or_else(|| code.to_string())
}

fn price(p: &Page, cents: i64, currency: &str, interval: &str) -> String {
    let amount = p.fmt.price(cents, currency);
    let key = if interval == "year" {
        "admin-billing-per-year"
    } else {
        "admin-billing-per-month"
    };
    p.t1(key, "price", amount)
}

fn usage(p: &Page, l: &LimitUsage) -> String {
    let n = |v: i64| p.fmt.number(v);
    match (l.used, l.value) {
        (Some(used), Some(cap)) => p.t2(
            "admin-billing-use-of",
            ("used", &n(used)),
            ("limit", &n(cap)),
        ),
        (Some(used), None) => p.t1("admin-billing-use-unlimited", "used", n(used)),
        (None, Some(cap)) => p.t1("admin-billing-up-to", "limit", n(cap)),
        (None, None) => p.t("admin-billing-unlimited"),
    }
}

fn until(p: &Page, v: &SubscriptionView, tz: Tz) -> String {
    match v.status.as_str() {
        "trialing" => p.t1(
            "admin-billing-trial-ends",
            "date",
            date(p, tz, v.trial_ends_at.unwrap_or(v.current_period_end)),
        ),
        "canceled" => p.t1(
            "admin-billing-canceled-ends",
            "date",
            date(p, tz, v.current_period_end),
        ),
        _ => p.t1(
            "admin-billing-period-ends",
            "date",
            date(p, tz, v.current_period_end),
        ),
    }
}

fn features(p: &Page, codes: &[String]) -> Vec<String> {
    codes
        .iter()
        .map(|f| word(p, "admin-billing-feature-", f))
        .collect()
}

pub fn shown(p: &Page, l: Loaded) -> Shown {
    let v = &l.view;
    let tz = l.tz;
    let past_due = match (v.past_due_since, v.read_only_from) {
        (Some(since), Some(from)) if v.status == "past_due" => Some(p.t2(
            "admin-billing-past-due",
            ("since", &date(p, tz, since)),
            ("date", &date(p, tz, from)),
        )),
        _ => None,
    };
    let plans = l
        .plans
        .iter()
        .filter(|plan| plan.code != v.plan.code)
        .map(|plan| PlanRow {
            code: plan.code.clone(),
            name: plan.name.clone(),
            price: price(p, plan.price_cents, &plan.currency, plan.interval.as_str()),
            features: features(p, &plan.features).join(", "),
        })
        .collect();
    let invoices = l
        .invoices
        .iter()
        .map(|i| InvoiceRow {
            id: i.id,
            number: i.number.clone(),
            period: p.t2(
                "admin-billing-invoice-period",
                ("start", &date(p, tz, i.period_start)),
                ("end", &date(p, tz, i.period_end)),
            ),
            total: p.fmt.price(i.total_cents, &i.currency),
            paid: i
                .paid_at
                .map_or_else(|| p.t("admin-billing-unpaid"), |at| date(p, tz, at)),
        })
        .collect();
    Shown {
        plan_name: v.plan.name.clone(),
        plan_price: price(p, v.plan.price_cents, &v.plan.currency, &v.plan.interval),
        status: word(p, "admin-billing-status-", &v.status),
        until: until(p, v, tz),
        past_due,
        limits: v
            .limits
            .iter()
            .map(|l| LimitRow {
                limit: l.limit.clone(),
                name: word(p, "admin-billing-limit-", &l.limit),
                usage: usage(p, l),
            })
            .collect(),
        features: features(p, &v.features),
        plans,
        invoices,
    }
}
