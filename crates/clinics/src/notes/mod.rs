//! Clinical notes: staff write a note after a visit (a visit type, the SOAP
//! fields and free text), edit it while it is unsigned, and sign it. A
//! signed note never changes again: the code refuses it (409) and so does
//! the database (a trigger on the table). A correction is an amendment
//! that points to the signed note; amendments are final rows too, so the
//! history stays whole and reads back with the note.

mod error;
mod model;
mod ops;
mod repo;
pub mod schema;

pub use error::NoteError;
pub use model::{
    Amendment, AmendmentBody, CreateBody, Note, NotePage, NoteView, PatchBody, VisitType,
    MAX_REASON_CHARS, MAX_TEXT_CHARS,
};
pub(crate) use ops::trim_page;
pub use ops::{amend, create, create_with_id, list, read, sign, update, DEFAULT_PAGE};
pub use repo::{patient_of, MAX_PAGE};
