//! The back office's customer pages over plain HTTP: any staff member
//! searches and reads a customer with their bookings; only the owner and
//! admins export and erase (server-side, GET and POST), and an erasure
//! needs its confirmation box and the form's CSRF token.

use identity::Role;
use reqwest::header::{ACCEPT, CONTENT_DISPOSITION, CONTENT_TYPE, COOKIE};
use serde_json::{json, Value};

use super::back_office::{get, member, Office};
use super::sessions::page_login;
use crate::bookings::{salon_on, Salon};
use crate::support::*;

/// The customer as the API shows it (the owner's token).
async fn customer_of(s: &Salon, id: &str) -> Value {
    let (status, body) = json_of(
        s.app
            .get(&s.tenant.host, &format!("/api/v1/customers/{id}"))
            .bearer_auth(&s.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn staff_search_customers_and_read_one_with_their_bookings_but_cannot_erase() {
    let db = PrivateDb::create();
    let s = salon_on(
        db.spawn_app().await,
        db.provision("cpages"),
        "Europe/Paris",
        1,
    )
    .await;
    let mut conn = db.conn();
    let staff_email = unique_email("staff");
    member(&mut conn, &s.tenant, &staff_email, Role::Staff);
    let guest = unique_email("findme");
    let booking = s.book_first(5, &guest).await;
    let booking_id = booking["id"].as_str().unwrap();
    let id = booking["customer_id"].as_str().unwrap().to_string();
    let host = &s.tenant.host;

    // No session: the sign-in page.
    let (status, _, location) = get(&s.app, host, "/admin/customers", "").await;
    assert_eq!(status, 303);
    assert_eq!(location, "/admin/login");

    let office = Office::sign_in(&s.app, host, &staff_email).await;
    let link = format!("href=\"/admin/customers/{id}\"");
    // By name, by email, and a search that matches nobody.
    let (status, html, _) = office.get("/admin/customers?q=Ada+Gue").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(&link), "{html}");
    assert!(html.contains(&guest.to_lowercase()), "{html}");
    let q: String = url_encode(&guest);
    let (status, html, _) = office.get(&format!("/admin/customers?q={q}")).await;
    assert_eq!(status, 200);
    assert!(html.contains(&link), "{html}");
    let (status, html, _) = office.get("/admin/customers?q=nobody-by-this-name").await;
    assert_eq!(status, 200);
    assert!(!html.contains(&link), "{html}");
    assert!(html.contains("id=\"no-results\""), "{html}");

    // The customer's page: the details and the booking, linking to it;
    // no export or erase for a staff member.
    let (status, html, _) = office.get(&format!("/admin/customers/{id}")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Ada Guest"), "{html}");
    assert!(
        html.contains(&format!("href=\"/admin/bookings/{booking_id}\"")),
        "{html}"
    );
    assert!(html.contains("Haircut"), "{html}");
    assert!(!html.contains("/export"), "{html}");
    assert!(!html.contains("/erase"), "{html}");

    // Typed by hand, export and erase are still refused, and nothing is erased.
    let (status, html, _) = office.get(&format!("/admin/customers/{id}/export")).await;
    assert_eq!(status, 403, "{html}");
    assert!(!html.contains(&guest.to_lowercase()), "{html}");
    let (status, _, _) = office
        .post(
            &format!("/admin/customers/{id}/erase"),
            &[("confirm", "true")],
        )
        .await;
    assert_eq!(status, 403);
    let kept = customer_of(&s, &id).await;
    assert!(kept["erased_at"].is_null(), "{kept}");
    assert_eq!(kept["name"], "Ada Guest");

    // An unknown or malformed id: the 404 page.
    let (status, _, _) = office
        .get(&format!("/admin/customers/{}", uuid::Uuid::new_v4()))
        .await;
    assert_eq!(status, 404);
    let (status, _, _) = office.get("/admin/customers/not-an-id").await;
    assert_eq!(status, 404);

    // A customer's session: the 403 page.
    let customer = unique_email("cust");
    customer_account(&s.app, &s.tenant, &customer).await;
    let cookies = page_login(&s.app, host, &customer, PASSWORD).await;
    let (status, html, _) = get(&s.app, host, "/admin/customers", &cookies).await;
    assert_eq!(status, 403, "{html}");
    let (status, _, _) = get(&s.app, host, &format!("/admin/customers/{id}"), &cookies).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn the_list_pages_with_the_listings_cursor() {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let tenant = db.provision("cpaging");
    let token = app.owner_token(&tenant);
    for i in 0..23 {
        let (status, body) = json_of(
            app.post(&tenant.host, "/api/v1/customers")
                .bearer_auth(&token)
                .json(&json!({"name": format!("Paged Person {i:02}")}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 201, "{body}");
    }
    let email = unique_email("staff");
    member(&mut db.conn(), &tenant, &email, Role::Staff);
    let office = Office::sign_in(&app, &tenant.host, &email).await;

    let (status, first, _) = office.get("/admin/customers?q=Paged").await;
    assert_eq!(status, 200);
    // Newest first: the last made is on the first page, the first made is not.
    assert!(first.contains("Paged Person 22"), "{first}");
    assert!(!first.contains("Paged Person 00"), "{first}");
    let marker = "rel=\"next\"";
    let at = first.find(marker).expect("a next page link");
    let href_at = first[..at].rfind("href=\"").unwrap() + "href=\"".len();
    let next = first[href_at..]
        .split('"')
        .next()
        .unwrap()
        .replace("&#38;", "&")
        .replace("&amp;", "&");
    assert!(next.contains("cursor="), "{next}");
    assert!(next.contains("q=Paged"), "{next}");
    let (status, second, _) = office.get(&next).await;
    assert_eq!(status, 200, "{second}");
    assert!(second.contains("Paged Person 00"), "{second}");
    assert!(!second.contains("Paged Person 22"), "{second}");
    assert!(!second.contains(marker), "{second}");

    // A cursor that was tampered with: the form again with a message, 400.
    let (status, html, _) = office.get("/admin/customers?cursor=garbage").await;
    assert_eq!(status, 400, "{html}");
    assert!(html.contains("id=\"notice\""), "{html}");
}

#[tokio::test]
async fn an_admin_exports_and_erases_only_with_the_box_ticked() {
    let db = PrivateDb::create();
    let s = salon_on(
        db.spawn_app().await,
        db.provision("cerase"),
        "Europe/Paris",
        1,
    )
    .await;
    let admin_email = unique_email("admin");
    member(&mut db.conn(), &s.tenant, &admin_email, Role::Admin);
    let guest = unique_email("eraseme");
    let booking = s.book_first(4, &guest).await;
    let id = booking["customer_id"].as_str().unwrap().to_string();
    let office = Office::sign_in(&s.app, &s.tenant.host, &admin_email).await;
    let page = format!("/admin/customers/{id}");
    let erase = format!("/admin/customers/{id}/erase");

    let (status, html, _) = office.get(&page).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&format!("href=\"/admin/customers/{id}/export\"")),
        "{html}"
    );
    assert!(html.contains(&format!("action=\"{erase}\"")), "{html}");

    // The export: the API's document, as an attachment.
    let res = s
        .app
        .get(&s.tenant.host, &format!("/admin/customers/{id}/export"))
        .header(ACCEPT, "text/html")
        .header(COOKIE, &office.cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let disposition = res.headers()[CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(
        disposition.contains(&format!("customer-{id}.json")),
        "{disposition}"
    );
    assert!(res.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let doc: Value = res.json().await.unwrap();
    assert_eq!(doc["format_version"], 1);
    assert_eq!(doc["customer"]["id"], id.as_str());
    assert_eq!(doc["customer"]["email"], guest.to_lowercase().as_str());
    assert_eq!(doc["controller"]["slug"], s.tenant.slug.as_str());
    assert!(doc["bookings"].is_array(), "{doc}");

    // Without the box: 422, the message beside it, nothing erased.
    let (status, html, _) = office.post(&erase, &[]).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("id=\"confirm-error\""), "{html}");
    assert!(
        html.contains("aria-describedby=\"confirm-error\""),
        "{html}"
    );
    assert!(customer_of(&s, &id).await["erased_at"].is_null());

    // Without the CSRF token: 403, nothing erased.
    let (status, _, _) = office.post_exactly(&erase, &[("confirm", "true")]).await;
    assert_eq!(status, 403);
    assert!(customer_of(&s, &id).await["erased_at"].is_null());

    // With both: erased, and the page says so.
    let (status, _, location) = office.post(&erase, &[("confirm", "true")]).await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{page}?erased=1"));
    let erased = customer_of(&s, &id).await;
    assert!(erased["erased_at"].is_string(), "{erased}");
    assert!(erased["email"].is_null(), "{erased}");
    let (status, html, _) = office.get(&location).await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"erased\""), "{html}");
    assert!(!html.contains(&guest.to_lowercase()), "{html}");
    assert!(!html.contains(&format!("action=\"{erase}\"")), "{html}");
}

fn url_encode(text: &str) -> String {
    serde_urlencoded::to_string([("q", text)])
        .unwrap()
        .trim_start_matches("q=")
        .to_string()
}
