//! The bookings tests' fixture: a tenant set up for booking (a salon), and
//! the calls a client makes on it.

use chrono::{Duration, Utc};
use serde_json::{json, Value};

use crate::support::*;

pub struct Salon {
    pub app: TestApp,
    pub tenant: TestTenant,
    pub token: String,
    pub service_id: String,
    pub staff_ids: Vec<String>,
}

/// A tenant in `tz` with one 30-minute service, `staff` staff members who
/// work 09:00-17:00 every day, no minimum notice and a two-year window.
pub async fn salon(tz: &str, staff: usize) -> Salon {
    salon_on(spawn_app().await, provision_tenant("book"), tz, staff).await
}

pub async fn salon_on(app: TestApp, tenant: TestTenant, tz: &str, staff: usize) -> Salon {
    let token = app.owner_token(&tenant);
    let (status, body) = json_of(
        app.put(&tenant.host, "/api/v1/booking-settings")
            .bearer_auth(&token)
            .json(&json!({"time_zone": tz, "min_notice_minutes": 0, "booking_window_days": 730, "slot_interval_minutes": 30}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, service) = json_of(
        app.post(&tenant.host, "/api/v1/services")
            .bearer_auth(&token)
            .json(&json!({"name": "Haircut", "duration_minutes": 30, "price_cents": 2500, "currency": "EUR"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{service}");
    let service_id = service["id"].as_str().unwrap().to_string();
    let mut staff_ids = Vec::new();
    for i in 0..staff {
        let (status, member) = json_of(
            app.post(&tenant.host, "/api/v1/staff")
                .bearer_auth(&token)
                .json(&json!({"name": format!("Stylist {i}"), "service_ids": [service_id]}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 201, "{member}");
        let id = member["id"].as_str().unwrap().to_string();
        let rules: Vec<Value> = (0..7)
            .map(|d| json!({"weekday": d, "start": "09:00", "end": "17:00"}))
            .collect();
        let (status, body) = json_of(
            app.put(&tenant.host, &format!("/api/v1/staff/{id}/availability"))
                .bearer_auth(&token)
                .json(&json!({ "rules": rules }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        staff_ids.push(id);
    }
    Salon {
        app,
        tenant,
        token,
        service_id,
        staff_ids,
    }
}

impl Salon {
    pub async fn slots(&self, date: &str, staff_id: Option<&str>) -> Vec<Value> {
        let mut path = format!(
            "/api/v1/services/{}/availability?from={date}&to={date}",
            self.service_id
        );
        if let Some(s) = staff_id {
            path.push_str(&format!("&staff_id={s}"));
        }
        let (status, body) =
            json_of(self.app.get(&self.tenant.host, &path).send().await.unwrap()).await;
        assert_eq!(status, 200, "{body}");
        body["slots"].as_array().unwrap().clone()
    }

    pub fn booking_body(&self, start: &str, staff_id: Option<&str>, email: &str) -> Value {
        let mut body = json!({
            "service_id": self.service_id,
            "start": start,
            "customer": {"name": "Ada Guest", "email": email, "phone": "+33 6 12 34 56 78"},
        });
        if let Some(s) = staff_id {
            body["staff_id"] = json!(s);
        }
        body
    }

    pub async fn book(&self, start: &str, staff_id: Option<&str>, email: &str) -> (u16, Value) {
        json_of(
            self.app
                .post(&self.tenant.host, "/api/v1/bookings")
                .json(&self.booking_body(start, staff_id, email))
                .send()
                .await
                .unwrap(),
        )
        .await
    }
}

pub fn future_date(days: i64) -> String {
    (Utc::now() + Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

impl Salon {
    /// Books the first free slot `days` from now; the booking with its
    /// manage token.
    pub async fn book_first(&self, days: i64, email: &str) -> Value {
        let date = future_date(days);
        let start = self.slots(&date, None).await[0]["start"]
            .as_str()
            .unwrap()
            .to_string();
        let (status, booking) = self.book(&start, None, email).await;
        assert_eq!(status, 201, "{booking}");
        booking
    }
}

/// A 4xx problem with this `code`, naming `field` when it is a field error:
/// what every crafted input must get (never a 5xx, never a dropped line).
pub fn assert_refused(
    (status, body): &(u16, Value),
    expected: u16,
    code: &str,
    field: Option<&str>,
) {
    assert_eq!(*status, expected, "{body}");
    assert_eq!(body["code"], code, "{body}");
    if let Some(field) = field {
        assert_eq!(body["errors"][0]["field"], field, "{body}");
    }
}
