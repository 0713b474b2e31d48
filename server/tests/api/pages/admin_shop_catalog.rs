//! The shop's categories through the back office's forms, over plain
//! HTTP: a move into its own branch and the deletion of one in use refused
//! with a message, attributes with options and colours. What the forms
//! made is what the JSON API shows.

use identity::Role;
use serde_json::Value;

use super::admin_shop::{api, id_in, marked, notice, plain, shop_office};
use crate::support::*;

#[tokio::test]
async fn categories_and_attributes_are_made_moved_and_refused_through_the_forms() {
    let app = spawn_app().await;
    let (tenant, office) = shop_office(&app, Role::Staff, "pro").await;

    // A top category, translated, and one inside it.
    let (status, html, location) = office
        .post(
            "/admin/shop/categories",
            &[
                ("name", "Clothes"),
                ("name_fr", "Vêtements"),
                ("name_fa", "پوشاک"),
                ("position", "1"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    assert!(location.ends_with("?created=1"), "{location}");
    let clothes = id_in(&location);
    let (status, html, location) = office
        .post(
            "/admin/shop/categories",
            &[
                ("name", "Shirts"),
                ("parent_id", &clothes),
                ("position", ""),
            ],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    let shirts = id_in(&location);
    let tree = api(&app, &tenant, "/api/v1/categories?lang=fr").await;
    assert_eq!(tree["items"][0]["display_name"], "Vêtements");
    assert_eq!(tree["items"][0]["children"][0]["id"], shirts.as_str());

    // The tree nests Shirts under Clothes; French pages show French names.
    let (status, html, _) = office.get("/admin/shop/categories").await;
    assert_eq!(status, 200, "{html}");
    let outer = html.find(&format!("id=\"category-{clothes}\"")).unwrap();
    let inner = html.find(&format!("id=\"category-{shirts}\"")).unwrap();
    assert!(
        outer < inner && html[outer..inner].contains("<ul>"),
        "{html}"
    );
    let (_, html, _) = office.get("/admin/shop/categories?lang=fr").await;
    assert!(plain(&html).contains("Vêtements"), "{html}");

    // A blank name and a name a sibling has: beside the name.
    let (status, html, _) = office
        .post(
            "/admin/shop/categories",
            &[("name", " "), ("position", "x")],
        )
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(marked(&html, "new-name-error"), "{html}");
    assert!(marked(&html, "new-position-error"), "{html}");
    let (status, html, _) = office
        .post("/admin/shop/categories", &[("name", "clothes")])
        .await;
    assert_eq!(status, 409, "{html}");
    assert!(marked(&html, "new-name-error"), "{html}");

    // Moving Clothes inside Shirts (its own branch): refused, said so.
    let (status, html, _) = office
        .post(
            &format!("/admin/shop/categories/{clothes}"),
            &[
                ("name", "Clothes"),
                ("parent_id", &shirts),
                ("position", "1"),
            ],
        )
        .await;
    assert_eq!(status, 409, "{html}");
    assert!(notice(&html).contains("cannot go inside itself"), "{html}");
    assert!(marked(&html, "parent_id-error"), "{html}");
    let tree = api(&app, &tenant, "/api/v1/categories").await;
    assert_eq!(tree["items"][0]["id"], clothes.as_str());

    // A rename and a move to the top level go through.
    let (status, html, location) = office
        .post(
            &format!("/admin/shop/categories/{shirts}"),
            &[
                ("name", "Shirts and tops"),
                ("parent_id", ""),
                ("position", "2"),
            ],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (
            303,
            format!("/admin/shop/categories/{shirts}?saved=1").as_str()
        ),
        "{html}"
    );
    let one = api(&app, &tenant, &format!("/api/v1/categories/{shirts}")).await;
    assert_eq!(one["name"], "Shirts and tops");
    assert_eq!(one["parent_id"], Value::Null);
    // The French name survives a change made on an English page.
    let (status, _, _) = office
        .post(
            &format!("/admin/shop/categories/{clothes}"),
            &[
                ("name", "Clothing"),
                ("name_fr", "Vêtements"),
                ("parent_id", ""),
                ("position", "1"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let one = api(&app, &tenant, &format!("/api/v1/categories/{clothes}")).await;
    assert_eq!(one["translations"]["fr"], "Vêtements");
    assert_eq!(one["translations"].get("fa"), None);

    // Attributes: a colour variants differ by, with its options' hex.
    let attrs = format!("/admin/shop/categories/{clothes}/attributes");
    let (status, html, location) = office
        .post(
            &attrs,
            &[
                ("code", "color"),
                ("name", "Colour"),
                ("name_fr", "Couleur"),
                ("kind", "color"),
                ("variant", "true"),
                ("required", "true"),
                ("options", "Navy #1f2a44\r\nRed #C0392B\r\n"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    assert!(location.contains("attr_added=1"), "{location}");
    let list = api(
        &app,
        &tenant,
        &format!("/api/v1/categories/{clothes}/attributes"),
    )
    .await;
    let color = &list["items"][0];
    assert_eq!(color["code"], "color");
    assert_eq!(color["variant"], true);
    assert_eq!(color["options"][0]["value"], "Navy");
    assert_eq!(color["options"][1]["hex"], "#c0392b");

    // Every refused field at once: the code, a colour without its hex.
    let (status, html, _) = office
        .post(
            &attrs,
            &[
                ("code", "Bad Code"),
                ("name", ""),
                ("kind", "color"),
                ("options", "Green #00ff00\nBlue"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(marked(&html, "attr-new-code-error"), "{html}");
    assert!(marked(&html, "attr-new-name-error"), "{html}");
    assert!(marked(&html, "attr-new-options-error"), "{html}");
    assert!(plain(&html).contains("Check line 2"), "{html}");
    // The same code along the branch (Shirts is not under Clothes now,
    // so a material there and then on Clothes is fine; the colour is not).
    let (status, html, _) = office
        .post(
            &attrs,
            &[("code", "color"), ("name", "Again"), ("kind", "text")],
        )
        .await;
    assert_eq!(status, 409, "{html}");
    assert!(marked(&html, "attr-new-code-error"), "{html}");

    // The attribute's own page changes its name and options.
    let page = format!("{attrs}/color");
    let (status, html, _) = office.get(&page).await;
    assert_eq!(status, 200, "{html}");
    assert!(plain(&html).contains("Navy #1f2a44"), "{html}");
    let (status, html, _) = office
        .post(
            &page,
            &[
                ("name", "Color"),
                ("required", "true"),
                ("options", "Navy #1f2a44\nRed #c0392b\nWhite #ffffff"),
                ("position", "0"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    let list = api(
        &app,
        &tenant,
        &format!("/api/v1/categories/{clothes}/attributes"),
    )
    .await;
    assert_eq!(list["items"][0]["name"], "Color");
    assert_eq!(list["items"][0]["options"].as_array().unwrap().len(), 3);
    // Inherited attributes show on a subcategory, without a link to edit.
    let (_, _, location) = office
        .post(
            "/admin/shop/categories",
            &[("name", "Coats"), ("parent_id", &clothes)],
        )
        .await;
    let coats = id_in(&location);
    let (_, html, _) = office.get(&format!("/admin/shop/categories/{coats}")).await;
    assert!(plain(&html).contains("from Clothing"), "{html}");
    assert!(
        !plain(&html).contains(&format!("/admin/shop/categories/{coats}/attributes/color")),
        "{html}"
    );

    // Deleting a category in use: refused with what is in it.
    let (status, html, _) = office
        .post(
            &format!("/admin/shop/categories/{clothes}/delete"),
            &[("confirm", "true")],
        )
        .await;
    assert_eq!(status, 409, "{html}");
    assert!(
        notice(&html).contains("1 subcategories and 0 products"),
        "{html}"
    );
    // Without the box: nothing deleted either.
    let (status, html, _) = office
        .post(&format!("/admin/shop/categories/{coats}/delete"), &[])
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(marked(&html, "confirm-error"), "{html}");
    // An empty one goes.
    let (status, _, location) = office
        .post(
            &format!("/admin/shop/categories/{coats}/delete"),
            &[("confirm", "true")],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/shop/categories?deleted=1")
    );
    let (status, _, _) = office
        .post(&format!("{page}/delete"), &[("confirm", "true")])
        .await;
    assert_eq!(status, 303);
    let list = api(
        &app,
        &tenant,
        &format!("/api/v1/categories/{clothes}/attributes"),
    )
    .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
}
