//! The back office's menu. It shows a section only to the roles that
//! may use it; the pages check the role again (a hidden link is not a
//! permission).

use identity::Role;

use crate::pages::layer::Page;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Calendar,
    Services,
    Staff,
    Customers,
    Settings,
    Branding,
    Webhooks,
    Billing,
    Shop,
    Patients,
}

/// Each section: its page, its message, and whether it is for owners
/// and admins only.
const SECTIONS: [(Section, &str, &str, bool); 10] = [
    (
        Section::Calendar,
        "/admin/calendar",
        "admin-nav-calendar",
        false,
    ),
    (
        Section::Services,
        "/admin/services",
        "admin-nav-services",
        false,
    ),
    (Section::Staff, "/admin/staff", "admin-nav-staff", false),
    (
        Section::Customers,
        "/admin/customers",
        "admin-nav-customers",
        false,
    ),
    (
        Section::Settings,
        "/admin/settings",
        "admin-nav-settings",
        true,
    ),
    (
        Section::Branding,
        "/admin/branding",
        "admin-nav-branding",
        true,
    ),
    (
        Section::Webhooks,
        "/admin/webhooks",
        "admin-nav-webhooks",
        true,
    ),
    (
        Section::Billing,
        "/admin/billing",
        "admin-billing-nav",
        true,
    ),
    (Section::Shop, "/admin/shop", "admin-shop-nav", false),
    (Section::Patients, "/admin/patients", "clinic-nav", false),
];

pub struct NavLink {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

/// The menu for the signed-in member, with `current` marked.
pub fn links(p: &Page, current: Section) -> Vec<NavLink> {
    let role = p.staff().map_or(Role::Staff, |h| h.role);
    SECTIONS
        .iter()
        .filter(|(_, _, _, admin_only)| !admin_only || role.is_admin())
        .map(|(section, href, key, _)| NavLink {
            href,
            label: p.t(key),
            current: *section == current,
        })
        .collect()
}
