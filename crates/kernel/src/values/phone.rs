//! A phone number in E.164: `+`, a country code and the number, 8 to 15
//! digits in all. People type spaces, dashes, dots and brackets, and `00`
//! for the international prefix; those are accepted and dropped. A number
//! without its country code is refused: a text message provider needs it,
//! and guessing the country would send someone else's reminders.

use std::fmt;

use serde::Serialize;

pub const MAX_PHONE_INPUT_CHARS: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let typed = raw.trim();
        let chars = typed.chars().count();
        if chars == 0 {
            return Err("must not be empty".into());
        }
        if chars > MAX_PHONE_INPUT_CHARS {
            return Err(format!(
                "is {chars} characters; at most {MAX_PHONE_INPUT_CHARS} are allowed"
            ));
        }
        if let Some(bad) = typed
            .chars()
            .find(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.')))
        {
            return Err(format!(
                "contains {bad:?}; use only digits, spaces and + - ( ) ."
            ));
        }
        let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
        let international = if typed.starts_with('+') {
            digits.as_str()
        } else if let Some(rest) = digits.strip_prefix("00").filter(|_| !typed.contains('+')) {
            rest
        } else {
            return Err("must start with + and the country code, like +44 20 7946 0958".into());
        };
        if typed.matches('+').count() > 1 || (typed.contains('+') && !typed.starts_with('+')) {
            return Err("may have one + only, at the start".into());
        }
        if !(8..=15).contains(&international.len()) || international.starts_with('0') {
            return Err(format!(
                "is not an international number: E.164 numbers have 8 to 15 digits after the +, \
                 the first not 0 (it has {})",
                international.len()
            ));
        }
        Ok(Phone(format!("+{international}")))
    }

    /// Blank means "no phone".
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, String> {
        if raw.trim().is_empty() {
            return Ok(None);
        }
        Self::parse(raw).map(Some)
    }

    /// `+` and digits only.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
