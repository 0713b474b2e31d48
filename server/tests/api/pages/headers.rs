//! What every page and asset is sent with: a strict Content-Security-Policy
//! and the other security headers, year-long caching for hashed assets,
//! compression; errors and the platform's host as pages.

use reqwest::header::{
    ACCEPT, ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_SECURITY_POLICY, CONTENT_TYPE,
};

use crate::bookings::salon;
use crate::support::*;

fn asset_paths(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with("/assets/"))
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn pages_are_sent_with_a_strict_policy_and_assets_cached_for_good() {
    let s = salon("Europe/Paris", 1).await;
    let res = s.app.get(&s.tenant.host, "/").send().await.unwrap();
    assert_eq!(res.status(), 200);
    let h = res.headers().clone();
    assert_eq!(h[CONTENT_TYPE], "text/html; charset=utf-8");
    let csp = h[CONTENT_SECURITY_POLICY].to_str().unwrap();
    for part in [
        "default-src 'self'",
        "img-src 'self' https:",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(part), "{csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h.contains_key("referrer-policy"));
    let html = res.text().await.unwrap();
    assert!(!html.contains("style=\""), "no inline style");
    assert!(!html.contains("<script>"), "no inline script");

    let assets = asset_paths(&html);
    assert_eq!(assets.len(), 3, "{assets:?}");
    assert!(assets.iter().any(|a| a.starts_with("/assets/site.")));
    assert!(assets.iter().any(|a| a.starts_with("/assets/icon.")));
    for path in assets {
        let res = s.app.get(&s.tenant.host, &path).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(
            res.headers()[CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        let kind = res.headers()[CONTENT_TYPE].to_str().unwrap().to_string();
        let want = if path.ends_with(".svg") {
            "image/svg+xml"
        } else {
            "text/css"
        };
        assert!(kind.starts_with(want), "{path}: {kind}");
    }
    let res = s
        .app
        .get(&s.tenant.host, "/assets/site.0000000000.css")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn pages_are_compressed_for_clients_that_take_it() {
    let s = salon("Europe/Paris", 1).await;
    for path in ["/".to_string(), format!("/book/{}", s.service_id)] {
        let res = s
            .app
            .get(&s.tenant.host, &path)
            .header(ACCEPT_ENCODING, "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()[CONTENT_ENCODING], "gzip", "{path}");
    }
}

#[tokio::test]
async fn browsers_get_error_pages_and_the_platform_host_its_landing_page() {
    let s = salon("Europe/Paris", 1).await;
    let res = s
        .app
        .get(&s.tenant.host, "/no/such/page?lang=fr")
        .header(ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.headers().contains_key(CONTENT_SECURITY_POLICY));
    assert!(res.text().await.unwrap().contains("Page introuvable"));

    let res = s
        .app
        .get(&s.tenant.host, "/booking/not-a-real-token")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));

    let res = s
        .app
        .get("nobody-here.platform.test", "/")
        .header(ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("<html"));

    let res = s.app.get(BASE_DOMAIN, "/").send().await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains(BASE_DOMAIN), "{html}");
    assert!(html.contains("Online booking"), "{html}");
}

/// The budget: the booking page with everything it loads stays
/// under 60 KB before compression on a first visit, and later pages need
/// one request each (their assets are cached for good, checked above).
#[tokio::test]
async fn the_booking_page_with_its_assets_stays_under_60_kb() {
    let s = salon("Europe/Paris", 1).await;
    let date = crate::bookings::future_date(3);
    let path = format!("/book/{}?date={date}", s.service_id);
    let res = s.app.get(&s.tenant.host, &path).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let mut total = html.len();
    let loaded: Vec<String> = html
        .split("src=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|src| src.starts_with('/'))
        .map(str::to_string)
        .chain(asset_paths(&html))
        .collect();
    for asset in &loaded {
        let res = s.app.get(&s.tenant.host, asset).send().await.unwrap();
        assert_eq!(res.status(), 200, "{asset}");
        total += res.bytes().await.unwrap().len();
    }
    assert!(
        total < 60 * 1024,
        "{total} bytes for the booking page and {loaded:?}"
    );
}
