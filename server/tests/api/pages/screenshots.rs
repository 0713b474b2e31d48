//! `make screenshots`: the main pages (home, booking, confirmation, manage,
//! the back office's day and week calendars, a booking and its reschedule
//! page, services, staff hours, customers, settings, branding, webhooks and billing,
//! a customer's account, the platform's sign-up page) at phone and desktop
//! widths, in English, Arabic and Persian, as PNGs in SCREENSHOTS_DIR (.screenshots/).
//! Ignored in ordinary runs: scripts/screenshots.sh runs it.

use super::browser::{site_url, Browser};
use crate::bookings::{future_date, salon_on};
use crate::support::*;

async fn sign_in(b: &Browser, url: &str, email: &str, password: &str) {
    b.goto(url).await;
    b.fill("#email", email).await;
    b.fill("#password", password).await;
    b.click("form.stack button[type=submit]").await;
}

async fn shoot(b: &Browser, dir: &std::path::Path, name: &str, width: u32) {
    // The whole page, not only what fits the window.
    let height = b
        .client
        .execute("return document.documentElement.scrollHeight", vec![])
        .await
        .unwrap()
        .as_u64()
        .unwrap_or(900)
        .clamp(600, 4000) as u32
        + 120;
    b.client.set_window_size(width, height).await.unwrap();
    let png = b.client.screenshot().await.unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

#[tokio::test]
#[ignore = "writes PNGs; run by make screenshots"]
async fn screenshots_of_the_main_pages() {
    let dir = std::path::PathBuf::from(
        std::env::var("SCREENSHOTS_DIR").unwrap_or_else(|_| ".screenshots".into()),
    );
    std::fs::create_dir_all(&dir).unwrap();
    let db = PrivateDb::create();
    let tenant = db.provision("shots");
    let s = salon_on(db.spawn_app().await, tenant, "Europe/Paris", 2).await;
    for (name, minutes, cents) in [("Colour", 90, 6500), ("Beard trim", 20, 1200)] {
        let (status, body) = json_of(
            s.app
                .post(&s.tenant.host, "/api/v1/services")
                .bearer_auth(&s.token)
                .json(
                    &serde_json::json!({"name": name, "duration_minutes": minutes,
                    "price_cents": cents, "currency": "EUR",
                    "description": "By appointment, with a short consultation first."}),
                )
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 201, "{body}");
    }
    // A booking for the back office's calendar and booking pages.
    let booked = s.book_first(3, "ada.guest@example.com").await;
    let booking_id = booked["id"].as_str().unwrap().to_string();
    for lang in ["en", "ar", "fa"] {
        for width in [360u32, 1280] {
            let Some(b) = Browser::start(width).await else {
                return;
            };
            let tag = format!("{lang}-{width}");
            let url = |path: &str| site_url(&s.app, &s.tenant.host, path);
            // The platform's own sign-up page.
            b.goto(&site_url(
                &s.app,
                BASE_DOMAIN,
                &format!("/signup?lang={lang}"),
            ))
            .await;
            shoot(&b, &dir, &format!("signup-{tag}"), width).await;
            b.goto(&url(&format!("/?lang={lang}"))).await;
            shoot(&b, &dir, &format!("home-{tag}"), width).await;
            b.goto(&url(&format!("/book/{}", s.service_id))).await;
            b.click(".days li:nth-child(3) a.day").await;
            shoot(&b, &dir, &format!("booking-{tag}"), width).await;
            b.click("a.slot").await;
            b.fill("#name", "Nour Example").await;
            b.fill("#email", &format!("nour-{tag}@example.com")).await;
            shoot(&b, &dir, &format!("booking-form-{tag}"), width).await;
            b.click("form.stack button[type=submit]").await;
            shoot(&b, &dir, &format!("confirmation-{tag}"), width).await;
            b.click("#manage-link").await;
            shoot(&b, &dir, &format!("manage-{tag}"), width).await;

            // The back office, as the owner (the language cookie stays).
            let owner = s.tenant.owner_email.clone();
            sign_in(&b, &url("/admin/login"), &owner, OWNER_PASSWORD).await;
            let day = future_date(3);
            b.goto(&url(&format!("/admin/calendar?date={day}"))).await;
            shoot(&b, &dir, &format!("admin-calendar-{tag}"), width).await;
            b.goto(&url(&format!("/admin/bookings/{booking_id}"))).await;
            shoot(&b, &dir, &format!("admin-booking-{tag}"), width).await;
            let staff_id = &s.staff_ids[0];
            for (name, path) in [
                ("admin-week", format!("/admin/calendar/week?date={day}")),
                (
                    "admin-reschedule",
                    format!("/admin/bookings/{booking_id}/reschedule"),
                ),
                ("admin-services", "/admin/services".to_string()),
                (
                    "admin-staff-hours",
                    format!("/admin/staff/{staff_id}/hours"),
                ),
                ("admin-customers", "/admin/customers".to_string()),
                ("admin-settings", "/admin/settings".to_string()),
                ("admin-branding", "/admin/branding".to_string()),
                ("admin-webhooks", "/admin/webhooks".to_string()),
                ("admin-billing", "/admin/billing".to_string()),
            ] {
                b.goto(&url(&path)).await;
                shoot(&b, &dir, &format!("{name}-{tag}"), width).await;
            }
            b.click("#sign-out").await;

            // A customer's account page.
            let email = format!("account-{tag}@example.com");
            customer_account(&s.app, &s.tenant, &email).await;
            sign_in(&b, &url("/account/login"), &email, PASSWORD).await;
            shoot(&b, &dir, &format!("account-{tag}"), width).await;
            b.quit().await;
        }
    }
}
