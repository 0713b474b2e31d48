//! /admin/settings, /admin/branding and /admin/webhooks: the site's
//! booking settings, its look, and where its events go (owner and admins).

use actix_web::web;

pub fn routes(_cfg: &mut web::ServiceConfig) {}
