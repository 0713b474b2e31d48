//! Consents to be contacted, per channel, each with the time it was given
//! or withdrawn: a clinic must be able to show when a patient agreed to
//! (or refused) reminders by text, mail or phone call. Stored as jsonb:
//! `{"sms": {"given": true, "at": "..."}, ...}`; a channel never asked
//! about is absent.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One channel's answer and when it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Consent {
    pub given: bool,
    /// When it was given or withdrawn.
    pub at: DateTime<Utc>,
}

/// Every channel's consent; null for a channel never asked about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Consents {
    pub sms: Option<Consent>,
    pub email: Option<Consent>,
    pub voice: Option<Consent>,
}

/// What a request says of consents: only the channels it names change.
#[derive(Debug, Clone, Copy, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentsBody {
    #[serde(default)]
    pub sms: Option<bool>,
    #[serde(default)]
    pub email: Option<bool>,
    #[serde(default)]
    pub voice: Option<bool>,
}

/// A channel's stored entry; one that does not read as a consent (written
/// by hand, say) reads as never asked: the safe side is not to contact.
fn channel(stored: &Value, name: &str) -> Option<Consent> {
    stored
        .get(name)
        .and_then(|v| serde_json::from_value(v.clone()).ok())
}

/// A new answer for one channel: the same answer again keeps the time it
/// was first given; a different one (or the first) is stamped `now`.
fn answer(current: Option<Consent>, sent: Option<bool>, now: DateTime<Utc>) -> Option<Consent> {
    match (current, sent) {
        (current, None) => current,
        (Some(c), Some(given)) if c.given == given => Some(c),
        (_, Some(given)) => Some(Consent { given, at: now }),
    }
}

impl Consents {
    pub fn from_stored(stored: &Value) -> Self {
        Consents {
            sms: channel(stored, "sms"),
            email: channel(stored, "email"),
            voice: channel(stored, "voice"),
        }
    }

    /// These consents with the channels `body` names answered at `now`.
    pub fn answered(&self, body: &ConsentsBody, now: DateTime<Utc>) -> Self {
        Consents {
            sms: answer(self.sms, body.sms, now),
            email: answer(self.email, body.email, now),
            voice: answer(self.voice, body.voice, now),
        }
    }

    /// Every channel withdrawn at `now` (erasure: no more contact).
    pub fn withdrawn(&self, now: DateTime<Utc>) -> Self {
        let no = ConsentsBody {
            sms: Some(false),
            email: Some(false),
            voice: Some(false),
        };
        self.answered(&no, now)
    }

    /// The stored form: only the channels ever answered.
    pub fn to_stored(&self) -> Value {
        let mut map = serde_json::Map::new();
        for (name, consent) in [
            ("sms", self.sms),
            ("email", self.email),
            ("voice", self.voice),
        ] {
            if let Some(c) = consent {
                map.insert(
                    name.to_string(),
                    serde_json::json!({ "given": c.given, "at": c.at }),
                );
            }
        }
        Value::Object(map)
    }
}

#[cfg(test)]
#[path = "consents_test.rs"]
mod tests;
