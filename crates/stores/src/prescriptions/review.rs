//! Staff approve or reject a prescription.

use diesel::prelude::*;
use kernel::input::optional_long_text;
use tenancy::Site;
use uuid::Uuid;

use super::error::PrescriptionError;
use super::model::{Decision, PrescriptionView, ReviewBody, ReviewStatus};
use crate::orders::{change_status, find_for_update, Actor, OrderStatus, StatusChange};
use crate::schema::{orders, prescriptions};

const MAX_NOTE_CHARS: usize = 1000;

/// Approving lets the order ship once all its prescriptions are decided;
/// rejecting cancels the order (stock back, the buyer mailed with the
/// reason). One transaction, the order's row locked first, as every order
/// change does.
pub fn review(
    conn: &mut PgConnection,
    site: &Site,
    staff_user: Uuid,
    id: Uuid,
    body: ReviewBody,
) -> Result<PrescriptionView, PrescriptionError> {
    let note = optional_long_text(body.note.as_deref(), MAX_NOTE_CHARS).map_err(|message| {
        PrescriptionError::Invalid {
            field: "note",
            message,
        }
    })?;
    let order_id: Uuid = prescriptions::table
        .find(id)
        .select(prescriptions::order_id)
        .first(conn)
        .optional()?
        .ok_or(PrescriptionError::NotFound)?;
    let order = find_for_update(conn, order_id)?.ok_or(PrescriptionError::NotFound)?;
    let status = match body.decision {
        Decision::Approve => ReviewStatus::Approved,
        Decision::Reject => ReviewStatus::Rejected,
    };
    let view: PrescriptionView = diesel::update(
        prescriptions::table
            .find(id)
            .filter(prescriptions::status.eq(ReviewStatus::PendingReview)),
    )
    .set((
        prescriptions::status.eq(status),
        prescriptions::reviewed_by.eq(staff_user),
        prescriptions::reviewed_at.eq(diesel::dsl::now),
        prescriptions::review_note.eq(note.as_deref()),
    ))
    .returning(PrescriptionView::as_returning())
    .get_result(conn)
    .optional()?
    .ok_or(PrescriptionError::AlreadyReviewed)?;
    match body.decision {
        Decision::Approve => {
            // Approved once no other upload of the order still waits.
            let waiting: i64 = prescriptions::table
                .filter(prescriptions::order_id.eq(order_id))
                .filter(prescriptions::status.eq(ReviewStatus::PendingReview))
                .count()
                .get_result(conn)?;
            if waiting == 0 {
                diesel::update(orders::table.find(order_id))
                    .set((
                        orders::prescription_status.eq("approved"),
                        orders::updated_at.eq(diesel::dsl::now),
                    ))
                    .execute(conn)?;
            }
        }
        Decision::Reject => {
            diesel::update(orders::table.find(order_id))
                .set(orders::prescription_status.eq("rejected"))
                .execute(conn)?;
            if order.status.can_become(OrderStatus::Cancelled) {
                let reason = match &note {
                    Some(note) => format!("prescription rejected: {note}"),
                    None => "prescription rejected".to_string(),
                };
                let mut change =
                    StatusChange::by(Actor::Staff, OrderStatus::Cancelled, Some(&reason));
                change.actor_user_id = Some(staff_user);
                change_status(conn, site, order_id, &change)?;
            }
        }
    }
    Ok(view)
}
