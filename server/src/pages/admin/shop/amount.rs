//! Numbers as staff type them into the shop's forms: prices such as `25`,
//! `25.50` or (in French) `25,50` into minor units with integer arithmetic
//! only (no float ever rounds a cent), and whole numbers (stock, limits,
//! a stock change with its sign). Arabic-Indic and Persian digits are read
//! as the digits they are. Anything else is None, so the form can say so
//! beside the field; ranges are the operations' to check.

use crate::pages::layer::locale::Lang;

/// ASCII digits for Arabic-Indic and Persian ones, `.` for the Arabic
/// decimal separator, `-` for the minus sign; everything else as typed.
fn western(raw: &str) -> String {
    raw.trim()
        .chars()
        .filter_map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
            '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
            '\u{066B}' => Some('.'),
            '\u{2212}' => Some('-'),
            // Marks a right-to-left keyboard may slip in around digits.
            '\u{200E}' | '\u{200F}' | '\u{061C}' => None,
            other => Some(other),
        })
        .collect()
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Minor units of a typed price, zero or more: digits with at most one
/// decimal separator (`.` or `,`) and two decimals. None for `25.505`,
/// `-3`, `1e3`, `12abc` or a blank.
pub fn cents(raw: &str) -> Option<i64> {
    let s = western(raw);
    let (whole, fraction) = match s.find(['.', ',']) {
        Some(at) => (&s[..at], Some(&s[at + 1..])),
        None => (s.as_str(), None),
    };
    // Bounded before parsing so no amount can overflow.
    if !all_digits(whole) || whole.len() > 13 {
        return None;
    }
    let fraction = match fraction {
        None => 0,
        // "5" after the separator is fifty cents, not five.
        Some(f) if all_digits(f) && f.len() <= 2 => format!("{f:0<2}").parse::<i64>().ok()?,
        Some(_) => return None,
    };
    whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(fraction)
}

/// A price in minor units as an input shows it, read again by `cents`:
/// `25.50`, or `25,50` in French.
pub fn cents_input(minor: i64, lang: Lang) -> String {
    let sep = if lang == Lang::Fr { ',' } else { '.' };
    let sign = if minor < 0 { "-" } else { "" };
    format!(
        "{sign}{}{sep}{:02}",
        (minor / 100).abs(),
        (minor % 100).abs()
    )
}

/// A whole number, with an optional sign (`+5`, `-3`); None for anything
/// else or one too long to be a count.
pub fn whole(raw: &str) -> Option<i64> {
    let s = western(raw);
    let digits = s.strip_prefix(['+', '-']).unwrap_or(&s);
    if !all_digits(digits) || digits.len() > 12 {
        return None;
    }
    let n = digits.parse::<i64>().ok()?;
    Some(if s.starts_with('-') { -n } else { n })
}

#[cfg(test)]
#[path = "amount_test.rs"]
mod tests;
