//! Orders as checkout leaves them, written straight into a tenant's schema:
//! a product and its variant with the bought units already taken from its
//! stock, an order (its number from the shop's counter) with its line, its
//! first history entry, optionally a coupon use and the expiry job. Returns
//! the ids and the plain tracking token.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use kernel::schema::tenant::{customer_accounts, customers};
use kernel::values::SchemaName;
use serde_json::json;
use stores::schema::{
    categories, coupon_redemptions, coupons, order_counter, order_events, order_lines, orders,
    products, variants,
};
use uuid::Uuid;

use crate::support::*;

/// What the order looks like.
pub struct Spec {
    pub email: String,
    pub customer_id: Option<Uuid>,
    /// Units bought (already taken from the variant's stock).
    pub quantity: i32,
    /// The variant's stock after checkout took them.
    pub stock_left: i32,
    pub unit_price_cents: i64,
    /// A 10 % coupon with this order's use counted.
    pub coupon: bool,
    pub prescription_status: Option<&'static str>,
    pub expires_at: DateTime<Utc>,
    pub provider: &'static str,
    /// Queue the expiry job, due at `expires_at`, as checkout does.
    pub schedule_expiry: bool,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            email: unique_email("buyer"),
            customer_id: None,
            quantity: 2,
            stock_left: 3,
            unit_price_cents: 1250,
            coupon: false,
            prescription_status: None,
            expires_at: Utc::now() + Duration::hours(1),
            provider: "manual",
            schedule_expiry: false,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Placed {
    pub order_id: Uuid,
    pub number: i64,
    pub token: String,
    pub email: String,
    pub product_id: Uuid,
    pub variant_id: Uuid,
    pub coupon_id: Option<Uuid>,
    pub total_cents: i64,
}

/// Runs `f` on the tenant's schema, committed.
pub fn in_tenant<T>(
    db_url: &str,
    tenant: &TestTenant,
    f: impl FnOnce(&mut PgConnection) -> QueryResult<T>,
) -> T {
    let mut conn = PgConnection::establish(db_url).unwrap();
    let schema = SchemaName::parse(&tenant.schema).unwrap();
    kernel::db::with_tenant(&mut conn, &schema, f).unwrap()
}

pub fn place(db_url: &str, tenant: &TestTenant, spec: &Spec) -> Placed {
    let token = format!("trk_{}", Uuid::new_v4().simple());
    let tag = Uuid::new_v4().simple().to_string();
    let placed = in_tenant(db_url, tenant, |conn| {
        let category_id = Uuid::new_v4();
        diesel::insert_into(categories::table)
            .values((
                categories::id.eq(category_id),
                categories::name.eq(format!("Mugs {tag}")),
                categories::path.eq(vec![category_id]),
            ))
            .execute(conn)?;
        let product_id = Uuid::new_v4();
        diesel::insert_into(products::table)
            .values((
                products::id.eq(product_id),
                products::category_id.eq(category_id),
                products::name.eq("Blue mug"),
                products::base_price_cents.eq(spec.unit_price_cents),
                products::currency.eq("EUR"),
                products::requires_prescription.eq(spec.prescription_status.is_some()),
            ))
            .execute(conn)?;
        let variant_id = Uuid::new_v4();
        let sku = format!("MUG-{}", &tag[..12]);
        diesel::insert_into(variants::table)
            .values((
                variants::id.eq(variant_id),
                variants::product_id.eq(product_id),
                variants::sku.eq(&sku),
                variants::stock.eq(spec.stock_left),
                variants::attributes.eq(json!({"color": "blue"})),
            ))
            .execute(conn)?;
        let subtotal = spec.unit_price_cents * i64::from(spec.quantity);
        let coupon_id = spec.coupon.then(Uuid::new_v4);
        let discount = if spec.coupon { subtotal / 10 } else { 0 };
        if let Some(id) = coupon_id {
            diesel::insert_into(coupons::table)
                .values((
                    coupons::id.eq(id),
                    coupons::code.eq(format!("TEN{}", &tag[..8]).to_uppercase()),
                    coupons::percent_off.eq(10),
                    coupons::used_count.eq(1),
                ))
                .execute(conn)?;
        }
        let number: i64 = diesel::update(order_counter::table)
            .set(order_counter::last_number.eq(order_counter::last_number + 1))
            .returning(order_counter::last_number)
            .get_result(conn)?;
        let order_id = Uuid::new_v4();
        diesel::insert_into(orders::table)
            .values((
                orders::id.eq(order_id),
                orders::number.eq(number),
                orders::customer_id.eq(spec.customer_id),
                orders::status.eq("pending_payment"),
                orders::email.eq(&spec.email),
                orders::name.eq("Ann Buyer"),
                orders::shipping_address.eq(json!({"line1": "1 Rue de la Paix", "city": "Paris"})),
                orders::currency.eq("EUR"),
                orders::subtotal_cents.eq(subtotal),
                orders::discount_cents.eq(discount),
                orders::total_cents.eq(subtotal - discount),
                orders::coupon_id.eq(coupon_id),
                orders::payment_provider.eq(spec.provider),
                orders::tracking_token_hash.eq(stores::orders::access::token_hash(&token).to_vec()),
                orders::prescription_status.eq(spec.prescription_status),
                orders::expires_at.eq(spec.expires_at),
            ))
            .execute(conn)?;
        diesel::insert_into(order_lines::table)
            .values((
                order_lines::id.eq(Uuid::new_v4()),
                order_lines::order_id.eq(order_id),
                order_lines::position.eq(1),
                order_lines::variant_id.eq(variant_id),
                order_lines::product_id.eq(product_id),
                order_lines::sku.eq(&sku),
                order_lines::name.eq("Blue mug"),
                order_lines::attributes.eq(json!({"color": "blue"})),
                order_lines::unit_price_cents.eq(spec.unit_price_cents),
                order_lines::quantity.eq(spec.quantity),
                order_lines::line_total_cents.eq(subtotal),
                order_lines::requires_prescription.eq(spec.prescription_status.is_some()),
            ))
            .execute(conn)?;
        if let Some(id) = coupon_id {
            diesel::insert_into(coupon_redemptions::table)
                .values((
                    coupon_redemptions::coupon_id.eq(id),
                    coupon_redemptions::order_id.eq(order_id),
                    coupon_redemptions::email.eq(&spec.email),
                ))
                .execute(conn)?;
        }
        diesel::insert_into(order_events::table)
            .values((
                order_events::order_id.eq(order_id),
                order_events::to_status.eq("pending_payment"),
                order_events::actor.eq("customer"),
            ))
            .execute(conn)?;
        if spec.schedule_expiry {
            stores::orders::expiry::schedule(conn, tenant.id, order_id, spec.expires_at)?;
        }
        Ok(Placed {
            order_id,
            number,
            token: token.clone(),
            email: spec.email.clone(),
            product_id,
            variant_id,
            coupon_id,
            total_cents: subtotal - discount,
        })
    });
    placed
}

/// A customer with an account on the tenant, and a token of theirs.
pub fn customer(app: &TestApp, tenant: &TestTenant) -> (Uuid, String) {
    let id = Uuid::new_v4();
    let email = unique_email("customer");
    in_tenant(&app.app_state.settings.database_url, tenant, |conn| {
        diesel::insert_into(customers::table)
            .values((
                customers::id.eq(id),
                customers::name.eq("Cleo Customer"),
                customers::email.eq(&email),
            ))
            .execute(conn)?;
        diesel::insert_into(customer_accounts::table)
            .values((
                customer_accounts::customer_id.eq(id),
                customer_accounts::email.eq(&email),
                customer_accounts::password_hash.eq("not-a-hash"),
            ))
            .execute(conn)
    });
    (id, app.token_as(tenant, id, identity::Role::Customer))
}

pub fn stock(db_url: &str, tenant: &TestTenant, variant_id: Uuid) -> i32 {
    in_tenant(db_url, tenant, |conn| {
        variants::table
            .find(variant_id)
            .select(variants::stock)
            .first(conn)
    })
}

pub fn sold(db_url: &str, tenant: &TestTenant, product_id: Uuid) -> i64 {
    in_tenant(db_url, tenant, |conn| {
        products::table
            .find(product_id)
            .select(products::sold_count)
            .first(conn)
    })
}

/// The coupon's uses, and whether this order still holds one.
pub fn coupon_use(db_url: &str, tenant: &TestTenant, placed: &Placed) -> (i32, bool) {
    let coupon_id = placed.coupon_id.unwrap();
    in_tenant(db_url, tenant, |conn| {
        let used = coupons::table
            .find(coupon_id)
            .select(coupons::used_count)
            .first(conn)?;
        let held = diesel::select(diesel::dsl::exists(
            coupon_redemptions::table.find(placed.order_id),
        ))
        .get_result(conn)?;
        Ok((used, held))
    })
}

pub fn status(db_url: &str, tenant: &TestTenant, order_id: Uuid) -> String {
    in_tenant(db_url, tenant, |conn| {
        orders::table
            .find(order_id)
            .select(orders::status)
            .first(conn)
    })
}

/// (from, to, actor) of every history entry, oldest first.
pub fn history(
    db_url: &str,
    tenant: &TestTenant,
    order_id: Uuid,
) -> Vec<(Option<String>, String, String)> {
    in_tenant(db_url, tenant, |conn| {
        order_events::table
            .filter(order_events::order_id.eq(order_id))
            .order(order_events::id)
            .select((
                order_events::from_status,
                order_events::to_status,
                order_events::actor,
            ))
            .load(conn)
    })
}
