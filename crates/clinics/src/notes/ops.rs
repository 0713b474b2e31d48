//! The operations on notes, each inside the caller's tenant transaction.

use customers::cursor::Cursor;
use diesel::prelude::*;
use uuid::Uuid;

use super::error::NoteError;
use super::model::{
    AmendmentBody, CreateBody, NewAmendment, Note, NoteContent, NotePage, NoteView, PatchBody,
};
use super::repo::{self, Author, MAX_PAGE};

/// Page size when the client names none.
pub const DEFAULT_PAGE: i64 = 20;

/// A patient's notes, newest first, each with its amendments; `cursor`
/// from a previous page's `next_cursor`.
pub fn list(
    conn: &mut PgConnection,
    patient_id: Uuid,
    cursor: Option<&str>,
    limit: Option<i64>,
) -> Result<NotePage, NoteError> {
    let limit = limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(NoteError::InvalidLimit);
    }
    let after = match cursor.filter(|c| !c.is_empty()) {
        Some(raw) => {
            let c = Cursor::decode(raw).map_err(|_| NoteError::InvalidCursor)?;
            Some((c.created_at, c.id))
        }
        None => None,
    };
    if repo::patient_archived(conn, patient_id)?.is_none() {
        return Err(NoteError::PatientNotFound);
    }
    paged(conn, patient_id, after, limit)
}

/// One page of the notes of a patient the caller has already found.
fn paged(
    conn: &mut PgConnection,
    patient_id: Uuid,
    after: Option<(chrono::DateTime<chrono::Utc>, Uuid)>,
    limit: i64,
) -> Result<NotePage, NoteError> {
    let mut notes = repo::page(conn, patient_id, after, limit)?;
    let next_cursor = trim_page(&mut notes, limit, |note| note);
    Ok(NotePage {
        items: repo::with_amendments(conn, notes)?,
        next_cursor,
    })
}

/// Cuts `rows` (read one past the page) to `limit` and answers the cursor
/// to the rest: None when nothing is past the page.
pub(crate) fn trim_page<T>(
    rows: &mut Vec<T>,
    limit: i64,
    note: impl Fn(&T) -> &Note,
) -> Option<String> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    if rows.len() <= limit {
        return None;
    }
    rows.truncate(limit);
    rows.last().map(|last| {
        let last = note(last);
        Cursor {
            created_at: last.created_at,
            id: last.id,
        }
        .encode()
    })
}

/// A new, unsigned note on the patient, written by `author_id`.
pub fn create(
    conn: &mut PgConnection,
    patient_id: Uuid,
    author_id: Uuid,
    body: &CreateBody,
) -> Result<NoteView, NoteError> {
    create_with_id(conn, Uuid::new_v4(), patient_id, author_id, body)
}

/// Like [`create`], with the id chosen by the caller: an offline client
/// names what it wrote before the server has seen it.
pub fn create_with_id(
    conn: &mut PgConnection,
    id: Uuid,
    patient_id: Uuid,
    author_id: Uuid,
    body: &CreateBody,
) -> Result<NoteView, NoteError> {
    let content = NoteContent::parse(body)?;
    match repo::patient_archived(conn, patient_id)? {
        None => return Err(NoteError::PatientNotFound),
        Some(true) => return Err(NoteError::PatientArchived),
        Some(false) => {}
    }
    let author = Author::load(conn, author_id)?;
    let note = repo::insert(conn, id, patient_id, &author, &content)?;
    Ok(NoteView {
        signed: false,
        amendments: Vec::new(),
        note,
    })
}

/// The note with its amendments.
pub fn read(conn: &mut PgConnection, id: Uuid) -> Result<NoteView, NoteError> {
    repo::find(conn, id)
}

/// Changes an unsigned note; a signed one is `Signed` (409).
pub fn update(conn: &mut PgConnection, id: Uuid, patch: &PatchBody) -> Result<NoteView, NoteError> {
    // Locked, so a signature landing at the same moment is either before
    // (and this is refused) or after (and signs what this wrote).
    let note = repo::lock(conn, id)?;
    if note.signed_at.is_some() {
        return Err(NoteError::Signed);
    }
    let content = NoteContent::patched(&note, patch)?;
    let note = repo::rewrite(conn, id, &content)?;
    let mut views = repo::with_amendments(conn, vec![note])?;
    views.pop().ok_or(NoteError::NotFound)
}

/// Signs the note as `signer`: from now on it never changes. Signing a
/// signed note is `Signed` (409): the first signature stands.
pub fn sign(conn: &mut PgConnection, id: Uuid, signer: Uuid) -> Result<NoteView, NoteError> {
    match repo::sign(conn, id, signer)? {
        Some(note) => {
            let mut views = repo::with_amendments(conn, vec![note])?;
            views.pop().ok_or(NoteError::NotFound)
        }
        None => {
            repo::patient_of(conn, id)?;
            Err(NoteError::Signed)
        }
    }
}

/// Adds a correction to a signed note; answers the note with all its
/// amendments.
pub fn amend(
    conn: &mut PgConnection,
    id: Uuid,
    author_id: Uuid,
    body: &AmendmentBody,
) -> Result<NoteView, NoteError> {
    let amendment = NewAmendment::parse(body)?;
    let note = repo::lock(conn, id)?;
    if note.signed_at.is_none() {
        return Err(NoteError::NotSigned);
    }
    let author = Author::load(conn, author_id)?;
    repo::add_amendment(conn, id, &author, &amendment)?;
    repo::find(conn, id)
}
