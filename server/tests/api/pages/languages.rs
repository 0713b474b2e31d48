//! The site in Arabic is right-to-left with Arabic weekday names and
//! Arabic-Indic digits in prices and times; in French, French ones. The
//! switcher's choice is remembered for the next page.

use super::browser::{site_url, Browser};
use crate::bookings::salon;

const ARABIC_WEEKDAYS: [&str; 7] = [
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
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
