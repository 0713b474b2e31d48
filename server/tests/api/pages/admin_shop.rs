//! The back office's shop pages over plain HTTP: every page renders for
//! the site's team and is refused to customers (403) and to nobody (the
//! sign-in page); the payment settings are for owners and admins only;
//! Arabic and Persian pages are right to left with their own digits.
//! What the other shop page tests share: a signed-in member, an order
//! written as checkout leaves it, and reading a page's parts.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use diesel::PgConnection;
use identity::Role;
use kernel::values::SchemaName;
use reqwest::multipart::{Form, Part};
use serde_json::{json, Value};
use stores::schema::{
    categories, order_counter, order_events, order_lines, orders, products, variants,
};
use uuid::Uuid;

use super::back_office::{get, member, Office};
use super::sessions::page_login;
use crate::support::*;

/// A tenant on `plan` with a member of `role`, and the member's email
/// (the password is the tests' own).
pub fn shop_member(role: Role, plan: &str) -> (TestTenant, String) {
    migrate_public();
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let slug = random_slug("shop");
    let (tenant, _) = provision_on_plan(
        &mut conn,
        slug.clone(),
        format!("o@{slug}.example.com"),
        plan,
    );
    let email = unique_email("member");
    member(&mut conn, &tenant, &email, role);
    (tenant, email)
}

/// A tenant on `plan` with a signed-in member of `role`.
pub async fn shop_office<'a>(app: &'a TestApp, role: Role, plan: &str) -> (TestTenant, Office<'a>) {
    let (tenant, email) = shop_member(role, plan);
    let office = Office::sign_in(app, &tenant.host, &email).await;
    (tenant, office)
}

/// Runs `f` on the tenant's schema, committed.
pub fn in_tenant<T>(tenant: &TestTenant, f: impl FnOnce(&mut PgConnection) -> QueryResult<T>) -> T {
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    let schema = SchemaName::parse(&tenant.schema).unwrap();
    kernel::db::with_tenant(&mut conn, &schema, f).unwrap()
}

/// An order as checkout leaves it: two mugs at 12.50 EUR, waiting for
/// payment, with its tracking token.
pub struct Placed {
    pub order_id: Uuid,
    pub number: i64,
    pub token: String,
    pub email: String,
}

pub fn place(tenant: &TestTenant, prescription: Option<&str>) -> Placed {
    let token = format!("trk_{}", Uuid::new_v4().simple());
    let tag = Uuid::new_v4().simple().to_string();
    let email = unique_email("buyer");
    in_tenant(tenant, |conn| {
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
                products::base_price_cents.eq(1250),
                products::currency.eq("EUR"),
                products::requires_prescription.eq(prescription.is_some()),
            ))
            .execute(conn)?;
        let variant_id = Uuid::new_v4();
        let sku = format!("MUG-{}", &tag[..12]);
        diesel::insert_into(variants::table)
            .values((
                variants::id.eq(variant_id),
                variants::product_id.eq(product_id),
                variants::sku.eq(&sku),
                variants::stock.eq(3),
            ))
            .execute(conn)?;
        let number: i64 = diesel::update(order_counter::table)
            .set(order_counter::last_number.eq(order_counter::last_number + 1))
            .returning(order_counter::last_number)
            .get_result(conn)?;
        let order_id = Uuid::new_v4();
        diesel::insert_into(orders::table)
            .values((
                orders::id.eq(order_id),
                orders::number.eq(number),
                orders::status.eq("pending_payment"),
                orders::email.eq(&email),
                orders::name.eq("Ann Buyer"),
                orders::shipping_address.eq(json!({
                    "line1": "1 Rue de la Paix", "postal_code": "75002", "city": "Paris", "country": "FR"
                })),
                orders::currency.eq("EUR"),
                orders::subtotal_cents.eq(2500),
                orders::discount_cents.eq(0),
                orders::total_cents.eq(2500),
                orders::payment_provider.eq("manual"),
                orders::tracking_token_hash.eq(stores::orders::access::token_hash(&token).to_vec()),
                orders::prescription_status.eq(prescription),
                orders::expires_at.eq(Utc::now() + Duration::hours(1)),
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
                order_lines::attributes.eq(json!({})),
                order_lines::unit_price_cents.eq(1250),
                order_lines::quantity.eq(2),
                order_lines::line_total_cents.eq(2500),
                order_lines::requires_prescription.eq(prescription.is_some()),
            ))
            .execute(conn)?;
        diesel::insert_into(order_events::table)
            .values((
                order_events::order_id.eq(order_id),
                order_events::to_status.eq("pending_payment"),
                order_events::actor.eq("customer"),
            ))
            .execute(conn)?;
        Ok(Placed {
            order_id,
            number,
            token: token.clone(),
            email: email.clone(),
        })
    })
}

pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82";

/// The buyer uploads a prescription for the order with its token; its id.
pub async fn upload(app: &TestApp, tenant: &TestTenant, placed: &Placed) -> String {
    let part = Part::bytes(PNG.to_vec())
        .file_name("scan.png")
        .mime_str("image/png")
        .unwrap();
    let res = app
        .post(
            &tenant.host,
            &format!("/api/v1/orders/{}/prescriptions", placed.order_id),
        )
        .header("X-Order-Token", &placed.token)
        .multipart(Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(res).await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().unwrap().to_string()
}

/// The order's status as stored.
pub fn status_of(tenant: &TestTenant, order: Uuid) -> String {
    in_tenant(tenant, |conn| {
        orders::table.find(order).select(orders::status).first(conn)
    })
}

/// A staff token's JSON API read.
pub async fn api(app: &TestApp, tenant: &TestTenant, path: &str) -> Value {
    let token = app.member_token(tenant, Role::Staff);
    let res = app
        .get(&tenant.host, path)
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(res).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

/// Whether the page shows the message `error_id` beside its field: the
/// message, and a field described by it.
pub fn marked(html: &str, error_id: &str) -> bool {
    let message = format!("<p class=\"field-error\" id=\"{error_id}\">");
    let described = html.split("aria-describedby=\"").skip(1).any(|rest| {
        let value = rest.split('"').next().unwrap();
        value.split_whitespace().any(|id| id == error_id)
    });
    html.contains(&message) && described
}

/// The page without the marks Fluent isolates each argument with, so a
/// test reads "Order #5" as a person does.
pub fn plain(html: &str) -> String {
    html.replace(['\u{2068}', '\u{2069}'], "")
}

/// The text of the notice above a form.
pub fn notice(html: &str) -> String {
    let html = plain(html);
    let at = html.find("id=\"notice\">").expect("a notice") + "id=\"notice\">".len();
    html[at..].split("</p>").next().unwrap().to_string()
}

/// The id in a `/…/{id}` location (before any query).
pub fn id_in(location: &str) -> String {
    location
        .split('?')
        .next()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn every_shop_page_is_the_teams_and_refused_to_others() {
    let app = spawn_app().await;
    let (tenant, office) = shop_office(&app, Role::Staff, "pro").await;
    let host = tenant.host.clone();
    let placed = place(&tenant, Some("pending_review"));

    // Something on each page to open.
    let (status, html, location) = office
        .post(
            "/admin/shop/categories",
            &[("name", "Mugs"), ("position", "1")],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    let category = id_in(&location);
    let (status, html, location) = office
        .post(
            "/admin/shop/products",
            &[
                ("name", "Tea cup"),
                ("category_id", &category),
                ("price", "9.90"),
                ("currency", "EUR"),
                ("active", "true"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    let product = id_in(&location);
    let (status, html, _) = office
        .post(
            &format!("/admin/shop/products/{product}/variants"),
            &[("sku", "CUP-1"), ("stock", "4"), ("active", "true")],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    let variant = api(
        &app,
        &tenant,
        &format!("/api/v1/products/{product}?include_inactive=true"),
    )
    .await["variants"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, html, _) = office
        .post(
            &format!("/admin/shop/categories/{category}/attributes"),
            &[
                ("code", "size"),
                ("name", "Size"),
                ("kind", "size"),
                ("variant", "true"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    let (status, html, _) = office
        .post(
            "/admin/shop/coupons",
            &[
                ("code", "TEN"),
                ("kind", "percent"),
                ("value", "10"),
                ("active", "true"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    let coupon = api(&app, &tenant, "/api/v1/coupons").await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    let pages = [
        "/admin/shop/orders".to_string(),
        format!("/admin/shop/orders/{}", placed.order_id),
        "/admin/shop/products".to_string(),
        "/admin/shop/products/new".to_string(),
        format!("/admin/shop/products/new?category={category}"),
        format!("/admin/shop/products/{product}"),
        format!("/admin/shop/products/{product}/variants/{variant}"),
        "/admin/shop/categories".to_string(),
        format!("/admin/shop/categories/{category}"),
        format!("/admin/shop/categories/{category}/attributes/size"),
        "/admin/shop/coupons".to_string(),
        "/admin/shop/coupons/new".to_string(),
        format!("/admin/shop/coupons/{coupon}"),
        "/admin/shop/prescriptions".to_string(),
    ];
    for path in &pages {
        let (status, html, _) = office.get(path).await;
        assert_eq!(status, 200, "{path}: {html}");
        // The shop is in the back office's menu, and its own menu is there.
        assert!(plain(&html).contains("href=\"/admin/shop\""), "{path}");
        assert!(plain(&html).contains("class=\"shop-tabs\""), "{path}");
        // A staff member is not offered the payment settings.
        assert!(
            !plain(&html).contains("href=\"/admin/shop/payments\""),
            "{path}"
        );
    }
    let (status, _, location) = office.get("/admin/shop").await;
    assert_eq!((status, location.as_str()), (303, "/admin/shop/orders"));

    // The payment settings: owners and admins only.
    assert_eq!(office.get("/admin/shop/payments").await.0, 403);
    let admin = unique_email("admin");
    member(
        &mut PgConnection::establish(&database_url()).unwrap(),
        &tenant,
        &admin,
        Role::Admin,
    );
    let admin = Office::sign_in(&app, &host, &admin).await;
    let (status, html, _) = admin.get("/admin/shop/payments").await;
    assert_eq!(status, 200, "{html}");
    assert!(
        plain(&html).contains("href=\"/admin/shop/payments\""),
        "{html}"
    );

    // A page that names nothing is the 404 page.
    for path in [
        "/admin/shop/orders/not-an-id".to_string(),
        format!("/admin/shop/orders/{}", Uuid::new_v4()),
        format!("/admin/shop/products/{}", Uuid::new_v4()),
        format!("/admin/shop/products/{product}/variants/{}", Uuid::new_v4()),
        format!("/admin/shop/categories/{category}/attributes/nope"),
        format!("/admin/shop/coupons/{}", Uuid::new_v4()),
    ] {
        assert_eq!(office.get(&path).await.0, 404, "{path}");
    }

    // Nobody: the sign-in page. A customer: the 403 page, nothing shown.
    let mut all = pages.to_vec();
    all.push("/admin/shop/payments".into());
    all.push(format!(
        "/admin/shop/orders/{}/invoice.pdf",
        placed.order_id
    ));
    for path in &all {
        let (status, _, location) = get(&app, &host, path, "").await;
        assert_eq!((status, location.as_str()), (303, "/admin/login"), "{path}");
    }
    let customer = unique_email("cust");
    customer_account(&app, &tenant, &customer).await;
    let cookies = page_login(&app, &host, &customer, PASSWORD).await;
    for path in &all {
        let (status, html, _) = get(&app, &host, path, &cookies).await;
        assert_eq!(status, 403, "{path}: {html}");
        assert!(
            !plain(&html).contains("Ann Buyer") && !plain(&html).contains("Tea cup"),
            "{path}"
        );
    }

    // Forms without their CSRF token change nothing.
    for (path, fields) in [
        (
            "/admin/shop/categories".to_string(),
            vec![("name", "Sneaky")],
        ),
        (
            format!("/admin/shop/products/{product}/delete"),
            vec![("confirm", "true")],
        ),
        (
            format!("/admin/shop/orders/{}/status", placed.order_id),
            vec![("status", "cancelled")],
        ),
        (
            format!("/admin/shop/coupons/{coupon}/delete"),
            vec![("confirm", "true")],
        ),
    ] {
        let (status, html, _) = office.post_exactly(&path, &fields).await;
        assert_eq!(status, 403, "{path}: {html}");
    }
    assert_eq!(status_of(&tenant, placed.order_id), "pending_payment");
    assert_eq!(
        office
            .get(&format!("/admin/shop/products/{product}"))
            .await
            .0,
        200
    );
}

#[tokio::test]
async fn arabic_and_persian_pages_read_right_to_left_with_their_digits() {
    let app = spawn_app().await;
    let (tenant, office) = shop_office(&app, Role::Admin, "pro").await;
    let placed = place(&tenant, None);
    let order = format!("/admin/shop/orders/{}", placed.order_id);

    let (status, html, _) = office.get(&format!("{order}?lang=ar")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        plain(&html).contains("<html lang=\"ar\" dir=\"rtl\">"),
        "{html}"
    );
    assert!(plain(&html).contains("المتجر"), "{html}");
    // 25.00 EUR and the order's number in Arabic-Indic digits.
    assert!(plain(&html).contains("٢٥٫٠٠"), "{html}");
    let number: String = placed
        .number
        .to_string()
        .chars()
        .map(|c| char::from_u32(0x0660 + c.to_digit(10).unwrap()).unwrap())
        .collect();
    assert!(plain(&html).contains(&number), "{html}");

    let (status, html, _) = office.get(&format!("{order}?lang=fa")).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        plain(&html).contains("<html lang=\"fa\" dir=\"rtl\">"),
        "{html}"
    );
    assert!(plain(&html).contains("فروشگاه"), "{html}");
    assert!(plain(&html).contains("۲۵٫۰۰"), "{html}");
    // Codes and addresses stay left to right inside the page.
    assert!(
        plain(&html).contains(&format!("dir=\"ltr\">{}</a>", placed.email)),
        "{html}"
    );

    for path in [
        "/admin/shop/orders",
        "/admin/shop/products",
        "/admin/shop/categories",
        "/admin/shop/coupons",
        "/admin/shop/coupons/new",
        "/admin/shop/prescriptions",
        "/admin/shop/payments",
    ] {
        for lang in ["ar", "fa"] {
            let (status, html, _) = office.get(&format!("{path}?lang={lang}")).await;
            assert_eq!(status, 200, "{path} {lang}: {html}");
            assert!(plain(&html).contains("dir=\"rtl\""), "{path} {lang}");
        }
    }
    // French writes its decimal comma.
    let (_, html, _) = office.get(&format!("{order}?lang=fr")).await;
    assert!(plain(&html).contains("25,00"), "{html}");
}

#[tokio::test]
async fn a_read_only_site_shows_its_shop_without_writes() {
    let app = spawn_app().await;
    let (tenant, office) = shop_office(&app, Role::Admin, "pro").await;
    let placed = place(&tenant, None);
    let page = format!("/admin/shop/orders/{}", placed.order_id);
    // Past due beyond the grace period, as a failed payment leaves it.
    let mut conn = PgConnection::establish(&database_url()).unwrap();
    diesel::sql_query(
        "UPDATE subscriptions SET status = 'past_due', \
         past_due_since = now() - interval '30 days' WHERE tenant_id = $1",
    )
    .bind::<diesel::sql_types::Uuid, _>(tenant.id)
    .execute(&mut conn)
    .unwrap();
    // The registry drops its cache on the subscription's NOTIFY.
    let mut html = String::new();
    for _ in 0..100 {
        html = office.get(&page).await.1;
        if html.contains("id=\"read-only\"") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(html.contains("id=\"read-only\""), "{html}");
    // Its buttons are off, and a post is refused anyway, nothing changed.
    assert!(
        html.contains("value=\"paid\" data-status=\"paid\" disabled"),
        "{html}"
    );
    for path in [
        "/admin/shop/categories",
        "/admin/shop/coupons/new",
        "/admin/shop/payments",
    ] {
        let (status, html, _) = office.get(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(html.contains("id=\"read-only\""), "{path}");
        assert!(html.contains(" disabled>"), "{path}");
    }
    let (status, _, _) = office
        .post(&format!("{page}/status"), &[("status", "paid")])
        .await;
    assert_eq!(status, 402);
    assert_eq!(status_of(&tenant, placed.order_id), "pending_payment");
}
