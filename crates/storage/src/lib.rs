//! Files tenants' people upload (a shop's prescriptions, a clinic's
//! documents): what a file really is, read from its bytes, and where it is
//! kept, behind `FileStore` so another store (an S3-compatible one) can
//! take the local disk's place. Every key names its tenant, so one
//! tenant's files sit apart from another's.

mod kind;
mod local;
mod store;

pub use kind::{FileKind, Upload, UploadError};
pub use local::LocalDisk;
pub use store::{FileStore, StorageKey};
