//! The service form's fields: what the person typed (to show it again),
//! the message beside each refused field, and the typed values read into
//! the API's own request types, which the operations then check.
//!
//! Field messages use this area's own catalog keys rather than the shared
//! `field-error-<field>` ones: other forms have fields named `name` too,
//! and one catalog key cannot say two things.

use bookings::services::categories::Category;
use bookings::services::{Service, ServiceBody, ServicePatch};
use uuid::Uuid;

use super::amount;
use crate::pages::layer::{Feedback, Form, Page};

/// The values as typed, each a string as the input holds it.
#[derive(Default)]
pub struct Typed {
    pub name: String,
    pub description: String,
    pub duration: String,
    pub price: String,
    pub currency: String,
    pub buffer_before: String,
    pub buffer_after: String,
    pub category: String,
    pub active: bool,
}

/// The message beside each refused field.
#[derive(Default)]
pub struct Errors {
    pub name: Option<String>,
    pub description: Option<String>,
    pub duration: Option<String>,
    pub price: Option<String>,
    pub currency: Option<String>,
    pub buffer_before: Option<String>,
    pub buffer_after: Option<String>,
    pub category: Option<String>,
    /// The delete form's confirmation box.
    pub confirm: Option<String>,
}

/// A category in the form's select.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The values read, ready to become a request body.
pub struct Checked {
    name: String,
    description: Option<String>,
    duration: i32,
    price: i64,
    currency: String,
    buffer_before: i32,
    buffer_after: i32,
    category: Option<Uuid>,
    active: bool,
}

impl Typed {
    /// A new service's form: active, no buffers, the usual currency.
    pub fn blank(currency: &str) -> Typed {
        Typed {
            currency: currency.to_string(),
            buffer_before: "0".into(),
            buffer_after: "0".into(),
            active: true,
            ..Typed::default()
        }
    }

    pub fn of(s: &Service, p: &Page) -> Typed {
        Typed {
            name: s.name.clone(),
            description: s.description.clone().unwrap_or_default(),
            duration: s.duration_minutes.to_string(),
            price: amount::price_input(s.price_cents, p.lang),
            currency: s.currency.clone(),
            buffer_before: s.buffer_before_minutes.to_string(),
            buffer_after: s.buffer_after_minutes.to_string(),
            category: s.category_id.map(|c| c.to_string()).unwrap_or_default(),
            active: s.active,
        }
    }

    pub fn from_form(f: &Form) -> Typed {
        Typed {
            name: f.raw("name"),
            description: f.raw("description"),
            duration: f.raw("duration_minutes"),
            price: f.raw("price"),
            currency: f.raw("currency"),
            buffer_before: f.raw("buffer_before_minutes"),
            buffer_after: f.raw("buffer_after_minutes"),
            category: f.raw("category_id"),
            active: f.checked("active"),
        }
    }

    /// Reads every field, so all the ones that cannot be read are marked
    /// at once; the ranges and lengths are the operation's rules. (The
    /// messages are boxed: they are many, and rarely there.)
    pub fn check(&self, p: &Page, default_currency: &str) -> Result<Checked, Box<Errors>> {
        let mut e = Errors::default();
        let said = |key: &str| Some(p.t(key));
        let name = self.name.trim();
        if name.is_empty() {
            e.name = said("admin-services-error-name");
        }
        let duration = amount::minutes(&self.duration);
        if duration.is_none() {
            e.duration = said("admin-services-error-duration");
        }
        let price = amount::price_minor(&self.price);
        if price.is_none() {
            e.price = said("admin-services-error-price");
        }
        // A blank buffer is none at all, as the API's default.
        let buffer = |raw: &str| match raw.trim() {
            "" => Some(0),
            typed => amount::minutes(typed),
        };
        let buffer_before = buffer(&self.buffer_before);
        if buffer_before.is_none() {
            e.buffer_before = said("admin-services-error-buffer");
        }
        let buffer_after = buffer(&self.buffer_after);
        if buffer_after.is_none() {
            e.buffer_after = said("admin-services-error-buffer");
        }
        let category = match self.category.trim() {
            "" => Some(None),
            raw => Uuid::parse_str(raw).ok().map(Some),
        };
        if category.is_none() {
            e.category = said("admin-services-error-category");
        }
        let currency = match self.currency.trim() {
            "" => default_currency.to_string(),
            typed => typed.to_string(),
        };
        match (duration, price, buffer_before, buffer_after, category) {
            (
                Some(duration),
                Some(price),
                Some(buffer_before),
                Some(buffer_after),
                Some(category),
            ) if e.name.is_none() => Ok(Checked {
                name: name.to_string(),
                description: Some(self.description.clone()),
                duration,
                price,
                currency,
                buffer_before,
                buffer_after,
                category,
                active: self.active,
            }),
            _ => Err(Box::new(e)),
        }
    }
}

impl Checked {
    /// A new service, as the API's create takes it. The tenant's own
    /// metadata is not a person's to type: a new one has none.
    pub fn body(self) -> ServiceBody {
        ServiceBody {
            name: self.name,
            description: self.description,
            duration_minutes: self.duration,
            price_cents: self.price,
            currency: Some(self.currency),
            buffer_before_minutes: self.buffer_before,
            buffer_after_minutes: self.buffer_after,
            category_id: self.category,
            metadata: None,
            active: Some(self.active),
        }
    }

    /// Every field of the form, as the API's update takes it; the
    /// metadata stays as it is.
    pub fn patch(self) -> ServicePatch {
        ServicePatch {
            name: Some(self.name),
            description: Some(self.description),
            duration_minutes: Some(self.duration),
            price_cents: Some(self.price),
            currency: Some(self.currency),
            buffer_before_minutes: Some(self.buffer_before),
            buffer_after_minutes: Some(self.buffer_after),
            category_id: Some(self.category),
            metadata: None,
            active: Some(self.active),
        }
    }
}

impl Errors {
    /// The fields an operation refused, each with this form's message.
    pub fn refused(p: &Page, fb: &Feedback) -> Errors {
        let said =
            |fields: &[&str], key: &str| fields.iter().any(|f| fb.invalid(f)).then(|| p.t(key));
        Errors {
            name: said(&["name"], "admin-services-error-name"),
            description: said(&["description"], "admin-services-error-description"),
            duration: said(&["duration_minutes"], "admin-services-error-duration"),
            price: said(&["price_cents"], "admin-services-error-price"),
            currency: said(&["currency"], "admin-services-error-currency"),
            buffer_before: said(&["buffer_before_minutes"], "admin-services-error-buffer"),
            buffer_after: said(&["buffer_after_minutes"], "admin-services-error-buffer"),
            category: said(&["category_id"], "admin-services-error-category"),
            confirm: None,
        }
    }
}

/// The select's options: none, then each category, the typed one chosen.
pub fn choices(p: &Page, categories: &[Category], typed: &str) -> Vec<Choice> {
    let none = Choice {
        value: String::new(),
        label: p.t("admin-services-no-category"),
        selected: typed.trim().is_empty(),
    };
    std::iter::once(none)
        .chain(categories.iter().map(|c| Choice {
            value: c.id.to_string(),
            label: c.name.clone(),
            selected: c.id.to_string() == typed.trim(),
        }))
        .collect()
}
