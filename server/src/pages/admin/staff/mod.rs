//! /admin/staff: the staff members, their weekly hours, date overrides
//! and time off.

use actix_web::web;

pub fn routes(_cfg: &mut web::ServiceConfig) {}
