//! Coupon queries for staff. Table names are unqualified: they run inside
//! a tenant transaction whose search_path picks the tenant's schema.

use diesel::dsl::{exists, now};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DbError};
use uuid::Uuid;

use super::error::CouponError;
use super::model::{in_order, Coupon, CouponChanges, Discount, NewCoupon};
use crate::checkout::fields::Fields;
use crate::schema::{coupon_redemptions, coupons};

/// The unique code is the one rule a client can break on insert.
fn map_write_error(e: DbError) -> CouponError {
    match &e {
        DbError::DatabaseError(DatabaseErrorKind::UniqueViolation, info)
            if info.constraint_name() == Some("coupons_code_key") =>
        {
            CouponError::CodeTaken
        }
        _ => CouponError::Database(e),
    }
}

pub fn create(conn: &mut PgConnection, new: &NewCoupon) -> Result<Coupon, CouponError> {
    let (percent_off, amount_off_cents) = match new.discount {
        Discount::Percent(p) => (Some(p), None),
        Discount::Amount(a) => (None, Some(a)),
    };
    diesel::insert_into(coupons::table)
        .values((
            coupons::id.eq(Uuid::new_v4()),
            coupons::code.eq(new.code.as_str()),
            coupons::percent_off.eq(percent_off),
            coupons::amount_off_cents.eq(amount_off_cents),
            coupons::min_subtotal_cents.eq(new.min_subtotal_cents),
            coupons::starts_at.eq(new.starts_at),
            coupons::ends_at.eq(new.ends_at),
            coupons::usage_limit.eq(new.usage_limit),
            coupons::per_customer_limit.eq(new.per_customer_limit),
            coupons::active.eq(new.active),
        ))
        .returning(Coupon::as_returning())
        .get_result(conn)
        .map_err(map_write_error)
}

/// Every coupon, newest first. A shop has tens of them, not thousands.
pub fn list(conn: &mut PgConnection) -> Result<Vec<Coupon>, CouponError> {
    Ok(coupons::table
        .order((coupons::created_at.desc(), coupons::id.desc()))
        .select(Coupon::as_select())
        .load(conn)?)
}

pub fn find(conn: &mut PgConnection, id: Uuid) -> Result<Coupon, CouponError> {
    coupons::table
        .find(id)
        .select(Coupon::as_select())
        .first(conn)
        .optional()?
        .ok_or(CouponError::NotFound)
}

fn lock(conn: &mut PgConnection, id: Uuid) -> Result<Coupon, CouponError> {
    coupons::table
        .find(id)
        .select(Coupon::as_select())
        .for_update()
        .first(conn)
        .optional()?
        .ok_or(CouponError::NotFound)
}

/// Applies the changes to the coupon as it is, under its row lock, so a
/// checkout counting a use at the same moment is seen: the usage limit
/// cannot drop below the uses made.
pub fn update(
    conn: &mut PgConnection,
    id: Uuid,
    changes: &CouponChanges,
) -> Result<Coupon, CouponError> {
    let mut c = lock(conn, id)?;
    if let Some(active) = changes.active {
        c.active = active;
    }
    if let Some(v) = changes.min_subtotal_cents {
        c.min_subtotal_cents = v;
    }
    if let Some(v) = changes.starts_at {
        c.starts_at = v;
    }
    if let Some(v) = changes.ends_at {
        c.ends_at = v;
    }
    if let Some(v) = changes.usage_limit {
        c.usage_limit = v;
    }
    if let Some(v) = changes.per_customer_limit {
        c.per_customer_limit = v;
    }
    let mut f = Fields::default();
    let dates_field = if changes.ends_at.is_some() {
        "ends_at"
    } else {
        "starts_at"
    };
    f.check(dates_field, in_order(c.starts_at, c.ends_at));
    if c.usage_limit.is_some_and(|l| l < c.used_count) {
        f.push(
            "usage_limit",
            format!("must be at least the {} uses already made", c.used_count),
        );
    }
    if !f.is_empty() {
        return Err(CouponError::Validation(f.into_vec()));
    }
    Ok(diesel::update(coupons::table.find(id))
        .set((
            coupons::active.eq(c.active),
            coupons::min_subtotal_cents.eq(c.min_subtotal_cents),
            coupons::starts_at.eq(c.starts_at),
            coupons::ends_at.eq(c.ends_at),
            coupons::usage_limit.eq(c.usage_limit),
            coupons::per_customer_limit.eq(c.per_customer_limit),
            coupons::updated_at.eq(now),
        ))
        .returning(Coupon::as_returning())
        .get_result(conn)?)
}

/// A coupon never used goes; one that orders used is switched off instead,
/// so those orders keep their coupon. True when it went.
pub fn delete(conn: &mut PgConnection, id: Uuid) -> Result<bool, CouponError> {
    let c = lock(conn, id)?;
    let redeemed: bool = diesel::select(exists(
        coupon_redemptions::table.filter(coupon_redemptions::coupon_id.eq(id)),
    ))
    .get_result(conn)?;
    if c.used_count == 0 && !redeemed {
        diesel::delete(coupons::table.find(id)).execute(conn)?;
        return Ok(true);
    }
    diesel::update(coupons::table.find(id))
        .set((coupons::active.eq(false), coupons::updated_at.eq(now)))
        .execute(conn)?;
    Ok(false)
}
