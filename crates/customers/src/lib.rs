//! A tenant's customers: the people a business serves. Staff list, search,
//! create, edit and soft-delete them, and can export or erase one person's
//! data on request.

pub mod accounts;
pub mod cursor;
pub mod error;
pub mod export;
pub mod links;
pub mod listing;
pub mod model;
pub mod phone_sign_in;
pub mod records;
pub mod repo;

pub use error::CustomerError;
pub use records::{Actor, CustomerData, Section};
