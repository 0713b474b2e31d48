use super::*;

#[test]
fn prices_are_read_in_minor_units() {
    assert_eq!(cents("25"), Some(2500));
    assert_eq!(cents("25.5"), Some(2550));
    assert_eq!(cents("25,50"), Some(2550));
    assert_eq!(cents(" 0.05 "), Some(5));
    assert_eq!(cents("۲۵٫۵۰"), Some(2550));
    assert_eq!(cents("٣٠"), Some(3000));
}

#[test]
fn what_is_not_a_plain_amount_is_refused() {
    for bad in [
        "",
        "-3",
        "25.505",
        "1e3",
        "12abc",
        "1.2.3",
        ".5",
        "99999999999999",
    ] {
        assert_eq!(cents(bad), None, "{bad}");
    }
}

#[test]
fn an_input_shows_what_cents_reads_back() {
    assert_eq!(cents_input(2550, Lang::En), "25.50");
    assert_eq!(cents_input(2550, Lang::Fr), "25,50");
    assert_eq!(cents_input(5, Lang::Fa), "0.05");
    for minor in [0, 5, 99, 100, 123_456] {
        assert_eq!(cents(&cents_input(minor, Lang::Fr)), Some(minor));
    }
}

#[test]
fn whole_numbers_keep_their_sign() {
    assert_eq!(whole("12"), Some(12));
    assert_eq!(whole("+5"), Some(5));
    assert_eq!(whole("-3"), Some(-3));
    assert_eq!(whole("−۳"), Some(-3));
    for bad in ["", "-", "1.5", "ten", "1 000", "9999999999999"] {
        assert_eq!(whole(bad), None, "{bad}");
    }
}
