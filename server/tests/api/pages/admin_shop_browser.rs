//! The shop's back office in a real Chromium: a staff member adds a
//! category, a product in it and the product's variant through the forms
//! alone (the pages have no script). Ignored in ordinary runs, the shop's
//! pages at phone and desktop widths in English, Arabic and Persian, as
//! PNGs in SCREENSHOTS_DIR (.screenshots/), to look at.

use diesel::{Connection, PgConnection};
use fantoccini::Locator;
use identity::Role;

use super::admin_shop::{api, id_in, place, shop_member, shop_office, upload};
use super::browser::{site_url, Browser};
use crate::support::*;

async fn sign_in(b: &Browser, app: &TestApp, host: &str, email: &str) {
    b.goto(&site_url(app, host, "/admin/login")).await;
    b.fill("#email", email).await;
    b.fill("#password", PASSWORD).await;
    b.click("form.stack button[type=submit]").await;
    b.expect_path("/admin/calendar").await;
}

/// Waits (up to 10 s) for the browser to be on `<prefix><id>`, after a
/// form's post redirected there; the id.
async fn page_under(b: &Browser, prefix: &str) -> String {
    for _ in 0..100 {
        let path = b.path().await;
        if let Some(id) = path.strip_prefix(prefix) {
            if uuid::Uuid::parse_str(id).is_ok() {
                return id.to_string();
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the browser never reached {prefix}<id>: {}", b.path().await);
}

#[tokio::test]
async fn staff_add_a_product_with_a_variant_through_the_forms() {
    let app = spawn_app().await;
    let (tenant, email) = shop_member(Role::Staff, "pro");
    let Some(b) = Browser::start(1280).await else {
        return;
    };
    let url = |path: &str| site_url(&app, &tenant.host, path);
    sign_in(&b, &app, &tenant.host, &email).await;

    // The shop from the back office's menu: its orders first.
    b.click(".admin-nav a[href='/admin/shop']").await;
    b.expect_path("/admin/shop/orders").await;

    b.goto(&url("/admin/shop/categories")).await;
    b.fill("#new-name", "Mugs").await;
    b.click("#add-category").await;
    let category = page_under(&b, "/admin/shop/categories/").await;

    // A new product: its category first, then the form.
    b.goto(&url("/admin/shop/products")).await;
    b.click("#add-product").await;
    b.expect_path("/admin/shop/products/new").await;
    b.client
        .find(Locator::Css("#category"))
        .await
        .unwrap()
        .select_by_value(&category)
        .await
        .unwrap();
    b.click("#choose-category button[type=submit]").await;
    b.expect_attr("#category_id", "name", "category_id").await;
    b.fill("#name", "Blue mug").await;
    b.fill("#price", "12.50").await;
    b.click("#save-product").await;
    let product = page_under(&b, "/admin/shop/products/").await;
    b.expect_attr("#new-sku", "name", "sku").await;

    // Its variant, with its stock.
    b.fill("#new-sku", "MUG-BLUE").await;
    b.fill("#new-stock", "7").await;
    b.click("#add-variant").await;
    b.expect_attr("#variant-list", "id", "variant-list").await;
    let rows = b.texts("#variant-list tbody tr").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(
        rows[0].contains("MUG-BLUE") && rows[0].contains('7'),
        "{rows:?}"
    );
    let stored = api(&app, &tenant, &format!("/api/v1/products/{product}")).await;
    assert_eq!(stored["variants"][0]["sku"], "MUG-BLUE");
    assert_eq!(stored["variants"][0]["stock"], 7);
    assert_eq!(stored["variants"][0]["unit_price_cents"], 1250);
    b.quit().await;
}

async fn shoot(b: &Browser, dir: &std::path::Path, name: &str, width: u32) {
    // Measured at a short window, so the last page's height does not stay.
    b.client.set_window_size(width, 600).await.unwrap();
    let height = b
        .client
        .execute("return document.documentElement.scrollHeight", vec![])
        .await
        .unwrap()
        .as_u64()
        .unwrap_or(900)
        .clamp(600, 5000) as u32
        + 120;
    b.client.set_window_size(width, height).await.unwrap();
    let png = b.client.screenshot().await.unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

#[tokio::test]
#[ignore = "writes PNGs; run with --ignored to look at the shop's pages"]
async fn screenshots_of_the_shop_pages() {
    let dir = std::path::PathBuf::from(
        std::env::var("SCREENSHOTS_DIR").unwrap_or_else(|_| ".screenshots".into()),
    );
    std::fs::create_dir_all(&dir).unwrap();
    let app = spawn_app().await;
    let (tenant, office) = shop_office(&app, Role::Admin, "pro").await;
    let placed = place(&tenant, Some("awaiting_upload"));
    upload(&app, &tenant, &placed).await;
    let post = |path: String, fields: Vec<(&'static str, String)>| {
        let office = &office;
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let (status, html, location) = office.post(&path, &fields).await;
            assert_eq!(status, 303, "{path}: {html}");
            location
        }
    };
    let at = post(
        "/admin/shop/categories".into(),
        vec![
            ("name", "Clothes".into()),
            ("name_fa", "پوشاک".into()),
            ("name_ar", "ملابس".into()),
        ],
    )
    .await;
    let clothes = id_in(&at);
    let at = post(
        "/admin/shop/categories".into(),
        vec![("name", "Shirts".into()), ("parent_id", clothes.clone())],
    )
    .await;
    let shirts = id_in(&at);
    for fields in [
        vec![
            ("code", "color"),
            ("name", "Colour"),
            ("name_fa", "رنگ"),
            ("name_ar", "اللون"),
            ("kind", "color"),
            ("variant", "true"),
            ("options", "Navy #1f2a44\nRed #c0392b"),
        ],
        vec![
            ("code", "material"),
            ("name", "Material"),
            ("name_fa", "جنس"),
            ("name_ar", "الخامة"),
            ("kind", "text"),
        ],
    ] {
        let fields = fields
            .into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect();
        post(
            format!("/admin/shop/categories/{clothes}/attributes"),
            fields,
        )
        .await;
    }
    let at = post(
        "/admin/shop/products".into(),
        vec![
            ("name", "Oxford shirt".into()),
            ("name_fa", "پیراهن آکسفورد".into()),
            ("name_ar", "قميص أكسفورد".into()),
            ("category_id", shirts.clone()),
            ("price", "39.90".into()),
            ("currency", "EUR".into()),
            ("attr-material", "Cotton".into()),
            ("active", "true".into()),
        ],
    )
    .await;
    let product = id_in(&at);
    for (sku, color, stock) in [("OX-NAVY", "Navy", "12"), ("OX-RED", "Red", "0")] {
        post(
            format!("/admin/shop/products/{product}/variants"),
            vec![
                ("sku", sku.into()),
                ("attr-color", color.into()),
                ("stock", stock.into()),
                ("active", "true".into()),
            ],
        )
        .await;
    }
    post(
        "/admin/shop/coupons".into(),
        vec![
            ("code", "SUMMER10".into()),
            ("kind", "percent".into()),
            ("value", "10".into()),
            ("usage_limit", "100".into()),
            ("active", "true".into()),
        ],
    )
    .await;
    let coupon = api(&app, &tenant, "/api/v1/coupons").await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let admin = unique_email("shots");
    super::back_office::member(
        &mut PgConnection::establish(&database_url()).unwrap(),
        &tenant,
        &admin,
        Role::Admin,
    );
    let pages = [
        ("orders", "/admin/shop/orders".to_string()),
        ("order", format!("/admin/shop/orders/{}", placed.order_id)),
        ("products", "/admin/shop/products?show=all".to_string()),
        ("product", format!("/admin/shop/products/{product}")),
        ("categories", "/admin/shop/categories".to_string()),
        ("category", format!("/admin/shop/categories/{clothes}")),
        ("coupons", "/admin/shop/coupons".to_string()),
        ("coupon", format!("/admin/shop/coupons/{coupon}")),
        ("prescriptions", "/admin/shop/prescriptions".to_string()),
        ("payments", "/admin/shop/payments".to_string()),
    ];
    for width in [360u32, 1280] {
        let Some(b) = Browser::start(width).await else {
            return;
        };
        sign_in(&b, &app, &tenant.host, &admin).await;
        for lang in ["en", "ar", "fa"] {
            for (name, path) in &pages {
                let sep = if path.contains('?') { '&' } else { '?' };
                b.goto(&site_url(
                    &app,
                    &tenant.host,
                    &format!("{path}{sep}lang={lang}"),
                ))
                .await;
                shoot(&b, &dir, &format!("shop-{name}-{lang}-{width}"), width).await;
            }
        }
        b.quit().await;
    }
}
