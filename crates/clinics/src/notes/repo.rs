//! Note queries, in the tenant's transaction (unqualified table names: the
//! search_path picks the tenant's schema).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use super::error::NoteError;
use super::model::{Amendment, NewAmendment, Note, NoteContent, NoteView};
use super::schema::{clinical_note_amendments, clinical_notes};
use crate::schema::patients;

/// The most notes one page holds.
pub const MAX_PAGE: i64 = 100;

/// Who writes or signs: a staff member's user id and their name now.
#[derive(Debug, Clone)]
pub struct Author {
    pub id: Uuid,
    pub name: Option<String>,
}

impl Author {
    /// The user, with the name their platform account has now (kept on
    /// what they write, so the record reads well after they leave).
    pub fn load(conn: &mut PgConnection, id: Uuid) -> QueryResult<Author> {
        use kernel::schema::public::users;
        let name = users::table
            .find(id)
            .select(users::name)
            .first::<String>(conn)
            .optional()?;
        Ok(Author { id, name })
    }
}

/// Whether the patient exists and is not archived: Ok(None) when there is
/// no such patient.
pub(crate) fn patient_archived(
    conn: &mut PgConnection,
    patient_id: Uuid,
) -> QueryResult<Option<bool>> {
    patients::table
        .find(patient_id)
        .select(patients::archived_at.is_not_null())
        .first(conn)
        .optional()
}

/// The patient a note is on.
pub fn patient_of(conn: &mut PgConnection, note_id: Uuid) -> Result<Uuid, NoteError> {
    clinical_notes::table
        .find(note_id)
        .select(clinical_notes::patient_id)
        .first(conn)
        .optional()?
        .ok_or(NoteError::NotFound)
}

pub(crate) fn insert(
    conn: &mut PgConnection,
    id: Uuid,
    patient_id: Uuid,
    author: &Author,
    content: &NoteContent,
) -> QueryResult<Note> {
    diesel::insert_into(clinical_notes::table)
        .values((
            clinical_notes::id.eq(id),
            clinical_notes::patient_id.eq(patient_id),
            clinical_notes::author_id.eq(author.id),
            clinical_notes::author_name.eq(author.name.as_deref()),
            content,
        ))
        .returning(Note::as_returning())
        .get_result(conn)
}

pub(crate) fn lock(conn: &mut PgConnection, id: Uuid) -> Result<Note, NoteError> {
    clinical_notes::table
        .find(id)
        .select(Note::as_select())
        .for_update()
        .first(conn)
        .optional()?
        .ok_or(NoteError::NotFound)
}

/// Writes new content on an unsigned note. The filter on `signed_at`
/// keeps a signed note out even if a caller forgot to look (and the
/// table's trigger would refuse it anyway).
pub(crate) fn rewrite(
    conn: &mut PgConnection,
    id: Uuid,
    content: &NoteContent,
) -> Result<Note, NoteError> {
    diesel::update(
        clinical_notes::table
            .find(id)
            .filter(clinical_notes::signed_at.is_null()),
    )
    .set((
        content,
        clinical_notes::version.eq(clinical_notes::version + 1),
        clinical_notes::updated_at.eq(diesel::dsl::now),
    ))
    .returning(Note::as_returning())
    .get_result(conn)
    .optional()?
    .ok_or(NoteError::Signed)
}

/// Signs an unsigned note; None when it was signed already.
pub(crate) fn sign(conn: &mut PgConnection, id: Uuid, by: Uuid) -> QueryResult<Option<Note>> {
    diesel::update(
        clinical_notes::table
            .find(id)
            .filter(clinical_notes::signed_at.is_null()),
    )
    .set((
        clinical_notes::signed_at.eq(diesel::dsl::now),
        clinical_notes::signed_by.eq(by),
        clinical_notes::version.eq(clinical_notes::version + 1),
        clinical_notes::updated_at.eq(diesel::dsl::now),
    ))
    .returning(Note::as_returning())
    .get_result(conn)
    .optional()
}

pub(crate) fn add_amendment(
    conn: &mut PgConnection,
    note_id: Uuid,
    author: &Author,
    amendment: &NewAmendment,
) -> QueryResult<Amendment> {
    diesel::insert_into(clinical_note_amendments::table)
        .values((
            clinical_note_amendments::id.eq(Uuid::new_v4()),
            clinical_note_amendments::note_id.eq(note_id),
            clinical_note_amendments::text.eq(&amendment.text),
            clinical_note_amendments::reason.eq(amendment.reason.as_deref()),
            clinical_note_amendments::author_id.eq(author.id),
            clinical_note_amendments::author_name.eq(author.name.as_deref()),
        ))
        .returning(Amendment::as_returning())
        .get_result(conn)
}

/// The notes with their amendments (oldest first), in the notes' order.
pub(crate) fn with_amendments(
    conn: &mut PgConnection,
    notes: Vec<Note>,
) -> QueryResult<Vec<NoteView>> {
    let ids: Vec<Uuid> = notes.iter().map(|n| n.id).collect();
    let mut amendments: Vec<Amendment> = if ids.is_empty() {
        Vec::new()
    } else {
        clinical_note_amendments::table
            .filter(clinical_note_amendments::note_id.eq_any(&ids))
            .select(Amendment::as_select())
            .order((
                clinical_note_amendments::created_at,
                clinical_note_amendments::id,
            ))
            .load(conn)?
    };
    Ok(notes
        .into_iter()
        .map(|note| {
            let (mine, rest) = amendments.drain(..).partition(|a| a.note_id == note.id);
            amendments = rest;
            NoteView {
                signed: note.signed_at.is_some(),
                amendments: mine,
                note,
            }
        })
        .collect())
}

pub(crate) fn find(conn: &mut PgConnection, id: Uuid) -> Result<NoteView, NoteError> {
    let note = clinical_notes::table
        .find(id)
        .select(Note::as_select())
        .first(conn)
        .optional()?
        .ok_or(NoteError::NotFound)?;
    let mut views = with_amendments(conn, vec![note])?;
    views.pop().ok_or(NoteError::NotFound)
}

/// Up to `limit + 1` notes of the patient, newest first, strictly after
/// the cursor's (created_at, id).
pub(crate) fn page(
    conn: &mut PgConnection,
    patient_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<Note>> {
    let mut query = clinical_notes::table
        .filter(clinical_notes::patient_id.eq(patient_id))
        .select(Note::as_select())
        .order((clinical_notes::created_at.desc(), clinical_notes::id.desc()))
        .limit(limit + 1)
        .into_boxed();
    if let Some((at, id)) = after {
        // The first condition alone is an index range; the second settles ties.
        query = query.filter(
            clinical_notes::created_at.le(at).and(
                clinical_notes::created_at
                    .lt(at)
                    .or(clinical_notes::id.lt(id)),
            ),
        );
    }
    query.load(conn)
}
