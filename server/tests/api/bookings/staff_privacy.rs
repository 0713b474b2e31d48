//! Staff members' contact details and account links are for the team:
//! visitors and customers see who works there and what they do, nothing
//! more.

use serde_json::Value;

use super::{salon, Salon};
use crate::support::*;

/// What a visitor or customer may see of a staff member.
const PUBLIC_FIELDS: [&str; 4] = ["active", "id", "name", "service_ids"];

fn fields(member: &Value) -> Vec<String> {
    let mut keys: Vec<String> = member.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

/// A salon whose one staff member has an email, a phone and an account.
async fn salon_with_contacts() -> (Salon, String) {
    let s = salon("UTC", 1).await;
    let id = s.staff_ids[0].clone();
    let (status, body) = json_of(
        s.app
            .patch(&s.tenant.host, &format!("/api/v1/staff/{id}"))
            .bearer_auth(&s.token)
            .json(&serde_json::json!({
                "email": "stylist@example.com",
                "phone": "+33 6 11 22 33 44",
                "user_id": uuid::Uuid::new_v4(),
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    (s, id)
}

/// The list and the one member, as `bearer` (if any) sees them.
async fn seen_as(s: &Salon, id: &str, bearer: Option<&str>) -> (Value, Value) {
    let get = |path: String| {
        let req = s.app.get(&s.tenant.host, &path);
        match bearer {
            Some(token) => req.bearer_auth(token),
            None => req,
        }
    };
    let (status, list) = json_of(get("/api/v1/staff".into()).send().await.unwrap()).await;
    assert_eq!(status, 200, "{list}");
    let (status, one) = json_of(get(format!("/api/v1/staff/{id}")).send().await.unwrap()).await;
    assert_eq!(status, 200, "{one}");
    (list["items"][0].clone(), one)
}

/// A signed-in customer's access token (through the real sign-in).
async fn customer_token(s: &Salon) -> String {
    let email = unique_email("privacy");
    let body = customer_account(&s.app, &s.tenant, &email).await;
    body["access_token"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn visitors_see_no_contact_details() {
    let (s, id) = salon_with_contacts().await;
    for bearer in [None, Some("not-a-token")] {
        let (listed, one) = seen_as(&s, &id, bearer).await;
        for member in [&listed, &one] {
            assert_eq!(fields(member), PUBLIC_FIELDS, "{member}");
            assert_eq!(member["id"], id.as_str());
            assert_eq!(member["name"], "Stylist 0");
            assert_eq!(member["service_ids"][0], s.service_id.as_str());
        }
    }
}

#[tokio::test]
async fn customers_see_no_contact_details() {
    let (s, id) = salon_with_contacts().await;
    let token = customer_token(&s).await;
    let (listed, one) = seen_as(&s, &id, Some(&token)).await;
    for member in [&listed, &one] {
        assert_eq!(fields(member), PUBLIC_FIELDS, "{member}");
    }
}

#[tokio::test]
async fn the_team_sees_contact_details() {
    let (s, id) = salon_with_contacts().await;
    let (listed, one) = seen_as(&s, &id, Some(&s.token)).await;
    for member in [&listed, &one] {
        assert_eq!(member["email"], "stylist@example.com", "{member}");
        assert_eq!(member["phone"], "+33611223344", "{member}");
        assert!(member["user_id"].is_string(), "{member}");
        assert!(member["created_at"].is_string(), "{member}");
    }
}
