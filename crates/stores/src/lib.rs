//! Stores: a shop on a tenant's site. A category tree with attributes,
//! products with variants and stock, public catalog reads, carts for guests
//! and customers, coupons, a checkout that never oversells, orders with
//! their history, mails and webhook events, and payments through a
//! provider.
//!
//! Like bookings, each public module is one part of the capability: its
//! request bodies, the checked values they become, the views it answers
//! with and its operations, which run inside the caller's tenant
//! transaction and return typed results or the part's own error enum,
//! mapped to `kernel::AppError` in one `From` impl.

pub mod schema;

pub mod carts;
pub mod catalog;
pub mod checkout;
pub mod coupons;
pub mod customer_records;
pub mod orders;
pub mod payments;
pub mod prescriptions;
pub mod tracking;
