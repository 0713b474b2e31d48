//! The coupon form's values: what was typed, read into the API's bodies
//! (amounts in minor units, dates in the site's time zone), and the
//! message beside each field the coupons library refused.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use stores::coupons::{Coupon, CreateBody, PatchBody};

use super::super::refuse::Refusal;
use super::super::{amount, when};
use crate::pages::layer::{Form, Page};

#[derive(Default)]
pub struct Typed {
    pub code: String,
    /// `percent` or `amount`.
    pub kind: String,
    pub value: String,
    pub min_subtotal: String,
    pub starts: String,
    pub ends: String,
    pub usage_limit: String,
    pub per_customer_limit: String,
    pub active: bool,
}

#[derive(Default)]
pub struct Errors {
    pub code: Option<String>,
    pub value: Option<String>,
    pub min_subtotal: Option<String>,
    pub starts: Option<String>,
    pub ends: Option<String>,
    pub usage_limit: Option<String>,
    pub per_customer_limit: Option<String>,
}

/// An optional value: blank is none; what cannot be read is noted.
fn optional<T>(
    raw: &str,
    field: &'static str,
    read: impl Fn(&str) -> Option<T>,
    unread: &mut Vec<&'static str>,
) -> Option<T> {
    match raw.trim() {
        "" => None,
        typed => read(typed).or_else(|| {
            unread.push(field);
            None
        }),
    }
}

impl Typed {
    pub fn blank() -> Typed {
        Typed {
            kind: "percent".into(),
            active: true,
            ..Typed::default()
        }
    }

    pub fn of(c: &Coupon, p: &Page, tz: Tz) -> Typed {
        let minor = |cents: Option<i64>| {
            cents
                .map(|c| amount::cents_input(c, p.lang))
                .unwrap_or_default()
        };
        let count = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_default();
        let instant =
            |t: Option<DateTime<Utc>>| t.map(|t| when::local_input(t, tz)).unwrap_or_default();
        Typed {
            code: c.code.clone(),
            kind: if c.percent_off.is_some() {
                "percent"
            } else {
                "amount"
            }
            .into(),
            value: match c.percent_off {
                Some(percent) => percent.to_string(),
                None => minor(c.amount_off_cents),
            },
            min_subtotal: minor(c.min_subtotal_cents),
            starts: instant(c.starts_at),
            ends: instant(c.ends_at),
            usage_limit: count(c.usage_limit),
            per_customer_limit: count(c.per_customer_limit),
            active: c.active,
        }
    }

    pub fn from_form(f: &Form) -> Typed {
        Typed {
            code: f.raw("code"),
            kind: f.raw("kind"),
            value: f.raw("value"),
            min_subtotal: f.raw("min_subtotal"),
            starts: f.raw("starts_at"),
            ends: f.raw("ends_at"),
            usage_limit: f.raw("usage_limit"),
            per_customer_limit: f.raw("per_customer_limit"),
            active: f.checked("active"),
        }
    }

    /// A new coupon, and the fields the page could not read (left out,
    /// so the library still checks the rest).
    pub fn body(&self, tz: Tz) -> (CreateBody, Vec<&'static str>) {
        let mut unread = Vec::new();
        let (percent_off, amount_off_cents) = if self.kind == "amount" {
            let cents = optional(&self.value, "amount_off_cents", amount::cents, &mut unread);
            (None, cents)
        } else {
            let percent = optional(&self.value, "percent_off", amount::whole, &mut unread);
            (percent, None)
        };
        let body = CreateBody {
            code: self.code.clone(),
            percent_off,
            amount_off_cents,
            min_subtotal_cents: optional(
                &self.min_subtotal,
                "min_subtotal_cents",
                amount::cents,
                &mut unread,
            ),
            starts_at: optional(
                &self.starts,
                "starts_at",
                |t| when::local(t, tz),
                &mut unread,
            ),
            ends_at: optional(&self.ends, "ends_at", |t| when::local(t, tz), &mut unread),
            usage_limit: optional(&self.usage_limit, "usage_limit", amount::whole, &mut unread),
            per_customer_limit: optional(
                &self.per_customer_limit,
                "per_customer_limit",
                amount::whole,
                &mut unread,
            ),
            active: Some(self.active),
        };
        (body, unread)
    }

    /// The changes of the edit form. A date left as it was shown is not
    /// sent, so the seconds of one set through the API stay.
    pub fn patch(&self, stored: &Coupon, tz: Tz) -> (PatchBody, Vec<&'static str>) {
        let mut unread = Vec::new();
        let mut date = |typed: &str, was: Option<DateTime<Utc>>, field: &'static str| {
            let shown = was.map(|t| when::local_input(t, tz)).unwrap_or_default();
            (typed.trim() != shown)
                .then(|| optional(typed, field, |t| when::local(t, tz), &mut unread))
        };
        let starts_at = date(&self.starts, stored.starts_at, "starts_at");
        let ends_at = date(&self.ends, stored.ends_at, "ends_at");
        let body = PatchBody {
            active: Some(Some(self.active)),
            min_subtotal_cents: Some(optional(
                &self.min_subtotal,
                "min_subtotal_cents",
                amount::cents,
                &mut unread,
            )),
            starts_at,
            ends_at,
            usage_limit: Some(optional(
                &self.usage_limit,
                "usage_limit",
                amount::whole,
                &mut unread,
            )),
            per_customer_limit: Some(optional(
                &self.per_customer_limit,
                "per_customer_limit",
                amount::whole,
                &mut unread,
            )),
        };
        (body, unread)
    }
}

impl Errors {
    pub fn of(p: &Page, r: &Refusal) -> Errors {
        let said = |refused: bool, key: &str| refused.then(|| p.t(key));
        let code = match r.code {
            "coupon_code_taken" => Some(p.t("admin-shop-error-coupon-code-taken")),
            _ => said(r.has("code"), "admin-shop-error-coupon-code"),
        };
        Errors {
            code,
            value: said(
                r.has("percent_off") || r.has("amount_off_cents"),
                "admin-shop-error-coupon-value",
            ),
            min_subtotal: said(r.has("min_subtotal_cents"), "admin-shop-error-min-subtotal"),
            starts: said(r.has("starts_at"), "admin-shop-error-when"),
            ends: said(r.has("ends_at"), "admin-shop-error-ends"),
            usage_limit: said(r.has("usage_limit"), "admin-shop-error-limit"),
            per_customer_limit: said(r.has("per_customer_limit"), "admin-shop-error-limit"),
        }
    }
}
