//! The accent colour: `#rrggbb`, kept lower-case. Any colour is accepted
//! (it is the business's own); `text_colour` tells pages which text stays
//! readable on it.

use std::fmt;

use serde::Serialize;

/// Blue with a contrast of about 6.7:1 on white: readable as text and as a
/// button behind white text (WCAG AA asks for 4.5:1).
pub const DEFAULT_ACCENT: &str = "#1d4ed8";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct AccentColour(String);

impl AccentColour {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let typed = raw.trim();
        let valid = typed.len() == 7
            && typed.starts_with('#')
            && typed[1..].chars().all(|c| c.is_ascii_hexdigit());
        if valid {
            Ok(AccentColour(typed.to_ascii_lowercase()))
        } else {
            Err(format!(
                "{typed:?} is not a colour in the form #rrggbb, such as {DEFAULT_ACCENT}"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// White or black, whichever contrasts more with the accent, for text
    /// drawn on it (a button's label).
    pub fn text_colour(&self) -> &'static str {
        let accent = self.luminance();
        if contrast(1.0, accent) >= contrast(accent, 0.0) {
            "#ffffff"
        } else {
            "#000000"
        }
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    fn luminance(&self) -> f64 {
        let channel = |at: usize| {
            let value = self
                .0
                .get(at..at + 2)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .unwrap_or(0);
            let s = f64::from(value) / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }
}

impl Default for AccentColour {
    fn default() -> Self {
        AccentColour(DEFAULT_ACCENT.to_string())
    }
}

impl fmt::Display for AccentColour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// WCAG contrast ratio of a lighter and a darker luminance (1 to 21).
fn contrast(lighter: f64, darker: f64) -> f64 {
    (lighter + 0.05) / (darker + 0.05)
}

#[cfg(test)]
#[path = "colour_test.rs"]
mod tests;
