use super::*;

#[test]
fn prices_are_read_as_visitors_type_them() {
    assert_eq!(cents("12"), Some(1200));
    assert_eq!(cents("12.5"), Some(1250));
    assert_eq!(cents("12,05"), Some(1205));
    assert_eq!(cents(" 0.99 "), Some(99));
    assert_eq!(cents("۱۲٫۵"), Some(1250));
    assert_eq!(cents("١٢"), Some(1200));
    assert_eq!(cents(".5"), Some(50));
}

#[test]
fn junk_prices_are_none() {
    for raw in [
        "",
        "abc",
        "1.234",
        "1.2.3",
        "-5",
        "1e3",
        "99999999999999999999",
    ] {
        assert_eq!(cents(raw), None, "{raw}");
    }
}

#[test]
fn the_query_keeps_what_the_form_sends() {
    let asked = Asked::parse("q=mug&sort=price_asc&min=5&in_stock=1&attr=color%3Ared&attr=color%3Ared&attr=size%3AM&lang=fa&other=x");
    assert_eq!(asked.q, "mug");
    assert_eq!(asked.sort, "price_asc");
    assert_eq!(asked.min, "5");
    assert!(asked.in_stock);
    assert_eq!(asked.attrs, vec!["color:red", "size:M"]);
    assert!(asked.has_attr("size:M"));
    assert!(asked.filters());
}

#[test]
fn the_next_page_keeps_the_filters() {
    let asked = Asked::parse("sort=popular&attr=color%3Ared&cursor=old");
    let href = asked.href("/shop", "next");
    assert_eq!(href, "/shop?sort=popular&attr=color%3Ared&cursor=next");
}

#[test]
fn a_request_carries_prices_in_cents_and_refuses_junk() {
    let asked = Asked::parse("min=1.5&max=20");
    let request = asked.request(None, None).unwrap();
    assert_eq!(request.filter.min_price, Some(150));
    assert_eq!(request.filter.max_price, Some(2000));
    assert!(request.facets);
    assert!(Asked::parse("min=lots").request(None, None).is_err());
    assert!(Asked::parse("cursor=junk").request(None, None).is_err());
    assert!(Asked::parse("sort=sideways").request(None, None).is_err());
}
