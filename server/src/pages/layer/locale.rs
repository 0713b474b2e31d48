//! The languages the sites speak, and which one a request gets: the
//! `?lang=` of a switcher link (then remembered in a cookie), else that
//! cookie, else the browser's Accept-Language, else the business's default.

use actix_web::http::header::ACCEPT_LANGUAGE;
use actix_web::HttpRequest;

pub const LANG_COOKIE: &str = "lang";
pub const LANG_PARAM: &str = "lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
    Ar,
    Fa,
}

impl Lang {
    /// In the order the switcher lists them.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Fr, Lang::Ar, Lang::Fa];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ar => "ar",
            Lang::Fa => "fa",
        }
    }

    /// A BCP 47 tag such as `fr-CA` or `AR`: its primary language, when
    /// the sites speak it.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    pub fn is_rtl(self) -> bool {
        matches!(self, Lang::Ar | Lang::Fa)
    }

    /// The value of `dir` on `<html>`.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Fr => 1,
            Lang::Ar => 2,
            Lang::Fa => 3,
        }
    }
}

/// The first language of Accept-Language the sites speak, by q-value
/// (a tag with q=0 is one the browser refuses).
pub fn from_accept_language(header: &str) -> Option<Lang> {
    let mut offered: Vec<(Lang, f32)> = header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let lang = Lang::parse(parts.next()?)?;
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (q > 0.0).then_some((lang, q))
        })
        .collect();
    // Stable: equal weights keep the browser's order.
    offered.sort_by(|a, b| b.1.total_cmp(&a.1));
    offered.first().map(|(lang, _)| *lang)
}

/// How the request's language was chosen: a switcher link's choice is
/// remembered in the cookie.
#[derive(Debug, Clone, Copy)]
pub struct Chosen {
    pub lang: Lang,
    pub remember: bool,
}

pub fn negotiate(req: &HttpRequest, default: Lang) -> Chosen {
    let asked = serde_urlencoded::from_str::<Vec<(String, String)>>(req.query_string())
        .ok()
        .and_then(|pairs| {
            pairs
                .into_iter()
                .find(|(k, _)| k == LANG_PARAM)
                .and_then(|(_, v)| Lang::parse(&v))
        });
    if let Some(lang) = asked {
        return Chosen {
            lang,
            remember: true,
        };
    }
    let lang = req
        .cookie(LANG_COOKIE)
        .and_then(|c| Lang::parse(c.value()))
        .or_else(|| {
            req.headers()
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(from_accept_language)
        })
        .unwrap_or(default);
    Chosen {
        lang,
        remember: false,
    }
}

#[cfg(test)]
#[path = "locale_test.rs"]
mod tests;
