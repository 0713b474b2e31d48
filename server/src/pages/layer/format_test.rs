use super::*;

fn tuesday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 6, 1).unwrap()
}

#[test]
fn arabic_has_arabic_weekdays_and_arabic_indic_digits() {
    let ar = Formats(Lang::Ar);
    assert_eq!(ar.weekday(tuesday()), "الثلاثاء");
    let price = ar.price(2550, "EUR");
    assert!(price.contains("٢٥٫٥٠"), "{price}");
    assert!(
        ar.day_month(tuesday()).contains('١'),
        "{}",
        ar.day_month(tuesday())
    );
}

#[test]
fn french_and_english_write_their_own_way() {
    let fr = Formats(Lang::Fr);
    assert!(
        fr.weekday(tuesday()).starts_with("mar"),
        "{}",
        fr.weekday(tuesday())
    );
    assert!(
        fr.price(2500, "EUR").contains("25,00"),
        "{}",
        fr.price(2500, "EUR")
    );
    assert_eq!(fr.time(NaiveTime::from_hms_opt(14, 5, 0).unwrap()), "14:05");
    let en = Formats(Lang::En);
    assert_eq!(en.weekday(tuesday()), "Tue");
    assert!(
        en.price(123456, "USD").contains("1,234.56"),
        "{}",
        en.price(123456, "USD")
    );
    assert!(
        en.full_date(tuesday()).contains("June"),
        "{}",
        en.full_date(tuesday())
    );
}

/// Any of the ten Persian digits.
fn persian_digits(s: &str) -> bool {
    s.chars().any(|c| ('۰'..='۹').contains(&c)) && !s.chars().any(|c| c.is_ascii_digit())
}

#[test]
fn persian_has_persian_digits_and_the_solar_hijri_calendar() {
    let fa = Formats(Lang::Fa);
    // 1 June 2027 is 11 Khordad 1406.
    assert_eq!(fa.weekday(tuesday()), "سه\u{200c}شنبه");
    assert_eq!(fa.day_month(tuesday()), "۱۱ خرداد");
    let full = fa.full_date(tuesday());
    assert!(full.contains("۱۱ خرداد ۱۴۰۶"), "{full}");
    // Nowruz, the first day of the year.
    let nowruz = NaiveDate::from_ymd_opt(2027, 3, 21).unwrap();
    assert_eq!(fa.day_month(nowruz), "۱ فروردین");
    assert_eq!(fa.time(NaiveTime::from_hms_opt(14, 5, 0).unwrap()), "۱۴:۰۵");
    assert_eq!(fa.number(45), "۴۵");
    let price = fa.price(123_456, "EUR");
    assert!(price.contains("۱٬۲۳۴٫۵۶"), "{price}");
    assert!(price.contains("EUR"), "{price}");
    for text in [fa.day_month(tuesday()), full, fa.number(1234567890)] {
        assert!(persian_digits(&text), "{text}");
    }
}

#[test]
fn arabic_stays_gregorian_with_arabic_indic_digits() {
    let full = Formats(Lang::Ar).full_date(tuesday());
    assert!(full.contains("يونيو") && full.contains("٢٠٢٧"), "{full}");
    assert!(!full.contains('۱'), "{full}");
}

#[test]
fn a_date_with_its_year_follows_the_language_and_its_calendar() {
    assert_eq!(Formats(Lang::En).date(tuesday()), "Jun 1, 2027");
    assert_eq!(Formats(Lang::Fr).date(tuesday()), "1 juin 2027");
    let fa = Formats(Lang::Fa).date(tuesday());
    assert!(fa.contains("خرداد") && fa.contains("۱۴۰۶"), "{fa}");
    let ar = Formats(Lang::Ar).date(tuesday());
    assert!(ar.contains("٢٠٢٧"), "{ar}");
}
