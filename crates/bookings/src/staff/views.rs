//! What each audience sees of a staff member. Contact details and the
//! platform account link are personal data the team needs (to reach each
//! other, to sign in); visitors and customers only choose who does what.

use serde::Serialize;
use uuid::Uuid;

use super::model::StaffMember;

/// Who is looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Visitors and customers.
    Public,
    /// The business's owner, admins and staff.
    Team,
}

/// A staff member as visitors and customers see them.
/// Closed to other fields in the API document, so a client can tell it
/// from the team's view.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicStaffMember {
    pub id: Uuid,
    pub name: String,
    pub active: bool,
    pub service_ids: Vec<Uuid>,
}

/// A staff member as an audience may see them: every field for the team,
/// the public ones for anyone else.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum StaffView {
    Team(StaffMember),
    Public(PublicStaffMember),
}

impl StaffMember {
    pub fn seen_by(self, audience: Audience) -> StaffView {
        match audience {
            Audience::Team => StaffView::Team(self),
            Audience::Public => StaffView::Public(PublicStaffMember {
                id: self.id,
                name: self.name,
                active: self.active,
                service_ids: self.service_ids,
            }),
        }
    }
}

#[cfg(test)]
#[path = "views_test.rs"]
mod tests;
