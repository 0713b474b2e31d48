use super::*;

#[test]
fn typed_prices_become_exact_minor_units() {
    assert_eq!(price_minor("25"), Some(2500));
    assert_eq!(price_minor(" 25.50 "), Some(2550));
    assert_eq!(price_minor("25,50"), Some(2550));
    assert_eq!(price_minor("25.5"), Some(2550));
    assert_eq!(price_minor("0"), Some(0));
    assert_eq!(price_minor("0.05"), Some(5));
    assert_eq!(price_minor("19.99"), Some(1999));
    assert_eq!(price_minor("1 250,00"), Some(125_000));
    assert_eq!(price_minor("1\u{202F}250,5"), Some(125_050));
    assert_eq!(price_minor("٢٥٫٥٠"), Some(2550));
    assert_eq!(price_minor("۳۰"), Some(3000));
}

#[test]
fn anything_else_is_refused() {
    for raw in [
        "",
        " ",
        "abc",
        "12abc",
        "-3",
        "+3",
        "25.505",
        "1,250",
        "1.250,50",
        "25.",
        ".5",
        "1e3",
        "25 €",
        "12 5",
        "NaN",
        "9999999999999",
        "2..5",
        "٢٥..",
    ] {
        assert_eq!(price_minor(raw), None, "{raw:?}");
    }
}

#[test]
fn the_input_shows_what_it_reads_back() {
    for minor in [0, 5, 50, 2550, 125_000] {
        for lang in Lang::ALL {
            let shown = price_input(minor, lang);
            assert_eq!(price_minor(&shown), Some(minor), "{shown}");
        }
    }
    assert_eq!(price_input(2550, Lang::Fr), "25,50");
    assert_eq!(price_input(2550, Lang::En), "25.50");
}

#[test]
fn minutes_are_whole_numbers() {
    assert_eq!(minutes("45"), Some(45));
    assert_eq!(minutes(" ٤٥ "), Some(45));
    assert_eq!(minutes("-5"), Some(-5));
    for raw in ["", "4.5", "45min", "+45", "99999999999", "--5"] {
        assert_eq!(minutes(raw), None, "{raw:?}");
    }
}
