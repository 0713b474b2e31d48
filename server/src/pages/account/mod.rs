//! Customer accounts on a tenant's site: register (by mailed link), sign
//! in, reset the password, the account page with the customer's bookings,
//! sign out. Every operation is identity's or customers' (the JSON API's),
//! with their rate limits; a refusal is a message beside a field or above
//! the form, never problem+json.

mod exercises;
pub mod forms;
mod home;
mod register;
mod reset;
pub mod signin;

use actix_web::web;

pub use forms::{Message, MessagePage};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/account", web::get().to(home::show))
        .route(
            "/account/bookings/{id}/cancel",
            web::post().to(home::cancel),
        )
        .route("/account/register", web::get().to(register::form))
        .route("/account/register", web::post().to(register::submit))
        .route("/account/confirm", web::get().to(register::confirm_page))
        .route("/account/confirm", web::post().to(register::confirm))
        .route("/account/login", web::get().to(signin::customer_form))
        .route("/account/login", web::post().to(signin::customer_submit))
        .route("/account/logout", web::post().to(signin::logout))
        .route("/account/reset", web::get().to(reset::request_form))
        .route("/account/reset", web::post().to(reset::request))
        .route("/reset-password", web::get().to(reset::password_form))
        .route("/reset-password", web::post().to(reset::set_password));
}
