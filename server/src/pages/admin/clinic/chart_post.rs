//! What every chart form's post checks before its operation, in one place
//! so that no form can skip a step or take them in another order: the
//! CSRF token first (a forged post learns nothing, not even whether the
//! id exists), then the role, then the record's id in the path. None of
//! these reaches a patient record, so none of them leaves an access row;
//! the operation that follows does, through the audited runner, naming
//! the `who` made here.

use actix_web::{web, HttpRequest};
use clinics::audit::Accessor;
use identity::AuthUser;
use uuid::Uuid;

use super::super::staff_or_answer;
use super::{accessor, id_of};
use crate::extract::ClientAddr;
use crate::pages::layer::{Form, Page, PageResult};

/// A chart form's post that passed every check.
pub struct ChartPost {
    pub form: Form,
    pub user: AuthUser,
    /// The record the path names: a patient, a note or an invoice.
    pub id: Uuid,
    /// Who the post's access row names.
    pub who: Accessor,
}

/// What opening a post comes to.
pub enum Opened {
    /// Go on with the operation.
    Go(ChartPost),
    /// The post ends here: the 403 page (bad token, a customer), the
    /// sign-in page (nobody signed in) or the 404 page (no id).
    Answer(PageResult),
}

impl ChartPost {
    /// Reads and checks the post; `missing` is the 404's code when the
    /// path's segment is no id.
    pub fn open(
        p: &Page,
        addr: &ClientAddr,
        req: &HttpRequest,
        raw_id: &str,
        body: &web::Bytes,
        missing: &'static str,
    ) -> Opened {
        let form = Form::parse(body);
        if let Err(forged) = p.check_csrf(form.csrf_token()) {
            return Opened::Answer(Err(forged));
        }
        let user = match staff_or_answer(p) {
            Ok(user) => user,
            Err(denied) => return Opened::Answer(denied.answer(p)),
        };
        let id = match id_of(p, raw_id, missing) {
            Ok(id) => id,
            Err(not_found) => return Opened::Answer(Err(not_found)),
        };
        let who = accessor(&user, addr, req);
        Opened::Go(ChartPost {
            form,
            user,
            id,
            who,
        })
    }
}
