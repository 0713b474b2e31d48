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
