//! The back office's services and categories pages over plain HTTP: a
//! service made, changed and deleted through the forms is what the JSON
//! API then shows (price in minor units); a refused field is marked with
//! its message and nothing changes; a post without its CSRF token changes
//! nothing; a customer gets 403 and nobody the sign-in page.

use identity::Role;
use serde_json::Value;

use super::back_office::{get, member, Office};
use super::sessions::page_login;
use crate::support::*;

/// A tenant with a signed-in member of `role`.
async fn office_for<'a>(db: &PrivateDb, app: &'a TestApp, role: Role) -> (TestTenant, Office<'a>) {
    let tenant = db.provision("svcpage");
    let email = unique_email("member");
    member(&mut db.conn(), &tenant, &email, role);
    let office = Office::sign_in(app, &tenant.host, &email).await;
    (tenant, office)
}

/// The items of a JSON API list, as staff see it (every service not
/// deleted).
async fn api_items(app: &TestApp, tenant: &TestTenant, path: &str) -> Vec<Value> {
    let token = app.member_token(tenant, Role::Staff);
    let res = app
        .get(&tenant.host, path)
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(res).await;
    assert_eq!(status, 200, "{body}");
    body["items"].as_array().unwrap().clone()
}

async fn services(app: &TestApp, tenant: &TestTenant) -> Vec<Value> {
    api_items(app, tenant, "/api/v1/services").await
}

async fn categories(app: &TestApp, tenant: &TestTenant) -> Vec<Value> {
    api_items(app, tenant, "/api/v1/service-categories").await
}

/// The service form's fields, with `changes` in place of the defaults.
fn service_form<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("name", "Colour"),
        ("description", "Roots and lengths."),
        ("duration_minutes", "45"),
        ("price", "25.50"),
        ("currency", "EUR"),
        ("buffer_before_minutes", "5"),
        ("buffer_after_minutes", "10"),
        ("category_id", ""),
        ("active", "true"),
    ];
    for (name, value) in changes {
        fields.retain(|(n, _)| n != name);
        if !value.is_empty() || *name == "category_id" {
            fields.push((name, value));
        }
    }
    fields
}

/// Whether the page shows the message `error_id` beside its field: the
/// message, and a field described by it.
fn marked(html: &str, error_id: &str) -> bool {
    let message = format!("<p class=\"field-error\" id=\"{error_id}\">");
    let described = html.split("aria-describedby=\"").skip(1).any(|rest| {
        let value = rest.split('"').next().unwrap();
        value.split_whitespace().any(|id| id == error_id)
    });
    html.contains(&message) && described
}

#[tokio::test]
async fn a_service_is_made_changed_and_deleted_through_the_forms() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let (tenant, office) = office_for(&db, &app, Role::Staff).await;

    let (status, html, _) = office.get("/admin/services").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("href=\"/admin/services/new\""), "{html}");
    assert!(html.contains("id=\"no-services\""), "{html}");

    // A category to put it in.
    let (status, html, location) = office
        .post("/admin/categories", &[("name", "Hair"), ("position", "1")])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/services?saved=1"),
        "{html}"
    );
    let cats = categories(&app, &tenant).await;
    assert_eq!(cats.len(), 1);
    let category = cats[0]["id"].as_str().unwrap().to_string();

    let (status, html, _) = office.get("/admin/services/new").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(&format!("value=\"{category}\"")), "{html}");

    // Created: in the API with the price in cents and every field set.
    let (status, html, location) = office
        .post(
            "/admin/services",
            &service_form(&[("category_id", &category)]),
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/services?saved=1"),
        "{html}"
    );
    let all = services(&app, &tenant).await;
    assert_eq!(all.len(), 1, "{all:?}");
    let s = &all[0];
    assert_eq!(s["name"], "Colour");
    assert_eq!(s["description"], "Roots and lengths.");
    assert_eq!(s["price_cents"], 2550);
    assert_eq!(s["currency"], "EUR");
    assert_eq!(s["duration_minutes"], 45);
    assert_eq!(s["buffer_before_minutes"], 5);
    assert_eq!(s["buffer_after_minutes"], 10);
    assert_eq!(s["category_id"], category.as_str());
    assert_eq!(s["active"], true);
    let id = s["id"].as_str().unwrap().to_string();

    // Listed under its category, with the price as the language writes it.
    let (status, html, _) = office.get("/admin/services?saved=1").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("id=\"notice\""), "{html}");
    assert!(
        html.contains(&format!("href=\"/admin/services/{id}\"")),
        "{html}"
    );
    assert!(html.contains("25.50"), "{html}");
    assert!(html.contains("Hair"), "{html}");
    let (_, html, _) = office.get("/admin/services?lang=fr").await;
    assert!(html.contains("25,50"), "{html}");

    // A French amount with a comma.
    let (status, html, _) = office
        .post(
            "/admin/services",
            &service_form(&[("name", "Cut"), ("price", "30,75")]),
        )
        .await;
    assert_eq!(status, 303, "{html}");
    let cut = services(&app, &tenant)
        .await
        .into_iter()
        .find(|s| s["name"] == "Cut")
        .unwrap();
    assert_eq!(cut["price_cents"], 3075);
    assert_eq!(cut["category_id"], Value::Null);

    // The edit form shows the stored values; a change goes through.
    let path = format!("/admin/services/{id}");
    let (status, html, _) = office.get(&path).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("value=\"25.50\""), "{html}");
    assert!(html.contains(&format!("action=\"{path}\"")), "{html}");
    let (status, html, location) = office
        .post(
            &path,
            &service_form(&[
                ("price", "19.99"),
                ("duration_minutes", "60"),
                ("active", ""),
            ]),
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/services?saved=1"),
        "{html}"
    );
    let s = services(&app, &tenant)
        .await
        .into_iter()
        .find(|s| s["id"] == id.as_str())
        .unwrap();
    assert_eq!(s["price_cents"], 1999);
    assert_eq!(s["duration_minutes"], 60);
    assert_eq!(s["active"], false);
    // Leaving the category empty takes it out of it.
    assert_eq!(s["category_id"], Value::Null);

    // A refused change: the message beside the price, nothing changed.
    let (status, html, _) = office
        .post(&path, &service_form(&[("price", "19.999")]))
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(marked(&html, "price-error"), "{html}");
    assert!(html.contains("value=\"19.999\""), "{html}");
    let s = services(&app, &tenant)
        .await
        .into_iter()
        .find(|s| s["id"] == id.as_str())
        .unwrap();
    assert_eq!(s["price_cents"], 1999);

    // Deleting needs the box ticked.
    let delete = format!("/admin/services/{id}/delete");
    let (status, html, _) = office.post(&delete, &[]).await;
    assert_eq!(status, 422, "{html}");
    assert!(marked(&html, "confirm-error"), "{html}");
    assert_eq!(services(&app, &tenant).await.len(), 2);
    let (status, html, location) = office.post(&delete, &[("confirm", "true")]).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/services?deleted=1"),
        "{html}"
    );
    let left = services(&app, &tenant).await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["name"], "Cut");
    let (status, html, _) = office.get("/admin/services").await;
    assert_eq!(status, 200);
    assert!(!html.contains(&id), "{html}");
    // Gone: its page and its forms are the 404 page.
    assert_eq!(office.get(&path).await.0, 404);
    assert_eq!(office.post(&path, &service_form(&[])).await.0, 404);
    assert_eq!(office.post(&delete, &[("confirm", "true")]).await.0, 404);
    // As are an unknown and a malformed id.
    let unknown = format!("/admin/services/{}", uuid::Uuid::new_v4());
    assert_eq!(office.get(&unknown).await.0, 404);
    assert_eq!(office.get("/admin/services/not-an-id").await.0, 404);
    assert_eq!(
        office
            .post("/admin/services/not-an-id", &service_form(&[]))
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn a_refused_field_is_marked_and_nothing_is_created() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let (tenant, office) = office_for(&db, &app, Role::Staff).await;

    let cases: [(&[(&str, &str)], &str); 10] = [
        (&[("duration_minutes", "abc")], "duration-error"),
        (&[("duration_minutes", "4")], "duration-error"),
        (&[("duration_minutes", "1441")], "duration-error"),
        (&[("price", "abc")], "price-error"),
        (&[("price", "1,250")], "price-error"),
        (&[("price", "-5")], "price-error"),
        (&[("price", "")], "price-error"),
        (&[("name", "")], "name-error"),
        (&[("buffer_after_minutes", "481")], "buffer-after-error"),
        (&[("currency", "EURO")], "currency-error"),
    ];
    for (changes, error) in cases {
        let (status, html, _) = office.post("/admin/services", &service_form(changes)).await;
        assert_eq!(status, 422, "{changes:?}: {html}");
        assert!(marked(&html, error), "{changes:?}: {html}");
        assert!(html.contains("aria-invalid=\"true\""), "{html}");
        // What was typed is still there.
        assert!(html.contains("Roots and lengths."), "{html}");
    }
    // Two fields at once are both marked.
    let (status, html, _) = office
        .post(
            "/admin/services",
            &service_form(&[("duration_minutes", "x"), ("price", "y")]),
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        marked(&html, "duration-error") && marked(&html, "price-error"),
        "{html}"
    );
    // A category that does not exist (a tampered select).
    let (status, html, _) = office
        .post(
            "/admin/services",
            &service_form(&[("category_id", &uuid::Uuid::new_v4().to_string())]),
        )
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(marked(&html, "category-error"), "{html}");
    assert!(services(&app, &tenant).await.is_empty());

    // In French, the messages are French.
    let (status, html, _) = office
        .post(
            "/admin/services?lang=fr",
            &service_form(&[("price", "abc")]),
        )
        .await;
    assert_eq!(status, 422);
    assert!(html.contains("Saisissez un montant"), "{html}");
    assert!(services(&app, &tenant).await.is_empty());
}

#[tokio::test]
async fn a_category_is_created_renamed_and_deleted() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let (tenant, office) = office_for(&db, &app, Role::Admin).await;

    let (status, html, _) = office.post("/admin/categories", &[("name", "")]).await;
    assert_eq!(status, 422, "{html}");
    assert!(marked(&html, "new-category-name-error"), "{html}");
    let (status, html, _) = office
        .post(
            "/admin/categories",
            &[("name", "Nails"), ("position", "first")],
        )
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(marked(&html, "new-category-position-error"), "{html}");
    assert!(html.contains("value=\"Nails\""), "{html}");
    assert!(categories(&app, &tenant).await.is_empty());

    let (status, _, _) = office
        .post("/admin/categories", &[("name", "Nails"), ("position", "")])
        .await;
    assert_eq!(status, 303);
    let cats = categories(&app, &tenant).await;
    assert_eq!(cats.len(), 1);
    assert_eq!(cats[0]["name"], "Nails");
    assert_eq!(cats[0]["position"], 0);
    let id = cats[0]["id"].as_str().unwrap().to_string();
    let (_, html, _) = office.get("/admin/services").await;
    assert!(
        html.contains(&format!("action=\"/admin/categories/{id}\"")),
        "{html}"
    );

    // Renamed and moved.
    let path = format!("/admin/categories/{id}");
    let (status, html, location) = office
        .post(&path, &[("name", "Hands & nails"), ("position", "3")])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/services?saved=1"),
        "{html}"
    );
    let cats = categories(&app, &tenant).await;
    assert_eq!(cats[0]["name"], "Hands & nails");
    assert_eq!(cats[0]["position"], 3);
    // A blank name is refused beside that category's field.
    let (status, html, _) = office
        .post(&path, &[("name", " "), ("position", "3")])
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(marked(&html, &format!("cat-{id}-name-error")), "{html}");
    assert_eq!(categories(&app, &tenant).await[0]["name"], "Hands & nails");

    // A service in it stays when it goes, without a category.
    let (status, _, _) = office
        .post("/admin/services", &service_form(&[("category_id", &id)]))
        .await;
    assert_eq!(status, 303);
    let delete = format!("/admin/categories/{id}/delete");
    let (status, html, _) = office.post(&delete, &[]).await;
    assert_eq!(status, 422, "{html}");
    assert!(marked(&html, &format!("cat-{id}-confirm-error")), "{html}");
    assert_eq!(categories(&app, &tenant).await.len(), 1);
    let (status, _, location) = office.post(&delete, &[("confirm", "true")]).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/admin/services?deleted=1")
    );
    assert!(categories(&app, &tenant).await.is_empty());
    let left = services(&app, &tenant).await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["category_id"], Value::Null);

    // Unknown and malformed ids: the 404 page.
    assert_eq!(office.post(&delete, &[("confirm", "true")]).await.0, 404);
    assert_eq!(office.post(&delete, &[]).await.0, 404);
    assert_eq!(office.post(&path, &[("name", "X")]).await.0, 404);
    assert_eq!(
        office
            .post("/admin/categories/nope", &[("name", "X")])
            .await
            .0,
        404
    );
}

#[tokio::test]
async fn posts_need_the_token_and_pages_a_staff_role() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let (tenant, office) = office_for(&db, &app, Role::Owner).await;
    let host = tenant.host.clone();
    office.post("/admin/services", &service_form(&[])).await;
    office.post("/admin/categories", &[("name", "Hair")]).await;
    let id = services(&app, &tenant).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let category = categories(&app, &tenant).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    // Without the CSRF token: the 403 page, nothing changed.
    let posts: [(String, Vec<(&str, &str)>); 6] = [
        (
            "/admin/services".into(),
            service_form(&[("name", "Sneaky")]),
        ),
        (
            format!("/admin/services/{id}"),
            service_form(&[("price", "0")]),
        ),
        (
            format!("/admin/services/{id}/delete"),
            vec![("confirm", "true")],
        ),
        ("/admin/categories".into(), vec![("name", "Sneaky")]),
        (
            format!("/admin/categories/{category}"),
            vec![("name", "Sneaky")],
        ),
        (
            format!("/admin/categories/{category}/delete"),
            vec![("confirm", "true")],
        ),
    ];
    for (path, fields) in &posts {
        let (status, html, _) = office.post_exactly(path, fields).await;
        assert_eq!(status, 403, "{path}: {html}");
        let mut wrong = fields.clone();
        wrong.push(("csrf_token", "forged"));
        assert_eq!(office.post_exactly(path, &wrong).await.0, 403, "{path}");
    }
    let all = services(&app, &tenant).await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["price_cents"], 2550);
    let cats = categories(&app, &tenant).await;
    assert_eq!(cats.len(), 1);
    assert_eq!(cats[0]["name"], "Hair");

    // Every staff role may use the pages.
    for role in [Role::Staff, Role::Admin] {
        let email = unique_email("role");
        member(&mut db.conn(), &tenant, &email, role);
        let other = Office::sign_in(&app, &host, &email).await;
        assert_eq!(other.get("/admin/services").await.0, 200);
        assert_eq!(other.get(&format!("/admin/services/{id}")).await.0, 200);
    }

    // Nobody: the sign-in page; a customer: the 403 page, nothing shown.
    for path in [
        "/admin/services".to_string(),
        "/admin/services/new".to_string(),
        format!("/admin/services/{id}"),
    ] {
        let (status, _, location) = get(&app, &host, &path, "").await;
        assert_eq!((status, location.as_str()), (303, "/admin/login"), "{path}");
    }
    let customer = unique_email("cust");
    customer_account(&app, &tenant, &customer).await;
    let cookies = page_login(&app, &host, &customer, PASSWORD).await;
    for path in [
        "/admin/services".to_string(),
        "/admin/services/new".to_string(),
        format!("/admin/services/{id}"),
    ] {
        let (status, html, _) = get(&app, &host, &path, &cookies).await;
        assert_eq!(status, 403, "{path}: {html}");
        assert!(!html.contains("Colour"), "{html}");
    }
}

/// The text of the tenant's home page.
async fn home(app: &TestApp, tenant: &TestTenant) -> String {
    let (status, html, _) = get(app, &tenant.host, "/", "").await;
    assert_eq!(status, 200, "{html}");
    html
}

/// The home page's menu is cached for a few seconds, but a change made on
/// this server shows at once: a service or category added, renamed or
/// removed through the API.
#[tokio::test]
async fn the_home_page_shows_a_change_to_the_menu_at_once() {
    let app = spawn_app().await;
    let tenant = provision_tenant("menu");
    let token = app.owner_token(&tenant);
    let send = |method: reqwest::Method, path: &str, body: serde_json::Value| {
        app.client
            .request(method, app.url(path))
            .header(reqwest::header::HOST, &tenant.host)
            .bearer_auth(&token)
            .json(&body)
            .send()
    };
    assert!(!home(&app, &tenant).await.contains("Massages"));
    let (status, category) = json_of(
        send(
            reqwest::Method::POST,
            "/api/v1/service-categories",
            serde_json::json!({"name": "Massages"}),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{category}");
    let (status, service) = json_of(
        send(
            reqwest::Method::POST,
            "/api/v1/services",
            serde_json::json!({"name": "Hot stones", "duration_minutes": 60,
                "category_id": category["id"]}),
        )
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{service}");
    let html = home(&app, &tenant).await;
    assert!(
        html.contains("Massages") && html.contains("Hot stones"),
        "{html}"
    );

    // Renamed: the next visit shows the new name, not the cached one.
    let id = category["id"].as_str().unwrap();
    let res = send(
        reqwest::Method::PATCH,
        &format!("/api/v1/service-categories/{id}"),
        serde_json::json!({"name": "Bodywork"}),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 200);
    let html = home(&app, &tenant).await;
    assert!(
        html.contains("Bodywork") && !html.contains("Massages"),
        "{html}"
    );

    // Removed: its service is listed without a heading.
    let res = send(
        reqwest::Method::DELETE,
        &format!("/api/v1/service-categories/{id}"),
        serde_json::json!({}),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 204);
    let html = home(&app, &tenant).await;
    assert!(
        !html.contains("Bodywork") && html.contains("Hot stones"),
        "{html}"
    );
}
