//! The shop's own menu under the back office's: its parts, each for the
//! roles that may use it (the pages check the role again).

use identity::Role;

use crate::pages::layer::Page;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Orders,
    Products,
    Categories,
    Coupons,
    Prescriptions,
    Payments,
}

/// Each part: its page, its message, and whether it is for owners and
/// admins only.
const TABS: [(Tab, &str, &str, bool); 6] = [
    (
        Tab::Orders,
        "/admin/shop/orders",
        "admin-shop-tab-orders",
        false,
    ),
    (
        Tab::Products,
        "/admin/shop/products",
        "admin-shop-tab-products",
        false,
    ),
    (
        Tab::Categories,
        "/admin/shop/categories",
        "admin-shop-tab-categories",
        false,
    ),
    (
        Tab::Coupons,
        "/admin/shop/coupons",
        "admin-shop-tab-coupons",
        false,
    ),
    (
        Tab::Prescriptions,
        "/admin/shop/prescriptions",
        "admin-shop-tab-prescriptions",
        false,
    ),
    (
        Tab::Payments,
        "/admin/shop/payments",
        "admin-shop-tab-payments",
        true,
    ),
];

pub struct TabLink {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

/// The shop's menu for the signed-in member, with `current` marked.
pub fn links(p: &Page, current: Tab) -> Vec<TabLink> {
    let role = p.staff().map_or(Role::Staff, |h| h.role);
    TABS.iter()
        .filter(|(_, _, _, admin_only)| !admin_only || role.is_admin())
        .map(|(tab, href, key, _)| TabLink {
            href,
            label: p.t(key),
            current: *tab == current,
        })
        .collect()
}
