//! Products and their variants through the back office's forms, over
//! plain HTTP: made in two steps with every refused field marked at once,
//! variants with their attribute values and stock, and the plan's products
//! limit refused with a message. What the forms made is what the JSON API
//! shows.

use diesel::prelude::*;
use identity::Role;
use serde_json::Value;

use super::admin_shop::{api, id_in, in_tenant, marked, notice, plain, shop_office};
use crate::support::*;

#[tokio::test]
async fn a_product_and_its_variants_are_made_and_changed_through_the_forms() {
    let app = spawn_app().await;
    let (tenant, office) = shop_office(&app, Role::Staff, "pro").await;
    let (_, _, location) = office
        .post("/admin/shop/categories", &[("name", "Shirts")])
        .await;
    let shirts = id_in(&location);
    let attrs = format!("/admin/shop/categories/{shirts}/attributes");
    for fields in [
        vec![
            ("code", "material"),
            ("name", "Material"),
            ("kind", "text"),
            ("required", "true"),
        ],
        vec![
            ("code", "size"),
            ("name", "Size"),
            ("kind", "size"),
            ("variant", "true"),
            ("required", "true"),
            ("options", "S\nM\nL"),
        ],
    ] {
        let (status, html, _) = office.post(&attrs, &fields).await;
        assert_eq!(status, 303, "{html}");
    }

    // The category first, then the form with its product attributes.
    let (status, html, _) = office.get("/admin/shop/products/new").await;
    assert_eq!(status, 200, "{html}");
    assert!(plain(&html).contains("id=\"choose-category\""), "{html}");
    assert!(
        plain(&html).contains(&format!("value=\"{shirts}\"")),
        "{html}"
    );
    let (status, html, _) = office
        .get(&format!("/admin/shop/products/new?category={shirts}"))
        .await;
    assert_eq!(status, 200, "{html}");
    assert!(plain(&html).contains("name=\"attr-material\""), "{html}");
    assert!(!plain(&html).contains("name=\"attr-size\""), "{html}");

    // Every refused field marked at once: the price the page cannot read,
    // an image that is not https, the missing required material, a French
    // description without its name.
    let (status, html, _) = office
        .post(
            "/admin/shop/products",
            &[
                ("name", "Oxford shirt"),
                ("category_id", &shirts),
                ("price", "12,345"),
                ("currency", "EUR"),
                (
                    "images",
                    "https://img.example.com/a.jpg\nhttp://img.example.com/b.jpg",
                ),
                ("description_fr", "Une chemise."),
                ("attr-material", ""),
                ("active", "true"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{html}");
    for id in ["price-error", "images-error", "name_fr-error"] {
        assert!(marked(&html, id), "{id}: {html}");
    }
    assert!(plain(&html).contains("Check line 2"), "{html}");
    // What was typed stays in the form.
    assert!(plain(&html).contains("value=\"12,345\""), "{html}");
    assert!(plain(&html).contains("Une chemise."), "{html}");
    assert!(
        api(&app, &tenant, "/api/v1/products?include_inactive=true").await["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // The catalog's own check of the attributes, once the rest reads.
    let form = |material: &'static str| {
        vec![
            ("name", "Oxford shirt"),
            ("category_id", shirts.as_str()),
            ("price", "39.90"),
            ("currency", "EUR"),
            ("images", "https://img.example.com/a.jpg"),
            ("name_fr", "Chemise Oxford"),
            ("attr-material", material),
            ("active", "true"),
            ("featured", "true"),
        ]
    };
    let (status, html, _) = office.post("/admin/shop/products", &form("")).await;
    assert_eq!(status, 422, "{html}");
    assert!(marked(&html, "attr-material-error"), "{html}");
    let (status, html, location) = office.post("/admin/shop/products", &form("Cotton")).await;
    assert_eq!(status, 303, "{html}");
    assert!(location.ends_with("?created=1"), "{location}");
    let product = id_in(&location);
    let path = format!("/admin/shop/products/{product}");
    let stored = api(
        &app,
        &tenant,
        &format!("/api/v1/products/{product}?include_inactive=true"),
    )
    .await;
    assert_eq!(stored["base_price_cents"], 3990);
    assert_eq!(stored["attributes"]["material"], "Cotton");
    assert_eq!(stored["translations"]["fr"]["name"], "Chemise Oxford");
    assert_eq!(stored["featured"], true);
    assert_eq!(stored["images"][0], "https://img.example.com/a.jpg");

    // Its page: the form as stored, the variants' form with a select of sizes.
    let (status, html, _) = office.get(&format!("{path}?created=1")).await;
    assert_eq!(status, 200, "{html}");
    assert!(plain(&html).contains("value=\"39.90\""), "{html}");
    assert!(plain(&html).contains("id=\"no-variants\""), "{html}");
    assert!(
        plain(&html).contains("<select id=\"new-attr-size\" name=\"attr-size\""),
        "{html}"
    );
    assert!(
        plain(&html).contains("<img class=\"thumb\" src=\"https://img.example.com/a.jpg\""),
        "{html}"
    );

    // A variant: a bad SKU and an unreadable stock, marked together.
    let variants = format!("{path}/variants");
    let (status, html, _) = office
        .post(
            &variants,
            &[("sku", "-bad sku"), ("stock", "many"), ("attr-size", "M")],
        )
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(marked(&html, "new-sku-error"), "{html}");
    assert!(marked(&html, "new-stock-error"), "{html}");
    let (status, html, location) = office
        .post(
            &variants,
            &[
                ("sku", "OX-M"),
                ("price", ""),
                ("stock", "5"),
                ("attr-size", "M"),
                ("active", "true"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    assert!(location.contains("variant=1"), "{location}");
    // A second one with the same SKU: beside the SKU; the same size: said.
    let (status, html, _) = office
        .post(
            &variants,
            &[("sku", "OX-M"), ("stock", "1"), ("attr-size", "L")],
        )
        .await;
    assert_eq!(status, 409, "{html}");
    assert!(marked(&html, "new-sku-error"), "{html}");
    let (status, html, _) = office
        .post(
            &variants,
            &[("sku", "OX-M2"), ("stock", "1"), ("attr-size", "M")],
        )
        .await;
    assert_eq!(status, 409, "{html}");
    assert!(notice(&html).contains("exactly these values"), "{html}");
    let (status, _, _) = office
        .post(
            &variants,
            &[
                ("sku", "OX-L"),
                ("price", "42"),
                ("stock", "0"),
                ("attr-size", "L"),
                ("active", "true"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let stored = api(
        &app,
        &tenant,
        &format!("/api/v1/products/{product}?include_inactive=true"),
    )
    .await;
    let all = stored["variants"].as_array().unwrap();
    assert_eq!(all.len(), 2);
    let m = all.iter().find(|v| v["sku"] == "OX-M").unwrap();
    assert_eq!(m["attributes"]["size"], "M");
    assert_eq!(m["price_cents"], Value::Null);
    assert_eq!(m["stock"], 5);
    let l = all.iter().find(|v| v["sku"] == "OX-L").unwrap();
    assert_eq!(l["price_cents"], 4200);
    let m_id = m["id"].as_str().unwrap().to_string();

    // Stock: a delivery of 12, then a count that takes 20 away (refused,
    // beside that row, nothing changed), then 3 away.
    let stock = format!("{variants}/{m_id}/stock");
    let (status, _, location) = office.post(&stock, &[("delta", "12")]).await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("{path}?stock=1#variants").as_str())
    );
    let (status, html, _) = office.post(&stock, &[("delta", "-20")]).await;
    assert_eq!(status, 409, "{html}");
    assert!(notice(&html).contains("Only 17 are in stock"), "{html}");
    assert!(marked(&html, &format!("delta-{m_id}-error")), "{html}");
    let (status, html, _) = office.post(&stock, &[("delta", "0")]).await;
    assert_eq!(status, 422, "{html}");
    let (status, _, _) = office.post(&stock, &[("delta", "-3")]).await;
    assert_eq!(status, 303);
    let stock_of = || {
        in_tenant(&tenant, |conn| {
            stores::schema::variants::table
                .filter(stores::schema::variants::sku.eq("OX-M"))
                .select(stores::schema::variants::stock)
                .first::<i32>(conn)
        })
    };
    assert_eq!(stock_of(), 14);
    let (_, html, _) = office.get(&path).await;
    assert!(
        plain(&html).contains(&format!("id=\"stock-{m_id}\" data-label=\"Stock\">14</td>")),
        "{html}"
    );

    // The variant's own page: a price of its own, off sale.
    let one = format!("{variants}/{m_id}");
    let (status, html, _) = office.get(&one).await;
    assert_eq!(status, 200, "{html}");
    assert!(plain(&html).contains("value=\"OX-M\""), "{html}");
    let (status, html, _) = office
        .post(
            &one,
            &[("sku", "OX-M"), ("price", "35.5"), ("attr-size", "M")],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    let stored = api(
        &app,
        &tenant,
        &format!("/api/v1/products/{product}?include_inactive=true"),
    )
    .await;
    let m = stored["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["sku"] == "OX-M")
        .unwrap()
        .clone();
    assert_eq!(m["price_cents"], 3550);
    assert_eq!(m["active"], false);
    assert_eq!(m["stock"], 14);

    // The product changed: every field of the form; off sale.
    let (status, html, _) = office
        .post(
            &path,
            &[
                ("name", "Oxford shirt"),
                ("category_id", &shirts),
                ("price", "29"),
                ("currency", "EUR"),
                ("attr-material", "Linen"),
                ("name_fr", ""),
            ],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    let stored = api(
        &app,
        &tenant,
        &format!("/api/v1/products/{product}?include_inactive=true"),
    )
    .await;
    assert_eq!(stored["base_price_cents"], 2900);
    assert_eq!(stored["active"], false);
    assert_eq!(stored["attributes"]["material"], "Linen");
    assert_eq!(stored["translations"].get("fr"), None);
    assert_eq!(stored["images"].as_array().unwrap().len(), 0);

    // The list: off sale ones only when asked; search and category.
    let (_, html, _) = office.get("/admin/shop/products").await;
    assert!(plain(&html).contains("id=\"no-products\""), "{html}");
    let (_, html, _) = office.get("/admin/shop/products?show=all").await;
    assert!(plain(&html).contains(&format!("href=\"{path}\"")), "{html}");
    let (_, html, _) = office
        .get(&format!(
            "/admin/shop/products?show=all&q=oxford&category={shirts}"
        ))
        .await;
    assert!(plain(&html).contains(&format!("href=\"{path}\"")), "{html}");
    let (status, html, _) = office.get("/admin/shop/products?category=nope").await;
    assert_eq!(status, 400, "{html}");
    assert!(plain(&html).contains("id=\"notice\""), "{html}");

    // Deleting a variant, then the product (the box ticked).
    let (status, _, _) = office
        .post(&format!("{one}/delete"), &[("confirm", "true")])
        .await;
    assert_eq!(status, 303);
    let (status, html, _) = office.post(&format!("{path}/delete"), &[]).await;
    assert_eq!(status, 422, "{html}");
    assert!(marked(&html, "confirm-error"), "{html}");
    let (status, _, location) = office
        .post(&format!("{path}/delete"), &[("confirm", "true")])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/shop/products?deleted=1")
    );
    assert_eq!(office.get(&path).await.0, 404);
}

#[tokio::test]
async fn the_plans_products_limit_is_a_message_on_the_form() {
    let app = spawn_app().await;
    let (tenant, office) = shop_office(&app, Role::Staff, "basic").await;
    let (_, _, location) = office
        .post("/admin/shop/categories", &[("name", "Things")])
        .await;
    let things = id_in(&location);
    // The basic plan allows 100 products.
    in_tenant(&tenant, |conn| {
        diesel::sql_query(format!(
            "INSERT INTO products (id, category_id, name, base_price_cents, currency) \
             SELECT gen_random_uuid(), '{things}', 'P' || n, 100, 'EUR' FROM generate_series(1, 100) n"
        ))
        .execute(conn)
    });
    let (status, html, _) = office
        .post(
            "/admin/shop/products",
            &[
                ("name", "One too many"),
                ("category_id", &things),
                ("price", "1"),
                ("currency", "EUR"),
            ],
        )
        .await;
    assert_eq!(status, 403, "{html}");
    let said = notice(&html);
    assert!(
        said.contains("allows 100 products and 100 are in the shop"),
        "{said}"
    );
    // The form is still there, as typed.
    assert!(plain(&html).contains("value=\"One too many\""), "{html}");
    let (_, html, _) = office
        .post(
            "/admin/shop/products?lang=fa",
            &[
                ("name", "One too many"),
                ("category_id", &things),
                ("price", "1"),
                ("currency", "EUR"),
            ],
        )
        .await;
    assert!(notice(&html).contains("۱۰۰"), "{html}");
}
