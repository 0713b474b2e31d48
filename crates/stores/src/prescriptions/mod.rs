//! Prescriptions (pharmacies): an order with a line that needs one waits
//! for the buyer to upload it (a PDF or an image, its kind read from its
//! content, its size bounded, the file kept under the tenant's storage),
//! and for staff to approve it before it can ship. A rejected prescription
//! cancels the order, which gives its stock back.
//!
//! The file is written before the row that names it (and removed again if
//! that transaction fails), so a row never names a missing file.

mod error;
mod model;
mod repo;
mod review;
mod upload;

pub use error::PrescriptionError;
pub use model::{Decision, PrescriptionView, ReviewBody, ReviewStatus};
pub use repo::{find_file, list, storage_bytes};
pub use review::review;
pub use upload::{attach, store_file, AREA};
