//! The names plans speak in: what a plan can cap (limits), what it can
//! include (features), how often it bills, and where a subscription stands.

kernel::text_enum! {
    /// A number a plan can cap; a limit absent from the plan is unlimited.
    pub enum Limit {
        Staff => "staff",
        Services => "services",
        Customers => "customers",
        Patients => "patients",
        Products => "products",
        StorageMb => "storage_mb",
    }
}

kernel::text_enum! {
    /// Something a plan includes or not.
    pub enum Feature {
        Documents => "documents",
        Sms => "sms",
        CustomDomain => "custom_domain",
        Webhooks => "webhooks",
        OnlinePayments => "online_payments",
        Reports => "reports",
    }
}

kernel::text_enum! {
    /// How often a plan bills.
    pub enum Interval {
        Month => "month",
        Year => "year",
    }
}

kernel::text_enum! {
    /// Where a tenant stands with its plan.
    pub enum SubscriptionStatus {
        Trialing => "trialing",
        Active => "active",
        PastDue => "past_due",
        Canceled => "canceled",
    }
}

impl Limit {
    /// How a person reads the limit in a message.
    pub fn noun(self) -> &'static str {
        match self {
            Limit::Staff => "staff members",
            Limit::Services => "services",
            Limit::Customers => "customers",
            Limit::Patients => "patients",
            Limit::Products => "products",
            Limit::StorageMb => "MB of stored files",
        }
    }
}

impl Interval {
    /// The period that starts at `from`.
    pub fn after(self, from: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
        let months = match self {
            Interval::Month => 1,
            Interval::Year => 12,
        };
        from.checked_add_months(chrono::Months::new(months))
            .unwrap_or(from + chrono::Duration::days(30 * i64::from(months)))
    }
}
