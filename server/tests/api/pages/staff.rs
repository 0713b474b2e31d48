//! The back office's staff pages over plain HTTP: a member added through
//! the form exists; the weekly hours form changes the member's
//! availability and the free slots at once; a range ending before it
//! starts is refused beside its day and saves nothing; date overrides and
//! time off are added and removed; details are saved and a member deleted
//! only once confirmed. A post without its CSRF token changes nothing, a
//! customer's session gets 403 and nobody is sent to the sign-in page.

use chrono::{Datelike, Duration, NaiveDate, Timelike, Utc, Weekday};
use serde_json::Value;

use super::back_office::{get, member, Office};
use super::sessions::page_login;
use crate::bookings::{salon_on, Salon};
use crate::support::*;

/// The API's view of a staff member, with the owner's token.
async fn api(s: &Salon, path: &str) -> (u16, Value) {
    json_of(
        s.app
            .get(&s.tenant.host, path)
            .bearer_auth(&s.token)
            .send()
            .await
            .unwrap(),
    )
    .await
}

async fn availability(s: &Salon, id: &str) -> Value {
    let (status, body) = api(s, &format!("/api/v1/staff/{id}/availability")).await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn staff_count(s: &Salon) -> usize {
    let (status, body) = api(s, "/api/v1/staff").await;
    assert_eq!(status, 200, "{body}");
    body["items"].as_array().unwrap().len()
}

/// The first `weekday` at least two days away (so no notice or time of
/// day can hide its slots).
fn next(weekday: Weekday) -> NaiveDate {
    let mut d = (Utc::now() + Duration::days(2)).date_naive();
    while d.weekday() != weekday {
        d += Duration::days(1);
    }
    d
}

/// `(weekday, start, end)` of each weekly rule.
fn rules(hours: &Value) -> Vec<(i64, String, String)> {
    hours["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["weekday"].as_i64().unwrap(),
                r["start"].as_str().unwrap().to_string(),
                r["end"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

async fn salon_with_staff_member() -> (PrivateDb, Salon, String) {
    let db = PrivateDb::create();
    let tenant = db.provision("staffpg");
    let s = salon_on(db.spawn_app().await, tenant, "Europe/Paris", 1).await;
    let email = unique_email("staff");
    member(&mut db.conn(), &s.tenant, &email, identity::Role::Staff);
    (db, s, email)
}

#[tokio::test]
async fn staff_add_a_member_and_set_hours_overrides_and_time_off() {
    let (_db, s, email) = salon_with_staff_member().await;
    let office = Office::sign_in(&s.app, &s.tenant.host, &email).await;

    // The list shows the salon's member and the add form.
    let (status, html, _) = office.get("/admin/staff").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Stylist 0"), "{html}");
    assert!(html.contains("action=\"/admin/staff\""), "{html}");

    // A blank name: 422 beside the field, nobody added.
    let before = staff_count(&s).await;
    let (status, html, _) = office
        .post(
            "/admin/staff",
            &[("name", "  "), ("email", "grace@example.com")],
        )
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("id=\"name-error\""), "{html}");
    assert!(html.contains("Enter the member"), "{html}");
    assert!(html.contains("value=\"grace@example.com\""), "{html}");
    assert_eq!(staff_count(&s).await, before);

    // Added through the form: it exists, with its service, and the browser
    // goes to the new member's page.
    let service_field = format!("service_{}", s.service_id);
    let (status, html, location) = office
        .post(
            "/admin/staff",
            &[
                ("name", "Grace Hopper"),
                ("email", "Grace@Example.com"),
                ("phone", "+33 6 12 34 56 78"),
                (service_field.as_str(), "true"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    let id = location
        .strip_prefix("/admin/staff/")
        .and_then(|rest| rest.strip_suffix("?created=1"))
        .unwrap_or_else(|| panic!("{location}"))
        .to_string();
    assert_eq!(staff_count(&s).await, before + 1);
    let (status, m) = api(&s, &format!("/api/v1/staff/{id}")).await;
    assert_eq!(status, 200, "{m}");
    assert_eq!(m["name"], "Grace Hopper");
    assert_eq!(m["email"], "grace@example.com");
    assert_eq!(m["phone"], "+33612345678");
    assert_eq!(m["service_ids"][0], s.service_id.as_str());
    let (status, html, _) = office.get(&location).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Grace Hopper"), "{html}");

    // No hours yet: no slots with her on a Monday (asked now, so the
    // schedule is cached before the form changes it).
    let monday = next(Weekday::Mon).to_string();
    assert!(s.slots(&monday, Some(&id)).await.is_empty());

    // The weekly hours: two ranges on Monday, one on Tuesday.
    let hours_path = format!("/admin/staff/{id}/hours");
    let (status, html, _) = office.get(&hours_path).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("name=\"mon_1_start\""), "{html}");
    assert!(html.contains("name=\"sun_2_end\""), "{html}");
    let week = [
        ("mon_1_start", "09:00"),
        ("mon_1_end", "12:00"),
        ("mon_2_start", "13:00"),
        ("mon_2_end", "17:00"),
        ("tue_1_start", "10:00"),
        ("tue_1_end", "16:00"),
    ];
    let (status, html, location) = office.post(&hours_path, &week).await;
    assert_eq!(status, 303, "{html}");
    assert_eq!(location, format!("{hours_path}?saved=1"));
    let expected = vec![
        (0, "09:00".to_string(), "12:00".to_string()),
        (0, "13:00".to_string(), "17:00".to_string()),
        (1, "10:00".to_string(), "16:00".to_string()),
    ];
    assert_eq!(rules(&availability(&s, &id).await), expected);
    // The free slots follow at once: 6 in the morning, 8 in the afternoon.
    assert_eq!(s.slots(&monday, Some(&id)).await.len(), 14);
    let wednesday = next(Weekday::Wed).to_string();
    assert!(s.slots(&wednesday, Some(&id)).await.is_empty());
    // The form shows the week as saved.
    let (_, html, _) = office.get(&format!("{hours_path}?saved=1")).await;
    assert!(html.contains("value=\"13:00\""), "{html}");
    assert!(html.contains("id=\"notice\""), "{html}");

    // A Wednesday range that ends before it starts: 422, the message
    // beside Wednesday, and nothing saved (not even Monday's change).
    let (status, html, _) = office
        .post(
            &hours_path,
            &[
                ("mon_1_start", "08:00"),
                ("mon_1_end", "12:00"),
                ("wed_1_start", "15:00"),
                ("wed_1_end", "10:00"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("id=\"wed-error\""), "{html}");
    assert!(html.contains("A range ends before it starts."), "{html}");
    // Only the refused row is marked.
    assert!(
        html.contains("value=\"15:00\" aria-invalid=\"true\" aria-describedby=\"wed-error\""),
        "{html}"
    );
    assert_eq!(html.matches("aria-invalid=\"true\"").count(), 2, "{html}");
    assert!(!html.contains("id=\"mon-error\""), "{html}");
    assert!(html.contains("value=\"08:00\""), "{html}");
    assert_eq!(rules(&availability(&s, &id).await), expected);
    // Two overlapping Thursday ranges: refused beside Thursday.
    let (status, html, _) = office
        .post(
            &hours_path,
            &[
                ("thu_1_start", "09:00"),
                ("thu_1_end", "12:00"),
                ("thu_2_start", "11:00"),
                ("thu_2_end", "13:00"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("id=\"thu-error\""), "{html}");
    assert!(html.contains("Two ranges of this day overlap."), "{html}");
    assert_eq!(rules(&availability(&s, &id).await), expected);

    // A date override: Monday closed. Listed, in the API, and no slots.
    let (status, html, _) = office
        .post(
            &format!("/admin/staff/{id}/overrides"),
            &[("ov_date", monday.as_str()), ("ov_closed", "true")],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    let hours = availability(&s, &id).await;
    assert_eq!(hours["overrides"][0]["date"], monday.as_str());
    assert_eq!(hours["overrides"][0]["closed"], true);
    assert!(s.slots(&monday, Some(&id)).await.is_empty());
    let delete_override = format!("/admin/staff/{id}/overrides/{monday}/delete");
    let (_, html, _) = office.get(&hours_path).await;
    assert!(html.contains(&delete_override), "{html}");
    // Closed with hours as well: refused beside the hours, nothing saved.
    let (status, html, _) = office
        .post(
            &format!("/admin/staff/{id}/overrides"),
            &[
                ("ov_date", wednesday.as_str()),
                ("ov_closed", "true"),
                ("ov_1_start", "10:00"),
                ("ov_1_end", "11:00"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("id=\"ov-ranges-error\""), "{html}");
    assert_eq!(
        availability(&s, &id).await["overrides"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Removed: Monday follows the week again.
    let (status, html, _) = office.post(&delete_override, &[]).await;
    assert_eq!(status, 303, "{html}");
    assert!(availability(&s, &id).await["overrides"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(s.slots(&monday, Some(&id)).await.len(), 14);
    // Other hours on a date: one range.
    let (status, html, _) = office
        .post(
            &format!("/admin/staff/{id}/overrides"),
            &[
                ("ov_date", wednesday.as_str()),
                ("ov_1_start", "10:00"),
                ("ov_1_end", "11:00"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    assert_eq!(s.slots(&wednesday, Some(&id)).await.len(), 2);

    // Time off on Monday morning, in the site's time zone (Paris).
    let (status, html, _) = office
        .post(
            &format!("/admin/staff/{id}/time-off"),
            &[
                ("off_from_date", monday.as_str()),
                ("off_from_time", "09:00"),
                ("off_to_date", monday.as_str()),
                ("off_to_time", "12:00"),
                ("off_reason", "Dentist"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    let hours = availability(&s, &id).await;
    let off = &hours["time_off"][0];
    assert_eq!(off["reason"], "Dentist");
    let from = chrono::DateTime::parse_from_rfc3339(off["from"].as_str().unwrap())
        .unwrap()
        .with_timezone(&chrono_tz::Europe::Paris);
    assert_eq!(
        (from.date_naive().to_string(), from.hour()),
        (monday.clone(), 9)
    );
    assert_eq!(s.slots(&monday, Some(&id)).await.len(), 8);
    let off_id = off["id"].as_str().unwrap().to_string();
    let (_, html, _) = office.get(&hours_path).await;
    assert!(html.contains("Dentist"), "{html}");
    // An end before the start: refused beside "to", nothing added.
    let (status, html, _) = office
        .post(
            &format!("/admin/staff/{id}/time-off"),
            &[
                ("off_from_date", wednesday.as_str()),
                ("off_from_time", "12:00"),
                ("off_to_date", wednesday.as_str()),
                ("off_to_time", "09:00"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("id=\"off-to-error\""), "{html}");
    assert_eq!(
        availability(&s, &id).await["time_off"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Removed.
    let (status, html, _) = office
        .post(&format!("/admin/staff/{id}/time-off/{off_id}/delete"), &[])
        .await;
    assert_eq!(status, 303, "{html}");
    assert!(availability(&s, &id).await["time_off"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(s.slots(&monday, Some(&id)).await.len(), 14);

    // The details: renamed and made inactive.
    let member_path = format!("/admin/staff/{id}");
    let (status, html, location) = office
        .post(
            &member_path,
            &[
                ("name", "Grace B. Hopper"),
                ("email", ""),
                (service_field.as_str(), "true"),
            ],
        )
        .await;
    assert_eq!(status, 303, "{html}");
    assert_eq!(location, format!("{member_path}?saved=1"));
    let (_, m) = api(&s, &member_path.replace("/admin/", "/api/v1/")).await;
    assert_eq!(m["name"], "Grace B. Hopper");
    assert_eq!(m["active"], false);
    assert_eq!(m["email"], Value::Null);
    // A bad email: 422 beside it, the name unchanged.
    let (status, html, _) = office
        .post(
            &member_path,
            &[("name", "Someone Else"), ("email", "not an email")],
        )
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("id=\"email-error\""), "{html}");
    let (_, m) = api(&s, &format!("/api/v1/staff/{id}")).await;
    assert_eq!(m["name"], "Grace B. Hopper");

    // Deleting asks for the box to be ticked first.
    let delete = format!("{member_path}/delete");
    let (status, html, _) = office.post(&delete, &[]).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("id=\"confirm-error\""), "{html}");
    let (status, _) = api(&s, &format!("/api/v1/staff/{id}")).await;
    assert_eq!(status, 200);
    let (status, html, location) = office.post(&delete, &[("confirm", "true")]).await;
    assert_eq!(status, 303, "{html}");
    assert_eq!(location, "/admin/staff?deleted=1");
    let (status, _) = api(&s, &format!("/api/v1/staff/{id}")).await;
    assert_eq!(status, 404);
    let (status, _, _) = office.get(&member_path).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn staff_pages_need_the_token_and_a_team_member() {
    let (db, s, email) = salon_with_staff_member().await;
    let host = &s.tenant.host;
    let id = s.staff_ids[0].clone();
    let hours_path = format!("/admin/staff/{id}/hours");
    let week_before = rules(&availability(&s, &id).await);
    let count = staff_count(&s).await;

    // Nobody: the sign-in page.
    let member_path = format!("/admin/staff/{id}");
    for path in ["/admin/staff", member_path.as_str(), hours_path.as_str()] {
        let (status, _, location) = get(&s.app, host, path, "").await;
        assert_eq!(status, 303, "{path}");
        assert_eq!(location, "/admin/login", "{path}");
    }

    // Staff without the form's token: 403, nothing changed.
    let office = Office::sign_in(&s.app, host, &email).await;
    let (status, _, _) = office
        .post_exactly("/admin/staff", &[("name", "Mallory")])
        .await;
    assert_eq!(status, 403);
    assert_eq!(staff_count(&s).await, count);
    let (status, _, _) = office
        .post_exactly(
            &hours_path,
            &[
                ("mon_1_start", "06:00"),
                ("mon_1_end", "07:00"),
                ("csrf_token", "forged"),
            ],
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(rules(&availability(&s, &id).await), week_before);
    let (status, _, _) = office
        .post_exactly(&format!("/admin/staff/{id}/delete"), &[("confirm", "true")])
        .await;
    assert_eq!(status, 403);
    assert_eq!(staff_count(&s).await, count);

    // Unknown and malformed ids: the 404 page.
    let unknown = uuid::Uuid::new_v4();
    for path in [
        format!("/admin/staff/{unknown}"),
        format!("/admin/staff/{unknown}/hours"),
        "/admin/staff/not-an-id".to_string(),
        "/admin/staff/not-an-id/hours".to_string(),
    ] {
        let (status, _, _) = office.get(&path).await;
        assert_eq!(status, 404, "{path}");
    }
    let (status, _, _) = office
        .post(&format!("/admin/staff/{unknown}/hours"), &[])
        .await;
    assert_eq!(status, 404);

    // An admin may use the pages too.
    let admin = unique_email("admin");
    member(&mut db.conn(), &s.tenant, &admin, identity::Role::Admin);
    let office = Office::sign_in(&s.app, host, &admin).await;
    let (status, html, _) = office.get(&hours_path).await;
    assert_eq!(status, 200, "{html}");

    // A customer's session: the 403 page.
    let customer = unique_email("cust");
    customer_account(&s.app, &s.tenant, &customer).await;
    let cookies = page_login(&s.app, host, &customer, PASSWORD).await;
    for path in ["/admin/staff", member_path.as_str(), hours_path.as_str()] {
        let (status, html, _) = get(&s.app, host, path, &cookies).await;
        assert_eq!(status, 403, "{path}");
        assert!(!html.contains("mon_1_start"), "{html}");
    }
}
