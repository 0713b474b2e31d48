//! The site in Arabic is right-to-left with Arabic weekday names and
//! Arabic-Indic digits in prices and times; in French, French ones; in
//! Persian, right-to-left with Persian digits and Solar Hijri dates, while
//! the dates of forms and links stay ISO. The switcher's choice is
//! remembered for the next page.

use identity::Role;
use serde_json::json;

use super::back_office::{member, Office};
use super::browser::{site_url, Browser};
use crate::bookings::{salon, salon_on};
use crate::support::*;

const ARABIC_WEEKDAYS: [&str; 7] = [
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
];
const PERSIAN_WEEKDAYS: [&str; 7] = [
    "یکشنبه",
    "دوشنبه",
    "سه\u{200c}شنبه",
    "چهارشنبه",
    "پنجشنبه",
    "جمعه",
    "شنبه",
];
const PERSIAN_MONTHS: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];
const FRENCH_WEEKDAYS: [&str; 7] = ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."];

#[tokio::test]
async fn arabic_is_right_to_left_with_arabic_days_and_digits_and_french_is_french() {
    let s = salon("Africa/Cairo", 1).await;
    let Some(b) = Browser::start(360).await else {
        return;
    };
    let home = site_url(&s.app, &s.tenant.host, "/");
    let book = site_url(&s.app, &s.tenant.host, &format!("/book/{}", s.service_id));

    b.goto(&format!("{home}?lang=ar")).await;
    assert_eq!(b.attr("html", "lang").await.as_deref(), Some("ar"));
    assert_eq!(b.attr("html", "dir").await.as_deref(), Some("rtl"));
    let price = b.text(".price").await;
    assert!(price.contains("٢٥٫٠٠"), "price in Arabic: {price}");
    assert!(b.text("h2").await.contains("الخدمات"));

    // No lang in the link: the cookie keeps Arabic.
    b.goto(&book).await;
    assert_eq!(b.attr("html", "dir").await.as_deref(), Some("rtl"));
    let days = b.texts(".day .dw").await;
    assert!(
        days.iter().all(|d| ARABIC_WEEKDAYS.contains(&d.as_str())),
        "Arabic weekdays: {days:?}"
    );
    let times = b.texts("a.slot").await;
    assert!(
        times
            .iter()
            .all(|t| t.chars().any(|c| ('٠'..='٩').contains(&c))),
        "times in Arabic-Indic digits: {times:?}"
    );

    b.goto(&format!("{home}?lang=fr")).await;
    assert_eq!(b.attr("html", "lang").await.as_deref(), Some("fr"));
    assert_eq!(b.attr("html", "dir").await.as_deref(), Some("ltr"));
    let price = b.text(".price").await;
    assert!(price.contains("25,00"), "price in French: {price}");
    b.goto(&book).await;
    let days = b.texts(".day .dw").await;
    assert!(
        days.iter().all(|d| FRENCH_WEEKDAYS.contains(&d.as_str())),
        "French weekdays: {days:?}"
    );
    b.quit().await;
}

/// Written with Persian digits only.
fn in_persian_digits(text: &str) -> bool {
    text.chars().any(|c| ('۰'..='۹').contains(&c)) && !text.chars().any(|c| c.is_ascii_digit())
}

#[tokio::test]
async fn persian_is_right_to_left_with_persian_digits_and_solar_hijri_days() {
    let s = salon("Asia/Tehran", 1).await;
    let Some(b) = Browser::start(360).await else {
        return;
    };
    let home = site_url(&s.app, &s.tenant.host, "/");
    let book = site_url(&s.app, &s.tenant.host, &format!("/book/{}", s.service_id));

    b.goto(&format!("{home}?lang=fa")).await;
    assert_eq!(b.attr("html", "lang").await.as_deref(), Some("fa"));
    assert_eq!(b.attr("html", "dir").await.as_deref(), Some("rtl"));
    let price = b.text(".price").await;
    assert!(price.contains("۲۵٫۰۰"), "price in Persian: {price}");
    assert!(b.text("h2").await.contains("خدمات"));
    // The switcher offers the four languages, Persian as the current one.
    let langs = b.texts("nav.langs a").await;
    assert_eq!(langs, ["English", "Français", "العربية", "فارسی"]);
    assert_eq!(
        b.attr("nav.langs a[aria-current]", "hreflang")
            .await
            .as_deref(),
        Some("fa")
    );

    // No lang in the link: the cookie keeps Persian.
    b.goto(&book).await;
    assert_eq!(b.attr("html", "dir").await.as_deref(), Some("rtl"));
    let days = b.texts(".day .dw").await;
    assert!(
        !days.is_empty() && days.iter().all(|d| PERSIAN_WEEKDAYS.contains(&d.as_str())),
        "Persian weekdays: {days:?}"
    );
    let dates = b.texts(".day .dd").await;
    assert!(
        !dates.is_empty()
            && dates
                .iter()
                .all(|d| in_persian_digits(d) && PERSIAN_MONTHS.iter().any(|m| d.contains(m))),
        "Solar Hijri days in Persian digits: {dates:?}"
    );
    let times = b.texts("a.slot").await;
    assert!(
        !times.is_empty() && times.iter().all(|t| in_persian_digits(t)),
        "times in Persian digits: {times:?}"
    );
    // The days' links carry ISO Gregorian dates, whatever the language.
    let href = b.attr("a.day", "href").await.unwrap_or_default();
    let date = href.split("date=").nth(1).unwrap_or_default();
    assert!(
        date.len() >= 10 && date[..10].bytes().all(|c| c.is_ascii_digit() || c == b'-'),
        "{href}"
    );
    b.quit().await;
}

#[tokio::test]
async fn persian_is_chosen_by_the_browser_or_the_business_and_keeps_form_dates_iso() {
    let db = PrivateDb::create();
    let tenant = db.provision("persian");
    let s = salon_on(db.spawn_app().await, tenant, "Asia/Tehran", 1).await;

    // A browser that asks for Persian gets it: Persian words and digits.
    let res = s
        .app
        .get(&s.tenant.host, "/")
        .header("accept-language", "fa-IR,fa;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"fa\" dir=\"rtl\">"), "{html}");
    assert!(html.contains("رفتن به محتوا"), "{html}");
    assert!(html.contains("۲۵٫۰۰"), "{html}");
    assert!(
        html.contains("hreflang=\"fa\" aria-current=\"true\">فارسی</a>"),
        "{html}"
    );
    for code in ["en", "fr", "ar"] {
        assert!(html.contains(&format!("hreflang=\"{code}\"")), "{html}");
    }

    // A business may greet its visitors in Persian.
    let (status, body) = json_of(
        s.app
            .patch(&s.tenant.host, "/api/v1/branding")
            .bearer_auth(&s.token)
            .json(&json!({"default_language": "fa"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["default_language"], "fa");
    let res = s.app.get(&s.tenant.host, "/").send().await.unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"fa\" dir=\"rtl\">"), "{html}");

    // In the back office, the day's title is Solar Hijri, the date input's
    // value ISO Gregorian; the branding form offers Persian, chosen.
    let email = unique_email("member");
    member(&mut db.conn(), &s.tenant, &email, Role::Owner);
    let office = Office::sign_in(&s.app, &s.tenant.host, &email).await;
    let (status, html, _) = office.get("/admin/calendar?date=2027-06-01").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<html lang=\"fa\" dir=\"rtl\">"), "{html}");
    assert!(html.contains("۱۱ خرداد ۱۴۰۶"), "{html}");
    assert!(html.contains("value=\"2027-06-01\""), "{html}");
    let (status, html, _) = office.get("/admin/branding").await;
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("<option value=\"fa\" lang=\"fa\" selected>فارسی</option>"),
        "{html}"
    );
}
