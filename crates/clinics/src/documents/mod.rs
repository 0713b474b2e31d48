//! Documents on a patient's record (plan feature `documents`): a PDF, PNG
//! or JPEG, its kind read from its content, its SHA-256 kept, the bytes in
//! the file store under `tenants/<tenant id>/documents/<id>`.
//!
//! The file is written before the row that names it and removed again when
//! that transaction fails, so a row never names a missing file. A delete
//! goes the other way: the row first, the file once the delete committed
//! (see [`remove`]).

mod error;
mod model;
mod repo;
pub mod schema;

pub use error::DocumentError;
pub use model::{download_name, DocumentTitle, DocumentView};
pub use repo::{
    attach, check_room, find, list, patient_of, remove, storage_bytes, store_file, StoredFile, AREA,
};
