//! The logo's address. Pages put it in `<img src>`, so a visitor's browser
//! fetches it (this server never does): it must be https, as the site is in
//! production (an http image is blocked or flagged as mixed content, and
//! `javascript:` or `data:` have no business there), it must not carry a
//! user name or password, and it is kept to the characters a URL may hold
//! unencoded, so nothing in it can end the attribute it sits in.

use std::fmt;

use serde::Serialize;

pub const MAX_LOGO_URL_CHARS: usize = 2048;
const SCHEME: &str = "https://";
/// A DNS name's longest form, and a label's.
const MAX_HOST_CHARS: usize = 253;
const MAX_LABEL_CHARS: usize = 63;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct LogoUrl(String);

impl LogoUrl {
    /// The scheme and host come back lower-cased; the rest as given.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let url = raw.trim();
        let chars = url.chars().count();
        if chars == 0 {
            return Err("must not be empty".into());
        }
        if chars > MAX_LOGO_URL_CHARS {
            return Err(format!(
                "is {chars} characters; at most {MAX_LOGO_URL_CHARS} are allowed"
            ));
        }
        let rest = match url.get(..SCHEME.len()) {
            Some(scheme) if scheme.eq_ignore_ascii_case(SCHEME) => &url[SCHEME.len()..],
            _ => return Err(scheme_problem(url)),
        };
        if let Some(bad) = url.chars().find(|c| !is_url_char(*c)) {
            return Err(format!(
                "contains {bad:?}; percent-encode it (a space is %20)"
            ));
        }
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(end);
        if authority.contains('@') {
            return Err("must not contain a user name or password (user@host)".into());
        }
        check_authority(authority)?;
        Ok(LogoUrl(format!(
            "{SCHEME}{}{path}",
            authority.to_ascii_lowercase()
        )))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LogoUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn scheme_problem(url: &str) -> String {
    let insecure = url
        .get(.."http://".len())
        .is_some_and(|s| s.eq_ignore_ascii_case("http://"));
    if insecure {
        "must use https, not http: browsers block or flag images loaded without it".into()
    } else {
        "must be an https:// address of an image, such as https://example.com/logo.png".into()
    }
}

/// What RFC 3986 lets a URL hold as is: letters, digits, `-._~`, the
/// delimiters and `%` of percent-encoding. No quotes, angle brackets,
/// backslashes, spaces or control characters.
fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

/// `host` or `host:port`, the host a DNS name (or an IPv4 address).
fn check_authority(authority: &str) -> Result<(), String> {
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if host.is_empty() {
        return Err("must name a host, as in https://example.com/logo.png".into());
    }
    let labels_ok = host.len() <= MAX_HOST_CHARS
        && host.split('.').all(|label| {
            (1..=MAX_LABEL_CHARS).contains(&label.len())
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    if !labels_ok {
        return Err(format!("{host:?} is not a host name"));
    }
    if let Some(port) = port {
        let valid = !port.is_empty()
            && port.len() <= 5
            && port.chars().all(|c| c.is_ascii_digit())
            && port.parse::<u16>().is_ok_and(|p| p > 0);
        if !valid {
            return Err(format!("{port:?} is not a port number"));
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "logo_url_test.rs"]
mod tests;
