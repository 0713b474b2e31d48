//! An order's statuses, who moves it, and the transitions allowed between
//! statuses: a pure table, so the rules are read (and tested) in one place.

kernel::text_enum! {
    /// Where an order is in its life (orders.status).
    pub enum OrderStatus {
        /// Placed; its stock is held until it is paid or expires.
        PendingPayment => "pending_payment",
        Paid => "paid",
        Processing => "processing",
        Shipped => "shipped",
        Delivered => "delivered",
        Cancelled => "cancelled",
        Refunded => "refunded",
    }
}

kernel::text_enum! {
    /// Who changed an order (order_events.actor).
    pub enum Actor {
        /// The buyer: a signed-in customer or the holder of the tracking token.
        Customer => "customer",
        /// A member of the site's team (with their user id).
        Staff => "staff",
        /// The platform itself: an unpaid order's expiry.
        System => "system",
        /// The payment provider, through its signed webhook.
        Provider => "provider",
    }
}

/// Every status with the ones it may become, in declaration order.
pub const TRANSITIONS: [(OrderStatus, &[OrderStatus]); 7] = [
    (
        OrderStatus::PendingPayment,
        &[OrderStatus::Paid, OrderStatus::Cancelled],
    ),
    (
        OrderStatus::Paid,
        &[
            OrderStatus::Processing,
            OrderStatus::Cancelled,
            OrderStatus::Refunded,
        ],
    ),
    (
        OrderStatus::Processing,
        &[
            OrderStatus::Shipped,
            OrderStatus::Cancelled,
            OrderStatus::Refunded,
        ],
    ),
    (
        OrderStatus::Shipped,
        &[OrderStatus::Delivered, OrderStatus::Refunded],
    ),
    (OrderStatus::Delivered, &[OrderStatus::Refunded]),
    (OrderStatus::Cancelled, &[]),
    (OrderStatus::Refunded, &[]),
];

impl OrderStatus {
    /// The statuses this one may become; none for a final one.
    pub fn next(self) -> &'static [OrderStatus] {
        TRANSITIONS
            .iter()
            .find(|(from, _)| *from == self)
            .map_or(&[], |(_, to)| *to)
    }

    pub fn can_become(self, to: OrderStatus) -> bool {
        self.next().contains(&to)
    }

    pub fn is_final(self) -> bool {
        self.next().is_empty()
    }

    /// An order that ends here puts its units back on the shelf: they were
    /// taken at checkout and stay taken through every other status (after
    /// a delivery, a refund means the goods came back).
    pub fn gives_stock_back(self) -> bool {
        matches!(self, OrderStatus::Cancelled | OrderStatus::Refunded)
    }
}

/// "paid, cancelled" or "none (cancelled is final)", for messages.
pub fn allowed_list(from: OrderStatus) -> String {
    let next: Vec<&str> = from.next().iter().map(|s| s.as_str()).collect();
    if next.is_empty() {
        format!("none ({from} is final)")
    } else {
        next.join(", ")
    }
}

#[cfg(test)]
#[path = "status_test.rs"]
mod tests;
