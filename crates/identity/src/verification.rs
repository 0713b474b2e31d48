//! The email verification mail: a fresh single-use token and its link,
//! queued in the caller's transaction (sign-up and "send it again").

use diesel::PgConnection;
use uuid::Uuid;

use notify::mail::{self, Mail};
use tenancy::Site;

use super::action_tokens::{self, Purpose};
use super::users::UserRow;

pub fn send_verification(
    conn: &mut PgConnection,
    site: &Site,
    user: &UserRow,
) -> diesel::QueryResult<()> {
    let tenant_id: Uuid = site.tenant.id;
    let token = action_tokens::create(conn, user.id, tenant_id, Purpose::EmailVerification)?;
    mail::enqueue(
        conn,
        tenant_id,
        &Mail::VerifyEmail {
            to: user.email.clone(),
            name: user.name.clone(),
            site_name: site.tenant.name.clone(),
            link: site.link("/verify-email", &token),
        },
    )?;
    Ok(())
}
