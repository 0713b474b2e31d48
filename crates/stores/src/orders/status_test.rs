use super::*;
use OrderStatus::*;

#[test]
fn the_table_allows_exactly_the_documented_moves() {
    let allowed = [
        (PendingPayment, Paid),
        (PendingPayment, Cancelled),
        (Paid, Processing),
        (Paid, Cancelled),
        (Paid, Refunded),
        (Processing, Shipped),
        (Processing, Cancelled),
        (Processing, Refunded),
        (Shipped, Delivered),
        (Shipped, Refunded),
        (Delivered, Refunded),
    ];
    for from in OrderStatus::ALL {
        for to in OrderStatus::ALL {
            assert_eq!(
                from.can_become(*to),
                allowed.contains(&(*from, *to)),
                "{from} -> {to}"
            );
        }
    }
}

#[test]
fn every_status_is_in_the_table_once() {
    for status in OrderStatus::ALL {
        assert_eq!(
            TRANSITIONS.iter().filter(|(s, _)| s == status).count(),
            1,
            "{status}"
        );
    }
}

#[test]
fn no_status_becomes_itself_and_only_cancelled_and_refunded_are_final() {
    for status in OrderStatus::ALL {
        assert!(!status.can_become(*status), "{status}");
        assert_eq!(
            status.is_final(),
            matches!(status, Cancelled | Refunded),
            "{status}"
        );
    }
}

#[test]
fn stock_comes_back_only_when_an_order_ends_unfulfilled() {
    let back: Vec<_> = OrderStatus::ALL
        .iter()
        .filter(|s| s.gives_stock_back())
        .collect();
    assert_eq!(back, [&Cancelled, &Refunded]);
}

#[test]
fn messages_name_the_allowed_statuses() {
    assert_eq!(allowed_list(PendingPayment), "paid, cancelled");
    assert_eq!(allowed_list(Refunded), "none (refunded is final)");
}

#[test]
fn statuses_read_as_stored() {
    assert_eq!(OrderStatus::parse("pending_payment"), Some(PendingPayment));
    assert_eq!(OrderStatus::parse("PAID"), None);
    assert_eq!(Actor::parse("provider"), Some(Actor::Provider));
}
