//! Numbers as a person types them into the service form: a price such as
//! `25`, `25.50` or (in French) `25,50`, and whole minutes. Prices become
//! minor units (hundredths, as `Service::price_cents` and `Formats::price`
//! count them) with integer arithmetic only: no float ever rounds a cent.
//! Arabic-Indic digits are read as the digits they are. Anything else is
//! refused (None), so the form can say so beside the field.

use crate::pages::layer::locale::Lang;

/// ASCII digits for Arabic-Indic and Persian ones, `.` for the Arabic
/// decimal separator; everything else as typed.
fn western(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            '\u{066B}' => '.',
            other => other,
        })
        .collect()
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The whole part: digits, optionally grouped by thousands with a space
/// (as French writes `1 250`) or the Arabic thousands mark. A group of
/// another size is a typing slip, not a number: refused.
fn whole_part(s: &str) -> Option<String> {
    let groups: Vec<&str> = s.split([' ', '\u{00A0}', '\u{202F}', '\u{066C}']).collect();
    let (first, rest) = groups.split_first()?;
    let first_ok = all_digits(first) && (rest.is_empty() || first.len() <= 3);
    if !first_ok || !rest.iter().all(|g| all_digits(g) && g.len() == 3) {
        return None;
    }
    Some(groups.concat())
}

/// Minor units of a typed price, zero or more; None for anything that is
/// not a plain amount with at most two decimals (`25.505`, `1,250`,
/// `-3`, `12abc`, `1e3`, blank).
pub fn price_minor(raw: &str) -> Option<i64> {
    let s = western(raw);
    // One decimal separator at most, either `.` or `,`.
    let (whole, fraction) = match s.find(['.', ',']) {
        Some(at) => (&s[..at], Some(&s[at + 1..])),
        None => (s.as_str(), None),
    };
    let whole = whole_part(whole)?;
    let cents = match fraction {
        None => 0,
        Some(f) if all_digits(f) && f.len() <= 2 => {
            // "5" after the separator is fifty cents, not five.
            let padded = format!("{f:0<2}");
            padded.parse::<i64>().ok()?
        }
        Some(_) => return None,
    };
    // Bounded before parsing so no amount can overflow the column.
    if whole.len() > 12 {
        return None;
    }
    whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)
}

/// A price in minor units as the form's input shows it back, read again
/// by `price_minor`: `25.50`, or `25,50` in French.
pub fn price_input(minor: i64, lang: Lang) -> String {
    let sep = if lang == Lang::Fr { ',' } else { '.' };
    format!("{}{sep}{:02}", minor / 100, (minor % 100).abs())
}

/// A whole number of minutes; None for anything else. The range is the
/// operation's to check (it names the limits).
pub fn minutes(raw: &str) -> Option<i32> {
    let s = western(raw);
    let digits = s.strip_prefix('-').unwrap_or(&s);
    if !all_digits(digits) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
#[path = "amount_test.rs"]
mod tests;
