//! The back office's site settings over plain HTTP: booking settings,
//! branding and webhooks, for the owner and admins only. Each form's
//! change shows through the JSON API (or the home page); a refused value
//! is a 422 with the message beside its field and changes nothing; a post
//! without the CSRF token is a 403 and changes nothing.

use diesel::prelude::*;
use diesel::sql_types::Text;
use identity::Role;
use serde_json::Value;

use super::back_office::{get, member, Office};
use super::sessions::page_login;
use crate::support::*;

struct Site {
    app: TestApp,
    tenant: TestTenant,
    token: String,
    db: PrivateDb,
}

async fn site(prefix: &str) -> Site {
    let db = PrivateDb::create();
    let app = db.spawn_app().await;
    let tenant = db.provision(prefix);
    let token = app.owner_token(&tenant);
    Site {
        app,
        tenant,
        token,
        db,
    }
}

impl Site {
    /// A signed-in visit of a new member with `role`.
    async fn office(&self, role: Role) -> Office<'_> {
        let email = unique_email("member");
        member(&mut self.db.conn(), &self.tenant, &email, role);
        Office::sign_in(&self.app, &self.tenant.host, &email).await
    }

    async fn api(&self, path: &str) -> Value {
        let (status, body) = json_of(
            self.app
                .get(&self.tenant.host, path)
                .bearer_auth(&self.token)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        body
    }
}

/// Every field of the booking settings form, with `changes` applied.
fn settings_form<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("time_zone", "America/New_York"),
        ("slot_interval_minutes", "20"),
        ("min_notice_minutes", "90"),
        ("booking_window_days", "60"),
        ("cancellation_notice_minutes", "720"),
        ("reminder_lead_minutes", "120"),
        ("require_email_confirmation", "true"),
        ("email_confirmation_minutes", "45"),
    ];
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    fields.retain(|(_, v)| *v != "<absent>");
    fields
}

#[tokio::test]
async fn the_booking_settings_form_changes_the_rules() {
    let s = site("bset").await;
    let office = s.office(Role::Admin).await;
    let (status, html, _) = office.get("/admin/settings").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<option value=\"Europe/Paris\""), "{html}");
    assert!(html.contains("id=\"slot_interval_minutes\""), "{html}");

    let (status, _, location) = office.post("/admin/settings", &settings_form(&[])).await;
    assert_eq!(status, 303);
    assert_eq!(location, "/admin/settings?saved=1");
    let rules = s.api("/api/v1/booking-settings").await;
    assert_eq!(rules["time_zone"], "America/New_York");
    assert_eq!(rules["slot_interval_minutes"], 20);
    assert_eq!(rules["min_notice_minutes"], 90);
    assert_eq!(rules["booking_window_days"], 60);
    assert_eq!(rules["cancellation_notice_minutes"], 720);
    assert_eq!(rules["reminder_lead_minutes"], 120);
    assert_eq!(rules["require_email_confirmation"], true);
    assert_eq!(rules["email_confirmation_minutes"], 45);
    let (status, html, _) = office.get(&location).await;
    assert_eq!(status, 200);
    assert!(html.contains("class=\"notice ok\""), "{html}");
    assert!(
        html.contains("<option value=\"America/New_York\" selected>"),
        "{html}"
    );

    // Out of range, not a number, not a zone: 422 beside each, nothing changed.
    for (field, bad) in [
        ("slot_interval_minutes", "1"),
        ("booking_window_days", "many"),
        ("time_zone", "Mars/Olympus_Mons"),
    ] {
        let form = settings_form(&[(field, bad)]);
        let (status, html, _) = office.post("/admin/settings", &form).await;
        assert_eq!(status, 422, "{field}: {html}");
        assert!(
            html.contains(&format!("<p class=\"field-error\" id=\"{field}-error\">")),
            "{field}: {html}"
        );
        assert!(
            html.contains(&format!("aria-describedby=\"{field}-hint {field}-error\"")),
            "{field}: {html}"
        );
        assert!(html.contains("aria-invalid=\"true\""), "{html}");
        assert_eq!(
            s.api("/api/v1/booking-settings").await,
            rules,
            "{field} changed something"
        );
    }
    // Unticking the box turns email confirmation off.
    let (status, _, _) = office
        .post(
            "/admin/settings",
            &settings_form(&[("require_email_confirmation", "<absent>")]),
        )
        .await;
    assert_eq!(status, 303);
    let now = s.api("/api/v1/booking-settings").await;
    assert_eq!(now["require_email_confirmation"], false);

    // Without the CSRF token: 403, nothing changed.
    let mut form = settings_form(&[("slot_interval_minutes", "60")]);
    form.retain(|(n, _)| *n != "require_email_confirmation");
    let (status, _, _) = office.post_exactly("/admin/settings", &form).await;
    assert_eq!(status, 403);
    assert_eq!(s.api("/api/v1/booking-settings").await, now);
}

#[tokio::test]
async fn the_branding_form_changes_the_home_page_at_once() {
    let s = site("bbrand").await;
    let office = s.office(Role::Owner).await;
    // The home page is read (and the branding cached) before the change.
    let res = s.app.get(&s.tenant.host, "/").send().await.unwrap();
    assert!(!res.text().await.unwrap().contains("Atelier Zéphyr"));

    let (status, html, _) = office.get("/admin/branding").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("type=\"color\""), "{html}");
    let fields = [
        ("display_name", "Atelier Zéphyr"),
        ("logo_url", "https://cdn.example.com/zephyr.png"),
        ("accent_colour", "#0F766E"),
        ("default_language", "fr"),
        ("address", "1 rue de la Paix\r\n75002 Paris"),
        ("phone", "+33 1 23 45 67 89"),
        ("contact_email", "Hello@Zephyr.example"),
    ];
    let (status, _, location) = office.post("/admin/branding", &fields).await;
    assert_eq!(status, 303);
    assert_eq!(location, "/admin/branding?saved=1");
    let res = s.app.get(&s.tenant.host, "/").send().await.unwrap();
    let home = res.text().await.unwrap();
    assert!(home.contains("Atelier Zéphyr"), "{home}");
    assert!(home.contains("<html lang=\"fr\""), "{home}");
    assert!(home.contains("/assets/theme.0f766e"), "{home}");
    let branding = s.api("/api/v1/branding").await;
    assert_eq!(branding["phone"], "+33123456789");
    assert_eq!(branding["contact_email"], "hello@zephyr.example");
    assert_eq!(branding["address"], "1 rue de la Paix\n75002 Paris");
    let (status, html, _) = office.get(&location).await;
    assert_eq!(status, 200);
    assert!(html.contains("value=\"Atelier Zéphyr\""), "{html}");
    assert!(html.contains("value=\"#0f766e\""), "{html}");

    // A colour not in the API's format and a bad phone: 422 beside both,
    // what was typed kept, nothing changed.
    let mut bad = fields.to_vec();
    bad[0].1 = "Another Name";
    bad[2].1 = "teal";
    bad[5].1 = "call us";
    let (status, html, _) = office.post("/admin/branding", &bad).await;
    assert_eq!(status, 422, "{html}");
    for field in ["accent_colour", "phone"] {
        assert!(
            html.contains(&format!("<p class=\"field-error\" id=\"{field}-error\">")),
            "{field}: {html}"
        );
    }
    assert!(!html.contains("id=\"display_name-error\""), "{html}");
    assert!(html.contains("value=\"call us\""), "{html}");
    assert_eq!(s.api("/api/v1/branding").await, branding);

    // Without the CSRF token: 403, nothing changed.
    let (status, _, _) = office.post_exactly("/admin/branding", &bad[..1]).await;
    assert_eq!(status, 403);
    assert_eq!(s.api("/api/v1/branding").await, branding);

    // A blank optional field clears it.
    let mut cleared = fields.to_vec();
    cleared[1].1 = "";
    cleared[0].1 = "";
    let (status, _, _) = office.post("/admin/branding", &cleared).await;
    assert_eq!(status, 303);
    let now = s.api("/api/v1/branding").await;
    assert!(now["logo_url"].is_null(), "{now}");
    assert!(now["display_name"].is_null(), "{now}");
}

#[derive(QueryableByName)]
struct SecretRow {
    #[diesel(sql_type = Text)]
    secret: String,
}

fn secret_in(html: &str) -> String {
    let marker = "<code id=\"secret\" dir=\"ltr\">";
    let at = html.find(marker).expect("the secret") + marker.len();
    html[at..].split('<').next().unwrap().to_string()
}

#[tokio::test]
async fn webhooks_are_added_and_deleted_through_the_form() {
    let s = site("bhook").await;
    let office = s.office(Role::Admin).await;
    let (status, html, _) = office.get("/admin/webhooks").await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("id=\"no-webhooks\""), "{html}");
    for event in [
        "booking.created",
        "booking.cancelled",
        "booking.rescheduled",
    ] {
        assert!(html.contains(&format!("name=\"event-{event}\"")), "{html}");
    }

    // Created: on the list of the API, its secret shown this once.
    let url = "https://hooks.example.com/salon";
    let (status, html, _) = office
        .post(
            "/admin/webhooks",
            &[
                ("url", url),
                ("event-booking.created", "true"),
                ("event-booking.cancelled", "true"),
            ],
        )
        .await;
    assert_eq!(status, 201, "{html}");
    let secret = secret_in(&html);
    assert!(secret.starts_with("whsec_"), "{secret}");
    let list = s.api("/api/v1/webhooks").await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{list}");
    assert_eq!(items[0]["url"], url);
    assert_eq!(
        items[0]["events"],
        serde_json::json!(["booking.created", "booking.cancelled"])
    );
    let id = items[0]["id"].as_str().unwrap().to_string();
    let stored = diesel::sql_query(format!(
        "SELECT secret FROM \"{}\".webhook_endpoints WHERE id = $1::uuid",
        s.tenant.schema
    ))
    .bind::<Text, _>(&id)
    .get_result::<SecretRow>(&mut s.db.conn())
    .unwrap();
    assert_eq!(stored.secret, secret);
    // The list shows it, never its secret again.
    let (status, html, _) = office.get("/admin/webhooks").await;
    assert_eq!(status, 200);
    assert!(html.contains(url), "{html}");
    assert!(!html.contains(&secret), "{html}");

    // A private address (the test settings let 127.0.0.1 through, not
    // these) or no event: 422 beside the field, nothing added.
    for bad in [
        "http://10.0.0.1/hook",
        "https://192.168.1.20/hook",
        "ftp://example.com/",
    ] {
        let (status, html, _) = office
            .post(
                "/admin/webhooks",
                &[("url", bad), ("event-booking.created", "true")],
            )
            .await;
        assert_eq!(status, 422, "{bad}: {html}");
        assert!(
            html.contains("<p class=\"field-error\" id=\"url-error\">"),
            "{bad}: {html}"
        );
        assert!(
            html.contains("aria-describedby=\"url-hint url-error\""),
            "{html}"
        );
        assert!(html.contains(&format!("value=\"{bad}\"")), "{html}");
    }
    let (status, html, _) = office
        .post("/admin/webhooks", &[("url", "https://other.example.com/")])
        .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("id=\"events-error\""), "{html}");
    assert_eq!(s.api("/api/v1/webhooks").await, list);

    // Without the CSRF token: 403, nothing added.
    let (status, _, _) = office
        .post_exactly(
            "/admin/webhooks",
            &[
                ("url", "https://third.example.com/"),
                ("event-booking.created", "true"),
            ],
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(s.api("/api/v1/webhooks").await, list);

    // Deleting: the box must be ticked and the token present.
    let delete = format!("/admin/webhooks/{id}/delete");
    let (status, html, _) = office.post(&delete, &[]).await;
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains(&format!("id=\"confirm-{id}-error\"")),
        "{html}"
    );
    assert_eq!(s.api("/api/v1/webhooks").await, list);
    let (status, _, _) = office.post_exactly(&delete, &[("confirm", "true")]).await;
    assert_eq!(status, 403);
    assert_eq!(s.api("/api/v1/webhooks").await, list);
    let (status, _, location) = office.post(&delete, &[("confirm", "true")]).await;
    assert_eq!(status, 303);
    assert_eq!(location, "/admin/webhooks?deleted=1");
    let after = s.api("/api/v1/webhooks").await;
    assert!(after["items"].as_array().unwrap().is_empty(), "{after}");
    // Gone: deleting again is the 404 page.
    let (status, _, _) = office.post(&delete, &[("confirm", "true")]).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn only_the_owner_and_admins_reach_the_site_settings() {
    let s = site("bkeep").await;
    let settings = s.api("/api/v1/booking-settings").await;
    let branding = s.api("/api/v1/branding").await;
    let pages = ["/admin/settings", "/admin/branding", "/admin/webhooks"];

    // Nobody: the sign-in page.
    for path in pages {
        let (status, _, location) = get(&s.app, &s.tenant.host, path, "").await;
        assert_eq!(status, 303, "{path}");
        assert_eq!(location, "/admin/login", "{path}");
    }

    // Staff: 403 on every page and every post, and nothing changes.
    let office = s.office(Role::Staff).await;
    let (_, calendar, _) = office.get("/admin/calendar").await;
    assert!(!calendar.contains("href=\"/admin/settings\""), "{calendar}");
    for path in pages {
        let (status, _, _) = office.get(path).await;
        assert_eq!(status, 403, "{path}");
    }
    let (status, _, _) = office.post("/admin/settings", &settings_form(&[])).await;
    assert_eq!(status, 403);
    let (status, _, _) = office
        .post(
            "/admin/branding",
            &[
                ("display_name", "Taken Over"),
                ("accent_colour", "#000000"),
                ("default_language", "en"),
            ],
        )
        .await;
    assert_eq!(status, 403);
    let (status, _, _) = office
        .post(
            "/admin/webhooks",
            &[
                ("url", "https://evil.example.com/"),
                ("event-booking.created", "true"),
            ],
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(s.api("/api/v1/booking-settings").await, settings);
    assert_eq!(s.api("/api/v1/branding").await, branding);
    let hooks = s.api("/api/v1/webhooks").await;
    assert!(hooks["items"].as_array().unwrap().is_empty(), "{hooks}");

    // A customer's session: 403.
    let customer = unique_email("cust");
    customer_account(&s.app, &s.tenant, &customer).await;
    let cookies = page_login(&s.app, &s.tenant.host, &customer, PASSWORD).await;
    for path in pages {
        let (status, _, _) = get(&s.app, &s.tenant.host, path, &cookies).await;
        assert_eq!(status, 403, "{path}");
    }

    // An admin sees the menu entry and the page.
    let admin = s.office(Role::Admin).await;
    let (_, calendar, _) = admin.get("/admin/calendar").await;
    assert!(calendar.contains("href=\"/admin/settings\""), "{calendar}");
}
