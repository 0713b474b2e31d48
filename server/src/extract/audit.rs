//! Who is reaching a patient's record, for the clinic's access audit: the
//! signed-in user (staff, or the patient as a customer), the client's
//! address and the request's id. The same who exports or erases a
//! customer's data (the clinic's part of it is audited too).

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use clinics::audit::Accessor;
use identity::AuthUser;
use std::future::Future;
use std::pin::Pin;

use super::auth::SignedIn;
use super::site::ClientAddr;
use crate::problem::ApiError;
use crate::telemetry::RequestId;

/// The accessor of a request, with the signed-in user's role: any role is
/// let through here; routes check the role they need themselves.
#[derive(Debug, Clone)]
pub struct Audited {
    pub who: Accessor,
    pub user: identity::AuthUser,
}

impl FromRequest for Audited {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = SignedIn::from_request(req, payload);
        let addr = ClientAddr::from_request(req, payload).into_inner();
        let req = req.clone();
        Box::pin(async move {
            let SignedIn(user) = user.await?;
            let who = accessor(&user, &addr?, &req);
            Ok(Audited { who, user })
        })
    }
}

/// Who acts in a request whose user is already known (a route that checks
/// its role with `AdminUser`, a page): the user, the client's address and
/// the request's id, as `Audited` fills them.
pub fn accessor(user: &AuthUser, addr: &ClientAddr, req: &HttpRequest) -> Accessor {
    Accessor {
        id: user.user_id,
        role: user.role.as_str().to_string(),
        ip: addr.0.map(|ip| ip.to_string()),
        request_id: req.extensions().get::<RequestId>().map(|r| r.0.clone()),
    }
}
