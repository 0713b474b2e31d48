//! A posted form, read leniently: every field a string, unknown fields
//! ignored, so a bad post becomes a message beside a field (or the 403
//! page) instead of an extractor's JSON error.

use std::collections::HashMap;

use actix_web::web::Bytes;

pub struct Form(HashMap<String, String>);

impl Form {
    /// An urlencoded body; what cannot be read counts as no field at all.
    pub fn parse(body: &Bytes) -> Form {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
        Form(pairs.into_iter().collect())
    }

    /// The field's value, trimmed; None when absent or blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|v| v.trim()).filter(|v| !v.is_empty())
    }

    /// The raw value (a blank string stays blank), for re-filling a form.
    pub fn raw(&self, name: &str) -> String {
        self.0.get(name).cloned().unwrap_or_default()
    }

    pub fn csrf_token(&self) -> Option<&str> {
        self.get(super::csrf::CSRF_FIELD)
    }

    /// A checkbox: present with any value but "false"/"off".
    pub fn checked(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| v != "false" && v != "off")
    }
}
